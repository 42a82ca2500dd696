#!/usr/bin/env bash
# Interval honesty: how often fdi's year-end intervals held the outcome,
# replaying every year and cut-off month of every bundled monthly series
# (fdi backtest), with the calibrated intervals (default) and the models'
# own (--calibrate off), pooled over the series; and the same on M3
# monthly series (year totals at cut-offs 3, 6, 9).  Writes
# bench/results/backtest.md.
#
#   bash bench/backtest.sh                  # builds build/fdi (Release)
#   FDI=build-rel/fdi bash bench/backtest.sh
#   FDI_BENCH_M3=0 bash bench/backtest.sh   # skip M3 (default: 80 series)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${FDI:-}" ]; then
    bash scripts/build.sh
    FDI=build/fdi
fi
M3N=${FDI_BENCH_M3:-80}
METHODS=runrate,seasonal,snaive,ets,theta,ensemble,auto
out=bench/results
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# name|title|fdi arguments: every monthly series in datasets/
SETS=(
    "pi|Public investment, monthly year to date (2010-2026)|datasets/vietnam/public_investment_ytd.csv --ytd --value value"
    "dis|FDI disbursed, monthly (2021-2026)|datasets/vietnam/fdi_disbursed.csv --value value"
    "reg|FDI registered, monthly year to date with gaps (2019-2026)|datasets/vietnam/fdi_registered_ytd.csv --ytd --value value"
    "hp|Hai Phong, 6 series (city and Economic Zone: new, adjusted, contribution, disbursed; 2015-2016, one year scored)|datasets/haiphong/haiphong_fdi.csv --value value_usd_m"
)
run() { # name cal args...: the table, and the csv kept for pooling
    local name=$1 cal=$2
    shift 2
    # shellcheck disable=SC2086
    "$FDI" backtest "$@" --method $METHODS --calibrate "$cal" --format csv 2>/dev/null \
        >"$tmp/$name.$cal.csv"
    echo '```'
    echo "\$ fdi backtest $* --method $METHODS --calibrate $cal"
    "$FDI" backtest "$@" --method $METHODS --calibrate "$cal" 2>/dev/null | grep -E '^method| all '
    echo '```'
    echo
}
pool() { # cal: the "all" rows of every set, weighted by forecasts
    cat "$tmp"/*."$1".csv | awk -F, '$2 == "all" {
        n[$1] += $3; ape[$1] += $3 * $5; c80[$1] += $3 * $8; c95[$1] += $3 * $9
        if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
        END { print "| method | forecasts | mape | cover80 | cover95 |"; print "|---|---:|---:|---:|---:|"
              for (i = 1; i <= k; i++) { m = order[i]
                  printf "| %s | %d | %.2f | %.1f%% | %.1f%% |\n", m, n[m], ape[m] / n[m], c80[m] / n[m], c95[m] / n[m] } }'
}
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
{
    echo "# Year-end backtests: errors and interval coverage"
    echo
    echo "Every year with all its months and the year before observed, every"
    echo "cut-off month 1..11: the year-end forecast against the actual total."
    echo "Target (issue 16, item 3): the 80% interval holds 75-85% of outcomes,"
    echo "the 95% one 92-98%.  Calibration (engine/forecast/calibrate.c) uses only"
    echo "the years before the one forecast."
    echo "auto (the default) should be at least as accurate (mape) as the best single method."
    echo "auto weighs its candidates on every past year's error at the same month; with"
    echo "less than two years behind a forecast (the first scored year of disbursed,"
    echo "registered and public investment, and all of Hai Phong) it takes the mean of"
    echo "the seasonal share and the run rate."
    echo "Measured on a shared machine (other builds running); the errors and coverages"
    echo "are seeded and do not depend on the load."
    echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores; $(date -u +%Y-%m-%d)."
    echo "Reproduce: \`bash bench/backtest.sh\`."
    echo
    for cal in on off; do
        echo "## Intervals: --calibrate $cal"
        echo
        for s in "${SETS[@]}"; do
            IFS='|' read -r name title args <<<"$s"
            echo "### $title"
            echo
            # shellcheck disable=SC2086
            run "$name" "$cal" $args
        done
    done
    for cal in on off; do
        echo "## Pooled over every bundled monthly series, --calibrate $cal"
        echo
        echo "Each method's \"all\" rows above, weighted by their forecasts."
        echo
        pool "$cal"
        echo
    done
    src=datasets/m3/m3_monthly.csv
    [ -f "$src" ] || src=../shared/datasets/m3/m3_monthly.csv
    if [ "$M3N" != 0 ] && [ -f "$src" ]; then
        # the first M3N series in file order, train and test parts joined;
        # placeholder start years (0001-0010) moved by +1900 as bench/m3.sh
        awk -F, -v n="$M3N" 'BEGIN { OFS = ","; print "series,period,value" }
            NR > 1 { if (!($1 in seen)) { seen[$1] = 1; k++ } if (k > n) exit
                y = substr($3, 1, 4) + 0; if (y < 1800) $3 = sprintf("%04d", y + 1900) substr($3, 5)
                print $1, $3, $4 }' "$src" >"$tmp/m3.csv"
        echo "## M3 monthly, year totals: the first $M3N series, cut-offs 3, 6, 9"
        echo
        echo "Each series' calendar years (train and test parts joined), the"
        echo "year total from 3, 6 and 9 months: coverage of the year total, as"
        echo "above (bench/m3.sh reports the per-step coverage of its 18-month"
        echo "forecasts, which calibration does not touch)."
        echo
        for cal in on off; do
            echo '```'
            echo "\$ fdi backtest m3_first_$M3N.csv --key series --value value --cutoffs 3,6,9 --method seasonal,ets,theta,ensemble --calibrate $cal"
            "$FDI" backtest "$tmp/m3.csv" --key series --value value --cutoffs 3,6,9 \
                --method seasonal,ets,theta,ensemble --calibrate "$cal" 2>/dev/null | grep -E '^method| all '
            echo '```'
            echo
        done
    fi
    echo "## Lumpy series (issue 16, item 4)"
    echo
    echo "A month above median + 10 robust sd of its history (rare, not seasonal)"
    echo "is a mega project (engine/forecast/lumpy.c): kept in the year to date,"
    echo "set to median + 2 robust sd for fitting the months left.  Of the bundled"
    echo "series only Hai Phong's new capital (city and Economic Zone: LG Display"
    echo "1,500 in April 2016, LG Innotek 550, one of 200) and the city's adjusted"
    echo "capital (early 2015: mape 46.56 -> 45.27) are treated; every other series' backtest is"
    echo "byte-identical with and without the treatment.  Measured once with the"
    echo "treatment switched off in a build (LUMPY_K = 1e300), Hai Phong new capital"
    echo "(both series, 2016, cut-offs 1..11, 22 forecasts), calibrated:"
    echo
    echo "| method | mape without | mape with | cover80 without | with | cover95 without | with |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    echo "| runrate | 56.09 | 33.17 | 81.8% | 68.2% | 100% | 90.9% |"
    echo "| seasonal, ensemble, auto | 104.60 | 22.78 | 100% | 72.7% | 100% | 95.5% |"
    echo
    echo "Without the treatment the intervals held every outcome because they were"
    echo "useless (the Economic Zone's 80% interval at September 2016: 3,006 to 4,865"
    echo "around 3,723; with it 2,882 to 2,990 around 2,936; the year ended at 2,800)."
} >"$out/backtest.md"
cat "$out/backtest.md"
