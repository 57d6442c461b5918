#!/usr/bin/env python3
"""Throughput and memory of `hindsight anonymize` against redact-pii, side by side.

For each input size (1, 10 and 100 MB by default), the dev corpus is repeated, whole documents,
until it holds at least that many bytes; both engines read it --runs times, taking turns, and
MB/s is input bytes over the median wall time of an engine's runs, start-up included. The
maximum RSS of `hindsight anonymize` at each size must stay flat (it streams).

Usage: anonymizer_bench.py HINDSIGHT_BINARY PEER_SCRIPT NODE_MODULES_DIR CORPUS_DIR WORK_DIR
"""
import argparse
import os
import statistics
import subprocess
import sys
import time


def run(cmd, input_path, env=None):
    """Wall seconds, max RSS (MiB) and CPU seconds of one run of cmd with stdin from input_path."""
    with open(input_path, "rb") as stdin, open(os.devnull, "wb") as stdout:
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdin=stdin, stdout=stdout, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.monotonic() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{cmd[0]} failed with status {status}")
    return elapsed, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime


def repeated(corpus, copies, work):
    path = os.path.join(work, f"input-x{copies}.jsonl")
    if not os.path.exists(path):
        with open(corpus, "rb") as f:
            data = f.read()
        if not data.endswith(b"\n"):
            data += b"\n"
        with open(path + ".tmp", "wb") as f:
            for _ in range(copies):
                f.write(data)
        os.replace(path + ".tmp", path)
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("hindsight")
    ap.add_argument("peer_script")
    ap.add_argument("node_modules")
    ap.add_argument("corpus_dir")
    ap.add_argument("work_dir")
    ap.add_argument("--sizes", default="1,10,100", help="input sizes in MB, comma-separated")
    ap.add_argument("--runs", type=int, default=3, help="runs of each engine at each size")
    a = ap.parse_args()
    os.makedirs(a.work_dir, exist_ok=True)
    corpus = os.path.join(a.corpus_dir, "input.jsonl")
    corpus_size = os.path.getsize(corpus)
    env = dict(os.environ, NODE_PATH=a.node_modules)
    engines = [("hindsight", [a.hindsight, "anonymize"], None),
               ("redact-pii", ["node", a.peer_script], env)]

    ratios = []
    for megabytes in (float(s) for s in a.sizes.split(",")):
        copies = max(1, -(-int(megabytes * 1e6) // corpus_size))
        path = repeated(corpus, copies, a.work_dir)
        size = os.path.getsize(path)
        runs = {name: [] for name, _, _ in engines}
        for _ in range(a.runs):
            for name, cmd, engine_env in engines:
                runs[name].append(run(cmd, path, engine_env))
        rates = {}
        for name, _, _ in engines:
            wall = statistics.median(r[0] for r in runs[name])
            cpu = statistics.median(r[2] for r in runs[name])
            rss = max(r[1] for r in runs[name])
            rates[name] = size / wall / 1e6
            # CPU time too: on a shared host, stolen time stretches the wall clock of either run.
            print(f"{size / 1e6:7.1f} MB {name:>10}: {rates[name]:7.2f} MB/s "
                  f"(median of {a.runs}: {wall:6.3f} s, {cpu:6.3f} CPU s; max RSS {rss:.0f} MiB)",
                  flush=True)
        ratios.append(rates["hindsight"] / rates["redact-pii"])
        print(f"{size / 1e6:7.1f} MB {'ratio':>10}: {ratios[-1]:.1f}x redact-pii "
              f"(corpus x{copies})", flush=True)
    print(f"{'lowest ratio':>21}: {min(ratios):.1f}x redact-pii")


if __name__ == "__main__":
    main()
