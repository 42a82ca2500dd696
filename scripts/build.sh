#!/usr/bin/env bash
# Configure and build fdi (Release) into build/; prints nothing on success.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DFDI_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
