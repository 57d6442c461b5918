"""Checks a score of the anonymizer corpus scorer (`score.py --json`) against targets and fails
naming every one missed, and any problem with the output's format.

Usage: score_targets.py SCORE_JSON WHAT TARGET...
A target is METRIC OP LIMIT in one argument: `leak<0.02`, `leak:SECRET<=0`, `keep>=0.97`,
`precision>0.97`. METRIC is `leak`, `keep` or `precision` overall, or `leak:TYPE` for one entity
type. A rate the score does not give (nothing of that type) meets an upper bound and misses a
lower one. `<` and `>` are strict.
"""
import json
import re
import sys

NAMES = {"leak": "leak_rate", "keep": "keep_rate", "precision": "precision"}
TARGET = re.compile(r"^(leak|keep|precision)(?::([A-Z_]+))?(<=|>=|<|>)([0-9.]+)$")


def check(score, target):
    match = TARGET.match(target)
    if not match:
        sys.exit(f"bad target {target!r}")
    metric, kind, op, limit = match.group(1), match.group(2), match.group(3), float(match.group(4))
    if kind:
        name = f"{kind} {metric} rate"
        value = score["by_type"].get(kind, {}).get(NAMES[metric])
    else:
        name = "overall leak rate" if metric == "leak" else NAMES[metric].replace("_", " ")
        value = score["overall"][NAMES[metric]]
    if value is None:  # nothing to leak meets an upper bound, and misses a lower one
        met = op.startswith("<")
    else:
        met = {
            "<=": value <= limit,
            "<": value <= limit - 1e-9,
            ">=": value >= limit,
            ">": value >= limit + 1e-9,
        }[op]
    if met:
        return None
    shown = "none" if value is None else f"{100 * value:.2f}%"
    return f"{name} is {shown}, target {op} {100 * limit:.1f}%"


def main():
    path, what, targets = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(path, encoding="utf-8") as f:
        score = json.load(f)
    missed = [m for m in (check(score, t) for t in targets) if m]
    fmt = score["format"]
    if fmt["errors"] or fmt["missing"] or fmt["bad_lines"] or fmt["findings_invalid"]:
        missed.append(f"output format problems: {fmt}")
    if missed:
        print(f"anonymizer targets missed on {what}:\n  " + "\n  ".join(missed))
        sys.exit(1)
    print(f"anonymizer targets met on {what}")


if __name__ == "__main__":
    main()
