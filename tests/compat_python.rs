//! Byte compatibility with the real Python flacarray 0.4.1, both ways.
//!
//! `scripts/test.sh` first runs `tests/python/make_fixtures.py` (Python writes what it makes
//! of each input), then this test (Rust must make exactly the same bytes, offsets and gains,
//! and decode Python's bytes to Python's values; it writes its own output beside each
//! fixture), then `tests/python/check_rust_output.py` (Python decodes what Rust wrote).
//! Run it alone with `FLACARRAY_PY_FIXTURES=dir cargo test --test compat_python -- --ignored`.

use std::fs::File;
use std::path::{Path, PathBuf};

use flacarray::{array_compress, array_decompress, CompressOptions, Compressed, PerStream};
use flacarray::dtype::Element;
use ndarray::{ArrayD, IxDyn};
use ndarray_npy::{NpzReader, NpzWriter, ReadableElement, WritableElement};

fn fixture_dir() -> PathBuf {
    std::env::var_os("FLACARRAY_PY_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pyfixtures"))
}

fn read<T: ReadableElement>(npz: &mut NpzReader<File>, name: &str) -> ArrayD<T> {
    npz.by_name(&format!("{name}.npy"))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn options(npz: &mut NpzReader<File>, level: u32, mode: i64) -> CompressOptions {
    let quanta: ArrayD<f64> = read(npz, "quanta");
    let precision: ArrayD<i32> = read(npz, "precision");
    let o = CompressOptions::default().level(level);
    match mode {
        1 => o.quanta(quanta.first().copied().unwrap()),
        2 => o.quanta(PerStream::Array(quanta)),
        3 => o.precision(precision.first().copied().unwrap()),
        4 => o.precision(PerStream::Array(precision)),
        _ => o,
    }
}

fn check_case<T>(path: &Path, npz: &mut NpzReader<File>, opts: &CompressOptions) -> Compressed<T>
where
    T: Element + ReadableElement + WritableElement,
{
    let data: ArrayD<T> = read(npz, "data");
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let py_c: ArrayD<u8> = read(npz, "compressed");
    let py_starts: ArrayD<i64> = read(npz, "starts");
    let py_nbytes: ArrayD<i64> = read(npz, "nbytes");
    let py_decoded: ArrayD<T> = read(npz, "decoded");
    let (py_off, py_gain): (Option<ArrayD<T>>, Option<ArrayD<T>>) = if T::DTYPE.is_float() {
        (Some(read(npz, "offsets")), Some(read(npz, "gains")))
    } else {
        (None, None)
    };

    for threads in [false, true] {
        let o = opts.clone().use_threads(threads);
        let c = array_compress(data.view(), &o).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(c.stream_starts, py_starts, "{name}: starts");
        assert_eq!(c.stream_nbytes, py_nbytes, "{name}: nbytes");
        assert_eq!(c.stream_offsets, py_off, "{name}: offsets");
        assert_eq!(c.stream_gains, py_gain, "{name}: gains");
        assert!(c.compressed.as_slice() == py_c.as_slice().unwrap(), "{name}: compressed bytes differ");
    }
    // Rust decodes Python's bytes to exactly Python's values.
    let dec = array_decompress::<T>(
        py_c.as_slice().unwrap(),
        *data.shape().last().unwrap(),
        py_starts.view(),
        py_nbytes.view(),
        py_off.as_ref().map(|a| a.view()),
        py_gain.as_ref().map(|a| a.view()),
        None,
        None,
        false,
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(dec.into_shape_with_order(IxDyn(py_decoded.shape())).unwrap(), py_decoded, "{name}: decoded");
    array_compress(data.view(), opts).unwrap()
}

fn write_rust<T: Element + WritableElement>(path: &Path, c: &Compressed<T>) {
    let out = path.with_extension("rust.npz");
    let mut w = NpzWriter::new(File::create(out).unwrap());
    w.add_array("compressed", &ndarray::arr1(&c.compressed)).unwrap();
    w.add_array("starts", &c.stream_starts).unwrap();
    w.add_array("nbytes", &c.stream_nbytes).unwrap();
    if let (Some(o), Some(g)) = (&c.stream_offsets, &c.stream_gains) {
        w.add_array("offsets", o).unwrap();
        w.add_array("gains", g).unwrap();
    }
    w.finish().unwrap();
}

#[test]
#[ignore = "needs the Python fixtures: run scripts/test.sh"]
fn rust_matches_python_flacarray_0_4_1() {
    let dir = fixture_dir();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("no fixtures in {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".npz") && !p.to_string_lossy().ends_with(".rust.npz"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 100, "expected the full fixture set, found {}", paths.len());
    for path in &paths {
        let mut npz = NpzReader::new(File::open(path).unwrap()).unwrap();
        let meta: ArrayD<i64> = read(&mut npz, "meta");
        let (level, mode, dtype) = (meta[[0]] as u32, meta[[1]], meta[[2]]);
        let opts = options(&mut npz, level, mode);
        match dtype {
            0 => write_rust(path, &check_case::<i32>(path, &mut npz, &opts)),
            1 => write_rust(path, &check_case::<i64>(path, &mut npz, &opts)),
            2 => write_rust(path, &check_case::<f32>(path, &mut npz, &opts)),
            _ => write_rust(path, &check_case::<f64>(path, &mut npz, &opts)),
        }
    }
    println!("{} Python fixtures matched byte for byte", paths.len());
}
