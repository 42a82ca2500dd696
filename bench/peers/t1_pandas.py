#!/usr/bin/python3
"""T1 peer, pandas: what `fdi yoy FILE --as-of 2024-09 --by province,measure` computes.

    /usr/bin/python3 bench/peers/t1_pandas.py t1   FILE   > out.csv
        province,measure,ytd,ytd_prev,multiple  (252 rows; multiple empty when ytd_prev <= 0)
    /usr/bin/python3 bench/peers/t1_pandas.py full FILE   > out.csv
        T1-full: year to date and year-over-year multiple for every series
        (province, partner, measure) and every month; prints the checksum
        ytd_sum,multiple_count,multiple_sum
"""
import sys

import numpy as np
import pandas as pd


def t1(path):
    d = pd.read_csv(path, usecols=["period", "province", "measure", "value_usd_m"],
                    dtype={"period": "category", "province": "category",
                           "measure": "category", "value_usd_m": "float64"},
                    engine="c")
    want = {**{"2024-%02d" % m: "ytd" for m in range(1, 10)},
            **{"2023-%02d" % m: "ytd_prev" for m in range(1, 10)}}
    d = d[d["period"].isin(want.keys())]
    d = d.assign(col=d["period"].map(want))          # categorical: maps the categories
    r = (d.groupby(["province", "measure", "col"], observed=True)["value_usd_m"].sum()
         .unstack("col").reset_index())
    r.columns.name = None
    r["multiple"] = np.where(r["ytd_prev"] > 0, r["ytd"] / r["ytd_prev"], np.nan)
    r = r.astype({"province": str, "measure": str}).sort_values(["province", "measure"])
    r[["province", "measure", "ytd", "ytd_prev", "multiple"]].to_csv(
        sys.stdout, index=False)


def full(path):
    keys = ["province", "partner", "measure"]
    d = pd.read_csv(path, usecols=["period"] + keys + ["value_usd_m"],
                    dtype={"period": "category", "province": "category", "partner": "category",
                           "measure": "category", "value_usd_m": "float64"},
                    engine="c")
    per = d["period"].cat.categories.to_series()
    d["y"] = per.str[:4].astype("int16").to_numpy()[d["period"].cat.codes]
    d["m"] = per.str[5:7].astype("int8").to_numpy()[d["period"].cat.codes]
    if not d["period"].cat.codes.is_monotonic_increasing:   # the cube is; else sort
        d = d.sort_values(["period"], kind="stable")
    d["ytd"] = d.groupby(keys + ["y"], observed=True, sort=False)["value_usd_m"].cumsum()
    prev = d.groupby(keys + ["m"], observed=True, sort=False)[["ytd", "y"]].shift()
    ok = (prev["y"] == d["y"] - 1) & (prev["ytd"] > 0)
    mult = (d["ytd"] / prev["ytd"])[ok]
    print("ytd_sum,multiple_count,multiple_sum")
    print("%r,%d,%r" % (float(d["ytd"].sum()), mult.count(), float(mult.sum())))


if __name__ == "__main__":
    {"t1": t1, "full": full}[sys.argv[1]](sys.argv[2])
