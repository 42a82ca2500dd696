#!/usr/bin/env bash
# Interval honesty: how often fdi's year-end intervals held the outcome,
# replaying every year and cut-off month of the bundled monthly series
# (fdi backtest), with the calibrated intervals (default) and the models'
# own (--calibrate off).  Writes bench/results/backtest.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
FDI=build/fdi
out=bench/results
mkdir -p "$out"
run() { # title, then the fdi arguments
    local title=$1
    shift
    echo "### $title"
    echo
    echo '```'
    echo "\$ fdi backtest $*"
    "$FDI" backtest "$@" --method runrate,seasonal,snaive,ets,theta,ensemble,auto 2>/dev/null |
        grep -E '^method| all '
    echo '```'
    echo
}
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
{
    echo "# Year-end backtests: errors and interval coverage"
    echo
    echo "Every year with all its months and the year before observed, every"
    echo "cut-off month 1..11: the year-end forecast against the actual total."
    echo "Target: the 80% interval holds 75-85% of outcomes, the 95% one 91-98%;"
    echo "auto (the default) at least as accurate (mape) as the best single method."
    echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores; $(date -u +%Y-%m-%d)."
    echo "Reproduce: \`bash bench/backtest.sh\`."
    echo
    for cal in on off; do
        echo "## Intervals: --calibrate $cal"
        echo
        run "Public investment, monthly year to date (2010-2026)" \
            datasets/vietnam/public_investment_ytd.csv --ytd --value value --calibrate $cal
        run "FDI disbursed, monthly (2021-2026)" \
            datasets/vietnam/fdi_disbursed.csv --value value --calibrate $cal
        run "FDI registered, monthly year to date with gaps (2019-2026)" \
            datasets/vietnam/fdi_registered_ytd.csv --ytd --value value --calibrate $cal
    done
} >"$out/backtest.md"
cat "$out/backtest.md"
