#!/usr/bin/env bash
# T5: 10,000 scenarios x 1,000 series, batched (fdi), the naive loop, numpy.
#   bash bench/whatif.sh        (about a minute; writes bench/results/whatif.md)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
S=${FDI_WHATIF_SERIES:-1000} J=${FDI_WHATIF_SCENARIOS:-10000} P=${FDI_WHATIF_PATHS:-200}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# BLAS single-threaded: the threads are fdi's, one series at a time each
export OPENBLAS_NUM_THREADS=1
./build/bench_whatif --series "$S" --scenarios "$J" --paths "$P" --naive 20 --out "$tmp" >"$tmp/c.csv"
py=/usr/bin/python3
np_row=""
if $py -c 'import numpy' 2>/dev/null; then
    $py bench/whatif_numpy.py "$tmp" "$S" "$P" 50 >"$tmp/np.csv"
    np_row=$(tail -1 "$tmp/np.csv")
fi
IFS=, read -r s j p t1 t2 e1 e2 ks tn en diff chk < <(tail -1 "$tmp/c.csv")
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
{
    echo "# What-if at scale: $s series x $j scenarios (with the baseline), $p paths"
    echo
    echo "One evaluation = one scenario on one series over all its sample paths:"
    echo "year-end mean, change, 80% interval, p_target."
    echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores; $(date -u +%Y-%m-%d)."
    echo "Reproduce: \`bash bench/whatif.sh\`."
    echo
    echo "| how | evaluations/s | vs naive loop | agrees with fdi (max rel. diff) |"
    echo "|---|---:|---:|---:|"
    echo "| fdi batched, 1 thread (dgemm per series) | $e1 | $(awk -v a="$e1" -v b="$en" 'BEGIN { printf "%.1fx", a / b }') | reference |"
    echo "| fdi batched, 2 threads | $e2 | $(awk -v a="$e2" -v b="$en" 'BEGIN { printf "%.1fx", a / b }') | reference |"
    echo "| naive loop in C (row by row, path by path; first $ks series) | $en | 1.0x | $diff |"
    if [ -n "$np_row" ]; then
        IFS=, read -r nk nj np_ ns ne nd <<<"$np_row"
        echo "| numpy, vectorised (first $nk series) | $ne | $(awk -v a="$ne" -v b="$en" 'BEGIN { printf "%.1fx", a / b }') | $nd |"
        echo
        echo "fdi batched (2 threads) against numpy: $(awk -v a="$e2" -v b="$ne" 'BEGIN { printf "%.1fx", a / b }')."
    fi
    echo
    echo "Whole run of fdi: $t1 s on one thread, $t2 s on two."
} >bench/results/whatif.md
cat bench/results/whatif.md
