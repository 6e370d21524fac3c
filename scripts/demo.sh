#!/usr/bin/env bash
# The main job: build in release mode, make fake time-stream data, compress it, check the
# round trip, and print size, ratio and speed. Installs what is missing first.
# Usage: scripts/demo.sh [N_STREAMS] [N_SAMPLES]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --no-python
cargo run --release --quiet --example demo -- "$@"
