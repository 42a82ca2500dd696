#!/usr/bin/env bash
# The test command: install what is missing, build with AddressSanitizer and
# UndefinedBehaviorSanitizer and warnings as errors, run every test (unit,
# golden command-line, fuzz replay), then the golden command-line tests
# again under valgrind on a plain build, the Python module over that build's
# libfdi.so, and the two-thread code under ThreadSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
jobs=$(nproc)

echo "== sanitizer build (address, undefined), -Werror"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DFDI_SANITIZE=ON -DFDI_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs" >/dev/null
FDI_FUZZ_ROUNDS=${FDI_FUZZ_ROUNDS:-1000} ASAN_OPTIONS=detect_leaks=1 \
    ctest --test-dir build-asan -j"$jobs" --output-on-failure

echo "== valgrind on the golden command-line tests"
cmake -S . -B build-valgrind -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFDI_WERROR=ON >/dev/null
cmake --build build-valgrind -j"$jobs" --target fdi_cli >/dev/null
FDI_VALGRIND=1 bash tests/cli/run.sh build-valgrind/fdi "$PWD"

echo "== the Python module over libfdi.so (the plain build)"
cmake --build build-valgrind -j"$jobs" --target fdi_shared >/dev/null
FDI_LIB="$PWD/build-valgrind/libfdi.so.0" /usr/bin/python3 scripts/python/test_fdi.py build-valgrind/fdi
FDI_LIB="$PWD/build-valgrind/libfdi.so.0" /usr/bin/python3 scripts/python/whatif_grid.py >/dev/null

echo "== fdi under mpirun (-DFDI_MPI=ON): byte-identical to one process, faults fail the run"
if command -v mpirun >/dev/null && command -v mpicc >/dev/null; then
    cmake -S . -B build-mpi -DCMAKE_BUILD_TYPE=Release -DFDI_MPI=ON -DFDI_WERROR=ON \
        -DFDI_BUILD_TESTS=OFF >/dev/null
    cmake --build build-mpi -j"$jobs" --target fdi_cli >/dev/null
    bash tests/cli/mpi.sh build-mpi/fdi "$PWD"
else
    echo "SKIPPED: Open MPI not installed (scripts/setup.sh --test installs it)"
fi

echo "== ThreadSanitizer on the two-thread ingest, panel and what-if"
JOBS=$jobs bash scripts/tsan.sh
