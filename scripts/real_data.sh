#!/usr/bin/env bash
# The real-data benchmark: gathers recordings shipped inside PyPI packages (obspy's
# seismograms, heartpy's photoplethysmogram; scripts/real_data.py says which) into
# DATA_DIR, then compares the filter's chunks with pcodec and flac-numcodecs on them
# (scripts/bench_real.py). Not part of the test suite; nothing of it is committed.
#   bash scripts/real_data.sh [DATA_DIR]   (default target/real-data)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-target/real-data}
VENV=target/real-data-venv
PINS=(obspy==1.5.1 heartpy==1.2.7 pcodec==1.1.0 flac-numcodecs==0.1.2 numcodecs==0.16.6 numpy==2.4.6
  h5py==3.16.0 cffi)
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
bash scripts/build_wheel.sh
"$VENV/bin/pip" install -q --disable-pip-version-check "${PINS[@]}"
"$VENV/bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps target/wheels/h5flac-*.whl
"$VENV/bin/python" scripts/real_data.py "$DATA"
env -u FLACARRAY_FILTER_THREADS "$VENV/bin/python" scripts/bench_real.py "$DATA"
