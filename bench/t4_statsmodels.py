#!/usr/bin/python3
"""T4 peer: statsmodels Holt-Winters on the series bench/m3.c reads.

For each of the first N series of a long CSV (series,category,period,value,
part; the M3 layout, as scripts/gen_series.py writes it), in the order the
series first appear:

    ExponentialSmoothing(train, trend="add", seasonal=S,
                         seasonal_periods=12).fit().forecast(h)

with h = the number of test months (12 for T4) and S = "mul" (default) or
"add"; every other argument is statsmodels' default (estimated initial
states, brute-force start, L-BFGS-B).  Scores the test part as bench/m3.c
and bench/m3_r.R do:
    smape  mean over series and horizons of 200 |a - f| / (|a| + |f|)
           (a term with a = f = 0 counts as 0)
    mase   mean over series of mean_h |a - f| / mean |y_t - y_{t-12}| (train)
    seconds            time.perf_counter() around fit + forecast only,
                       summed over series (no I/O, no scoring)
    series_per_second  series / seconds
Writes one CSV row, method,smape,mase,seconds,series_per_second (the
columns of bench/m3_r.R), and with --dump every forecast as
method,series,h,forecast,label (the columns of bench/m3.c --dump).
Single process, one thread (OPENBLAS/OMP threads pinned to 1 by t4.sh).

    /usr/bin/python3 bench/t4_statsmodels.py build-bench/t4_1000.csv --n 100 [--seasonal add]
"""
import argparse
import csv
import sys
import time
import warnings

import numpy as np
from statsmodels.tsa.holtwinters import ExponentialSmoothing

M = 12


def load(path, n):
    """[(name, train array, test array)] for the first n series of path."""
    order, train, test = [], {}, {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            s = row["series"]
            if s not in train:
                if len(order) == n:
                    continue
                order.append(s)
                train[s], test[s] = [], []
            (test if row["part"] == "test" else train)[s].append(float(row["value"]))
    return [(s, np.array(train[s]), np.array(test[s])) for s in order]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data")
    ap.add_argument("--n", type=int, default=100, help="first N series (default 100)")
    ap.add_argument("--seasonal", choices=("mul", "add"), default="mul")
    ap.add_argument("--out", default="-", help="result CSV (default stdout)")
    ap.add_argument("--dump", help="write every forecast to this CSV")
    a = ap.parse_args()
    series = load(a.data, a.n)
    method = "hw_" + a.seasonal
    warnings.simplefilter("ignore")  # ConvergenceWarning on some series
    secs, fcs, failed = 0.0, [], 0
    for name, y, test in series:
        h = len(test)
        t0 = time.perf_counter()
        try:
            fit = ExponentialSmoothing(y, trend="add", seasonal=a.seasonal,
                                       seasonal_periods=M).fit()
            fc = np.asarray(fit.forecast(h), dtype=float)
        except Exception:  # noqa: BLE001 - a failed fit counts, as in m3.c
            fc = None
        secs += time.perf_counter() - t0
        if fc is None or not np.all(np.isfinite(fc)):
            failed += 1
            fc = np.full(h, y[-1])  # m3.c's fallback: the last value
        fcs.append(fc)

    smape_terms, mases = [], []
    for (name, y, test), fc in zip(series, fcs):
        den = np.abs(test) + np.abs(fc)
        smape_terms.extend(np.where(den == 0, 0.0,
                                    200 * np.abs(test - fc) / np.where(den == 0, 1, den)))
        scale = np.mean(np.abs(y[M:] - y[:-M]))
        if scale > 0:
            mases.append(np.mean(np.abs(test - fc)) / scale)
    smape, mase = float(np.mean(smape_terms)), float(np.mean(mases))
    print("t4_statsmodels: %s on %d series: smape %.4f mase %.4f, %.2f s (%.1f ms/series)%s"
          % (method, len(series), smape, mase, secs, 1000 * secs / len(series),
             ", %d failed" % failed if failed else ""), file=sys.stderr)

    out = sys.stdout if a.out == "-" else open(a.out, "w", newline="")
    out.write("method,smape,mase,seconds,series_per_second\n")
    out.write("%s,%.6f,%.6f,%.4f,%.4f\n" % (method, smape, mase, secs, len(series) / secs))
    if out is not sys.stdout:
        out.close()
    if a.dump:
        with open(a.dump, "w", newline="") as f:
            f.write("method,series,h,forecast,label\n")
            label = "Holt-Winters (A,%s)" % ("M" if a.seasonal == "mul" else "A")
            for (name, _, _), fc in zip(series, fcs):
                for k, v in enumerate(fc, 1):
                    f.write("%s,%s,%d,%.10g,%s\n" % (method, name, k, v, label))


if __name__ == "__main__":
    main()
