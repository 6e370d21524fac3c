#!/usr/bin/env bash
# The FLAC filter through Debian's HDF5 1.10 tools: h5repack compresses a file that h5py
# made and decompresses it back, h5diff compares, h5dump shows the filter. h5dump exits 0
# even when a plugin is missing, so success is judged by h5diff's exit code and by output.
# Usage: tests/filter/test_tools.sh PLUGIN_DIR WORK_DIR PYTHON
set -uo pipefail
PLUGIN_DIR=$(realpath "$1")
WORK=$2
PY=$3
mkdir -p "$WORK"
export HDF5_PLUGIN_PATH="$PLUGIN_DIR"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

"$PY" - "$WORK/plain.h5" <<'PYEOF'
import sys, h5py, numpy as np
rng = np.random.default_rng(3)
t = np.arange(20000)
with h5py.File(sys.argv[1], "w") as f:
    f["i32"] = np.round(1e4 * np.sin(t / 500.0) + rng.normal(0, 50, (4, 20000))).astype("<i4")
    f["u16"] = (30000 + 1e4 * np.sin(t / 300.0)).astype(">u2").reshape(1, -1).repeat(3, 0)
    f["i64"] = (np.arange(4 * 20000, dtype="<i8") * 3 - (1 << 40)).reshape(4, 20000)
    f["f64"] = np.sin(t / 700.0).reshape(1, -1).repeat(4, 0) + rng.normal(0, 1e-3, (4, 20000))
PYEOF

IFS=, read -r QHI QLO < <("$PY" -c "import struct; print(*struct.unpack('>II', struct.pack('>d', 1e-6)), sep=',')")

# Compress integers (contiguous datasets need a chunk layout), check, and decompress back.
for d in i32 u16 i64; do
  shape=$(h5dump -H -d "/$d" "$WORK/plain.h5" | sed -n 's/.*DATASPACE  SIMPLE { ( \([0-9]*\), \([0-9]*\) ).*/\1x\2/p')
  rows=${shape%x*}
  cols=${shape#*x}
  if h5repack -l "$d:CHUNK=2x$cols" -f "$d:UD=32027,0,1,8" "$WORK/plain.h5" "$WORK/$d.flac.h5"; then ok; else bad "h5repack compress $d"; fi
  if h5diff "$WORK/plain.h5" "$WORK/$d.flac.h5" "/$d" "/$d"; then ok; else bad "h5diff $d after compression"; fi
  dump=$(h5dump -p -H -d "/$d" "$WORK/$d.flac.h5")
  if grep -q "FILTER_ID 32027" <<<"$dump" && grep -q "PARAMS { 1179402563 1 8 " <<<"$dump"; then ok; else bad "h5dump -p shows filter for $d: $dump"; fi
  if h5repack -f "$d:NONE" "$WORK/$d.flac.h5" "$WORK/$d.back.h5"; then ok; else bad "h5repack decompress $d"; fi
  if h5diff "$WORK/plain.h5" "$WORK/$d.back.h5" "/$d" "/$d"; then ok; else bad "h5diff $d after decompression"; fi
  if ! h5dump -p -H -d "/$d" "$WORK/$d.back.h5" | grep -q 32027; then ok; else bad "filter removed from $d"; fi
  orig=$(stat -c %s "$WORK/plain.h5")
  echo "  $d: $rows x $cols, file with FLAC: $(stat -c %s "$WORK/$d.flac.h5") bytes"
done

# Levels 9 to 11 (per-stream searches of blocksizes and predictors) through Debian's tools:
# exact, and recorded.
cols=$(h5dump -H -d /i32 "$WORK/plain.h5" | sed -n 's/.*DATASPACE  SIMPLE { ( [0-9]*, \([0-9]*\) ).*/\1/p')
for level in 9 10 11; do
  if h5repack -l "i32:CHUNK=2x$cols" -f "i32:UD=32027,0,1,$level" "$WORK/plain.h5" "$WORK/i32.l$level.h5" \
    && h5diff "$WORK/plain.h5" "$WORK/i32.l$level.h5" /i32 /i32 \
    && h5dump -p -H -d /i32 "$WORK/i32.l$level.h5" | grep -q "PARAMS { 1179402563 1 $level "; then ok; else bad "h5repack at level $level"; fi
done
# Level 12 is refused by set_local (h5repack then copies the data unfiltered).
h5repack -l "i32:CHUNK=2x$cols" -f "i32:UD=32027,0,1,12" "$WORK/plain.h5" "$WORK/i32.l12.h5" 2>"$WORK/l12.err"
if ! h5dump -p -H -d /i32 "$WORK/i32.l12.h5" | grep -q 32027 && h5diff "$WORK/plain.h5" "$WORK/i32.l12.h5" /i32 /i32; then ok; else bad "level 12 accepted"; fi

# Re-packing a compressed file passes the stored parameters back to set_local (idempotent).
if h5repack "$WORK/i32.flac.h5" "$WORK/i32.again.h5" && h5diff "$WORK/plain.h5" "$WORK/i32.again.h5" /i32 /i32; then ok; else bad "h5repack of a FLAC file"; fi
p1=$(h5dump -p -H -d /i32 "$WORK/i32.flac.h5" | grep -A1 "FILTER_ID 32027" | tail -1; h5dump -p -H -d /i32 "$WORK/i32.flac.h5" | grep PARAMS)
p2=$(h5dump -p -H -d /i32 "$WORK/i32.again.h5" | grep -A1 "FILTER_ID 32027" | tail -1; h5dump -p -H -d /i32 "$WORK/i32.again.h5" | grep PARAMS)
if [ -n "$p1" ] && [ "$p1" = "$p2" ]; then ok; else bad "stored parameters changed on re-pack: $p1 / $p2"; fi

# Floats with quanta 1e-6: within tolerance, and compressed.
if h5repack -l "f64:CHUNK=1x20000" -f "f64:UD=32027,0,4,5,1,$QHI,$QLO" "$WORK/plain.h5" "$WORK/f64.flac.h5"; then ok; else bad "h5repack float64 with quanta"; fi
if h5diff -d 5.01e-7 "$WORK/plain.h5" "$WORK/f64.flac.h5" /f64 /f64; then ok; else bad "h5diff float64 within quanta/2"; fi
if ! h5diff -q "$WORK/plain.h5" "$WORK/f64.flac.h5" /f64 /f64; then ok; else bad "float64 should be lossy"; fi
# Floats without quanta are refused by the filter (h5repack then copies them unfiltered).
h5repack -l "f64:CHUNK=1x20000" -f "f64:UD=32027,0,1,5" "$WORK/plain.h5" "$WORK/f64.noq.h5" 2>"$WORK/noq.err"
if ! h5dump -p -H -d /f64 "$WORK/f64.noq.h5" | grep -q 32027 && h5diff "$WORK/plain.h5" "$WORK/f64.noq.h5" /f64 /f64; then ok; else bad "float64 without quanta was filtered"; fi
# h5dump prints the data of a filtered dataset.
if h5dump -d /i32 -s "0,0" -c "1,3" "$WORK/i32.flac.h5" | grep -q "DATA {"; then ok; else bad "h5dump data"; fi
# Without the plugin, h5diff fails (exit 2), as it must.
if ! HDF5_PLUGIN_PATH=/nonexistent h5diff "$WORK/plain.h5" "$WORK/i32.flac.h5" /i32 /i32 >/dev/null 2>&1; then ok; else bad "h5diff without plugin"; fi

echo "hdf5-tools: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
