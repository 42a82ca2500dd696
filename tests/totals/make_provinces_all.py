"""provinces_all.csv: datasets/vietnam/fdi_provinces_en.csv's provinces
(Year, Provinces, the new projects and their registered capital) with a
row "All provinces" a year holding their sum, as computed by pandas here
(counts whole, capital rounded to 0.01): a total under a label fdi does
not know, to be found by its figures (engine/panel/figures.h).

    /usr/bin/python3 tests/totals/make_provinces_all.py

The sums per year (2015 .. 2022), new projects: 2013 2556 2591 3046 3883
2523 1738 2036; registered capital (million USD): 15577.80 15182.23
21275.91 17976.17 16745.62 14646.45 15245.42 12446.20."""
import os

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "..", "..", "datasets", "vietnam", "fdi_provinces_en.csv")
COLS = ["Number of new projects", "Newly registered capital (million USD)"]


def number(s):
    s = s.str.strip().str.replace(",", "", regex=False)
    return pd.to_numeric(s.where(~s.isin(["-", ""])), errors="raise")


df = pd.read_csv(SRC, encoding="utf-8-sig", dtype=str)
out = pd.DataFrame({"Year": df.Year.astype(int), "Provinces": df.Provinces.str.strip()})
for c in COLS:
    out[c] = number(df[c])
tot = out.groupby("Year")[COLS].sum(min_count=1).reset_index()
tot["Provinces"] = "All provinces"
tot[COLS[0]] = tot[COLS[0]].round().astype("Int64")
tot[COLS[1]] = tot[COLS[1]].round(2)
out[COLS[0]] = out[COLS[0]].astype("Int64")
full = pd.concat([tot[out.columns], out]).sort_values("Year", kind="stable")
full.to_csv(os.path.join(HERE, "provinces_all.csv"), index=False)
print(tot[["Year"] + COLS].to_string(index=False))
