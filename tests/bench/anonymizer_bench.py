#!/usr/bin/env python3
"""Throughput and memory of `hindsight anonymize` against redact-pii, side by side.

Each engine reads the dev corpus repeated until one run lasts at least --min-seconds; MB/s is
input bytes over the wall time of that run. Memory: the maximum RSS of `hindsight anonymize`
over the same input and over ten times as much, which must stay flat (streaming).

Usage: anonymizer_bench.py HINDSIGHT_BINARY PEER_SCRIPT NODE_MODULES_DIR CORPUS_DIR WORK_DIR
"""
import argparse
import os
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


def measure(name, cmd, corpus, work, min_seconds, env=None):
    """Grows the input until one run lasts min_seconds; returns (MB/s, seconds, bytes, copies)."""
    copies = 1
    while True:
        path = repeated(corpus, copies, work)
        elapsed, rss, cpu = run(cmd, path, env)
        size = os.path.getsize(path)
        if elapsed >= min_seconds:
            mbps = size / elapsed / 1e6
            # CPU time too: on a shared host, stolen time stretches the wall clock of either run.
            print(f"{name:>12}: {size / 1e6:8.1f} MB in {elapsed:6.2f} s = {mbps:7.2f} MB/s "
                  f"(corpus x{copies}, max RSS {rss:.0f} MiB, {cpu:.2f} CPU s = "
                  f"{size / cpu / 1e6:.2f} MB per CPU second)", flush=True)
            return mbps, elapsed, size, copies
        copies = max(copies + 1, int(copies * min_seconds * 1.2 / max(elapsed, 0.01)))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("hindsight")
    ap.add_argument("peer_script")
    ap.add_argument("node_modules")
    ap.add_argument("corpus_dir")
    ap.add_argument("work_dir")
    ap.add_argument("--min-seconds", type=float, default=5.0)
    a = ap.parse_args()
    os.makedirs(a.work_dir, exist_ok=True)
    corpus = os.path.join(a.corpus_dir, "input.jsonl")
    env = dict(os.environ, NODE_PATH=a.node_modules)

    ours, _, _, copies = measure("hindsight", [a.hindsight, "anonymize"], corpus, a.work_dir,
                                 a.min_seconds)
    peer, _, _, _ = measure("redact-pii", ["node", a.peer_script], corpus, a.work_dir,
                            a.min_seconds, env)
    print(f"{'ratio':>12}: {ours / peer:.1f}x redact-pii")

    small = max(1, copies // 10)
    _, rss_small, _ = run([a.hindsight, "anonymize"], repeated(corpus, small, a.work_dir))
    _, rss_large, _ = run([a.hindsight, "anonymize"], repeated(corpus, small * 10, a.work_dir))
    size_small = os.path.getsize(repeated(corpus, small, a.work_dir)) / 1e6
    print(f"{'memory':>12}: max RSS {rss_small:.0f} MiB on {size_small:.0f} MB, "
          f"{rss_large:.0f} MiB on {size_small * 10:.0f} MB (x10 input)")


if __name__ == "__main__":
    main()
