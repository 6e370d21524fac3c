"""End-to-end tests of the `flacarray` command on files made by h5py.

Usage: HDF5_PLUGIN_PATH=<plugin dir> python test_cli.py FLACARRAY_BINARY WORK_DIR
(h5diff from Debian's hdf5-tools must be on PATH; it reads the filtered files through the
plugin.)
"""
import os
import signal
import struct
import subprocess
import sys
import time

import h5py
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import check_that as check, finish  # noqa: E402

BIN, WORK = sys.argv[1], sys.argv[2]
os.makedirs(WORK, exist_ok=True)


def run(*args, **kw):
    return subprocess.run([BIN, *args], capture_output=True, text=True, **kw)


def p(name):
    return os.path.join(WORK, name)


def h5diff(a, b, *opts, objects=()):
    return subprocess.run(["h5diff", *opts, a, b, *objects], capture_output=True, text=True)


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


rng = np.random.default_rng(7)
t = np.arange(5000)


def streams(rows, scale):
    return np.array([scale * np.sin(0.002 * (r + 1) * t) + rng.normal(0, scale / 50, t.size) for r in range(rows)])


# ---------------------------------------------------------------- an input made by h5py
src = p("input.h5")
with h5py.File(src, "w") as f:
    f.attrs["title"] = "detector data"  # variable-length string
    f.attrs["fixed"] = np.bytes_("fixed-length")
    f.attrs["numbers"] = np.arange(5, dtype=np.float32)
    f.attrs["pair"] = np.array((1, 2.5), dtype=[("a", "<i4"), ("b", "<f8")])
    g = f.create_group("obs/one")
    g.attrs["rate"] = 200.0
    g.attrs["names"] = np.array(["a", "bb", "ccc"], dtype=h5py.string_dtype())
    d = g.create_dataset("int32", data=streams(12, 3000).astype(np.int32))
    d.attrs["units"] = "counts"
    g.create_dataset("int64", data=(streams(6, 3000) * 1e6).astype(np.int64))
    g.create_dataset("uint16", data=(streams(2 * 3, 1000) + 30000).astype(np.uint16).reshape(2, 3, -1))
    g.create_dataset("int8", data=(streams(4, 50)).astype(np.int8))
    g.create_dataset("float64", data=streams(8, 5.0))
    g.create_dataset("float32", data=streams(8, 5.0).astype(np.float32))
    g.create_dataset("vector", data=np.arange(1000, dtype=np.int32))  # 1-D: copied
    g.create_dataset("empty", shape=(0, 10), dtype=np.int32)
    g.create_dataset("scalar", data=42)
    g.create_dataset("strings", data=np.array(["x", "yy", "zzz"], dtype=h5py.string_dtype()))
    comp = np.zeros(4, dtype=[("id", "<i4"), ("value", "<f8"), ("tag", "S4")])
    comp["id"] = [1, 2, 3, 4]
    comp["value"] = [0.5, 1.5, 2.5, 3.5]
    comp["tag"] = [b"a", b"b", b"c", b"d"]
    g.create_dataset("compound", data=comp)
    g.create_dataset("chunked_gzip", data=streams(4, 100).astype(np.int32), chunks=(2, 1000), compression="gzip")
    f["obs/alias"] = h5py.SoftLink("/obs/one/int32")
    f["obs/same"] = g["int64"]  # a second hard link to one dataset

# ---------------------------------------------------------------- compress (integers only)
out = p("ints.h5")
r = run("compress", src, out)
check("compress exits 0", r.returncode == 0, r.stderr)
print(r.stdout)
check("summary says floats need quanta", "give --quanta or --precision" in r.stdout)
d = h5diff(src, out)
check("h5diff input vs compressed (integers): identical", d.returncode == 0, d.stdout[-2000:] + d.stderr[-500:])
with h5py.File(out, "r") as f:
    def filters(path):
        pl = f[path].id.get_create_plist()
        return [pl.get_filter(i)[0] for i in range(pl.get_nfilters())]
    for name in ("int32", "int64", "uint16", "int8", "chunked_gzip"):
        check(f"{name} is FLAC-filtered", filters(f"obs/one/{name}") == [32027], filters(f"obs/one/{name}"))
    for name in ("float64", "float32", "vector", "strings", "compound"):
        check(f"{name} left unfiltered", 32027 not in filters(f"obs/one/{name}"))
    check("chunks hold whole streams", f["obs/one/int32"].chunks == (12, 5000), f["obs/one/int32"].chunks)
    check("attributes copied", f.attrs["title"] == "detector data" and f.attrs["fixed"] == b"fixed-length"
          and list(f.attrs["numbers"]) == [0, 1, 2, 3, 4] and f.attrs["pair"]["b"] == 2.5
          and f["obs/one"].attrs["rate"] == 200.0
          and [x.decode() if isinstance(x, bytes) else x for x in f["obs/one"].attrs["names"]] == ["a", "bb", "ccc"]
          and f["obs/one/int32"].attrs["units"] == "counts")
    check("strings and compound copied", list(f["obs/one/strings"].asstr()[...]) == ["x", "yy", "zzz"]
          and f["obs/one/compound"]["tag"][2] == b"c")
    check("soft link kept", f["obs"].get("alias", getlink=True).path == "/obs/one/int32")
    check("hard link kept (one object)", f["obs/same"].id == f["obs/one/int64"].id)
    check("empty and scalar copied", f["obs/one/empty"].shape == (0, 10) and f["obs/one/scalar"][()] == 42)
    sizes = {n: f[f"obs/one/{n}"].id.get_storage_size() for n in ("int32", "int64")}

# ---------------------------------------------------------------- info
r = run("info", out)
check("info exits 0", r.returncode == 0, r.stderr)
print(r.stdout)
lines = {l.split()[0]: l.split() for l in r.stdout.splitlines() if l.startswith("/")}
ok = "/obs/one/int32" in lines and "/obs/one/float64" not in lines
if ok:
    row = lines["/obs/one/int32"]
    ratio = float(row[-1])
    want = sizes["int32"] / (12 * 5000 * 4)
    ok = abs(ratio - want) < 1e-3 and "level" in row
check("info lists the FLAC datasets with their ratio", ok, r.stdout)

# ---------------------------------------------------------------- compress floats with quanta
outq = p("quanta.h5")
r = run("compress", src, outq, "--quanta", "1e-3", "--level", "8", "--dataset", "obs/one/float*",
        "--dataset", "/obs/one/int32", "--chunk-streams", "3")
check("compress --quanta exits 0", r.returncode == 0, r.stderr)
# Half the quanta, plus float32's own rounding of values up to about 5.
d = h5diff(src, outq, "-d", "0.000501")
check("h5diff input vs compressed floats: within quanta/2", d.returncode == 0, d.stdout[-2000:])
d = h5diff(src, outq, "-d", "0.0003", objects=("/obs/one/float64", "/obs/one/float64"))
check("h5diff finds the quantization (test can fail)", d.returncode == 1, d.stdout[-500:])
with h5py.File(outq, "r") as f:
    pl = f["obs/one/float32"].id.get_create_plist()
    check("float32 filtered with --dataset", [pl.get_filter(i)[0] for i in range(pl.get_nfilters())] == [32027])
    check("--chunk-streams", f["obs/one/float64"].chunks == (3, 5000), f["obs/one/float64"].chunks)
    pl = f["obs/one/int64"].id.get_create_plist()
    check("datasets not named stay as they are", pl.get_nfilters() == 0)

# ---------------------------------------------------------------- threads
# compress and decompress encode and decode many chunks at once (--threads); the chunks are
# the same bytes whatever the count, and the same as h5repack's through the plugin.
one, two = p("ints_t1.h5"), p("ints_t2.h5")
r1 = run("--threads", "1", "compress", src, one, "--chunk-streams", "2")
r2 = run("compress", src, two, "--threads", "2", "--chunk-streams", "2")
check("compress --threads 1 and 2 exit 0", r1.returncode == 0 and r2.returncode == 0, r1.stderr + r2.stderr)


def stored_chunks(path, name):
    with h5py.File(path, "r") as f:
        d = f[name]
        return [(d.id.get_chunk_info(i).chunk_offset, d.id.read_direct_chunk(d.id.get_chunk_info(i).chunk_offset))
                for i in range(d.id.get_num_chunks())]


flac_ints = ["obs/one/int32", "obs/one/int64", "obs/one/uint16", "obs/one/int8"]
same = all(len(stored_chunks(one, n)) > 1 and stored_chunks(one, n) == stored_chunks(two, n) for n in flac_ints)
check("compress: the same chunks with 1 and 2 threads", same)
rp = subprocess.run(["h5repack", "-l", "/obs/one/int32:CHUNK=" + "x".join(map(str, h5py.File(one, "r")["obs/one/int32"].chunks)),
                     "-f", "/obs/one/int32:UD=32027,0,1,5", src, p("repacked.h5")], capture_output=True, text=True)
check("compress: the chunks h5repack writes through the filter",
      rp.returncode == 0 and stored_chunks(p("repacked.h5"), "obs/one/int32") == stored_chunks(one, "obs/one/int32"),
      rp.stderr)
back1, back2 = p("back_t1.h5"), p("back_t2.h5")
r1 = run("decompress", two, back1, "--threads", "1")
r2 = run("decompress", two, back2, "--threads", "2")
check("decompress --threads 1 and 2: identical to the input",
      r1.returncode == 0 and r2.returncode == 0 and h5diff(src, back1).returncode == 0
      and h5diff(src, back2).returncode == 0, r1.stderr + r2.stderr)

# A dataset of three 64 MiB blocks: each block is read (and decoded) while the one before is
# encoded (and written), on two threads; the third goes into the memory of the first (a
# shorter block in a larger buffer); every block lands where it belongs, and an edge chunk
# ends the last block.
several = p("several_blocks.h5")
rows = np.arange(5601, dtype=np.int32)[:, None]
with h5py.File(several, "w") as f:
    f["x"] = (rows * 7 + rng.integers(-40, 40, (5601, 6000), dtype=np.int32))
sev1, sev2, sev_back = p("several_t1.h5"), p("several_t2.h5"), p("several_back.h5")
r1 = run("--threads", "1", "compress", several, sev1, "--chunk-streams", "8")
r2 = run("--threads", "2", "compress", several, sev2, "--chunk-streams", "8")
r3 = run("--threads", "2", "decompress", sev2, sev_back)
check("several blocks: compress with 1 and 2 threads, decompress, exit 0",
      r1.returncode == r2.returncode == r3.returncode == 0, r1.stderr + r2.stderr + r3.stderr)
with h5py.File(several, "r") as a, h5py.File(sev2, "r") as b, h5py.File(sev_back, "r") as c:
    check("several blocks: more than two 64 MiB blocks in chunks of 8 rows, one an edge",
          a["x"].nbytes > (128 << 20) and b["x"].chunks == (8, 6000), b["x"].chunks)
    check("several blocks: the values back, compressed and decompressed",
          np.array_equal(a["x"][...], b["x"][...]) and np.array_equal(a["x"][...], c["x"][...]))
check("several blocks: the same chunks with 1 and 2 threads", stored_chunks(sev1, "x") == stored_chunks(sev2, "x"))
for f_ in (several, sev1, sev2, sev_back):
    os.remove(f_)

# ---------------------------------------------------------------- decompress
plain = p("plain.h5")
r = run("decompress", outq, plain)
check("decompress exits 0", r.returncode == 0, r.stderr)
d = h5diff(outq, plain)
check("h5diff compressed vs decompressed: identical", d.returncode == 0, d.stdout[-2000:])
with h5py.File(plain, "r") as f:
    def nfilt(o):
        return o.id.get_create_plist().get_nfilters() if isinstance(o, h5py.Dataset) else 0
    found = []
    f.visititems(lambda n, o: found.append(n) if isinstance(o, h5py.Dataset) and any(
        o.id.get_create_plist().get_filter(i)[0] == 32027 for i in range(nfilt(o))) else None)
    check("no FLAC filter left", found == [], found)
r = run("info", plain)
check("info on a file without FLAC", r.returncode == 0 and "no FLAC-filtered dataset" in r.stdout, r.stdout)

# ---------------------------------------------------------------- verify
r = run("verify", outq)
oks = [l for l in r.stdout.splitlines() if l.startswith("/") and " ok: " in l]
check("verify of a complete file: exit 0, every object ok", r.returncode == 0 and len(oks) >= 3,
      (r.returncode, r.stdout, r.stderr))
part = p("partial.h5")
with h5py.File(part, "w") as f:
    d = f.create_dataset("tod", shape=(6, 5000), dtype="i4", chunks=(2, 5000), compression=32027)
    d[0:2] = streams(2, 1000).astype(np.int32)
r = run("verify", part)
check("verify finds chunks never written", r.returncode == 1 and "2 of 3 chunks never written" in r.stdout
      and r.stderr.count("\n") == 1, (r.stdout, r.stderr))
damaged = p("damaged.h5")
with open(outq, "rb") as f:
    blob = bytearray(f.read())
with h5py.File(outq, "r") as f:
    info = f["obs/one/int32"].id.get_chunk_info(0)
blob[info.byte_offset + info.size // 2] ^= 0x01
with open(damaged, "wb") as f:
    f.write(blob)
r = run("verify", damaged)
check("verify finds a damaged chunk", r.returncode == 1 and "do not decode" in r.stdout
      and "/obs/one/int32" in r.stdout, (r.stdout, r.stderr))

# FLAC among byte filters (read through the whole pipeline), and an optional FLAC filter HDF5
# could not apply to strings (chunks stored without it): all fine, not "damaged".
piped = p("piped.h5")
with h5py.File(piped, "w") as f:
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_chunk((4,))
    dcpl.set_filter(32027, h5py.h5z.FLAG_OPTIONAL, ())
    h5py.h5d.create(f.id, b"names", h5py.h5t.py_create(h5py.string_dtype(), logical=True),
                    h5py.h5s.create_simple((10,)), dcpl=dcpl)
    f["names"][...] = np.array([f"n{i}" for i in range(10)], dtype=object)
    f.create_dataset("fletcher", data=np.arange(40000, dtype="i4").reshape(4, 10000) % 97,
                     chunks=(2, 10000), compression=32027, fletcher32=True)
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_chunk((2, 10000))
    dcpl.set_filter(32027, h5py.h5z.FLAG_MANDATORY, (5,))
    dcpl.set_deflate(4)
    h5py.h5d.create(f.id, b"gzip", h5py.h5t.STD_I32LE, h5py.h5s.create_simple((4, 10000)), dcpl=dcpl)
    f["gzip"][...] = np.arange(40000, dtype="i4").reshape(4, 10000) % 101
r = run("verify", piped)
check("verify: FLAC + gzip, FLAC + fletcher32, optional FLAC on strings are ok", r.returncode == 0
      and r.stdout.count(" ok: ") == 3 and "stored without FLAC" in r.stdout, (r.stdout, r.stderr))
with open(piped, "rb") as f:
    blob = bytearray(f.read())
with h5py.File(piped, "r") as f:
    info = f["gzip"].id.get_chunk_info(1)
blob[info.byte_offset + info.size // 2] ^= 0x10
with open(p("piped-bad.h5"), "wb") as f:
    f.write(blob)
r = run("verify", p("piped-bad.h5"))
check("verify: a damaged chunk behind gzip is found", r.returncode == 1 and "/gzip" in r.stdout
      and "do not decode" in r.stdout and r.stdout.count(" ok: ") == 2, (r.stdout, r.stderr))

# ---------------------------------------------------------------- plot
png = p("plot3d.png")
r = run("plot", out, "/obs/one/uint16", "--out", png, "--samples", "100:2100")
check("plot 3-D exits 0", r.returncode == 0, r.stderr)
check("plot 3-D: a PNG of 2 x 3 panels (1200 x 1200)", png_size(png) == (1200, 1200), png_size(png))
png = p("plot2d.png")
r = run("plot", out, "/obs/one/int32", "--out", png, "--streams", "2:5")
check("plot 2-D: 3 rows (600 x 1200)", r.returncode == 0 and png_size(png) == (600, 1200), (r.stderr, png_size(png)))
png = p("plot1d.png")
r = run("plot", out, "/obs/one/vector", "--out", png)
check("plot 1-D: 600 x 400", r.returncode == 0 and png_size(png) == (600, 400), (r.stderr, png_size(png)))

# ---------------------------------------------------------------- demo, and plot of a flacarray group
demo = p("demo")
r = run("demo", "--out", demo, "--shape", "4,3000")
check("demo exits 0", r.returncode == 0, r.stderr + r.stdout)
print(r.stdout)
check("demo table has 8 rows", sum(1 for l in r.stdout.splitlines() if "flacarray group" in l or "FLAC-filtered" in l) == 8)
check("demo writes its plot", png_size(os.path.join(demo, "demo.png")) == (1200, 1200))
with h5py.File(os.path.join(demo, "demo.h5"), "r") as f:
    check("demo file readable by h5py with the plugin", f["filtered_int32"][...].shape == (4, 3000))
png = p("plotgroup.png")
r = run("plot", os.path.join(demo, "demo.h5"), "/group_float64", "--out", png, "--streams", "0:2")
check("plot of a flacarray group", r.returncode == 0 and png_size(png) == (600, 800), (r.stderr, png_size(png)))

# ---------------------------------------------------------------- plots of non-finite data end cleanly
nf = p("nonfinite.h5")
with h5py.File(nf, "w") as f:
    x = np.sin(np.arange(3 * 5000) / 100).reshape(3, 5000)
    a = x.copy(); a[1, 100] = np.inf; f["oneinf"] = a
    b = x.copy(); b[0, 0] = 1.7e308; b[0, 1] = -1.7e308; f["huge"] = b
    c = x.copy(); c[0, 5] = np.inf; c[0, 6] = -np.inf; f["bothinf"] = c
    d = x.copy(); d[0, :] = np.nan; f["rownan"] = d
    f["allnan"] = np.full((3, 5000), np.nan)
import shutil
shutil.copy(os.path.join(demo, "demo.h5"), p("nangroup.h5"))
with h5py.File(p("nangroup.h5"), "a") as f:
    o = f["group_float64/stream_offsets"]; v = o[...]; v[0] = np.nan; o[...] = v
    g = f["group_float32/stream_gains"]; v = g[...]; v[1] = np.nan; g[...] = v
for name, file in [("oneinf", nf), ("huge", nf), ("bothinf", nf), ("rownan", nf),
                   ("group_float64", p("nangroup.h5")), ("group_float32", p("nangroup.h5"))]:
    png = p(f"nf-{name}.png")
    try:
        r = run("plot", file, "/" + name, "--out", png, timeout=60)
        check(f"plot of {name} (NaN/Inf/huge) ends with a picture", r.returncode == 0 and png_size(png) is not None
              and "panicked" not in r.stderr, r.stderr)
    except subprocess.TimeoutExpired:
        check(f"plot of {name} (NaN/Inf/huge) ends with a picture", False, "hung")

# ---------------------------------------------------------------- errors: one line, exit 1
def one_line_error(name, args, needle):
    r = run(*args)
    msg = r.stderr.strip()
    check(f"error: {name}", r.returncode == 1 and msg.count("\n") == 0 and needle in msg
          and "panicked" not in msg, f"rc={r.returncode} {msg!r}")

one_line_error("missing file", ["compress", p("nope.h5"), p("x.h5")], "no such file")
one_line_error("not HDF5", ["info", BIN], "not a readable HDF5 file")
one_line_error("output = input", ["compress", out, out], "overwrite the input")
one_line_error("plot: not a dataset", ["plot", out, "/obs/missing", "--out", p("x.png")], "no such dataset")
one_line_error("plot: unsupported dtype", ["plot", out, "/obs/one/strings", "--out", p("x.png")], "not a numeric")
one_line_error("plot: 4-D", ["plot", src, "/obs/one/compound", "--out", p("x.png")], "not a numeric")
one_line_error("plot: all NaN", ["plot", nf, "/allnan", "--out", p("x.png")], "NaN or infinite")
one_line_error("bad quanta", ["compress", src, p("x.h5"), "--quanta=-1"], "positive")
r = run("compress", src, p("x.h5"), "--level", "12")
check("error: level out of range (clap)", r.returncode == 2 and "level" in r.stderr)
check("no stray output after errors", not os.path.exists(p("x.h5")) and not os.path.exists(p("x.png")))

# ---------------------------------------------------------------- a full disk
mnt = p("tiny")
os.makedirs(mnt, exist_ok=True)
mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt], capture_output=True).returncode == 0
if mounted:
    try:
        one_line_error("full disk", ["compress", src, os.path.join(mnt, "out.h5")], "space")
        check("full disk leaves no output", os.listdir(mnt) == [], os.listdir(mnt))
    finally:
        subprocess.run(["umount", mnt])
else:
    print("skip full-disk test (cannot mount a tmpfs here)")

# ---------------------------------------------------------------- interrupting compress
big = p("big.h5")
with h5py.File(big, "w") as f:
    f["tod"] = (streams(1, 3000)[0].astype(np.int32)[None, :].repeat(2000, axis=0)
                + rng.integers(-50, 50, (2000, 5000), dtype=np.int32))
target = p("interrupted.h5")
for sig in [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1, signal.SIGXCPU]:
    proc = subprocess.Popen([BIN, "compress", big, target, "--level", "8"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Wait until the temporary output exists, so the signal comes mid-write.
    for _ in range(200):
        if any(n.startswith(".interrupted.h5.tmp-") for n in os.listdir(WORK)):
            break
        time.sleep(0.02)
    still_running = proc.poll() is None
    proc.send_signal(sig)
    proc.wait(timeout=60)
    leftovers = [n for n in os.listdir(WORK) if "interrupted" in n]
    check(f"{sig.name} during compress leaves no output file",
          still_running and proc.returncode == 128 + sig and leftovers == [],
          f"running={still_running} rc={proc.returncode} files={leftovers}")

# A temporary file of a killed run (its process is gone) is removed by the next run; one of a
# live process is left alone.
dead = subprocess.Popen(["true"])
dead.wait()
stale, live = p(f".interrupted.h5.tmp-{dead.pid}"), p(f".interrupted.h5.tmp-{os.getpid()}")
for name in (stale, live):
    open(name, "wb").write(b"partial")
r = run("compress", src, target)
check("a stale temporary file of a dead process is removed", r.returncode == 0 and not os.path.exists(stale)
      and os.path.exists(live) and "removed" in r.stderr, (r.returncode, r.stderr))
os.remove(live)
os.remove(target)
r = run("compress", src, p("negq.h5"), "--quanta", "-1")
check("--quanta -1 is a value, refused as not positive", r.returncode == 1 and "positive" in r.stderr, r.stderr)

finish("cli")
