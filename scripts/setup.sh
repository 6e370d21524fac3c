#!/usr/bin/env bash
# Install what the project needs on Debian 12 with Rust and Python present:
# the Debian packages for the build (serial HDF5 for the `hdf5` feature; OpenMPI, its HDF5
# and libclang for the `mpi` feature; Debian's h5py, serial and MPI (which h5py picks under
# mpirun), for the wheel's tests; a font for the command's plots), and the pinned Python
# test clients in .venv.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PACKAGES=(cmake pkg-config libhdf5-dev hdf5-tools fonts-dejavu-core valgrind
  libopenmpi-dev openmpi-bin libhdf5-openmpi-dev libclang-dev netcdf-bin
  python3-venv python3-h5py python3-h5py-mpi python3-cffi-backend)

missing=()
for p in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "${1:-}" = "--no-python" ]; then
  exit 0
fi

PY=${PYTHON:-python3}
# make_venv DIR REQUIREMENTS: a virtualenv with pinned packages; DIR/requirements.txt is a
# copy of the requirements last installed there.
make_venv() {
  if [ ! -x "$1/bin/python" ]; then
    echo "setup: creating $1"
    "$PY" -m venv "$1"
  fi
  if ! cmp -s "$2" "$1/requirements.txt"; then
    echo "setup: installing pinned Python packages into $1"
    "$1/bin/python" -m pip install -q --disable-pip-version-check -r "$2"
    cp "$2" "$1/requirements.txt"
  fi
}
make_venv .venv tests/python/requirements.txt
make_venv .venv-v0 tests/python/requirements-v0.txt
make_venv .venv-zarr2 tests/python/requirements-zarr2.txt
