"""Real recordings shipped inside public PyPI packages, gathered as int32 arrays (streams ×
samples) for the real-data benchmarks: nothing is downloaded but the packages themselves.

    python scripts/real_data.py OUT_DIR PACKAGES_DIR

Run it in a virtualenv holding obspy==1.5.1 and heartpy==1.2.7 (scripts/real_data.sh makes
one), with PACKAGES_DIR holding the files `pip download --no-deps scipy==1.11.4
pysptk==1.0.1` fetches (read as archives, never installed). Writes OUT_DIR/<set>.npy and
OUT_DIR/SOURCES.txt (where each stream comes from).

Sets:
- seismic-broadband: two 200 Hz short-period/broadband records of 720,001 samples (obspy's
  signal tests, ref_STS2 and ref_unknown);
- seismic-long-period: three 1 Hz LH channels of a day (IU.ANMO LHZ, CH.BALST LHZ and LHE);
- ppg: photoplethysmogram ADC counts, heartpy's longest example recording (68,476 samples
  of a 10-bit ADC at about 62.5 Hz);
- ecg: an electrocardiogram, MIT-BIH Arrhythmia Database record 208 as SciPy 1.11 ships it
  (`scipy/misc/ecg.dat`: 108,000 samples of an 11-bit ADC at 360 Hz);
- speech: a spoken sentence, CMU ARCTIC's arctic_a0007 as pysptk ships it (16-bit, 16 kHz,
  64,000 samples);
- image: a photograph's rows, SciPy's `face` (768 rows × 3 colours of 1,024 8-bit pixels),
  one stream per row and colour.
"""

import bz2
import glob
import io
import os
import sys
import tarfile
import warnings
import wave
import zipfile

import numpy as np


def package_dir(name):
    module = __import__(name)
    return os.path.dirname(os.path.abspath(module.__file__))


def traces(path, channel=None):
    """The int32 traces of a seismic file, merged over gaps with their first value (no
    invented signal beyond a constant)."""
    import obspy

    st = obspy.read(path)
    if channel:
        st = st.select(channel=channel)
    st.merge(method=0, fill_value="interpolate")
    out = []
    for tr in st:
        if tr.data.dtype.kind != "i":
            raise ValueError(f"{path}: {tr.id} holds {tr.data.dtype}, not integer counts")
        out.append((tr.id, np.asarray(tr.data, dtype=np.int32)))
    return out


def stack(named, sources, set_name, origin):
    """Streams of one set cut to their shortest length, as a 2-D int32 array."""
    n = min(len(v) for _, v in named)
    for name, v in named:
        sources.append(f"{set_name}: {name} ({len(v)} samples, first {n} kept) from {origin(name)}")
    return np.stack([v[:n] for _, v in named])


def archive_member(packages, pattern, member):
    """The bytes of `member` inside the one downloaded package file matching `pattern`."""
    (path,) = glob.glob(os.path.join(packages, pattern))
    if path.endswith(".whl"):
        with zipfile.ZipFile(path) as z:
            return z.read(member), f"{os.path.basename(path)}: {member}"
    with tarfile.open(path) as t:
        name = next(n for n in t.getnames() if n.endswith(member))
        return t.extractfile(name).read(), f"{os.path.basename(path)}: {name}"


def main():
    out, packages = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    warnings.simplefilter("ignore")
    obspy_dir = package_dir("obspy")
    sig = os.path.join(obspy_dir, "signal", "tests", "data")
    mseed = os.path.join(obspy_dir, "io", "mseed", "tests", "data")
    sources = []
    sets = {}

    def seismic(files):
        named, where = [], {}
        for path, channel in files:
            for tid, data in traces(path, channel):
                named.append((tid, data))
                where[tid] = os.path.relpath(path, os.path.dirname(obspy_dir))
        return named, where.get

    named, where = seismic([(os.path.join(sig, "ref_STS2"), None), (os.path.join(sig, "ref_unknown"), None)])
    sets["seismic-broadband"] = stack(named, sources, "seismic-broadband", where)
    named, where = seismic([(os.path.join(sig, "IUANMO.seed"), "LHZ"),
                            (os.path.join(mseed, "CH.BALST..LH_two_channels"), None)])
    sets["seismic-long-period"] = stack(named, sources, "seismic-long-period", where)
    # heartpy's longest recording (data3.csv: a 10-bit ADC at about 62.5 Hz); data.csv and
    # data2.csv are the same sensor, shorter.
    with open(os.path.join(package_dir("heartpy"), "data", "data3.csv")) as fh:
        lines = [line for line in fh.read().splitlines() if line.strip()]
    col = lines[0].split(",").index("hr")
    ppg = np.array([int(line.split(",")[col]) for line in lines[1:]], dtype=np.int32)
    sets["ppg"] = stack([("data3.csv", ppg)], sources, "ppg",
                        lambda f: f"heartpy/data/{f}")

    data, origin = archive_member(packages, "scipy-1.11.4-*.whl", "scipy/misc/ecg.dat")
    ecg = np.load(io.BytesIO(data))["ecg"].astype(np.int32)
    sets["ecg"] = stack([("ecg.dat", ecg)], sources, "ecg", lambda _: origin)
    data, origin = archive_member(packages, "pysptk-1.0.1.tar.gz", "example_audio_data/arctic_a0007.wav")
    with wave.open(io.BytesIO(data)) as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1
        speech = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.int32)
    sets["speech"] = stack([("arctic_a0007.wav", speech)], sources, "speech", lambda _: origin)
    data, origin = archive_member(packages, "scipy-1.11.4-*.whl", "scipy/misc/face.dat")
    face = np.frombuffer(bz2.decompress(data), dtype=np.uint8).reshape(768, 1024, 3)
    rows = face.transpose(2, 0, 1).reshape(3 * 768, 1024).astype(np.int32)
    sources.append(f"image: 2304 rows (768 per colour) of 1024 pixels from {origin}")
    sets["image"] = rows

    for name, arr in sets.items():
        np.save(os.path.join(out, f"{name}.npy"), arr)
        print(f"{name}: {arr.shape[0]} streams × {arr.shape[1]} samples, "
              f"values {arr.min()}..{arr.max()}")
    with open(os.path.join(out, "SOURCES.txt"), "w") as f:
        f.write("\n".join(sources) + "\n")


if __name__ == "__main__":
    main()
