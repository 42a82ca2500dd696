#!/usr/bin/env bash
# fdi report and fdi forecast give the same forecast for every forecast
# option: the report's sentence ("end at about X (80% interval L to H)")
# must carry the figures of fdi forecast's csv row, written as the report
# writes amounts (billions truncated to three decimals).  Run on the Hai
# Phong case and on a Vietnamese series with a long history (disbursed FDI).
# usage: report_forecast.sh FDI_BINARY SOURCE_DIR
set -u
FDI=$1
D=$2/datasets
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
H=(datasets/haiphong/haiphong_fdi.csv --as-of 2016-09 --value value_usd_m
   --filter "area=Hai Phong Economic Zone" --filter "flow=new|adjusted" --by area --target 3000)
V=(datasets/vietnam/fdi_disbursed.csv --as-of 2025-09 --target 26000)
cd "$2" || exit 1

# The sentence the report must hold for forecast's csv: amounts in billions,
# truncated (never rounded up) to three decimals, trailing zeros dropped
# ("4.27 bn USD" for 4,270.9).
want_of() {
    /usr/bin/python3 -c '
import csv, math, sys
row = list(csv.DictReader(sys.stdin))[-1]
def bn(x):
    t = math.floor(float(x)) / 1000
    s = ("%.3f" % (math.floor(t * 1000 + 1e-6) / 1000)).rstrip("0").rstrip(".")
    return s + " bn USD"
print("about %s (80%% interval %s to %s)" % (bn(row["forecast"]), bn(row["lo80"]), bn(row["hi80"])))'
}

check() { # check NAME ARGS...: compare the report's forecast with forecast's
    local name=$1
    shift
    local want rep
    want=$("$FDI" forecast "$@" --format csv 2>/dev/null | want_of)
    rep=$("$FDI" report "$@" 2>/dev/null)
    if [ -n "$want" ] && echo "$rep" | grep -qF "$want"; then ok; else
        bad "$name: report lacks \"$want\""
        echo "$rep" | sed 's/^/    /' >&2
    fi
}

for set in H V; do
    declare -n args=$set
    check "$set default" "${args[@]}"
    for m in runrate seasonal snaive ets theta ensemble auto; do
        check "$set --method $m" "${args[@]}" --method $m
    done
    check "$set ets ANN" "${args[@]}" --method ets --ets-model ANN
    check "$set ets AAdN" "${args[@]}" --method ets --ets-model AAdN
    check "$set seasonal k=1" "${args[@]}" --method seasonal --k-years 1
    check "$set seasonal k=2" "${args[@]}" --method seasonal --k-years 2
    check "$set calibrate off" "${args[@]}" --calibrate off
    check "$set seed 7" "${args[@]}" --seed 7
    check "$set paths 1000" "${args[@]}" --paths 1000 --method theta
done
# the options must matter for the series with history, or the test proves
# nothing: ANN and the automatic model give different forecasts
a=$("$FDI" report "${V[@]}" --method ets 2>/dev/null)
b=$("$FDI" report "${V[@]}" --method ets --ets-model ANN 2>/dev/null)
[ "$a" != "$b" ] && ok || bad "report ignores --ets-model"
summary
