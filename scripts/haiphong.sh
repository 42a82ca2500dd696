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
# The report's paragraphs, written by fdi from the same figures, and its chart
echo "-- the report, in English and in Vietnamese"
$FDI report "$H" "${EZ[@]}" --filter 'flow=new|adjusted' --plan datasets/haiphong/plan.csv \
    --chart build/haiphong_2016-09.png
$FDI report "$H" "${EZ[@]}" --filter flow=disbursed
echo
$FDI report "$H" "${EZ[@]}" --filter 'flow=new|adjusted' --plan datasets/haiphong/plan.csv --lang vi \
    --chart build/haiphong_2016-09_vi.svg
$FDI report "$H" "${EZ[@]}" --filter flow=disbursed --lang vi
echo
echo "(charts: build/haiphong_2016-09.png, build/haiphong_2016-09_vi.svg)"
