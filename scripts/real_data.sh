#!/usr/bin/env bash
# The real-data benchmark: gathers recordings shipped inside PyPI packages (obspy's
# seismograms, heartpy's photoplethysmogram, SciPy's ECG and photograph, pysptk's speech;
# scripts/real_data.py says which) into DATA_DIR, then compares the filter's chunks with
# pcodec, WavPack and FLAC through numcodecs on them (scripts/bench_real.py). Not part of the
# test suite; nothing of it is committed. WavPack's numcodecs package builds against
# Debian's libwavpack (its bundled builds are for other glibc versions).
#   bash scripts/real_data.sh [DATA_DIR]   (default target/real-data)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-target/real-data}
VENV=target/real-data-venv
PINS=(obspy==1.5.1 heartpy==1.2.7 pcodec==1.1.0 flac-numcodecs==0.1.2 numcodecs==0.16.6 numpy==2.4.6
  h5py==3.16.0 cffi wavpack-numcodecs==0.3.0)
if ! command -v wavpack >/dev/null || [ ! -e /usr/include/wavpack/wavpack.h ]; then
  apt-get update -q >/dev/null && apt-get install -y -q wavpack libwavpack-dev >/dev/null
fi
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
bash scripts/build_wheel.sh >&2   # build output off the benchmark log
"$VENV/bin/pip" install -q --disable-pip-version-check "${PINS[@]}"
"$VENV/bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps target/wheels/h5flac-*.whl
mkdir -p "$DATA/packages"
for pkg in scipy==1.11.4:scipy-1.11.4-*.whl pysptk==1.0.1:pysptk-1.0.1.tar.gz; do
  if ! compgen -G "$DATA/packages/${pkg#*:}" >/dev/null; then
    "$VENV/bin/pip" download -q --disable-pip-version-check --no-deps --no-binary pysptk \
      -d "$DATA/packages" "${pkg%%:*}"
  fi
done
"$VENV/bin/python" scripts/real_data.py "$DATA" "$DATA/packages"
env -u FLACARRAY_FILTER_THREADS "$VENV/bin/python" scripts/bench_real.py "$DATA"
