#!/usr/bin/env bash
# --map: province -> region on the official provinces file.  The map is
# made here from the file's own provinces (regions by first letter, the
# key spelled in another case for one, two provinces left out); the
# region totals must equal pandas' sums of their provinces, the two left
# out go to "(unmapped)" and are listed; a bad map is an error naming it.
# usage: map.sh FDI_BINARY SOURCE_DIR
set -u
FDI=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
F=$SRC/datasets/vietnam/fdi_provinces_en.csv
V="Newly registered capital (million USD)"
fail=0
/usr/bin/python3 - "$F" "$T" <<'PY' || exit 1
import sys, pandas as pd
f, t = sys.argv[1], sys.argv[2]
df = pd.read_csv(f, thousands=",", na_values=["-"], skipinitialspace=True)
col = "Newly registered capital (million USD)"
df[col] = pd.to_numeric(df[col].astype(str).str.strip().replace({"-": "0", "nan": None})
                        .str.replace(",", ""), errors="raise")
df["Provinces"] = df["Provinces"].str.strip()
left_out = ["Bac Kan", "Yen Bai"]
provs = sorted(p for p in df["Provinces"].unique() if p not in left_out)
region = {p: "R-" + p[0] for p in provs}
with open(t + "/map.csv", "w") as m:
    m.write("PROVINCES,region\n")
    for p in provs:
        m.write("%s,%s\n" % (p.upper() if p == "Bac Ninh" else p, region[p]))
y = df[df["Year"] == 2016].copy()
y["region"] = y["Provinces"].map(region).fillna("(unmapped)")
sums = y.groupby("region")[col].sum(min_count=1)
with open(t + "/want.csv", "w") as w:
    for r, v in sums.items():
        w.write("%s,%.2f\n" % (r, v))
PY
"$FDI" ytd "$F" --as-of 2016 --value "$V" --map "$T/map.csv" --by region --format csv \
    >"$T/out.csv" 2>"$T/err" || { echo "FAIL: fdi ytd --map: $(cat "$T/err")" >&2; exit 1; }
# region,measure,period,ytd,...: each region's ytd against pandas'
/usr/bin/python3 - "$T" <<'PY' || fail=1
import csv, sys
t = sys.argv[1]
want = dict(l.rsplit(",", 1) for l in open(t + "/want.csv").read().split("\n") if l)
got = {r["region"]: r["ytd"] for r in csv.DictReader(open(t + "/out.csv"))}
# a region whose provinces have no value in 2016 (pandas: nan) is not listed
want = {k: v for k, v in want.items() if v != "nan"}
bad = [(k, got.get(k), v) for k, v in want.items() if got.get(k) is None or abs(float(got[k]) - float(v)) > 0.005]
extra = set(got) - set(want)
if bad or extra:
    print("FAIL: region totals differ from pandas:", bad, extra, file=sys.stderr)
    sys.exit(1)
print("ok: %d region totals equal pandas' sums of their provinces" % len(want))
PY
grep -q "(unmapped)" "$T/out.csv" || { echo "FAIL: no (unmapped) group" >&2; fail=1; }
# (listed in the data's order)
grep -q '2 keys of Provinces are not in the map (they sum as "(unmapped)"): Yen Bai, Bac Kan' "$T/err" &&
    echo "ok: the unmapped provinces listed" || { echo "FAIL: unmapped not listed: $(cat "$T/err")" >&2; fail=1; }
"$FDI" info "$F" --map "$T/map.csv" >"$T/info" 2>&1
grep -q "keys: Provinces (64 values), region (" "$T/info" &&
    grep -q 'map: 2 keys of Provinces are not in the map (they sum as "(unmapped)"): Yen Bai, Bac Kan' "$T/info" &&
    echo "ok: info shows the region key and the unmapped" || { echo "FAIL: info: $(cat "$T/info")" >&2; fail=1; }
# --filter on a mapped group
"$FDI" ytd "$F" --as-of 2016 --value "$V" --map "$T/map.csv" --filter "region=R-H" --by region \
    --format csv 2>/dev/null | grep -q "^R-H," && echo "ok: --filter region=R-H" || { echo "FAIL: filter on region" >&2; fail=1; }
# bad maps: no key column, a key mapped twice differently, a group column the data has
printf 'district,region\nx,y\n' >"$T/m1.csv"
printf 'Provinces,region\nHa Noi,North\nHA NOI,South\n' >"$T/m2.csv"
printf 'Provinces,Year\nHa Noi,North\n' >"$T/m3.csv"
# an empty group, and one that is not UTF-8 (each was a group of its own)
printf 'Provinces,region\nHa Noi,North\nBac Ninh,\n' >"$T/m4.csv"
printf 'Provinces,region\nHa Noi,N\377\n' >"$T/m5.csv"
for case in "m1.csv:no column is named as a key column" "m2.csv:3:1: --map: \"HA NOI\" is mapped twice" \
    "m3.csv:1:2: --map: the data already has a column \"Year\"" \
    "m4.csv:3:2: --map: the group of \"Bac Ninh\" is empty" \
    "m5.csv:2:2: --map: the group of \"Ha Noi\" is not UTF-8"; do
    m=${case%%:*}
    want=${case#*:}
    "$FDI" ytd "$F" --as-of 2016 --value "$V" --map "$T/$m" >/dev/null 2>"$T/err"
    rc=$?
    if [ $rc != 0 ] && grep -qF "$want" "$T/err"; then echo "ok: $m: exit $rc"; else echo "FAIL: $m: exit $rc $(cat "$T/err")" >&2; fail=1; fi
done
# a group spelled in two Unicode forms is one group (keys compare in NFC):
# "Miền Bắc" composed for Bac Ninh and decomposed for Ha Noi made two
# "Miền Bắc" rows; their one sum is the two provinces' (pandas, above)
/usr/bin/python3 - "$F" "$T" <<'PY' || fail=1
import sys, unicodedata, pandas as pd
f, t = sys.argv[1], sys.argv[2]
r = "Mi\u1ec1n B\u1eafc"
with open(t + "/m6.csv", "w", encoding="utf-8") as m:
    m.write("Provinces,region\nBac Ninh,%s\nHa Noi,%s\n" % (r, unicodedata.normalize("NFD", r)))
df = pd.read_csv(f, skipinitialspace=True)
col = "Newly registered capital (million USD)"
y = df[(df["Year"] == 2016) & df["Provinces"].str.strip().isin(["Bac Ninh", "Ha Noi"])]
open(t + "/want6", "w").write("%.2f" % pd.to_numeric(y[col]).sum())
PY
"$FDI" ytd "$F" --as-of 2016 --value "$V" --map "$T/m6.csv" --by region --filter "region=Miền Bắc" \
    --format csv >"$T/out6" 2>/dev/null
n=$(grep -c "^Miền Bắc," "$T/out6")
got=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "ytd") c = i }
    /^Miền Bắc,/ { printf "%.2f", $c }' "$T/out6")
if [ "$n" = 1 ] && [ "$got" = "$(cat "$T/want6")" ]; then echo "ok: one Miền Bắc group, $got"; else
    echo "FAIL: Miền Bắc in two forms: $n rows, $got, pandas $(cat "$T/want6")" >&2; fail=1; fi
[ "$fail" = 0 ] && echo "--map: all as expected"
exit "$fail"
