#!/usr/bin/env bash
# T4 (issue "T4, forecasting"): year-end forecasts for 1,000 and 10,000
# monthly series of 120 months, series per second for each of fdi's methods
# on 1 and 2 threads, against R forecast::ets (automatic selection, default
# arguments) and statsmodels Holt-Winters on the same series and horizon.
# Done means: automatic ETS at least 100x faster per series than R's, with
# accuracy no worse.
#
#   bash bench/t4.sh                     N = 1,000 and 10,000; peers on the first 100 series
#   T4_SIZES=1000 bash bench/t4.sh       quick run (N = 1,000 only)
#   T4_SAMPLE=30 T4_SEED=2 bash bench/t4.sh
#   T4_RESULTS=/tmp/t4 bash bench/t4.sh  writes /tmp/t4.md and /tmp/t4.csv
#   T4_M3=path/to/bench_m3 bash bench/t4.sh   use that binary, build nothing
#
# Data: scripts/gen_series.py writes N series (2015-01 .. 2024-12; 2024 is
# the test year) in the M3 layout into build-bench/, once per N and seed
# (again when the generator is newer than the file).  Series i depends only
# on the seed and i, so the first series of every file are the same series.
# Every tool fits the 108 months to December 2023 and forecasts the 12
# months of 2024 (h = 12: the year-end question asked at the end of a year),
# scored against the held-out months with sMAPE and MASE.
#
# fdi: build/bench_m3 --horizon 12 (fits timed in the program, no I/O):
# series per second = N / wall time of the fits on T threads.  Peers, one
# process and one thread each (OPENBLAS/OMP threads pinned to 1), on the
# first T4_SAMPLE series: bench/m3_r.R (forecast(ets(x), h)) and
# bench/t4_statsmodels.py (ExponentialSmoothing(trend="add", seasonal="mul"
# and "add", seasonal_periods=12).fit()); fdi also runs on that sample, and
# bench/t4_agree.py scores every tool's forecasts there with one definition.
# Writes bench/results/t4.md and bench/results/t4.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${T4_SIZES:-"1000 10000"}
SAMPLE=${T4_SAMPLE:-100}
SEED=${T4_SEED:-1}
METHODS=ets,theta,snaive,ensemble,auto
PY=/usr/bin/python3
data=build-bench
out=${T4_RESULTS:-bench/results/t4}
t_start=$(date +%s)
load0=$(cut -d' ' -f1-3 /proc/loadavg)
cores=$(getconf _NPROCESSORS_ONLN) # before OMP_NUM_THREADS=1, which nproc obeys

if [ -n "${T4_M3:-}" ]; then
    M3=$T4_M3
else
    bash scripts/build.sh
    M3=build/bench_m3
fi
mkdir -p "$data" "$(dirname "$out")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1

# --- data -------------------------------------------------------------------
file_for() { echo "$data/t4_$1_seed${SEED}.csv"; }
for n in $SIZES; do
    f=$(file_for "$n")
    if [ ! -s "$f" ] || [ scripts/gen_series.py -nt "$f" ]; then
        echo "t4.sh: generating $f" >&2
        $PY scripts/gen_series.py --n "$n" --seed "$SEED" --out "$f"
    fi
done
smallest=$(echo $SIZES | tr ' ' '\n' | sort -n | head -1)
small=$(file_for "$smallest")
[ "$SAMPLE" -le "$smallest" ] || SAMPLE=$smallest

# --- fdi on every size and thread count ------------------------------------
# rows: tool,n,threads,method,series,smape,mase,cpu_seconds,wall_seconds,
#       series_per_second,ms_per_series (both from the wall time: on 2 threads
#       the throughput of the two), cpu_ms_per_series (CPU time of the fits
#       summed over threads / series: what one core spends on one series)
echo "tool,n,threads,method,series,smape,mase,cpu_seconds,wall_seconds,series_per_second,ms_per_series,cpu_ms_per_series" \
    >"$tmp/rows.csv"
for n in $SIZES; do
    for th in 1 2; do
        echo "t4.sh: fdi $METHODS, N = $n, $th thread(s)..." >&2
        "$M3" "$(file_for "$n")" --methods "$METHODS" --threads "$th" --horizon 12 \
            >"$tmp/fdi_${n}_$th.csv"
        tail -n +2 "$tmp/fdi_${n}_$th.csv" |
            awk -F, -v n="$n" -v th="$th" 'BEGIN { OFS = "," }
                { print "fdi", n, th, $1, $2, $3, $4, $6, $8, $9, 1000 / $9, 1000 / $7 }' \
                >>"$tmp/rows.csv"
    done
done

# --- the sample: fdi, R, statsmodels on the first SAMPLE series -------------
echo "t4.sh: fdi on the first $SAMPLE series (1 thread, forecasts kept)..." >&2
"$M3" "$small" --methods "$METHODS" --threads 1 --horizon 12 --limit "$SAMPLE" \
    --dump "$tmp/fdi_dump.csv" >"$tmp/fdi_sample.csv"
tail -n +2 "$tmp/fdi_sample.csv" |
    awk -F, -v n="$SAMPLE" 'BEGIN { OFS = "," }
        { print "fdi (sample)", n, 1, $1, $2, $3, $4, $6, $8, $9, 1000 / $9, 1000 / $7 }' \
        >>"$tmp/rows.csv"
dumps=("fdi=$tmp/fdi_dump.csv")
have_r=0 have_sm=0
if command -v Rscript >/dev/null && Rscript -e 'library(forecast)' >/dev/null 2>&1; then
    echo "t4.sh: R forecast::ets and snaive on the first $SAMPLE series..." >&2
    Rscript bench/m3_r.R --n="$SAMPLE" --methods=ets,snaive --data="$small" \
        --out="$tmp/r.csv" --dump="$tmp/r_dump.csv"
    tail -n +2 "$tmp/r.csv" |
        awk -F, -v n="$SAMPLE" 'BEGIN { OFS = "," }
            { print "R forecast", n, 1, $1, n, $2, $3, $4, $4, n / $4, 1000 * $4 / n, 1000 * $4 / n }' \
            >>"$tmp/rows.csv"
    dumps+=("R=$tmp/r_dump.csv")
    have_r=1
else
    echo "t4.sh: Rscript with the forecast package not found: R skipped" >&2
fi
if $PY -c 'import statsmodels' 2>/dev/null; then
    for seas in mul add; do
        echo "t4.sh: statsmodels Holt-Winters ($seas season) on the first $SAMPLE series..." >&2
        $PY bench/t4_statsmodels.py "$small" --n "$SAMPLE" --seasonal "$seas" \
            --out "$tmp/sm_$seas.csv" --dump "$tmp/sm_dump_$seas.csv"
        tail -n +2 "$tmp/sm_$seas.csv" |
            awk -F, -v n="$SAMPLE" 'BEGIN { OFS = "," }
                { print "statsmodels", n, 1, $1, n, $2, $3, $4, $4, n / $4, 1000 * $4 / n, 1000 * $4 / n }' \
                >>"$tmp/rows.csv"
        dumps+=("statsmodels=$tmp/sm_dump_$seas.csv")
    done
    have_sm=1
else
    echo "t4.sh: statsmodels not importable by $PY: skipped" >&2
fi
agree=()
[ "$have_r" = 1 ] && agree=(--agree fdi:ets,R:ets)
$PY bench/t4_agree.py "$small" "${dumps[@]}" "${agree[@]}" >"$tmp/agree.md"

# --- the report --------------------------------------------------------------
# value of column c for tool, n, threads, method
get() {
    awk -F, -v t="$1" -v n="$2" -v th="$3" -v m="$4" -v c="$5" \
        '$1 == t && $2 == n && $3 == th && $4 == m { print $c; exit }' "$tmp/rows.csv"
}
# a number with d decimals, or 3 significant digits below 1 (speeds span 1e-3 .. 1e6)
fmt() {
    awk -v x="$1" -v d="$2" 'BEGIN {
        if (x == "") print "-"; else if (x + 0 < 1 && d > 0) printf "%.3g\n", x
        else if (x + 0 >= 1000) printf "%.0f\n", x; else printf "%.*f\n", d, x }'
}
r_ms=$([ "$have_r" = 1 ] && get "R forecast" "$SAMPLE" 1 ets 11 || true)
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git status --porcelain -- engine include 2>/dev/null | wc -l)
rver=$([ "$have_r" = 1 ] && Rscript -e 'cat(paste0("R ", getRversion(), ", forecast ", packageVersion("forecast")))' 2>/dev/null || echo "R not run")
smver=$([ "$have_sm" = 1 ] && $PY -c 'import statsmodels; print("statsmodels", statsmodels.__version__)' || echo "statsmodels not run")
secs=$(($(date +%s) - t_start))
{
    echo "# T4: year-end forecasts, fdi against R forecast::ets and statsmodels"
    echo
    echo "Reproduce: \`bash bench/t4.sh\` (this run: $((secs / 60)) min $((secs % 60)) s;"
    echo "\`T4_SIZES=1000\` for a quick run)."
    echo
    echo "Machine: ${cpu:-unknown CPU}, $cores cores; $(date -u +%Y-%m-%d);"
    echo "load average at the start $load0, at the end $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "fdi at commit $commit$([ "$dirty" -gt 0 ] && echo " with $dirty uncommitted file(s) in engine/ or include/");"
    echo "$rver; $smver (Python $($PY -c 'import platform; print(platform.python_version())'))."
    echo
    echo "Data: \`scripts/gen_series.py --seed $SEED\`: N monthly FDI-like series of 120"
    echo "months (2015-01 to 2024-12; steady, growing, lumpy and level-shift shapes,"
    echo "multiplicative season, positive values).  Every tool fits the 108 months"
    echo "to Dec 2023 and forecasts the 12 months of 2024 (h = 12, the year-end from"
    echo "the end of the previous year); sMAPE and MASE on those 12 held-out months."
    echo
    echo "## fdi: series per second (\`build/bench_m3 FILE --horizon 12 --threads T\`)"
    echo
    echo "Wall time of the fits alone (no file reading); series/s = N / wall"
    echo "seconds, ms/series = its inverse (on 2 threads: the throughput of both)."
    echo "CPU ms/series: CPU time of the fits summed over the threads, per series"
    echo "(1 thread / 2 threads); when it stays put while 2T/1T falls short of 2,"
    echo "the second core was busy with something else."
    echo
    echo "| N | method | series/s, 1 thread | ms/series | series/s, 2 threads | ms/series | 2T/1T | CPU ms/series | sMAPE | MASE |"
    echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for n in $SIZES; do
        for m in ${METHODS//,/ }; do
            s1=$(get fdi "$n" 1 "$m" 10) s2=$(get fdi "$n" 2 "$m" 10)
            echo "| $n | $m | $(fmt "$s1" 1) | $(fmt "$(get fdi "$n" 1 "$m" 11)" 2) | $(fmt "$s2" 1) | $(fmt "$(get fdi "$n" 2 "$m" 11)" 2) | $(fmt "$(awk -v a="$s1" -v b="$s2" 'BEGIN { print b / a }')" 2)x | $(fmt "$(get fdi "$n" 1 "$m" 12)" 2) / $(fmt "$(get fdi "$n" 2 "$m" 12)" 2) | $(get fdi "$n" 1 "$m" 6) | $(get fdi "$n" 1 "$m" 7) |"
        done
    done
    echo
    echo "## Peers on the first $SAMPLE series (one process, one thread)"
    echo
    echo "| tool | call | ms/series | series/s | sMAPE | MASE |"
    echo "|---|---|---:|---:|---:|---:|"
    if [ "$have_r" = 1 ]; then
        echo "| R forecast | \`forecast(ets(x), h = 12)\` (automatic, defaults) | $(fmt "$r_ms" 1) | $(fmt "$(get "R forecast" "$SAMPLE" 1 ets 10)" 2) | $(fmt "$(get "R forecast" "$SAMPLE" 1 ets 6)" 2) | $(fmt "$(get "R forecast" "$SAMPLE" 1 ets 7)" 3) |"
        echo "| R forecast | \`snaive(x, h = 12)\` | $(fmt "$(get "R forecast" "$SAMPLE" 1 snaive 11)" 2) | $(fmt "$(get "R forecast" "$SAMPLE" 1 snaive 10)" 1) | $(fmt "$(get "R forecast" "$SAMPLE" 1 snaive 6)" 2) | $(fmt "$(get "R forecast" "$SAMPLE" 1 snaive 7)" 3) |"
    fi
    if [ "$have_sm" = 1 ]; then
        for seas in mul add; do
            echo "| statsmodels | \`ExponentialSmoothing(y, trend=\"add\", seasonal=\"$seas\", seasonal_periods=12).fit()\` | $(fmt "$(get statsmodels "$SAMPLE" 1 "hw_$seas" 11)" 1) | $(fmt "$(get statsmodels "$SAMPLE" 1 "hw_$seas" 10)" 1) | $(fmt "$(get statsmodels "$SAMPLE" 1 "hw_$seas" 6)" 2) | $(fmt "$(get statsmodels "$SAMPLE" 1 "hw_$seas" 7)" 3) |"
        done
    fi
    for m in ${METHODS//,/ }; do
        echo "| fdi | $m, 1 thread | $(fmt "$(get "fdi (sample)" "$SAMPLE" 1 "$m" 11)" 2) | $(fmt "$(get "fdi (sample)" "$SAMPLE" 1 "$m" 10)" 1) | $(get "fdi (sample)" "$SAMPLE" 1 "$m" 6) | $(get "fdi (sample)" "$SAMPLE" 1 "$m" 7) |"
    done
    if [ "$have_r" = 1 ]; then
        echo
        echo "## fdi ets against R forecast::ets (goal: 100x faster per series)"
        echo
        echo "R: $(fmt "$r_ms" 1) ms/series on the first $SAMPLE series.  Ratio = R ms/series"
        echo "divided by fdi ets ms/series."
        echo
        echo "| fdi run | fdi ets ms/series | ratio | 100x? |"
        echo "|---|---:|---:|---|"
        sm=$(get "fdi (sample)" "$SAMPLE" 1 ets 11)
        rows=("the same $SAMPLE series, 1 thread|$sm")
        for n in $SIZES; do
            for th in 1 2; do
                rows+=("N = $n, $th thread$([ "$th" = 2 ] && echo s)|$(get fdi "$n" "$th" ets 11)")
            done
        done
        for row in "${rows[@]}"; do
            label=${row%%|*} ms=${row#*|}
            ratio=$(awk -v r="$r_ms" -v f="$ms" 'BEGIN { printf "%.1f", r / f }')
            echo "| $label | $(fmt "$ms" 2) | ${ratio}x | $(awk -v x="$ratio" 'BEGIN { print (x >= 100 ? "yes" : "no") }') |"
        done
    fi
    echo
    echo "## Accuracy on the first $SAMPLE series, by kind of series"
    echo
    echo "Every tool's forecasts scored by \`bench/t4_agree.py\` (one definition:"
    echo "sMAPE = mean of 200|a-f|/(|a|+|f|) over series and months; MASE = mean"
    echo "over series of mean |a-f| / in-sample mean |y_t - y_{t-12}|).  R snaive"
    echo "and fdi snaive giving the same numbers shows the tools saw the same"
    echo "series and horizon."
    echo
    cat "$tmp/agree.md"
    if [ "$have_r" = 1 ]; then
        echo
        echo "fdi's automatic ETS departs from R's on purpose on lumpy series (a month"
        echo "holding more than 60% of a year): it searches only additive-error,"
        echo "non-seasonal models there (\`AZN\`, engine/forecast/forecast.c), where R"
        echo "searches all of them; on every other series it follows forecast::ets."
    fi
} >"$out.md"
cp "$tmp/rows.csv" "$out.csv"
cat "$out.md"
echo "t4.sh: wrote $out.md and $out.csv in $secs s" >&2
