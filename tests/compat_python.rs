//! Byte compatibility with the real Python flacarray 0.4.1, both ways.
//!
//! `scripts/test.sh` first runs `tests/python/make_fixtures.py` (Python writes what it makes
//! of each input), then this test (Rust must make exactly the same bytes, offsets and gains,
//! and decode Python's bytes to Python's values; it writes its own output beside each
//! fixture), then `tests/python/check_rust_output.py` (Python decodes what Rust wrote).
//! Run it alone with `FLACARRAY_PY_FIXTURES=dir cargo test --test compat_python -- --ignored`.

use std::fs::File;
use std::path::{Path, PathBuf};

use flacarray::Element;
use flacarray::{array_compress, array_decompress, CompressOptions, Compressed, PerStream};
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
        // 5: neither, each stream from its range (Python's float_to_int with no quanta).
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
        assert!(
            c.compressed.as_slice() == py_c.as_slice().unwrap(),
            "{name}: compressed bytes differ"
        );
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
    assert_eq!(
        dec.into_shape_with_order(IxDyn(py_decoded.shape()))
            .unwrap(),
        py_decoded,
        "{name}: decoded"
    );
    array_compress(data.view(), opts).unwrap()
}

/// Write Rust's output for `fixture` (`x.npz`) to `x.rust.npz`.
fn write_rust<T: Element + WritableElement>(fixture: &Path, c: &Compressed<T>) {
    let mut w = NpzWriter::new(File::create(fixture.with_extension("rust.npz")).unwrap());
    w.add_array("compressed", &ndarray::arr1(&c.compressed))
        .unwrap();
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
        .filter(|p| {
            p.to_string_lossy().ends_with(".npz") && !p.to_string_lossy().ends_with(".rust.npz")
        })
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 100,
        "expected the full fixture set, found {}",
        paths.len()
    );
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
    write_rust_only_cases(&dir);
}

/// Cases where Rust departs from Python (its bug fixes) or uses what Python's API cannot
/// take; Python must still decode them. `tol` 0 means exact.
fn write_rust_only_cases(dir: &Path) {
    fn case<T: Element + WritableElement>(
        dir: &Path,
        name: &str,
        data: ArrayD<T>,
        opts: CompressOptions,
        tol: f64,
    ) {
        let c = array_compress(data.view(), &opts).unwrap();
        let path = dir.join(format!("rust_only_{name}.npz"));
        write_rust(&path, &c);
        // The input and the tolerance go in a companion archive.
        let mut w =
            NpzWriter::new(File::create(dir.join(format!("rust_only_{name}.data.npz"))).unwrap());
        w.add_array("data", &data).unwrap();
        w.add_array("tol", &ndarray::arr0(tol)).unwrap();
        w.finish().unwrap();
    }
    // B13: constant streams with a precision round-trip exactly.
    let levels = [5.3, -1.0e-7, 12345.678];
    let constant = ArrayD::from_shape_fn(IxDyn(&[3, 50]), |ix| levels[ix[0]]);
    case(
        dir,
        "b13_constant_f64",
        constant.clone(),
        CompressOptions::default().precision(3),
        0.0,
    );
    case(
        dir,
        "b13_constant_f32",
        constant.mapv(|v| v as f32),
        CompressOptions::default().precision(2),
        0.0,
    );
    // B1: per-stream quanta through the public API.
    let q = ArrayD::from_shape_fn(IxDyn(&[3, 4]), |ix| 1e-3 * (1 + ix[0] + ix[1]) as f64);
    let data = ArrayD::from_shape_fn(IxDyn(&[3, 4, 500]), |ix| {
        ((ix[2] as f32) * 0.01).sin() * (1 + ix[0]) as f32
    });
    case(
        dir,
        "b1_quanta_array_f32",
        data,
        CompressOptions::default().quanta(PerStream::Array(q)),
        0.5 * 6e-3,
    );
    // Full-range int64 in 3-D.
    let ints = ArrayD::from_shape_fn(IxDyn(&[2, 2, 300]), |ix| {
        (ix[2] as i64).wrapping_mul(0x9E37_79B9_7F4A_7C15u64 as i64) ^ (ix[0] as i64) << 60
    });
    case(
        dir,
        "int64_full_range",
        ints,
        CompressOptions::default().level(8),
        0.0,
    );
}
