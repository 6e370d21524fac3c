//! HDF5 files of Python flacarray 0.4.1 read here, and files written here for Python to read.
//!
//! `scripts/test.sh` runs `tests/python/make_hdf5_fixtures.py` first (Python writes `py_*.h5`
//! and records its own reads), then this test (reads must equal Python's; it writes
//! `rust_*.h5` from the same data), then `tests/python/check_hdf5_rust.py`. It also reads the
//! format-0 files written by flacarray 0.2.4 (`v0_*.h5`) when they are present.

#![cfg(feature = "hdf5")]

use std::fs::File;
use std::path::{Path, PathBuf};

use flacarray::hdf5::read_array_with_indices;
use flacarray::{Element, FlacArray};
use ndarray::ArrayD;
use ndarray_npy::{NpzReader, ReadableElement};

mod common;
use common::compat::{check_v0_reads, fixture_dir, fixtures, npz, read_and_write};

fn dir() -> PathBuf {
    fixture_dir("FLACARRAY_H5_FIXTURES", "h5fixtures")
}

fn check<T: Element + ReadableElement>(h5: &Path, r: &mut NpzReader<File>, quanta: f64) {
    let name = h5.file_name().unwrap().to_string_lossy().to_string();
    let file = hdf5_metno::File::open(h5).unwrap();
    let whole = FlacArray::read_hdf5(&file, None).unwrap();
    let out =
        hdf5_metno::File::create(h5.with_file_name(name.replacen("py_", "rust_", 1))).unwrap();
    read_and_write::<T, _>(&name, r, &file, whole, quanta, &out, |fa, f| {
        fa.write_hdf5(f)
    });
}

#[test]
#[ignore = "needs the Python HDF5 fixtures: run scripts/test.sh"]
fn python_files_read_and_rust_files_written() {
    let found = fixtures(&dir(), |s| s.starts_with("py_") && s.ends_with(".h5"));
    let n = found.len();
    for (p, mut r, code, q) in found {
        by_dtype!(code, check(&p, &mut r, q));
    }
    assert_eq!(n, 24, "expected the 24 Python fixtures");
    println!("hdf5-compat: {n} Python files read, {n} Rust files written");
}

fn check_v0<T: Element + ReadableElement>(h5: &Path, r: &mut NpzReader<File>) {
    let name = h5.file_name().unwrap().to_string_lossy().to_string();
    let file = hdf5_metno::File::open(h5).unwrap();
    check_v0_reads::<T>(&name, r, &|o| read_array_with_indices::<T, _>(&file, o));
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
