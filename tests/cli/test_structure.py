"""`flacarray compress` and `decompress` keep everything but the filters, on files users have.

A corpus of real files goes through compress -> checks -> decompress -> checks:
- netCDF-4 files made by `ncgen -4` (from Debian's netcdf-bin) and by netCDF4-python (groups,
  unlimited dimensions, coordinate variables, _FillValue, user-defined compound, enum and
  vlen types, strings);
- h5py files with object and region references (in attributes and datasets, also inside
  compounds), dimension scales, compound/vlen/enum types, attributes over 64 KiB, resizable
  datasets with fill values, tracked creation order, untracked times, soft/external links,
  committed datatypes, and a dataset HDF5 1.10 cannot read (left out with a message and
  exit status 1, everything else copied).

Each output is compared with its input object by object through h5py (attributes in order,
references followed to their targets, dimension scales, maxshape, fill value, creation-order
and time tracking, values exact or within quanta/2), with h5diff, and for netCDF files with
ncdump (the whole text, but for the first line).

Usage: HDF5_PLUGIN_PATH=<plugin dir> python test_structure.py FLACARRAY_BINARY WORK_DIR
"""
import os
import subprocess
import sys

import h5py
import netCDF4
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import check_that as check, finish  # noqa: E402

BIN, WORK = sys.argv[1], sys.argv[2]
os.makedirs(WORK, exist_ok=True)
QUANTA = 1e-3


def p(name):
    return os.path.join(WORK, name)


def fresh(path):
    if os.path.exists(path):
        os.remove(path)
    return path


# ---------------------------------------------------------------- the corpus

CDL = r"""
netcdf made_by_ncgen {
types:
  ubyte enum cloud_t {Clear = 0, Cumulus = 1, Stratus = 2} ;
  compound wind_t {
    float speed ;
    int direction ;
  } ;
  int(*) ragged_t ;
dimensions:
  time = UNLIMITED ;
  station = 3 ;
  nchar = 4 ;
variables:
  double time(time) ;
    time:units = "seconds since 2026-01-01" ;
    time:axis = "T" ;
  int station(station) ;
  int counts(time, station) ;
    counts:_FillValue = -999 ;
    counts:long_name = "photon counts" ;
    counts:valid_range = 0, 100000 ;
  float temp(time, station) ;
    temp:_FillValue = -1.f ;
    temp:units = "K" ;
  double pressure(time, station) ;
  cloud_t cloud(station) ;
  wind_t wind(station) ;
  ragged_t obs(station) ;
  string name(station) ;
  char code(station, nchar) ;
// global attributes:
  :title = "made by ncgen -4" ;
  :history = "created for the flacarray structure tests" ;
  :version = 3 ;
data:
  time = 0, 1, 2, 3, 4, 5, 6, 7 ;
  station = 10, 20, 30 ;
  counts = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, _, 23, 24 ;
  temp = 271.5, 272, 273, 274, 275, 276, 277, 278, 279, 280, 281, 282, 283, 284, 285, 286,
    287, 288, 289, 290, 291, 292, 293, 294 ;
  pressure = 1000.125, 1001, 1002, 1003, 1004, 1005, 1006, 1007,
    1010, 1011, 1012, 1013, 1014, 1015, 1016, 1017,
    1020, 1021, 1022, 1023, 1024, 1025, 1026, 1027 ;
  cloud = Clear, Cumulus, Stratus ;
  wind = {1.5, 90}, {2.5, 180}, {0, 0} ;
  obs = {1, 2, 3}, {4}, {5, 6} ;
  name = "alpha", "beta", "gamma" ;
  code = "abcd", "efgh", "ijkl" ;

group: detectors {
  dimensions:
    det = 4 ;
    sample = 2000 ;
  variables:
    int det(det) ;
    short tod(det, sample) ;
      tod:gain = 0.5 ;
    float tod_f(det, sample) ;
  data:
    det = 0, 1, 2, 3 ;
  }
}
"""


def make_ncgen(path):
    cdl = p("made_by_ncgen.cdl")
    with open(cdl, "w") as f:
        f.write(CDL)
    subprocess.run(["ncgen", "-4", "-o", fresh(path), cdl], check=True)
    # ncgen's data section cannot easily hold 8000 values: fill the detector streams here.
    with netCDF4.Dataset(path, "a") as nc:
        t = np.arange(2000)
        nc["detectors/tod"][:] = (1000 * np.sin(t / 50.0)[None, :] + np.arange(4)[:, None]).astype("i2")
        nc["detectors/tod_f"][:] = np.cos(t / 70.0)[None, :] * np.arange(1, 5)[:, None]


def make_netcdf4_python(path):
    rng = np.random.default_rng(1)
    with netCDF4.Dataset(fresh(path), "w", format="NETCDF4") as nc:
        nc.title = "made by netCDF4-python"
        nc.createDimension("time", None)
        nc.createDimension("chan", 6)
        t = nc.createVariable("time", "f8", ("time",))
        t.units = "s"
        c = nc.createVariable("chan", "i4", ("chan",))
        c[:] = np.arange(6)
        sig = nc.createVariable("signal", "i4", ("chan", "time"), fill_value=-2147483647, zlib=True)
        sig.comment = "gzip-compressed in the input"
        flt = nc.createVariable("flux", "f4", ("time", "chan"), fill_value=np.float32(1e20))
        t[:] = np.arange(3000) * 0.01
        sig[:, :] = (rng.normal(0, 100, (6, 3000)) + 1e4 * np.sin(np.arange(3000) / 90.0)).astype("i4")
        flt[:, :] = rng.normal(0, 1, (3000, 6)).astype("f4")
        flt[5, 2] = np.ma.masked
        g = nc.createGroup("calibration")
        g.createDimension("coef", 3)
        g.createVariable("coef", "f8", ("coef",))[:] = [1.0, 0.5, 0.25]
        v = g.createVariable("gains", "f8", ("coef", "chan"))
        v[:, :] = rng.normal(1, 0.1, (3, 6))
        enum_t = nc.createEnumType(np.uint8, "flag_t", {"good": 0, "bad": 1})
        e = nc.createVariable("flags", enum_t, ("chan",))
        e[:] = np.array([0, 1, 0, 0, 1, 0], "u1")
        cmp_t = nc.createCompoundType(np.dtype([("lo", "f4"), ("hi", "f4")]), "band_t")
        b = nc.createVariable("band", cmp_t, ("chan",))
        b[:] = np.array([(i, i + 1) for i in range(6)], dtype=[("lo", "f4"), ("hi", "f4")])
        s = nc.createVariable("label", str, ("chan",))
        for i in range(6):
            s[i] = f"channel-{i}"


def make_h5py(path):
    rng = np.random.default_rng(2)
    # Object formats HDF5 1.10 reads (HDF5 2.x would otherwise write newer datatype messages),
    # from 1.8 on for the dense attribute.
    with h5py.File(fresh(path), "w", libver=("v108", "v110"), track_order=True) as f:
        f.attrs["title"] = "made by h5py"
        x = f.create_dataset("x", data=np.arange(100, dtype="f8"))
        x.make_scale("x")
        det = f.create_dataset("det", data=np.arange(8, dtype="i4"))
        det.make_scale("detector")
        tod = f.create_dataset(
            "tod", data=(1000 * np.sin(np.arange(800) / 9.0)).astype("i4").reshape(8, 100),
            maxshape=(None, 100), chunks=(2, 100), fillvalue=-7, track_times=False,
        )
        tod.dims[0].attach_scale(det)
        tod.dims[1].attach_scale(x)
        tod.dims[0].label = "detector"
        tod.resize((10, 100))  # rows 8-9 hold the fill value
        ftod = f.create_dataset(
            "ftod", data=rng.normal(0, 1, (8, 100)), maxshape=(8, None), chunks=True,
            fillvalue=np.nan, compression="gzip", shuffle=True,
        )
        ftod.dims[0].attach_scale(det)
        ftod.dims[1].attach_scale(x)
        ftod.attrs["big"] = np.arange(30000, dtype="f8")  # 240 kB: dense attribute storage
        ftod.attrs["note"] = "a dense attribute beside"
        g = f.create_group("meta", track_order=True)
        for k in ["zeta", "alpha", "mid"]:
            g.attrs[k] = k  # creation order, not name order
        g["obj_refs"] = np.array([tod.ref, det.ref, g.ref, f.ref], dtype=h5py.ref_dtype)
        g["region_refs"] = np.array([tod.regionref[1:3, 10:20], ftod.regionref[0, :5]],
                                    dtype=h5py.regionref_dtype)
        g.attrs["points_to"] = tod.ref
        g.attrs["many"] = np.array([x.ref, ftod.ref], dtype=h5py.ref_dtype)
        rec = np.dtype([("id", "i4"), ("target", h5py.ref_dtype), ("w", "f4")])
        g["records"] = np.array([(1, tod.ref, 0.5), (2, x.ref, 1.5)], dtype=rec)
        vl = h5py.vlen_dtype(np.dtype("i2"))
        r = g.create_dataset("ragged", (3,), dtype=vl)
        r[0], r[1], r[2] = np.arange(3, dtype="i2"), np.arange(5, dtype="i2"), np.arange(1, dtype="i2")
        g["enum"] = np.array([0, 1, 1], dtype=h5py.enum_dtype({"off": 0, "on": 1}, basetype="u1"))
        g["strings"] = np.array(["a", "bb", "ccc"], dtype=h5py.string_dtype())
        f["ctype"] = np.dtype([("a", "i8"), ("b", "f8")])  # a committed datatype
        f.create_dataset("typed", data=np.zeros(3, dtype=f["ctype"].dtype), dtype=f["ctype"])
        f["three"] = rng.integers(-500, 500, (2, 3, 400)).astype("<i2")
        f["hardlink_to_tod"] = tod
        f["soft"] = h5py.SoftLink("/tod")
        f["ext"] = h5py.ExternalLink("other.h5", "/data")
        f["scalar"] = 3.5
        f["empty"] = h5py.Empty("f4")


def make_unreadable(path):
    """A file with a dataset of HDF5 2.x's complex type, which HDF5 1.10 cannot open."""
    with h5py.File(fresh(path), "w") as f:
        f["before"] = np.arange(2000, dtype="i4").reshape(2, 1000)
        if hasattr(h5py.h5t, "COMPLEX_IEEE_F64LE"):
            h5py.h5d.create(f.id, b"complex", h5py.h5t.COMPLEX_IEEE_F64LE, h5py.h5s.create_simple((4,)))
        f["after"] = np.arange(2000, dtype="i4").reshape(2, 1000) * 3


# ---------------------------------------------------------------- comparing two files

def ref_target(f, ref):
    """The first path (in link order) of the object a reference points at: an object with
    several hard links has several names, and HDF5 may report any of them."""
    if not ref:
        return None
    obj = f[ref]
    for path, (kind, _) in describe(f).items():
        if kind in ("Group", "Dataset", "Datatype") and f[path] == obj:
            return path
    return "/" if f["/"] == obj else obj.name


def same_value(fa, fb, a, b, tol):
    """Values equal; references compared by what they point at."""
    if isinstance(a, h5py.Reference) or isinstance(a, h5py.RegionReference):
        if isinstance(a, h5py.RegionReference) and a:
            # The region's values (which may have been quantized, for floats).
            va, vb = fa[a][a].astype("f8"), fb[b][b].astype("f8")
            return ref_target(fa, a) == ref_target(fb, b) and va.shape == vb.shape and \
                bool(np.all(np.abs(va - vb) <= QUANTA / 2 * 1.000001))
        return ref_target(fa, a) == ref_target(fb, b)
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if a.dtype.names:
        return all(same_value(fa, fb, a[n], b[n], tol) for n in a.dtype.names)
    if a.dtype == object and a.ndim == 0:
        u, v = a.item(), b.item()
        if isinstance(u, (np.ndarray, h5py.Reference)):
            return same_value(fa, fb, u, v, tol)
        return type(u) is type(v) and u == v
    if a.dtype == object:
        return all(same_value(fa, fb, u, v, tol) for u, v in zip(a.ravel(), b.ravel()))
    if a.dtype.kind == "f" and tol > 0:
        both_nan = np.isnan(a) & np.isnan(b)
        close = np.abs(a.astype("f8") - b.astype("f8")) <= tol * (1 + 1e-6) + 4 * np.finfo(a.dtype).eps * np.abs(a)
        return bool(np.all(both_nan | close))
    return np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")


def describe(f):
    """path -> (kind, link) of every link, following groups."""
    out = {}

    def walk(g, prefix):
        for name in g:
            link = g.get(name, getlink=True)
            path = f"{prefix}/{name}"
            if isinstance(link, h5py.SoftLink):
                out[path] = ("soft", link.path)
            elif isinstance(link, h5py.ExternalLink):
                out[path] = ("external", (link.filename, link.path))
            else:
                obj = g[name]
                out[path] = (type(obj).__name__, None)
                if isinstance(obj, h5py.Group):
                    walk(obj, path)
    walk(f, "")
    return out


def has_flac(plist):
    return 32027 in [plist.get_filter(i)[0] for i in range(plist.get_nfilters())]


def compare(a_path, b_path, tol, flac_path=None):
    """Problems found comparing file b with file a (empty: the same but for filters; values
    of datasets with FLAC on either side, or in the file at `flac_path`, within `tol`)."""
    problems = []
    with h5py.File(a_path, "r") as fa, h5py.File(b_path, "r") as fb, \
            h5py.File(flac_path or a_path, "r") as fc:
        da, db = describe(fa), describe(fb)
        if list(da) != list(db) or da != db:
            problems.append(f"links differ: {da} vs {db}")
            return problems
        for path in ["/"] + [k for k, v in da.items() if v[0] in ("Group", "Dataset", "Datatype")]:
            oa, ob = fa[path], fb[path]
            if list(oa.attrs) != list(ob.attrs):
                problems.append(f"{path}: attributes {list(oa.attrs)} vs {list(ob.attrs)}")
                continue
            for k in oa.attrs:
                if k in ("DIMENSION_LIST", "REFERENCE_LIST"):
                    continue  # compared through the dimension-scale API below
                try:
                    va, vb = oa.attrs[k], ob.attrs[k]
                except Exception as e:  # pragma: no cover - reported
                    problems.append(f"{path}: attribute {k} unreadable: {e}")
                    continue
                if not same_value(fa, fb, va, vb, 0):
                    problems.append(f"{path}: attribute {k}: {va!r} vs {vb!r}")
            ca, cb = oa.id.get_create_plist(), ob.id.get_create_plist()
            if isinstance(oa, h5py.Group):
                if ca.get_link_creation_order() != cb.get_link_creation_order():
                    problems.append(f"{path}: link creation order tracking differs")
            if not isinstance(oa, h5py.Datatype):
                if ca.get_attr_creation_order() != cb.get_attr_creation_order():
                    problems.append(f"{path}: attribute creation order tracking differs")
                if ca.get_obj_track_times() != cb.get_obj_track_times():
                    problems.append(f"{path}: time tracking differs")
            if not isinstance(oa, h5py.Dataset):
                continue
            if (oa.shape, oa.maxshape, oa.dtype) != (ob.shape, ob.maxshape, ob.dtype):
                problems.append(f"{path}: shape/maxshape/dtype {(oa.shape, oa.maxshape, oa.dtype)} "
                                f"vs {(ob.shape, ob.maxshape, ob.dtype)}")
                continue
            fa_v, fb_v = oa.fillvalue, ob.fillvalue
            if not same_value(fa, fb, fa_v, fb_v, 0):
                problems.append(f"{path}: fill value {fa_v!r} vs {fb_v!r}")
            flac = has_flac(ca) or has_flac(cb) or has_flac(fc[path].id.get_create_plist())
            if not flac and oa.chunks != ob.chunks:
                problems.append(f"{path}: chunks {oa.chunks} vs {ob.chunks}")
            if oa.is_scale != ob.is_scale:
                problems.append(f"{path}: dimension scale {oa.is_scale} vs {ob.is_scale}")
            dims_a = [[s.name for s in d.values()] for d in oa.dims]
            dims_b = [[s.name for s in d.values()] for d in ob.dims]
            labels_a, labels_b = [d.label for d in oa.dims], [d.label for d in ob.dims]
            if (dims_a, labels_a) != (dims_b, labels_b):
                problems.append(f"{path}: dimension scales {dims_a} {labels_a} vs {dims_b} {labels_b}")
            if oa.shape is None:
                continue
            if not same_value(fa, fb, oa[()], ob[()], tol if flac else 0):
                problems.append(f"{path}: values differ")
    return problems


def run(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True)


def filters(path):
    out = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                plist = obj.id.get_create_plist()
                out["/" + name] = [plist.get_filter(i)[0] for i in range(plist.get_nfilters())]
        f.visititems(visit)
    return out


def ncdump(path, *opts):
    r = subprocess.run(["ncdump", *opts, path], capture_output=True, text=True)
    return r.returncode, r.stdout.split("\n", 1)[-1], r.stderr


def h5diff(a, b, *opts):
    return subprocess.run(["h5diff", *opts, a, b], capture_output=True, text=True)


# ---------------------------------------------------------------- the round trips

corpus = [("ncgen", make_ncgen, True), ("netcdf4py", make_netcdf4_python, True), ("h5py", make_h5py, False)]
for name, make, is_nc in corpus:
    src, comp, back = p(f"{name}.h5"), fresh(p(f"{name}.flac.h5")), fresh(p(f"{name}.back.h5"))
    make(src)
    r = run("compress", src, comp, "--quanta", str(QUANTA))
    check(f"{name}: compress exits 0", r.returncode == 0, r.stderr + r.stdout)
    if r.returncode != 0:
        continue
    fl = filters(comp)
    rewritten = {k for k, v in fl.items() if v and v[0] == 32027}
    check(f"{name}: numeric 2-D+ datasets compressed", len(rewritten) >= 2, fl)
    problems = compare(src, comp, QUANTA / 2)
    check(f"{name}: compressed file keeps every object, attribute, reference, scale, fill value",
          problems == [], "\n".join(problems))
    d = h5diff(src, comp, "-d", str(QUANTA / 2 * 1.000001))
    check(f"{name}: h5diff finds no difference beyond quanta/2 after compress", d.returncode == 0,
          d.stdout[-1500:] + d.stderr[-500:])
    if is_nc:
        ca, ta, ea = ncdump(src, "-h")
        cb, tb, eb = ncdump(comp, "-h")
        check(f"{name}: ncdump -h identical after compress", ca == cb == 0 and ta == tb, (ea, eb))
        ints_a = ncdump(src, "-v", "counts,station" if name == "ncgen" else "signal,chan")
        ints_b = ncdump(comp, "-v", "counts,station" if name == "ncgen" else "signal,chan")
        check(f"{name}: ncdump of integer variables identical after compress", ints_a[1] == ints_b[1],
              ints_b[2])
    r = run("decompress", comp, back)
    check(f"{name}: decompress exits 0", r.returncode == 0, r.stderr + r.stdout)
    if r.returncode != 0:
        continue
    check(f"{name}: no FLAC filter left", all(32027 not in v for v in filters(back).values()), filters(back))
    problems = compare(comp, back, 0)
    check(f"{name}: decompressed file is the compressed one without FLAC", problems == [], "\n".join(problems))
    problems = compare(src, back, QUANTA / 2, comp)
    check(f"{name}: decompressed file equals the input (floats within quanta/2)", problems == [],
          "\n".join(problems))
    d = h5diff(comp, back)
    check(f"{name}: h5diff compressed vs decompressed identical", d.returncode == 0, d.stdout[-1500:])
    if is_nc:
        ca, ta, _ = ncdump(comp)
        cb, tb, eb = ncdump(back)
        check(f"{name}: ncdump identical after decompress", ca == cb == 0 and ta == tb, eb)

# Compression without --quanta leaves floats alone; the netCDF file stays valid.
src, out = p("ncgen.h5"), fresh(p("ncgen.ints.h5"))
r = run("compress", src, out)
check("ncgen: compress without quanta", r.returncode == 0 and ncdump(src)[1] == ncdump(out)[1],
      r.stderr + ncdump(out)[2])

# A dataset HDF5 1.10 cannot open: reported, left out, everything else copied, exit 1.
src, out = p("unreadable.h5"), fresh(p("unreadable.flac.h5"))
make_unreadable(src)
for cmd in (["compress", src, out], ["info", src], ["verify", src]):
    r = run(*cmd)
    check(f"unreadable dataset: {cmd[0]} reports it and exits 1",
          r.returncode == 1 and "/complex" in r.stdout + r.stderr and "panicked" not in r.stderr,
          (r.returncode, r.stdout, r.stderr))
with h5py.File(out, "r") as f:
    check("unreadable dataset: the others are in the output", sorted(f) == ["after", "before"]
          and np.array_equal(f["after"][...], np.arange(2000).reshape(2, 1000) * 3), sorted(f))

finish("structure")
