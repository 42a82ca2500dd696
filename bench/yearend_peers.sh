#!/usr/bin/env bash
# Year-end accuracy against R's peers on the same cases (issue 16): every
# case fdi backtest scores (each series, each year with all its months and
# the year before observed, each cut-off month), forecast by fdi's auto and
# every single fdi method, and by R's forecast::ets, forecast::auto.arima
# and prophet fitted to the same monthly flows (bench/yearend_peers.R);
# MAPE, sMAPE, cover80 and cover95 per method, one table per file and one
# pooled over the files given.
#
#   bash bench/yearend_peers.sh FILE [fdi options...] [-- FILE [fdi options...]]...
#   bash bench/yearend_peers.sh            # every bundled monthly series:
#                                          # writes bench/results/yearend_peers.md
# The fdi options are the input options (--ytd, --value, --filter, --by,
# ...) and backtest's (--cutoffs 3,6,9, --from YYYY, --as-of, --calibrate).
# The case list is fdi's own (fdi backtest --cases); the flows R fits are
# fdi's (fdi yoy --single at every month: for --ytd input the differences
# fdi derives, a month next to a gap missing), of which R fits, as fdi
# does, the last stretch without a missing month.
#
# Environment: FDI (default build-rel/fdi, built if missing); JOBS (files
# fitted at a time, default 2); PEERS (default
# ets,arima,prophet: the R peers run); METHODS (fdi's, default every
# single method and auto).  Needs R with the forecast package, and
# prophet (apt-get install -y r-cran-prophet) unless PEERS leaves it out.
set -euo pipefail
cd "$(dirname "$0")/.."
FDI=${FDI:-build-rel/fdi}
if [ ! -x "$FDI" ]; then
    cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build build-rel -j2 --target fdi_cli >/dev/null
fi
PEERS=${PEERS:-ets,arima,prophet}
METHODS=${METHODS:-runrate,seasonal,snaive,ets,theta,arima,ensemble,auto}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# options backtest takes and info / yoy do not (each with its value)
BACKTEST_ONLY=" --as-of --cutoffs --from --calibrate --seed --paths --k-years --ets-model --method "

# one FILE [options]: its cases (fdi), flows (fdi), R's cases; $tmp/N.*
one() {
    local n=$1
    shift
    local file=$1 input=() i=2
    shift
    local all=("$@")
    while [ $# -gt 0 ]; do
        if [[ "$BACKTEST_ONLY" == *" $1 "* ]]; then shift 2; continue; fi
        input+=("$1")
        shift
    done
    "$FDI" backtest "$file" "${all[@]}" --method "$METHODS" --cases --format csv \
        --quiet >"$tmp/$n.cases.csv" 2>/dev/null
    # every month of the panel (fdi info: "periods: 2019-01 .. 2026-07 (91)")
    local first last range
    range=$("$FDI" info "$file" "${input[@]}" 2>/dev/null | sed -n 's/^periods: \([0-9-]*\) \.\. \([0-9-]*\) .*/\1 \2/p')
    read -r first last <<<"$range"
    local y=${first%-*} m=${first#*-}
    m=$((10#$m))
    : >"$tmp/$n.flows.csv"
    while :; do
        local p
        p=$(printf '%04d-%02d' "$y" "$m")
        "$FDI" yoy "$file" "${input[@]}" --single --as-of "$p" --format csv --quiet \
            2>/dev/null | awk -v head="$i" 'NR > 1 || head == 2' >>"$tmp/$n.flows.csv" ||
            true # exit 3 before a series' first year: no flows there
        [ -s "$tmp/$n.flows.csv" ] && i=3
        [ "$p" \< "$last" ] || break
        m=$((m + 1))
        if [ $m -gt 12 ]; then m=1; y=$((y + 1)); fi
    done
    Rscript bench/yearend_peers.R fit "$tmp/$n.cases.csv" "$tmp/$n.flows.csv" \
        "$tmp/$n.r.csv" "$PEERS"
}

# SETS: "title|FILE options" per file
SETS=()
nargs=$#
if [ $# -eq 0 ]; then
    SETS=(
        "FDI disbursed, monthly (2021-2026)|datasets/vietnam/fdi_disbursed.csv --value value"
        "FDI registered, monthly year to date with gaps (2019-2026)|datasets/vietnam/fdi_registered_ytd.csv --ytd --value value"
        "Public investment, monthly year to date (2010-2026)|datasets/vietnam/public_investment_ytd.csv --ytd --value value"
        "Hai Phong, 6 series (2015-2016, one year scored)|datasets/haiphong/haiphong_fdi.csv --value value_usd_m"
    )
else
    cur="" title=""
    for a in "$@" --; do
        if [ "$a" = "--" ]; then
            [ -n "$cur" ] && SETS+=("${title# }|${cur# }")
            cur="" title=""
            continue
        fi
        cur="$cur $(printf '%q' "$a")"
        title="$title $a"
    done
fi

# the files two at a time (JOBS), each one R process
score_args=()
n=0
pids=()
for s in "${SETS[@]}"; do
    IFS='|' read -r title cmd <<<"$s"
    eval "set -- $cmd"
    n=$((n + 1))
    echo "== $n: $title" >&2
    ( /usr/bin/time -f "   $n: %e s wall, %U s user (R and fdi)" bash -c "$(declare -f one); \
        FDI=$FDI METHODS=$METHODS PEERS=$PEERS BACKTEST_ONLY='$BACKTEST_ONLY' tmp=$tmp \
        one $n $(printf '%q ' "$@")" ) >&2 &
    pids+=($!)
    if [ ${#pids[@]} -ge "${JOBS:-2}" ]; then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
    score_args+=("$title" "$tmp/$n.cases.csv" "$tmp/$n.r.csv")
done
for p in "${pids[@]}"; do wait "$p"; done
JOBS_NOTE="${JOBS:-2} files at a time"
if [ "$nargs" -eq 0 ]; then
    out=bench/results/yearend_peers.md
    cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
    rver=$(Rscript -e 'cat(R.version$major, R.version$minor, sep = ".")')
    fver=$(Rscript -e 'cat(format(packageVersion("forecast")))')
    pver=$(Rscript -e 'cat(format(packageVersion("prophet")))' 2>/dev/null || echo none)
    {
        echo "# Year-end accuracy against R's ets, auto.arima and prophet, same cases"
        echo
        echo "Every case \`fdi backtest\` scores (each series; each year with all"
        echo "its months and the year before observed; cut-offs after months 1..11):"
        echo "the year total forecast from the months so far.  fdi's methods as"
        echo "\`fdi backtest --cases\` gives them (1,000 paths, calibrated intervals);"
        echo "R's fitted to the same monthly flows (fdi's, the last stretch without a"
        echo "missing month, as fdi fits), year total = year to date + the point"
        echo "forecasts of the months left, intervals from 1,000 simulated paths"
        echo "summed over the months left (prophet: its predictive samples).  MAPE"
        echo "over the cases with a non-zero total; a failed forecast is counted in"
        echo "failed and left out of the scores.  See bench/yearend_peers.R."
        echo
        echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M') UTC;"
        echo "R $rver, forecast $fver, prophet $pver; $("$FDI" --version | head -1)."
        echo "Run: $SECONDS s wall, $JOBS_NOTE (load average $(cut -d' ' -f1 /proc/loadavg) at the end)."
        echo
        echo "Reproduce (every bundled monthly series, writes this file):"
        echo
        echo '```'
        echo "bash bench/yearend_peers.sh"
        echo "# the same as"
        line="bash bench/yearend_peers.sh"
        for s in "${SETS[@]}"; do line="$line ${s#*|} --"; done
        echo "${line% --}"
        echo '```'
        echo
        Rscript bench/yearend_peers.R score "${score_args[@]}"
    } >"$tmp/out.md"
    cp "$tmp/out.md" "$out"
    cat "$out"
else
    Rscript bench/yearend_peers.R score "${score_args[@]}"
fi
