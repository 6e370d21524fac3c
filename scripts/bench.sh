#!/usr/bin/env bash
# Side-by-side benchmark: this crate vs Python flacarray 0.4.1 on the same data.
# Usage: scripts/bench.sh [DATA_DIR]   (BENCH_REPEATS=N runs per round, BENCH_ROUNDS=N rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo bench --no-run --quiet --bench compare
export OMP_NUM_THREADS=2
.venv/bin/python scripts/bench.py "${1:-target/bench}"
