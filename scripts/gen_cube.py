#!/usr/bin/python3
"""Seeded generator of the T1 benchmark cube (issue 5).

A long CSV of monthly FDI flows:

    period,province,partner,measure,value_usd_m,projects

63 provinces x 40 partners x 4 measures (new, adjusted, contribution,
disbursed) x 25 years (2000-01 .. 2024-12) = 3,024,000 rows, about 100 MB.
--scale multiplies the number of partners: 0.1 -> 4, 1 -> 40, 10 -> 400.

Values are clean: positive amounts in USD million with two decimals, some
exact zeros (months without a flow, and a zero `projects` then), no missing
cells, no quoting (no name contains a comma or a quote; some contain spaces).
Rows are ordered by period, then province, partner, measure (the order of
the lists below).  The same --seed and --scale give the same bytes.

    /usr/bin/python3 scripts/gen_cube.py --scale 1 --seed 1 --out build-bench/t1_1.csv
"""
import argparse
import sys
import time

import numpy as np

PROVINCES = [
    "An Giang", "Ba Ria Vung Tau", "Bac Giang", "Bac Kan", "Bac Lieu",
    "Bac Ninh", "Ben Tre", "Binh Dinh", "Binh Duong", "Binh Phuoc",
    "Binh Thuan", "Ca Mau", "Can Tho", "Cao Bang", "Da Nang", "Dak Lak",
    "Dak Nong", "Dien Bien", "Dong Nai", "Dong Thap", "Gia Lai", "Ha Giang",
    "Ha Nam", "Ha Noi", "Ha Tinh", "Hai Duong", "Hai Phong", "Hau Giang",
    "Ho Chi Minh City", "Hoa Binh", "Hung Yen", "Khanh Hoa", "Kien Giang",
    "Kon Tum", "Lai Chau", "Lam Dong", "Lang Son", "Lao Cai", "Long An",
    "Nam Dinh", "Nghe An", "Ninh Binh", "Ninh Thuan", "Phu Tho", "Phu Yen",
    "Quang Binh", "Quang Nam", "Quang Ngai", "Quang Ninh", "Quang Tri",
    "Soc Trang", "Son La", "Tay Ninh", "Thai Binh", "Thai Nguyen",
    "Thanh Hoa", "Thua Thien Hue", "Tien Giang", "Tra Vinh", "Tuyen Quang",
    "Vinh Long", "Vinh Phuc", "Yen Bai",
]
# the 40 partners, largest investors first (a scale-0.1 cube keeps the first 4)
PARTNERS = [
    "South Korea", "Singapore", "Japan", "Taiwan", "Hong Kong", "China",
    "British Virgin Islands", "Netherlands", "Thailand", "Malaysia",
    "United States", "Samoa", "Cayman Islands", "France", "United Kingdom",
    "Switzerland", "Canada", "Australia", "Germany", "Luxembourg",
    "Seychelles", "Cyprus", "Denmark", "Belgium", "India", "Indonesia",
    "Philippines", "Italy", "Sweden", "Brunei", "Turks and Caicos Islands",
    "Russia", "Bermuda", "Anguilla", "New Zealand", "Austria", "Mauritius",
    "Finland", "Norway", "Spain",
]
MEASURES = ["new", "adjusted", "contribution", "disbursed"]
# measure: (share of the series' level, probability of a zero month)
MEASURE_SHAPE = {"new": (1.0, 0.10), "adjusted": (0.6, 0.20),
                 "contribution": (0.35, 0.15), "disbursed": (0.8, 0.05)}
YEARS = range(2000, 2025)


def partner_names(n):
    if n <= len(PARTNERS):
        return PARTNERS[:n]
    return PARTNERS + ["Partner %03d" % i for i in range(len(PARTNERS) + 1, n + 1)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0,
                    help="partners = 40 x SCALE (0.1 -> 4, 1 -> 40, 10 -> 400)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="-", help="output file (default stdout)")
    a = ap.parse_args()
    n_part = max(1, int(round(40 * a.scale)))
    partners = partner_names(n_part)
    n_prov, n_meas = len(PROVINCES), len(MEASURES)
    n_ser = n_prov * n_part * n_meas
    t0 = time.perf_counter()
    rng = np.random.default_rng(a.seed)

    # series in row order: province-major, then partner, then measure
    prov_i = np.repeat(np.arange(n_prov), n_part * n_meas)
    part_i = np.tile(np.repeat(np.arange(n_part), n_meas), n_prov)
    meas_i = np.tile(np.arange(n_meas), n_prov * n_part)
    prov_size = rng.lognormal(0.0, 1.2, n_prov)           # a few large hubs
    part_size = 1.0 / (1.0 + np.arange(n_part)) ** 0.8    # Zipf-like partners
    meas_share = np.array([MEASURE_SHAPE[m][0] for m in MEASURES])
    meas_zero = np.array([MEASURE_SHAPE[m][1] for m in MEASURES])
    level = 0.5 * prov_size[prov_i] * part_size[part_i] * meas_share[meas_i] \
        * rng.lognormal(0.0, 0.5, n_ser)                   # USD m per month in 2000
    growth = rng.normal(0.08, 0.05, n_ser)                 # per year
    # small series are idle more often
    p_zero = np.clip(meas_zero[meas_i] + 0.25 * (level < 0.05), 0.0, 0.6)
    season = 1.0 + 0.15 * np.sin(2 * np.pi * (np.arange(12) - 3) / 12)
    season[11] += 0.35                                     # the December rush

    keys = [",".join((PROVINCES[p], partners[q], MEASURES[m])) + ","
            for p, q, m in zip(prov_i.tolist(), part_i.tolist(), meas_i.tolist())]
    out = sys.stdout if a.out == "-" else open(a.out, "w", newline="\n")
    out.write("period,province,partner,measure,value_usd_m,projects\n")
    for y in YEARS:                                        # one year per chunk
        t = y - 2000
        # shape (12, n_ser): trend x season x noise, zero in idle months
        mean = level * np.exp(growth * t) * (1.0 + 0.1 * np.sin(0.7 * t))
        v = mean[None, :] * season[:, None] * rng.lognormal(0.0, 0.45, (12, n_ser))
        cents = np.rint(v * 100.0).astype(np.int64)
        cents[rng.random((12, n_ser)) < p_zero[None, :]] = 0
        proj = np.where(cents > 0, 1 + rng.poisson(np.minimum(v, 40.0) / 4.0), 0)
        whole, frac = np.divmod(cents, 100)
        buf = []
        for mo in range(12):
            per = "%d-%02d," % (y, mo + 1)
            buf.extend("%s%s%d.%02d,%d" % (per, k, w, f, pj) for k, w, f, pj in
                       zip(keys, whole[mo].tolist(), frac[mo].tolist(), proj[mo].tolist()))
        buf.append("")
        out.write("\n".join(buf))
    if out is not sys.stdout:
        out.close()
    print("gen_cube: %d rows (%d provinces x %d partners x %d measures x %d months), "
          "seed %d, %.1f s" % (n_ser * 12 * len(YEARS), n_prov, n_part, n_meas,
                               12 * len(YEARS), a.seed, time.perf_counter() - t0),
          file=sys.stderr)


if __name__ == "__main__":
    main()
