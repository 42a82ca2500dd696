#!/usr/bin/env python3
"""T5 in numpy: the same scenario evaluation bench/whatif.c does, written
the way a numpy user would (vectorised over paths and scenarios: one
matrix product per series, np.quantile along the paths), on the inputs
bench_whatif wrote (--out DIR), for the first K series.  Checks its means
against fdi's and prints series,scenarios,paths,seconds,evals_per_s,
max_rel_diff.

usage: whatif_numpy.py DIR SERIES PATHS K
"""
import csv
import sys
import time

import numpy as np

H = 3
FIRST = 2016 * 12 + 9  # 2016-10


def month(s):
    y, m = s.split("-")
    return int(y) * 12 + int(m) - 1


def main():
    d, S, P, K = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    rows = list(csv.DictReader(open(f"{d}/scenarios.csv")))
    names = []
    index = {}
    for r in rows:
        if r["scenario"] not in index:
            index[r["scenario"]] = len(names) + 1
            names.append(r["scenario"])
    J = len(names) + 1
    groups = open(f"{d}/groups.txt").read().split()
    paths = np.fromfile(f"{d}/paths.f64").reshape(S, P, H)
    fdi_means = np.fromfile(f"{d}/means.f64").reshape(S, J)
    ops = [(index[r["scenario"]], r["filter"].split("=")[1] if r["filter"] else None,
            month(r["from"]) - FIRST, month(r["to"]) - FIRST, r["op"], float(r["value"]))
           for r in rows]
    t0 = time.perf_counter()
    worst = 0.0
    for s in range(K):
        a = np.ones((H, J))
        b = np.zeros((H, J))
        for j, grp, f, t, op, v in ops:
            if grp is not None and grp != groups[s]:
                continue
            if op == "shift":
                b[f, j] -= v
                b[t, j] += v
                continue
            for m in range(f, t + 1):
                if op == "scale":
                    a[m, j] *= v
                    b[m, j] *= v
                elif op == "add":
                    b[m, j] += v
                elif op == "set":
                    a[m, j] = 0.0
                    b[m, j] = v
                elif op == "growth":
                    g = (1 + v / 100) ** (m - f + 1)
                    a[m, j] *= g
                    b[m, j] *= g
        tot = paths[s] @ a + (1000.0 + b.sum(axis=0))  # P x J
        mean = tot.mean(axis=0)
        lo, hi = np.quantile(tot, [0.1, 0.9], axis=0)
        p_target = (tot >= 1300.0).mean(axis=0)
        worst = max(worst, float(np.max(np.abs(mean - fdi_means[s]) /
                                        np.maximum(1.0, np.abs(fdi_means[s])))))
        del lo, hi, p_target
    secs = time.perf_counter() - t0
    print("series,scenarios,paths,seconds,evals_per_s,max_rel_diff")
    print(f"{K},{J},{P},{secs:.3f},{K * J / secs:.0f},{worst:.2e}")


if __name__ == "__main__":
    main()
