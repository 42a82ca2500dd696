#!/usr/bin/env bash
# T3: the year-to-date and year-over-year kernels alone, on an in-memory
# panel, in GB/s against a memory-bandwidth loop run in the same program.
#   bash bench/kernels.sh       (about 10 s; writes bench/results/kernels.md)
# FDI_KERNELS_MONTHS, FDI_KERNELS_SERIES, FDI_KERNELS_RUNS change the panel
# (300 x 100,000) and the number of timed runs (7).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
T=${FDI_KERNELS_MONTHS:-300} S=${FDI_KERNELS_SERIES:-100000} R=${FDI_KERNELS_RUNS:-7}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
load=$(cut -d' ' -f1-3 /proc/loadavg)
./build/bench_kernels --months "$T" --series "$S" --runs "$R" >"$tmp"
cache=$(lscpu 2>/dev/null | sed -n 's/^L\([23]\) cache: *\(.*\)/L\1 \2/p' | paste -sd, - | sed 's/,/, /g')
mkdir -p bench/results
{
    echo "# Kernels alone: year to date and year over year against memory bandwidth"
    echo
    echo "Reproduce: \`bash bench/kernels.sh\` (Release build, \`build/bench_kernels\`)."
    echo "Run $(date -u +%Y-%m-%d), gcc $(gcc -dumpfullversion 2>/dev/null || echo '?');"
    echo "caches: ${cache:-unknown}; load average before the run: $load."
    echo
    cat "$tmp"
    echo
    echo "GB/s counts each array a computation must touch once (ytd: flows read,"
    echo "ytd and missing count written, 18 B a cell; yoy: two ytd rows read, the"
    echo "multiple written, 24 B a cell; STREAM's 16/24/24 B), never the"
    echo "write-allocate reads.  The % column compares with the fastest of the"
    echo "three bandwidth loops on the same number of threads.  yoy divides row t"
    echo "by row t - 12 of the same matrix, which it read as a numerator twelve rows"
    echo "(10 MB at 100,000 series) before, still in the last-level cache; so fewer"
    echo "bytes come from memory than are counted, and yoy can pass 100%."
} >bench/results/kernels.md
cat bench/results/kernels.md
