#!/usr/bin/env bash
# Quick start: install what is missing, build, and tally a bundled real election.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
build/bin/ppb tally tests/data/czestochowa_2024_bleszno.pb
