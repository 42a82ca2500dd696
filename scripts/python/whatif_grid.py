#!/usr/bin/python3
"""A what-if grid in a loop of Python: for each Q4 multiplier and each
November expansion, where would Hai Phong Economic Zone's 2016 end, and
how likely is the 3 bn USD goal?  Prints the grid of P(goal) and of the
forecast; every figure comes from libfdi (the same as fdi whatif).

usage: whatif_grid.py [DATA_DIR]     (default: the repository's datasets/)
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fdi  # noqa: E402

data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "datasets")
panel = fdi.load(os.path.join(data, "haiphong", "haiphong_fdi.csv"), value="value_usd_m",
                 filter=["area=Hai Phong Economic Zone", "flow=new|adjusted"], by="area")

q4 = [0.5, 0.7, 0.9, 1.0, 1.2]
november = [0, 250, 500, 1000]
grid = {}
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "scenario.csv")
    for add in november:
        for m in q4:
            with open(path, "w") as f:  # one scenario: Q4 scaled, November added to
                f.write("scenario,filter,from,to,op,value\n")
                f.write("grid,,2016-10,2016-12,scale,%g\n" % m)
                f.write("grid,,2016-11,2016-11,add,%d\n" % add)
            rows = panel.whatif("2016-09", scenarios=path, target=3000)
            grid[(add, m)] = next(r for r in rows if r["scenario"] == "grid")

print("P(reaching 3 bn USD) and forecast (million USD), 2016, by Q4 multiplier and "
      "a November expansion")
print("%-14s" % "Nov. + / Q4 x" + "".join("%14s" % ("x%.1f" % m) for m in q4))
for add in november:
    cells = []
    for m in q4:
        r = grid.get((add, m))
        cells.append("%5.0f%% %7.0f" % (100 * r["p_target"], r["forecast"]) if r else "n/a")
    print("%-14s" % ("+%d" % add) + "".join("%14s" % c for c in cells))
