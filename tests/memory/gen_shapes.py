#!/usr/bin/python3
"""Write the four shapes of issue 15, item 2 ("memory that follows the
data, not its extremes") at a scale: 1 is the issue's size, 0.1 a tenth.

  wide.csv     period + N value columns (N = 99,999 at scale 1, ~1.3 MB:
               the header's 100,000 columns are the most fdi reads),
               three months of 2016: N series of three rows
  measures.csv long data, 100 provinces x M measure names (M = 4,000 at
               scale 1, ~7.8 MB), one row per (province, measure)
  span.csv     K series (K = 60,000 at scale 1, ~2 MB) with one row in
               1800-01 and one in 2016-01: a dense panel would span 2,604
               months
  scen.csv     a what-if scenario file with Q distinct scenario names
               (Q = 100,000 at scale 1), for datasets/haiphong

Every value is chosen so the answers are known without fdi: see expect()
below, which the test reads back.
usage: gen_shapes.py DIR SCALE   (prints the expected answers as JSON)
"""
import json
import os
import sys


def wide(path, n):
    # column j (1-based) holds j % 7 + 1 in January, 2 in February and
    # j % 5 in March: its ytd at 2016-03 is j % 7 + j % 5 + 3
    with open(path, "w") as f:
        f.write("period," + ",".join("v%d" % j for j in range(1, n + 1)) + "\n")
        f.write("2016-01," + ",".join(str(j % 7 + 1) for j in range(1, n + 1)) + "\n")
        f.write("2016-02," + ",".join("2" for j in range(1, n + 1)) + "\n")
        f.write("2016-03," + ",".join(str(j % 5) for j in range(1, n + 1)) + "\n")
    total = sum(j % 7 + j % 5 + 3 for j in range(1, n + 1))
    return {"series": n, "ytd_total": total,
            "v%d" % n: n % 7 + n % 5 + 3}


def measures(path, m, provinces=100):
    # province p, measure k: value (p * 7 + k) % 100
    total = 0
    with open(path, "w") as f:
        f.write("period,province,measure,value\n")
        for p in range(1, provinces + 1):
            for k in range(1, m + 1):
                v = (p * 7 + k) % 100
                total += v
                f.write("2016-01,P%d,m%d,%d\n" % (p, k, v))
    return {"series": provinces * m, "ytd_total": total,
            "P%d/m%d" % (provinces, m): (provinces * 7 + m) % 100}


def span(path, k):
    # series s: s % 9 in 1800-01 and s % 11 + 1 in 2016-01; the ytd at
    # 2016-01 is the 2016 value
    with open(path, "w") as f:
        f.write("period,series,value\n")
        for s in range(1, k + 1):
            f.write("1800-01,s%d,%d\n" % (s, s % 9))
        for s in range(1, k + 1):
            f.write("2016-01,s%d,%d\n" % (s, s % 11 + 1))
    total = sum(s % 11 + 1 for s in range(1, k + 1))
    return {"series": k, "ytd_total": total, "s%d" % k: k % 11 + 1}


def scenarios(path, q):
    # scenario i adds i/1000 to December 2016 on every series
    with open(path, "w") as f:
        f.write("scenario,filter,from,to,op,value\n")
        for i in range(1, q + 1):
            f.write("sc%d,,2016-12,2016-12,add,%g\n" % (i, i / 1000))
    return {"scenarios": q}


def main():
    out, scale = sys.argv[1], float(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    exp = {
        "wide": wide(os.path.join(out, "wide.csv"), round(100000 * scale) - 1),
        "measures": measures(os.path.join(out, "measures.csv"), round(4000 * scale)),
        "span": span(os.path.join(out, "span.csv"), round(60000 * scale)),
        "scen": scenarios(os.path.join(out, "scen.csv"), round(100000 * scale)),
    }
    for name in exp:
        exp[name]["bytes"] = os.path.getsize(os.path.join(out, name + ".csv"))
    json.dump(exp, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
