#!/usr/bin/env bash
# Install what fdi needs to build and test, from Debian's packages, when
# missing.  As root it runs apt-get; otherwise it prints the exact command.
# usage: scripts/setup.sh [--test]   (--test adds valgrind, python3,
# python3-pandas and time for the test run, python3-openpyxl to write the
# test workbooks and to read -o .xlsx back, chromium and poppler-utils to
# render the HTML report and read its PDF back, openmpi-bin and
# libopenmpi-dev for the FDI_MPI build's test)
set -euo pipefail
need=(cmake make gcc pkg-config libgsl-dev libopenblas-dev libcsv-dev libutf8proc-dev zlib1g-dev libcairo2-dev libzip-dev libexpat1-dev libxlsxwriter-dev fonts-dejavu-core)
if [ "${1:-}" = "--test" ]; then
    # valgrind for the command-line tests; python3 (ctypes) for the Python
    # module's tests, pandas for its .to_pandas(), openpyxl writes the
    # workbooks tests/xlsx/ reads and reads -o .xlsx back; chromium prints
    # the report's HTML page to PDF (tests/cli/report_html.sh), pdftotext
    # (poppler-utils) reads the PDF back
    # Open MPI (openmpi-bin libopenmpi-dev): the -DFDI_MPI=ON build and
    # tests/cli/mpi.sh; the plain build needs neither
    need+=(valgrind python3 python3-pandas python3-openpyxl time chromium poppler-utils
           openmpi-bin libopenmpi-dev)
fi
missing=()
for p in "${need[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
echo "fdi setup: installing ${missing[*]}" >&2
if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "fdi setup: run this, then try again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
