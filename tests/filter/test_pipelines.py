"""The FLAC filter among HDF5's other filters, through h5py and Debian's h5repack.

Every built-in filter (and FLAC itself) is tried before and after FLAC, on integers and on
floats. FLAC must come first and no type-dependent filter may follow it: those pipelines
must be refused when the dataset is created, with a message naming the problem. The others
must write and read back exactly (integers) or within quanta/2 (floats). Each case runs in
its own process, so that a crash is a failed case and not a dead suite.

Run with HDF5_PLUGIN_PATH pointing at the directory holding libh5zflac.so:
    python tests/filter/test_pipelines.py WORK_DIR
"""

import os
import shutil
import struct
import subprocess
import sys

import numpy as np

FLAC = 32027
QUANTA = 1e-3
WORK = sys.argv[1] if len(sys.argv) > 1 else "target/filter-tests/pipelines"
os.makedirs(WORK, exist_ok=True)

# The pipeline filters by their h5py low-level setter; "flac" is FLAC itself.
FILTERS = ["shuffle", "deflate", "fletcher32", "szip", "nbit", "scaleoffset", "flac"]
# Filters that may follow FLAC: they treat the chunk as bytes.
BYTE_FILTERS = {"deflate", "fletcher32"}

CASE = r'''
import struct, sys
import h5py, numpy as np
path, kind, before, after = sys.argv[1:5]
QUANTA = float(sys.argv[5])
x = np.arange(40000).reshape(4, 10000) % 13 + 2
x = x.astype("f8") if kind == "float" else x.astype("<i4")
hi, lo = struct.unpack(">II", struct.pack(">d", QUANTA))
cd = (5, 1, hi, lo) if kind == "float" else (5,)

def add(dcpl, name):
    if name == "shuffle":
        dcpl.set_shuffle()
    elif name == "deflate":
        dcpl.set_deflate(4)
    elif name == "fletcher32":
        dcpl.set_fletcher32()
    elif name == "szip":
        dcpl.set_szip(h5py.h5z.SZIP_NN_OPTION_MASK, 8)
    elif name == "nbit":
        dcpl.set_filter(h5py.h5z.FILTER_NBIT, h5py.h5z.FLAG_OPTIONAL, ())
    elif name == "scaleoffset":
        if kind == "float":
            dcpl.set_scaleoffset(h5py.h5z.SO_FLOAT_DSCALE, 3)
        else:
            dcpl.set_scaleoffset(h5py.h5z.SO_INT, h5py.h5z.SO_INT_MINBITS_DEFAULT)
    elif name == "flac":
        dcpl.set_filter(32027, h5py.h5z.FLAG_MANDATORY, cd)

f = h5py.File(path, "w")
dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
dcpl.set_chunk((2, 10000))
for name in [before, "flac", after]:
    if name != "-":
        add(dcpl, name)
space = h5py.h5s.create_simple(x.shape)
try:
    h5py.h5d.create(f.id, b"d", h5py.h5t.py_create(x.dtype), space, dcpl=dcpl)
except Exception as e:
    f.close()
    print("REFUSED", e)
    sys.exit(0)
f["d"][...] = x
f.close()
with h5py.File(path, "r") as f:
    y = f["d"][...]
err = float(np.max(np.abs(y.astype("f8") - x.astype("f8"))))
print("WRITTEN", err)
'''


def expected_refused(before, after):
    return before != "-" or (after != "-" and after not in BYTE_FILTERS)


def run_case(py, kind, before, after):
    path = os.path.join(WORK, f"{kind}-{before}-{after}.h5")
    p = subprocess.run(
        [py, "-c", CASE, path, kind, before, after, str(QUANTA)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = p.stdout.strip()
    if p.returncode != 0:
        return f"process ended with status {p.returncode}: {p.stderr.strip()[-400:]}"
    if expected_refused(before, after):
        if not out.startswith("REFUSED") or "FLAC" not in out:
            return f"expected a refusal naming FLAC, got: {out}"
        if before == "szip" and "szip" not in out and "FLAC filter must be the first" not in out:
            return f"refusal does not say why: {out}"
        return None
    if not out.startswith("WRITTEN"):
        return f"expected a readable file, got: {out} {p.stderr.strip()[-400:]}"
    err = float(out.split()[1])
    tol = QUANTA / 2 * (1 + 1e-9) if kind == "float" else 0.0
    if err > tol:
        return f"values differ by {err} (allowed {tol})"
    return None


def h5py_matrix(py):
    import h5py

    avail = {"szip": h5py.h5z.filter_avail(h5py.h5z.FILTER_SZIP)}
    passed = failed = 0
    for kind in ["int", "float"]:
        cases = [(b, "-") for b in FILTERS] + [("-", a) for a in FILTERS] + [("-", "-")]
        for before, after in cases:
            if not avail.get(before, True) or not avail.get(after, True):
                continue
            problem = run_case(py, kind, before, after)
            if problem:
                failed += 1
                print(f"FAIL h5py {kind}: [{before}, flac, {after}]: {problem}")
            else:
                passed += 1
    return passed, failed


def h5repack_matrix(py):
    """h5repack -f F1 -f F2 ...: the same pipelines through Debian's HDF5 1.10 tools."""
    if not shutil.which("h5repack"):
        print("FAIL h5repack not found")
        return 0, 1
    import h5py

    src = os.path.join(WORK, "repack-in.h5")
    x_int = (np.arange(40000).reshape(4, 10000) % 13 + 2).astype("<i4")
    with h5py.File(src, "w") as f:
        f["int"] = x_int
        f["float"] = x_int.astype("f8")
    hi, lo = struct.unpack(">II", struct.pack(">d", QUANTA))
    ud = {"int": "UD=32027,0,1,5", "float": f"UD=32027,0,4,5,1,{hi},{lo}"}
    # h5repack's names for the built-in filters (szip is not in Debian's HDF5 build).
    tool = {
        "shuffle": "SHUF",
        "deflate": "GZIP=4",
        "fletcher32": "FLET",
        "nbit": "NBIT",
        "scaleoffset": {"int": "SOFF=0,IN", "float": "SOFF=3,DS"},
    }
    passed = failed = 0
    for kind in ["int", "float"]:
        for other, where in [(o, w) for o in tool for w in ("before", "after")]:
            t = tool[other][kind] if isinstance(tool[other], dict) else tool[other]
            order = [t, ud[kind]] if where == "before" else [ud[kind], t]
            out = os.path.join(WORK, f"repack-{kind}-{other}-{where}.h5")
            if os.path.exists(out):
                os.remove(out)
            args = ["h5repack", "-v", "-l", f"{kind}:CHUNK=2x10000"]
            for o in order:
                args += ["-f", f"{kind}:{o}"]
            p = subprocess.run(args + [src, out], capture_output=True, text=True, timeout=120)
            name = f"h5repack {kind}: {' then '.join(order)}"
            must_refuse = where == "before" or other not in BYTE_FILTERS
            check = subprocess.run(
                [py, "-c", READBACK, out, kind, str(QUANTA)],
                capture_output=True,
                text=True,
                timeout=120,
            )
            verdict = check.stdout.strip()
            # When the dataset cannot be created with the filters asked for, h5repack warns
            # and copies it with its original settings: nothing is lost, no FLAC is applied.
            if p.returncode != 0 or check.returncode != 0:
                problem = f"exit {p.returncode}: {p.stderr.strip()[-300:]} {check.stderr[-300:]}"
            elif must_refuse and not (
                verdict.startswith("ORIGINAL") and "could not create dataset" in p.stdout
            ):
                problem = f"FLAC applied in a pipeline it must refuse: {verdict}"
            elif not must_refuse and not verdict.startswith("OK"):
                problem = f"written, but {verdict}"
            else:
                problem = None
            if problem:
                failed += 1
                print(f"FAIL {name}: {problem}")
                continue
            passed += 1
    return passed, failed


# Reads a dataset back: OK when the values are exact (int) or within quanta/2 (float) and the
# pipeline has FLAC first with only byte filters after it; ORIGINAL when the values are exact
# and the dataset has no filter (h5repack's fallback).
READBACK = r'''
import sys, h5py, numpy as np
path, kind, q = sys.argv[1], sys.argv[2], float(sys.argv[3])
x = (np.arange(40000).reshape(4, 10000) % 13 + 2).astype("f8")
with h5py.File(path, "r") as f:
    if kind not in f:
        print("MISSING"); sys.exit(0)
    d = f[kind]
    plist = d.id.get_create_plist()
    ids = [plist.get_filter(i)[0] for i in range(plist.get_nfilters())]
    y = d[...].astype("f8")
err = float(np.max(np.abs(y - x)))
tol = q / 2 * (1 + 1e-9) if kind == "float" else 0.0
ok = ids and ids[0] == 32027 and all(i in (1, 3) for i in ids[1:]) and err <= tol
original = not ids and err == 0
print(("OK " if ok else "ORIGINAL " if original else "BAD ") + f"pipeline {ids} error {err}")
'''


if __name__ == "__main__":
    p1, f1 = h5py_matrix(sys.executable)
    p2, f2 = h5repack_matrix(sys.executable)
    print(f"pipelines: {p1 + p2} passed, {f1 + f2} failed")
    sys.exit(1 if f1 + f2 else 0)
