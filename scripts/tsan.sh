#!/usr/bin/env bash
# ThreadSanitizer over the code that runs on two threads: builds fdi with
# -DFDI_TSAN=ON in build-tsan/ and runs
#   - the ingest's two-thread path (a quote-free file of 4 MiB or more,
#     PARALLEL_MIN in engine/ingest/ingest.c): `fdi info` and `fdi yoy` on
#     a 16 MB cube whose later rows have long numbers (parsed by
#     parse_general with its C locale, on both threads, after the sample the
#     layout is decided from), and test_ingest_parts / test_window, which
#     compare the two-thread reading with the one-thread one;
#   - the parts merged as they come when --by sums keys away (fdi yoy
#     --by province,measure: fdi_ingest_summed, the drain of two_threads.c);
#   - the panel's two-thread steps (fdi yoy on the same cube: more than
#     PARALLEL_CELLS cells, engine/panel/panel.c);
#   - the what-if evaluation on two threads (bench_whatif: fdi_whatif_eval
#     from two threads at once, each with its own scratch) and test_whatif;
#   - the strided two-lane run of forecast's series and backtest's units
#     (fdi__strided_run: fdi forecast and backtest --threads 2, and
#     test_two_threads).
# Fails on any ThreadSanitizer report or any non-zero exit.
#
# Address-space randomisation: GCC 12's TSan runtime expects the program's
# mappings where at most 28 bits of mmap randomness put them; on kernels
# with vm.mmap_rnd_bits above 28 (32 on some recent distributions) it
# fails ("unexpected memory mapping") or crashes at start.  Every run goes
# through `setarch -R` (randomisation off for that process, no root
# needed) when setarch is there; with root, `sysctl vm.mmap_rnd_bits=28`
# does it too.  (Here, kernel 6.18 with mmap_rnd_bits 28, both work.)
#
# usage: scripts/tsan.sh        (JOBS=N to build with N jobs, default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${JOBS:-2}
b=build-tsan

echo "== ThreadSanitizer build ($b)"
cmake -S . -B "$b" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFDI_TSAN=ON -DFDI_SANITIZE=OFF \
    -DFDI_WERROR=ON >/dev/null
cmake --build "$b" -j"$jobs" --target fdi_cli bench_whatif test_ingest_parts test_window \
    test_whatif test_two_threads >/dev/null

norand=()
if command -v setarch >/dev/null; then
    norand=(setarch "$(uname -m)" -R)
fi
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
# OpenBLAS's own thread pool (bench_whatif's dgemm) is not fdi's threading,
# and its uninstrumented spin-waits are not what is checked here
export OPENBLAS_NUM_THREADS=1

# The cube: 25 years x 40 provinces x 10 partners x 3 measures, two values
# a row, no quotes (16 MB; the same bytes every time).  From the 5000th row
# on, every 997th value has 17 decimals: those go through parse_general.
data=$b/data
mkdir -p "$data"
cube=$data/cube.csv
if [ ! -s "$cube" ]; then
    LC_ALL=C awk 'BEGIN {
        srand(7)
        print "period,province,partner,measure,value_usd_m,projects"
        split("new adjusted disbursed", ms, " ")
        n = 0
        for (y = 2000; y <= 2024; y++) for (m = 1; m <= 12; m++)
        for (p = 0; p < 40; p++) for (q = 0; q < 10; q++) for (k = 1; k <= 3; k++) {
            n++
            v = rand() * 100
            printf "%d-%02d,Province %d,Partner %d,%s,", y, m, p, q, ms[k]
            if (n > 5000 && n % 997 == 0) printf "%.17f", v; else printf "%.2f", v
            printf ",%d\n", int(rand() * 5)
        }
    }' > "$cube.tmp"
    mv "$cube.tmp" "$cube"
fi
size=$(stat -c %s "$cube")
[ "$size" -ge $((4 << 20)) ] || { echo "tsan: $cube is too small for two threads" >&2; exit 1; }

fail=0
run() {
    local name=$1
    shift
    local log=$b/tsan-$name.log
    local rc=0
    "${norand[@]}" "$@" >"$log.out" 2>"$log" || rc=$?
    if [ "$rc" != 0 ] || grep -q 'ThreadSanitizer' "$log"; then
        echo "FAIL $name (exit $rc): $log" >&2
        grep -A30 'WARNING: ThreadSanitizer' "$log" | head -60 >&2 || tail -20 "$log" >&2
        fail=1
    else
        echo "ok   $name"
    fi
}

echo "== runs"
run info "$b/fdi" info "$cube" --threads 2
run yoy "$b/fdi" yoy "$cube" --as-of 2024-06 --threads 2
# --by summing keys away: the parts merged as they come, under a lock, and
# drained into the group sums (fdi_ingest_summed, two_threads.c)
run yoy_summed "$b/fdi" yoy "$cube" --as-of 2024-06 --by province,measure --threads 2
# the forecast's series fitted on two threads (fdi__strided_run)
run forecast_two "$b/fdi" forecast datasets/haiphong/haiphong_fdi.csv --as-of 2016-09 \
    --value value_usd_m --by area,flow --paths 200 --threads 2
run backtest_two "$b/fdi" backtest datasets/haiphong/haiphong_fdi.csv --value value_usd_m \
    --by area,flow --method seasonal,theta --threads 2
run test_ingest_parts "$b/tests/test_ingest_parts"
run test_window "$b/tests/test_window"
run test_whatif "$b/tests/test_whatif"
run test_two_threads "$b/tests/test_two_threads"
run bench_whatif "$b/bench_whatif" --series 40 --scenarios 300 --paths 200 --naive 1

if [ "$fail" != 0 ]; then
    echo "tsan: ThreadSanitizer found problems" >&2
    exit 1
fi
echo "tsan: clean"
