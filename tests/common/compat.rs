//! Checks shared by the HDF5 and Zarr compatibility tests: a group's reads (whole, threaded,
//! with keep, with a stream slice, as a FlacArray) against Python's own reads of it, recorded
//! in the fixture's `.npz`.

use std::fs::File;
use std::path::{Path, PathBuf};

use flacarray::Element;
use flacarray::{CompressOptions, FlacArray, ReadOptions, Slice, Store};
use ndarray::ArrayD;
use ndarray_npy::{NpzReader, ReadableElement};

use super::store_fns::{read_array_with_indices, write_array};

/// The fixture directory: `$var`, else `target/<default>` of the crate.
pub fn fixture_dir(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join(default)
    })
}

/// The fixtures of `dir` whose file name passes `take`, in name order, each with its `.npz`
/// reader, its element type code (0 i32, 1 i64, 2 f32, 3 f64) and its quanta.
pub fn fixtures(
    dir: &Path,
    take: impl Fn(&str) -> bool,
) -> Vec<(PathBuf, NpzReader<File>, u32, f64)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| take(&p.file_name().unwrap().to_string_lossy()))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let mut r = NpzReader::new(File::open(p.with_extension("npz")).unwrap()).unwrap();
            let meta: ArrayD<f64> = npz(&mut r, "meta");
            (p, r, meta[[0]] as u32, meta[[1]])
        })
        .collect()
}

/// Calls `$check::<T>(args...)` with the element type of a fixture's type code.
#[macro_export]
macro_rules! by_dtype {
    ($code:expr, $check:ident($($arg:expr),*)) => {
        match $code {
            0 => $check::<i32>($($arg),*),
            1 => $check::<i64>($($arg),*),
            2 => $check::<f32>($($arg),*),
            _ => $check::<f64>($($arg),*),
        }
    };
}

/// A Python-written group read through the store's functions (and as the FlacArray `whole`)
/// equals Python's reads; then the same data is written to `out` for Python to read, with
/// `write_fa` for the `_fa` cases (FlacArray's own write) and `write_array` otherwise.
pub fn read_and_write<T: Element + ReadableElement, G: Store>(
    name: &str,
    r: &mut NpzReader<File>,
    group: &G,
    whole: FlacArray,
    quanta: f64,
    out: &G,
    write_fa: impl Fn(&FlacArray, &G) -> flacarray::Result<()>,
) {
    let read = |o: &ReadOptions<'_>| read_array_with_indices::<T, G>(group, o);
    check_reads(name, r, &read, whole);
    let data: ArrayD<T> = npz(r, "data");
    let opts = if T::DTYPE.is_float() {
        CompressOptions::default().quanta(quanta)
    } else {
        CompressOptions::default()
    };
    if name.contains("_fa") {
        write_fa(&FlacArray::from_array(data.view(), &opts).unwrap(), out).unwrap();
    } else {
        write_array(data.view(), out, &opts).unwrap();
    }
}

pub fn npz<T: ReadableElement>(r: &mut NpzReader<File>, name: &str) -> ArrayD<T> {
    r.by_name(&format!("{name}.npy"))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A read of the group under test with the given options, and the kept indices.
pub type Reader<'a, T> =
    &'a dyn Fn(&ReadOptions<'_>) -> flacarray::Result<(ArrayD<T>, Vec<Vec<usize>>)>;

/// Every read of a format-1 group equals Python's; `fa` is the group read as a FlacArray.
pub fn check_reads<T: Element + ReadableElement>(
    name: &str,
    r: &mut NpzReader<File>,
    read: Reader<'_, T>,
    fa: FlacArray,
) {
    let full: ArrayD<T> = npz(r, "full");
    let (got, _) = read(&ReadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(got, full, "{name}: full read");
    let (threaded, _) = read(&ReadOptions {
        use_threads: true,
        ..Default::default()
    })
    .unwrap();
    assert_eq!(threaded, full, "{name}: threaded read");
    let keep: ArrayD<bool> = npz(r, "keep");
    let kept: ArrayD<T> = npz(r, "kept");
    let (got, idx) = read(&ReadOptions {
        keep: Some(keep.view()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        got.into_shape_with_order(kept.shape()).unwrap(),
        kept,
        "{name}: keep"
    );
    assert_eq!(idx.len(), keep.iter().filter(|&&k| k).count());
    let want: Result<ndarray::Array2<i64>, _> = r.by_name("kept_idx.npy");
    if let Ok(want) = want {
        let want: Vec<Vec<usize>> = want
            .outer_iter()
            .map(|row| row.iter().map(|&v| v as usize).collect())
            .collect();
        assert_eq!(idx, want, "{name}: keep indices");
    }
    let lo: ArrayD<i64> = npz(r, "slice_lo");
    let hi: ArrayD<i64> = npz(r, "slice_hi");
    let (lo, hi) = (
        lo.first().copied().unwrap() as isize,
        hi.first().copied().unwrap() as isize,
    );
    let sliced: ArrayD<T> = npz(r, "sliced");
    let (got, _) = read(&ReadOptions {
        stream_slice: Some((lo..hi).into()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(got, sliced, "{name}: stream_slice");
    // Negative bounds (Python's B5 decodes everything here; we take the slice).
    let n = *full.shape().last().unwrap() as isize;
    let (got, _) = read(&ReadOptions {
        stream_slice: Some(Slice::new(Some(lo - n), Some(hi - n), None)),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(got, sliced, "{name}: negative stream_slice");
    assert_eq!(
        fa.to_array::<T>(&ReadOptions::default()).unwrap(),
        full,
        "{name}: FlacArray"
    );
}

/// A format-0 group reads as flacarray 0.2.4 read it (integers losslessly), and a slice of it
/// equals the same part of the full read.
pub fn check_v0_reads<T: Element + ReadableElement>(
    name: &str,
    r: &mut NpzReader<File>,
    read: Reader<'_, T>,
) {
    let full: ArrayD<T> = npz(r, "full");
    let data: ArrayD<T> = npz(r, "data");
    let (got, _) = read(&ReadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let got = got.into_shape_with_order(full.shape()).unwrap();
    assert_eq!(got, full, "{name}: differs from flacarray 0.2.4's own read");
    if !T::DTYPE.is_float() {
        assert_eq!(
            got.into_shape_with_order(data.shape()).unwrap(),
            data,
            "{name}: not lossless"
        );
    }
    let n = *full.shape().last().unwrap();
    let (part, _) = read(&ReadOptions {
        stream_slice: Some(((n / 2) as isize..(n / 2 + 10) as isize).into()),
        ..Default::default()
    })
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
