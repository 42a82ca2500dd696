#!/usr/bin/env bash
# Run the libFuzzer targets (clang, address+undefined sanitizers) for a
# given time each, starting from the seed corpus (the real files in
# datasets/ and tests/fuzz/seeds/).  Findings are written to
# build-fuzz/findings/; add them to tests/fuzz/seeds/ once fixed.
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default 600, all)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_ingest fuzz_parse fuzz_scenario fuzz_plain)
command -v clang >/dev/null || { echo "fuzz.sh: needs clang (apt-get install clang)" >&2; exit 1; }
bash scripts/setup.sh
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DFDI_FUZZ=ON -DFDI_SANITIZE=ON \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]}" >/dev/null
mkdir -p build-fuzz/findings
for t in "${targets[@]}"; do
    corpus=build-fuzz/corpus/$t
    mkdir -p "$corpus"
    # seeds: the first 4 kB of each real file (libFuzzer mutates small inputs best)
    for f in datasets/*/*.csv tests/fuzz/seeds/*; do
        head -c 4096 "$f" >"$corpus/seed_$(basename "$f")"
    done
    echo "== $t for ${secs}s" >&2
    build-fuzz/tests/fuzz/$t -max_total_time="$secs" -max_len=8192 -timeout=10 \
        -artifact_prefix=build-fuzz/findings/"$t"- -print_final_stats=1 "$corpus" \
        2>build-fuzz/$t.log || { echo "$t: finding, see build-fuzz/findings/ and build-fuzz/$t.log" >&2; exit 1; }
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb|cov:" build-fuzz/$t.log | tail -3 >&2
done
