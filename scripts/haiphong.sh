#!/usr/bin/env bash
# The main job: build fdi and reproduce the Hai Phong Economic Zone report
# (nine months to 30 Sep 2016) from the monthly data in datasets/haiphong/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
FDI=build/fdi
H=datasets/haiphong/haiphong_fdi.csv
EZ=(--value value_usd_m --filter "area=Hai Phong Economic Zone" --as-of 2016-09 --by area)

echo "== Hai Phong Economic Zone, nine months to 30 Sep 2016 (million USD)"
echo
echo "-- FDI attracted (new projects + capital added), against the same period of 2015"
$FDI yoy "$H" "${EZ[@]}" --filter 'flow=new|adjusted'
echo
echo "-- against the annual plan (1,800) and the year-end goal raised in October (3,000)"
$FDI plan "$H" "${EZ[@]}" --filter 'flow=new|adjusted' --plan datasets/haiphong/plan.csv
echo
echo "-- disbursed (realised) capital, against the same period of 2015"
$FDI yoy "$H" "${EZ[@]}" --filter flow=disbursed
echo
echo "-- where the year will end, and how likely the 3,000 goal is (seeded: same output every run)"
$FDI forecast "$H" "${EZ[@]}" --filter 'flow=new|adjusted' --plan datasets/haiphong/plan.csv
echo
# The report's sentences, from the csv output (what a script would do)
yoy=$($FDI yoy "$H" "${EZ[@]}" --filter 'flow=new|adjusted' --format csv | sed -n 2p)
plan=$($FDI plan "$H" "${EZ[@]}" --filter 'flow=new|adjusted' --plan datasets/haiphong/plan.csv --format csv | sed -n 2p)
disb=$($FDI yoy "$H" "${EZ[@]}" --filter flow=disbursed --format csv | sed -n 2p)
fc=$($FDI forecast "$H" "${EZ[@]}" --filter 'flow=new|adjusted' --plan datasets/haiphong/plan.csv --format csv | sed -n 2p)
awk -F, -v y="$yoy" -v p="$plan" -v d="$disb" -v f="$fc" 'BEGIN {
    split(y, Y, ","); split(p, P, ","); split(d, D, ","); split(f, F, ",")
    # yoy: area,measure,period,ytd,ytd_prev,multiple,change_pct,pct_of_prev,note
    # plan: area,measure,period,ytd,plan,pct_of_plan,overshoot_pct,target,target_pct_of_plan,...
    printf "In brief: %.2f million USD attracted in nine months, %.1f times the same period of 2015;\n", Y[4], Y[6]
    printf "%.1f%% of the %.0f plan (%+.1f%%); the %.0f goal is %.1f%% of plan (%+.1f%%), %.2f to go, %.2f a month;\n", \
        P[6], P[5], P[7], P[8], P[9], P[9] - 100, P[10], P[12]
    printf "disbursed %.2f, %.0f%% of the same period of 2015.\n", D[4], D[8]
    # forecast: area,measure,period,ytd,months_left,forecast,lo80,hi80,lo95,hi95,target,p_target,...
    printf "Year end: about %.0f (80%% interval %.0f to %.0f); chance of reaching %.0f: %.0f%%.\n", \
        F[6], F[7], F[8], F[11], F[12] * 100
}'
