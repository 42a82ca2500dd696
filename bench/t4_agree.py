#!/usr/bin/python3
"""T4: score every tool's forecasts on the same sample, by kind of series.

    t4_agree.py DATA TOOL=DUMP.csv ... [--agree TOOL:METHOD,TOOL:METHOD]

DATA is the long CSV (series,category,period,value,part) the tools read;
each DUMP holds forecasts as bench/m3.c --dump, bench/m3_r.R --dump and
bench/t4_statsmodels.py --dump write them: method,series,h,forecast,label
(label last, may hold commas).  Every dump must cover the same series.
Prints a markdown table, one row per tool and method, with sMAPE and MASE
(the definitions of bench/m3.c) over the sample and sMAPE by category; with
--agree, how often the two named fits chose the same model, and the series
where they did not.  Standard library only.
"""
import argparse
import collections
import csv
import sys

M = 12


def read_data(path):
    cat, train, test = {}, collections.defaultdict(list), collections.defaultdict(list)
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            cat[r["series"]] = r["category"]
            (test if r["part"] == "test" else train)[r["series"]].append(float(r["value"]))
    return cat, train, test


def read_dump(path):
    """{method: {series: (label, [forecasts by h])}}"""
    out = collections.defaultdict(dict)
    with open(path) as f:
        next(f)
        for line in f:
            method, series, h, fc, label = line.rstrip("\n").split(",", 4)
            lab, vals = out[method].setdefault(series, (label, []))
            if int(h) != len(vals) + 1:
                sys.exit("t4_agree: %s: %s h=%s out of order" % (path, series, h))
            vals.append(float(fc))
    return out


def scores(series, fcs, train, test):
    """(smape over all terms, mean MASE) of fcs[s] on series s."""
    terms, mases = [], []
    for s in series:
        a, f, y = test[s], fcs[s][1][:len(test[s])], train[s]
        terms.extend(0.0 if abs(x) + abs(g) == 0 else 200 * abs(x - g) / (abs(x) + abs(g))
                     for x, g in zip(a, f))
        scale = sum(abs(y[t] - y[t - M]) for t in range(M, len(y))) / (len(y) - M)
        if scale > 0:
            mases.append(sum(abs(x - g) for x, g in zip(a, f)) / len(a) / scale)
    return sum(terms) / len(terms), sum(mases) / len(mases)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data")
    ap.add_argument("dumps", nargs="+", metavar="TOOL=DUMP")
    ap.add_argument("--agree", help="TOOL:METHOD,TOOL:METHOD: compare the models chosen")
    a = ap.parse_args()
    cat, train, test = read_data(a.data)
    fits, sample = {}, None
    for arg in a.dumps:
        tool, path = arg.split("=", 1)
        for method, per in read_dump(path).items():
            fits[(tool, method)] = per
            keys = sorted(per)
            if sample is None:
                sample = keys
            elif keys != sample:
                sys.exit("t4_agree: %s %s covers other series than the first dump"
                         % (tool, method))
    kinds = sorted(set(cat[s] for s in sample))
    count = collections.Counter(cat[s] for s in sample)
    print("| tool | method | sMAPE | MASE | %s |" % " | ".join(
        "sMAPE %s (%d)" % (k, count[k]) for k in kinds))
    print("|---|---|---:|---:|" + "---:|" * len(kinds))
    for (tool, method), per in fits.items():
        sm, ma = scores(sample, per, train, test)
        by = [scores([s for s in sample if cat[s] == k], per, train, test)[0] for k in kinds]
        print("| %s | %s | %.2f | %.3f | %s |" % (tool, method, sm, ma,
                                                 " | ".join("%.2f" % x for x in by)))
    if a.agree:
        (t1, m1), (t2, m2) = (x.split(":", 1) for x in a.agree.split(","))
        f1, f2 = fits[(t1, m1)], fits[(t2, m2)]
        differ = [s for s in sample if f1[s][0] != f2[s][0]]
        close = sum(1 for s in sample
                    if all(abs(x - y) <= 1e-3 * max(abs(x), abs(y), 1e-12)
                           for x, y in zip(f1[s][1], f2[s][1])))
        print()
        print("%s %s and %s %s chose the same model on %d of %d series; forecasts "
              "within 0.1%% of each other at every step on %d."
              % (t1, m1, t2, m2, len(sample) - len(differ), len(sample), close))
        if differ:
            kinds_d = collections.Counter(cat[s] for s in differ)
            print("Different models (%s):" % ", ".join(
                "%d %s" % (n, k) for k, n in sorted(kinds_d.items())))
            print()
            print("| series | category | %s %s | %s %s | sMAPE %s | sMAPE %s |"
                  % (t1, m1, t2, m2, t1, t2))
            print("|---|---|---|---|---:|---:|")
            for s in differ:
                print("| %s | %s | %s | %s | %.1f | %.1f |" % (
                    s, cat[s], f1[s][0], f2[s][0], scores([s], f1, train, test)[0],
                    scores([s], f2, train, test)[0]))


if __name__ == "__main__":
    main()
