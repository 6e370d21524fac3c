//! Zarr groups of Python flacarray read here, and groups written here for Python to read.
//!
//! `scripts/test.sh` runs `tests/python/make_zarr_fixtures.py` first in three virtualenvs
//! (flacarray 0.4.1 with zarr-python 3: `py3_*`; with zarr-python 2: `py2_*`, v2 stores with
//! Blosc; flacarray 0.2.4, format "0": `v0z_*`), then this test (reads must equal Python's;
//! it writes `rust_*.zarr` from the data of the `py3_` cases), then
//! `tests/python/check_zarr_rust.py`.

#![cfg(feature = "zarr")]

use std::fs::File;
use std::path::{Path, PathBuf};

use flacarray::zarr::{read_array_with_indices, ZarrGroup};
use flacarray::{Element, FlacArray};
use ndarray_npy::{NpzReader, ReadableElement};

mod common;
use common::compat::{check_v0_reads, fixture_dir, fixtures, read_and_write};

fn dir() -> PathBuf {
    fixture_dir("FLACARRAY_ZARR_FIXTURES", "zarrfixtures")
}

fn check<T: Element + ReadableElement>(path: &Path, r: &mut NpzReader<File>, quanta: f64) {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let group = ZarrGroup::open_dir(path).unwrap();
    if name.starts_with("v0z_") {
        return check_v0_reads::<T>(&name, r, &|o| read_array_with_indices::<T, _>(&group, o));
    }
    let whole = FlacArray::read_zarr(&group, None).unwrap();
    if name.starts_with("py3_") {
        // The zarr-python 3 cases are written back from Rust for Python to read.
        let out = path.with_file_name(name.replacen("py3_", "rust_", 1));
        let _ = std::fs::remove_dir_all(&out);
        let out = ZarrGroup::create_dir(&out).unwrap();
        read_and_write::<T, _>(&name, r, &group, whole, quanta, &out, |fa, g| {
            fa.write_zarr(g)
        });
    } else {
        let read = |o: &flacarray::ReadOptions<'_>| read_array_with_indices::<T, _>(&group, o);
        common::compat::check_reads(&name, r, &read, whole);
    }
}

#[test]
#[ignore = "needs the Python Zarr fixtures: run scripts/test.sh"]
fn python_groups_read_and_rust_groups_written() {
    let mut counts = std::collections::BTreeMap::new();
    let found = fixtures(&dir(), |s| !s.starts_with("rust_") && s.ends_with(".zarr"));
    for (p, mut r, code, q) in found {
        by_dtype!(code, check(&p, &mut r, q));
        let s = p.file_name().unwrap().to_string_lossy().to_string();
        *counts
            .entry(s.split('_').next().unwrap().to_string())
            .or_insert(0) += 1;
    }
    let want = [("py2", 4), ("py3", 24), ("v0z", 4)];
    let want: std::collections::BTreeMap<String, i32> =
        want.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    assert_eq!(counts, want, "fixtures read");
    println!("zarr-compat: {counts:?} Python groups read, 24 Rust groups written");
}
