#!/usr/bin/env bash
# Several input files read as one (fdi_ingest_files), and gzip-compressed
# files: two halves of a file (each with the header) give byte-identical
# output to the whole file for every computing command; a .gz the same as
# the text; columns that disagree, a series and month in two files, the
# same file twice and a damaged .gz are errors naming the files.
# usage: inputs.sh FDI_BINARY SOURCE_DIR
set -u
FDI=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
F=$SRC/datasets/haiphong/haiphong_fdi.csv
n=$(wc -l <"$F")
h=$(((n - 1) / 2 + 1))
head -n "$h" "$F" >"$T/h1.csv"
{ head -n 1 "$F"; tail -n +$((h + 1)) "$F"; } >"$T/h2.csv"
gzip -c "$F" >"$T/whole.csv.gz"
gzip -c "$T/h1.csv" >"$T/h1.csv.gz"
common="--as-of 2016-09 --value value_usd_m --format csv"
while IFS= read -r args; do
    [ -n "$args" ] || continue
    eval "set -- $args"
    whole=$("$FDI" "$@" "$F" 2>&1; echo "exit $?")
    halves=$("$FDI" "$@" "$T/h1.csv" "$T/h2.csv" 2>&1; echo "exit $?")
    gz=$("$FDI" "$@" "$T/whole.csv.gz" 2>&1; echo "exit $?")
    mixed=$("$FDI" "$@" "$T/h1.csv.gz" "$T/h2.csv" 2>&1; echo "exit $?")
    case $whole in *"exit 0") ;; *) bad "$args on the whole file: $whole"; continue ;; esac
    [ "$whole" = "$halves" ] && ok "halves = whole: $args" || bad "halves differ from whole: $args"
    [ "$whole" = "$gz" ] && ok ".gz = text: $args" || bad ".gz differs: $args"
    [ "$whole" = "$mixed" ] && ok ".gz half + text half = whole: $args" || bad "mixed differs: $args"
done <<EOF2
ytd $common
yoy $common --by area
plan $common --by area --plan $SRC/datasets/haiphong/plan.csv
forecast $common --by area --seed 7 --paths 2000
backtest --as-of 2016-12 --value value_usd_m --by area --format csv --method seasonal,snaive
whatif $common --by area --scenarios $SRC/datasets/haiphong/scenarios.csv
report --as-of 2016-09 --value value_usd_m --filter "area=Hai Phong Economic Zone" --filter "flow=new|adjusted" --by area --plan $SRC/datasets/haiphong/plan.csv
EOF2
# columns that disagree: both files named, and the column
out=$("$FDI" ytd "$T/h1.csv" "$SRC/datasets/vietnam/fdi_disbursed.csv" --as-of 2016-09 2>&1)
rc=$?
case $out in
*fdi_disbursed.csv*"h1.csv"*"need the same columns"*) [ $rc != 0 ] && ok "disagreeing columns: exit $rc" || bad "exit 0 on disagreeing columns" ;;
*) bad "disagreeing columns: $out" ;;
esac
# the same series and month in two files: the duplicate error names both files and lines
out=$("$FDI" ytd "$T/h1.csv" "$F" --as-of 2016-09 2>&1)
rc=$?
case $out in
*"has period 2015-01 twice: "*"h1.csv line 2 and "*"haiphong_fdi.csv line 2"*) [ $rc = 2 ] && ok "duplicate across files: exit 2" || bad "duplicate across files: exit $rc" ;;
*) bad "duplicate across files: $out" ;;
esac
# the same file twice is refused before reading
"$FDI" ytd "$F" "$F" --as-of 2016-09 >/dev/null 2>"$T/err"
rc=$?
[ $rc = 1 ] && grep -q "given twice" "$T/err" && ok "the same file twice: exit 1" || bad "same file twice: exit $rc $(cat "$T/err")"
# a rejected row in the second file is named by its own file and line
printf 'period,area,flow,value_usd_m,projects,source\n2016-09,Hai Phong city,new,1x,1,x\n' >"$T/h3.csv"
out=$("$FDI" info "$T/h1.csv" "$T/h2.csv" "$T/h3.csv" 2>&1)
case $out in *"h3.csv:2:4: column \"value_usd_m\": expected a number"*) ok "rejection names its file" ;; *) bad "rejection in h3: $out" ;; esac
"$FDI" ytd "$T/h1.csv" "$T/h2.csv" "$T/h3.csv" --as-of 2016-09 >/dev/null 2>"$T/err"
rc=$?
[ $rc = 2 ] && grep -q "h3.csv:2:4" "$T/err" && ok "strict: exit 2 naming h3.csv:2:4" || bad "strict h3: exit $rc $(cat "$T/err")"
# a damaged .gz: exit 2, said so
head -c 300 "$T/whole.csv.gz" >"$T/cut.csv.gz"
"$FDI" ytd "$T/cut.csv.gz" --as-of 2016-09 >/dev/null 2>"$T/err"
rc=$?
[ $rc = 2 ] && grep -q "a damaged gzip file: unexpected end of file" "$T/err" && ok "damaged .gz: exit 2" || bad "damaged gz: exit $rc $(cat "$T/err")"
# the World Bank's zip as downloaded (the data file beside two Metadata_
# files): the same answer as its CSV; a zip of two data files is refused
WB=$SRC/datasets/worldbank/API_BX.KLT.DINV.CD.WD_DS2_en_csv_v2.csv
/usr/bin/python3 - "$WB" "$T" <<'PY'
import os, sys, zipfile
wb, t = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(t + "/API_BX.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("Metadata_Country_API_BX.csv", "Country Code,Region\nVNM,East Asia & Pacific\n")
    z.write(wb, os.path.basename(wb))
    z.writestr("Metadata_Indicator_API_BX.csv", "INDICATOR_CODE,SOURCE_NOTE\nBX,x\n")
with zipfile.ZipFile(t + "/two.zip", "w") as z:
    z.write(wb, "a.csv")
    z.write(wb, "b.csv")
PY
wbargs=(--as-of 2015 --filter "Country Code=VNM" --key "Country Code" --scale 1e-9 --format csv)
a=$("$FDI" yoy "$WB" "${wbargs[@]}" 2>&1)
b=$("$FDI" yoy "$T/API_BX.zip" "${wbargs[@]}" 2>&1)
case $b in *",1.28"*) [ "$a" = "$b" ] && ok "World Bank zip = its CSV" || bad "zip differs: $b" ;; *) bad "World Bank zip: $b" ;; esac
"$FDI" yoy "$T/two.zip" "${wbargs[@]}" >/dev/null 2>"$T/err"
rc=$?
[ $rc = 2 ] && grep -q "the zip holds 2 CSV files (a.csv, b.csv)" "$T/err" && ok "a zip of two CSV files: exit 2" || bad "two.zip: exit $rc $(cat "$T/err")"
summary "several inputs and .gz"
