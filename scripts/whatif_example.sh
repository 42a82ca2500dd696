#!/usr/bin/env bash
# What-if scenarios on the Hai Phong case, the way an analyst scripts them:
# write the questions as a scenario file, run them in one go, then sweep
# one scenario over a grid and ask for the Q4 pace the goal needs.
#   bash scripts/whatif_example.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
FDI=build/fdi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. The questions.  One row per change; rows sharing a name are one
#    scenario.  filter picks series by key (empty: all); months must lie
#    after --as-of and within the year.
cat >"$work/questions.csv" <<'CSV'
scenario,filter,from,to,op,value,comment
lg_in_november,area=Hai Phong Economic Zone,2016-11,2016-11,add,1500,the LG expansion licensed in November
q4_at_70pct,,2016-10,2016-12,scale,0.7,Q4 runs at 70% of its forecast
q4_pace,,2016-10,2016-12,scale,1.0,the Q4 multiplier we will sweep and solve for
slip_to_next_year,,2016-12,2016-12,set,0,nothing signed in December
CSV

CASE=(datasets/haiphong/haiphong_fdi.csv --value value_usd_m
      --filter "area=Hai Phong Economic Zone" --filter 'flow=new|adjusted' --by area
      --as-of 2016-09 --plan datasets/haiphong/plan.csv)

echo "== every scenario against the baseline (goal 3,000, plan 1,800)"
$FDI whatif "${CASE[@]}" --scenarios "$work/questions.csv"
echo
echo "== the Q4 multiplier as a grid"
$FDI whatif "${CASE[@]}" --scenarios "$work/questions.csv" --sweep q4_pace=0.2:1.0:0.1 |
    awk 'NR == 1 || /q4_pace=/'
echo
echo "== the smallest Q4 multiplier that keeps an 80% chance of reaching 3,000"
$FDI whatif "${CASE[@]}" --scenarios "$work/questions.csv" --seek p_target=0.8 --vary q4_pace=0:2
