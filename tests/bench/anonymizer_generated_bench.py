#!/usr/bin/env python3
"""Speed of `hindsight anonymize` on generated secrets documents against the dev corpus.

Fresh documents from tests/anonymizer/secrets_corpus_generator.py (a seed the anonymizer was
never tuned on) hold the kinds of text the dev corpus has little of: config pastes, shell
history, CI logs, chat exports, dense with secrets. Each binary reads three inputs of about
10 MB --runs times, the binaries and inputs taking turns so that all see the same disturbances
of a shared machine:
- "generated": the generated documents, each read once;
- "dev corpus": the dev corpus repeated whole;
- "generated, repeated": the first generated documents up to the dev corpus's size, repeated
  as many times. Each of its documents is read as often as a dev corpus document, so one-time
  work (an RE2 DFA state built for text not seen before) weighs on both alike: this compares
  the kinds of text, where "generated" also counts text never seen.
Printed per binary and input: MB/s over the median and the best wall time, and CPU ms per MB
(user + system, both threads); then each generated input's speed over the dev corpus's: the
medians' ratio, the best times' ratio, the CPU medians' ratio, and the median of the ratios
of each round's runs ("paired"), which a change in the machine's speed between rounds moves
least, as a round's runs follow one another within a second or two.

Usage: anonymizer_generated_bench.py [--runs N] [--seed N] [--docs N] WORK_DIR BINARY...
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def inputs(work, seed, docs, corpus):
    generated_dir = os.path.join(work, f"generated-seed{seed}-{docs}")
    generated = os.path.join(generated_dir, "input.jsonl")
    if not os.path.exists(generated):
        subprocess.run([sys.executable,
                        os.path.join(REPO, "tests/anonymizer/secrets_corpus_generator.py"),
                        "--seed", str(seed), "--docs", str(docs), "--out", generated_dir],
                       check=True, stdout=subprocess.DEVNULL)
    with open(corpus, "rb") as f:
        data = f.read()
    if not data.endswith(b"\n"):
        data += b"\n"
    copies = max(1, -(-os.path.getsize(generated) // len(data)))  # as large, whole documents
    dev = os.path.join(work, f"dev-corpus-x{copies}.jsonl")
    write_copies(dev, data, copies)
    head = b""
    with open(generated, "rb") as f:
        for line in f:
            if head and len(head) + len(line) > len(data):
                break
            head += line
    repeated = os.path.join(generated_dir, f"head-x{copies}.jsonl")
    write_copies(repeated, head, copies)
    return [("generated", generated), ("dev corpus", dev), ("generated, repeated", repeated)]


def write_copies(path, data, copies):
    if os.path.exists(path):
        return
    with open(path + ".tmp", "wb") as f:
        for _ in range(copies):
            f.write(data)
    os.replace(path + ".tmp", path)


def run(binary, path):
    """Wall seconds and CPU seconds of one run."""
    with open(path, "rb") as stdin, open(os.devnull, "wb") as stdout:
        start = time.monotonic()
        proc = subprocess.Popen([binary, "anonymize"], stdin=stdin, stdout=stdout)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{binary} failed with status {status}")
    return wall, usage.ru_utime + usage.ru_stime


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("work_dir")
    ap.add_argument("binaries", nargs="+")
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--docs", type=int, default=4000)
    ap.add_argument("--corpus", default=os.path.join(REPO, "../shared/anonymizer-corpus/input.jsonl"))
    a = ap.parse_args()
    os.makedirs(a.work_dir, exist_ok=True)
    files = inputs(a.work_dir, a.seed, a.docs, a.corpus)
    times = {(b, name): [] for b in a.binaries for name, _ in files}
    for _ in range(a.runs):
        for binary in a.binaries:
            for name, path in files:
                times[(binary, name)].append(run(binary, path))
    for binary in a.binaries:
        speed = {}
        for name, path in files:
            mb = os.path.getsize(path) / 1e6
            walls = [t[0] for t in times[(binary, name)]]
            cpus = [t[1] for t in times[(binary, name)]]
            speed[name] = (mb / statistics.median(walls), mb / min(walls),
                           statistics.median(cpus) / mb * 1e3)
            print(f"{binary} {name:>19} ({mb:.1f} MB): {speed[name][0]:6.2f} MB/s median, "
                  f"{speed[name][1]:6.2f} MB/s best, {speed[name][2]:5.1f} CPU ms/MB median")
        d = speed["dev corpus"]
        size = {name: os.path.getsize(path) / 1e6 for name, path in files}
        for name in ("generated", "generated, repeated"):
            g = speed[name]
            paired = [(size[name] / gen[0]) / (size["dev corpus"] / dev[0])
                      for gen, dev in zip(times[(binary, name)], times[(binary, "dev corpus")])]
            paired_cpu = [(dev[1] / size["dev corpus"]) / (gen[1] / size[name])
                          for gen, dev in zip(times[(binary, name)], times[(binary, "dev corpus")])]
            print(f"{binary} {name} / dev corpus: {g[0] / d[0]:.2f} (median), "
                  f"{g[1] / d[1]:.2f} (best), {d[2] / g[2]:.2f} (CPU), "
                  f"{statistics.median(paired):.2f} (paired), "
                  f"{statistics.median(paired_cpu):.2f} (paired CPU)")


if __name__ == "__main__":
    main()
