//! HDF5 files of Python flacarray 0.4.1 read here, and files written here for Python to read.
//!
//! `scripts/test.sh` runs `tests/python/make_hdf5_fixtures.py` first (Python writes `py_*.h5`
//! and records its own reads), then this test (reads must equal Python's; it writes
//! `rust_*.h5` from the same data), then `tests/python/check_hdf5_rust.py`. It also reads the
//! format-0 files written by flacarray 0.2.4 (`v0_*.h5`) when they are present.

#![cfg(feature = "hdf5")]

use std::fs::File;
use std::path::{Path, PathBuf};

use flacarray::dtype::Element;
use flacarray::hdf5::{read_array, read_array_with_indices, write_array, ReadOptions};
use flacarray::{CompressOptions, FlacArray, Slice, ToArrayOptions};
use ndarray::ArrayD;
use ndarray_npy::{NpzReader, ReadableElement};

fn dir() -> PathBuf {
    std::env::var_os("FLACARRAY_H5_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/h5fixtures"))
}

fn npz<T: ReadableElement>(r: &mut NpzReader<File>, name: &str) -> ArrayD<T> {
    r.by_name(&format!("{name}.npy"))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn check<T: Element + ReadableElement>(h5: &Path, r: &mut NpzReader<File>, quanta: f64) {
    let name = h5.file_name().unwrap().to_string_lossy().to_string();
    let file = hdf5_metno::File::open(h5).unwrap();
    let full: ArrayD<T> = npz(r, "full");
    let got: ArrayD<T> =
        read_array(&file, &ReadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(got, full, "{name}: full read");
    let threaded: ArrayD<T> = read_array(
        &file,
        &ReadOptions {
            use_threads: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(threaded, full, "{name}: threaded read");
    let keep: ArrayD<bool> = npz(r, "keep");
    let kept: ArrayD<T> = npz(r, "kept");
    let (got, idx) = read_array_with_indices::<T>(
        &file,
        &ReadOptions {
            keep: Some(keep.view()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        got.into_shape_with_order(kept.shape()).unwrap(),
        kept,
        "{name}: keep"
    );
    assert_eq!(idx.len(), keep.iter().filter(|&&k| k).count());
    let lo: ArrayD<i64> = npz(r, "slice_lo");
    let hi: ArrayD<i64> = npz(r, "slice_hi");
    let (lo, hi) = (
        lo.first().copied().unwrap() as isize,
        hi.first().copied().unwrap() as isize,
    );
    let sliced: ArrayD<T> = npz(r, "sliced");
    let got: ArrayD<T> = read_array(
        &file,
        &ReadOptions {
            stream_slice: Some((lo..hi).into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(got, sliced, "{name}: stream_slice");
    // Negative bounds (Python's B5 decodes everything here; we take the slice).
    let n = *full.shape().last().unwrap() as isize;
    let got: ArrayD<T> = read_array(
        &file,
        &ReadOptions {
            stream_slice: Some(Slice::new(Some(lo - n), Some(hi - n), None)),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(got, sliced, "{name}: negative stream_slice");
    let fa = FlacArray::read_hdf5(&file, None).unwrap();
    assert_eq!(
        fa.to_array::<T>(&ToArrayOptions::default()).unwrap(),
        full,
        "{name}: FlacArray"
    );

    // Write the same data from Rust for Python to read.
    let data: ArrayD<T> = npz(r, "data");
    let opts = if T::DTYPE.is_float() {
        CompressOptions::default().quanta(quanta)
    } else {
        CompressOptions::default()
    };
    let out = h5.with_file_name(name.replacen("py_", "rust_", 1));
    let f = hdf5_metno::File::create(&out).unwrap();
    if name.contains("_fa") {
        FlacArray::from_array(data.view(), &opts)
            .unwrap()
            .write_hdf5(&f)
            .unwrap();
    } else {
        write_array(data.view(), &f, &opts).unwrap();
    }
}

#[test]
#[ignore = "needs the Python HDF5 fixtures: run scripts/test.sh"]
fn python_files_read_and_rust_files_written() {
    let mut n = 0;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for p in paths.iter().filter(|p| {
        let s = p.file_name().unwrap().to_string_lossy();
        s.starts_with("py_") && s.ends_with(".h5")
    }) {
        let mut r = NpzReader::new(File::open(p.with_extension("npz")).unwrap()).unwrap();
        let meta: ArrayD<f64> = npz(&mut r, "meta");
        let (code, q) = (meta[[0]] as u32, meta[[1]]);
        match code {
            0 => check::<i32>(p, &mut r, q),
            1 => check::<i64>(p, &mut r, q),
            2 => check::<f32>(p, &mut r, q),
            _ => check::<f64>(p, &mut r, q),
        }
        n += 1;
    }
    assert_eq!(n, 24, "expected the 24 Python fixtures");
    println!("hdf5-compat: {n} Python files read, {n} Rust files written");
}

fn check_v0<T: Element + ReadableElement>(h5: &Path, r: &mut NpzReader<File>) {
    let name = h5.file_name().unwrap().to_string_lossy().to_string();
    let file = hdf5_metno::File::open(h5).unwrap();
    let full: ArrayD<T> = npz(r, "full");
    let data: ArrayD<T> = npz(r, "data");
    let got: ArrayD<T> =
        read_array(&file, &ReadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let got = got.into_shape_with_order(full.shape()).unwrap();
    assert_eq!(got, full, "{name}: differs from flacarray 0.2.4's own read");
    if !T::DTYPE.is_float() {
        assert_eq!(
            got.into_shape_with_order(data.shape()).unwrap(),
            data,
            "{name}: not lossless"
        );
    }
    // A slice of a v0 stream (frame seek) equals the same part of the full read.
    let n = *full.shape().last().unwrap();
    let part: ArrayD<T> = read_array(
        &file,
        &ReadOptions {
            stream_slice: Some(((n / 2) as isize..(n / 2 + 10) as isize).into()),
            ..Default::default()
        },
    )
    .unwrap();
    let flat_full: Vec<T> = full.iter().copied().collect();
    let rows = flat_full.len() / n;
    let want: Vec<T> = (0..rows)
        .flat_map(|r| flat_full[r * n + n / 2..r * n + n / 2 + 10].to_vec())
        .collect();
    assert_eq!(
        part.iter().copied().collect::<Vec<T>>(),
        want,
        "{name}: slice"
    );
}

#[test]
#[ignore = "needs the flacarray 0.2.4 fixtures: run scripts/test.sh"]
fn format_0_files_of_flacarray_0_2_4() {
    let mut n = 0;
    for e in std::fs::read_dir(dir()).unwrap() {
        let p = e.unwrap().path();
        let s = p.file_name().unwrap().to_string_lossy().to_string();
        if !(s.starts_with("v0_") && s.ends_with(".h5")) {
            continue;
        }
        let mut r = NpzReader::new(File::open(p.with_extension("npz")).unwrap()).unwrap();
        let meta: ArrayD<i64> = npz(&mut r, "meta");
        match meta[[0]] {
            0 => check_v0::<i32>(&p, &mut r),
            1 => check_v0::<i64>(&p, &mut r),
            2 => check_v0::<f32>(&p, &mut r),
            _ => check_v0::<f64>(&p, &mut r),
        }
        n += 1;
    }
    assert_eq!(n, 8, "expected the 8 format-0 fixtures");
    println!("hdf5-v0: {n} flacarray 0.2.4 files read");
}
