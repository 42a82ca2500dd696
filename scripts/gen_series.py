#!/usr/bin/python3
"""Seeded generator of the T4 forecasting benchmark: N monthly FDI-like series.

A long CSV in the layout of the M3 file bench/m3.c reads (and bench/m3_r.R):

    series,category,period,value,part

Each series has 120 months, 2015-01 .. 2024-12: the first 108 are `train`,
the 12 months of 2024 are `test` (the year-end question asked at the end of
2023: h = 12).  Series are named S00001, S00002, ... and written in that
order, one series after another, months in order.

Shapes (category, share of series):
  steady   35%  flat or slowly growing level
  growing  30%  strong trend (about +12% a year, some negative)
  lumpy    20%  a small base plus occasional large projects (spikes)
  break    15%  a level shift somewhere in 2017-2022
Every series: a positive level (USD million a month, lognormal around 20),
a slowly wandering log-level, a multiplicative season shaped like Vietnam's
FDI year (Tet dip in Jan-Feb, a June bump, the December rush) with its own
amplitude and per-month perturbation, and AR(1) multiplicative noise.
Values are positive with two decimals (at least 0.01): no zeros, so every
method (multiplicative ETS, Holt-Winters with a multiplicative season,
sMAPE, MASE) applies to every series.

Series i depends only on (seed, i), through the standard library's Random
seeded with a string: the first 1,000 series of an N = 10,000 file are the
N = 1,000 file, and the same seed and N give the same bytes on any Python 3.

    /usr/bin/python3 scripts/gen_series.py --n 1000 --seed 1 --out build-bench/t4_1000.csv
"""
import argparse
import math
import random
import sys
import time

YEARS = range(2015, 2025)
MONTHS = 12 * len(YEARS)
TRAIN = MONTHS - 12
# log seasonal shape: Tet (Jan-Feb) low, a June bump, the December rush
SEASON = [-0.25, -0.45, 0.00, -0.05, 0.00, 0.15, -0.05, 0.00, 0.05, 0.00, 0.05, 0.45]
KINDS = [("steady", 0.35), ("growing", 0.30), ("lumpy", 0.20), ("break", 0.15)]


def pick_kind(r):
    u, acc = r.random(), 0.0
    for name, share in KINDS:
        acc += share
        if u < acc:
            return name
    return KINDS[-1][0]


def one_series(seed, i):
    """(category, list of MONTHS positive values) of series i."""
    r = random.Random("t4:%d:%d" % (seed, i))
    kind = pick_kind(r)
    log_level = r.gauss(3.0, 1.2)                       # exp(3) = 20 USD m a month
    growth = {"steady": r.gauss(0.02, 0.03), "growing": r.gauss(0.12, 0.08),
              "lumpy": r.gauss(0.05, 0.08), "break": r.gauss(0.05, 0.05)}[kind]
    drift = growth / 12.0
    wander = r.uniform(0.005, 0.03)                     # sd of the log-level walk
    amp = r.uniform(0.3, 1.5)
    season = [amp * s + r.gauss(0.0, 0.1) for s in SEASON]
    mean_s = sum(season) / 12.0
    season = [s - mean_s for s in season]
    sigma = r.uniform(0.05, 0.30) if kind != "lumpy" else r.uniform(0.25, 0.50)
    phi = r.uniform(0.0, 0.4)
    shift_at = r.randrange(24, 96) if kind == "break" else -1
    shift = r.choice((-1.0, 1.0)) * r.uniform(0.3, 0.8)
    p_spike = r.uniform(0.03, 0.10)
    base = r.uniform(0.2, 0.5)                          # lumpy: the small-project floor
    e, values = 0.0, []
    for t in range(MONTHS):
        log_level += drift + r.gauss(0.0, wander)
        if t == shift_at:
            log_level += shift
        e = phi * e + r.gauss(0.0, sigma)
        level = math.exp(log_level + season[t % 12])
        v = level * math.exp(e)
        if kind == "lumpy":
            v *= base
            if r.random() < p_spike:                    # a large project
                v += level * math.exp(r.gauss(math.log(4.0), 0.7))
        values.append(max(0.01, round(v, 2)))
    return kind, values


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="number of series")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="-", help="output file (default stdout)")
    a = ap.parse_args()
    if a.n < 1 or a.n > 99999:
        ap.error("--n must be 1..99999")
    t0 = time.perf_counter()
    periods = ["%d-%02d" % (y, m) for y in YEARS for m in range(1, 13)]
    parts = ["train"] * TRAIN + ["test"] * (MONTHS - TRAIN)
    out = sys.stdout if a.out == "-" else open(a.out, "w", newline="\n")
    out.write("series,category,period,value,part\n")
    for i in range(1, a.n + 1):
        kind, values = one_series(a.seed, i)
        name = "S%05d" % i
        out.write("".join("%s,%s,%s,%.2f,%s\n" % (name, kind, p, v, part)
                          for p, v, part in zip(periods, values, parts)))
    if out is not sys.stdout:
        out.close()
    print("gen_series: %d series x %d months (%d train, %d test), seed %d, %.1f s"
          % (a.n, MONTHS, TRAIN, MONTHS - TRAIN, a.seed, time.perf_counter() - t0),
          file=sys.stderr)


if __name__ == "__main__":
    main()
