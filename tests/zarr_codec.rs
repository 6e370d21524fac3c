//! The `flacarray.flac` Zarr codec in zarrs: every type the filter takes, 1- to 4-D chunks with
//! edge chunks, the filter's bytes exactly, partial decoding that reads only what a subset
//! needs, corrupt chunks, Zarr v2 arrays; and (ignored here, run by `scripts/test_wheel.sh`)
//! arrays written by zarr-python 3, zarr-python 2 and NCZarr read here, and arrays written
//! here for zarr-python to read.

#![cfg(feature = "zarr")]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use flacarray::chunk::ElementType;
use flacarray::h5z::{encode_stored_chunk, stored_params, FilterParams};
use flacarray::zarr_codec::{read_zarr_v2, FlacCodec};
use zarrs::array::{Array, ArrayBuilder, DataType, Element, ElementOwned, FillValue};
use zarrs::array_subset::ArraySubset;
use zarrs::filesystem::FilesystemStore;
use zarrs::storage::storage_adapter::performance_metrics::PerformanceMetricsStorageAdapter;
use zarrs::storage::store::MemoryStore;
use zarrs::storage::{ReadableWritableListableStorage, WritableStorageTraits};

/// Time-stream-like values: a slow sine, noise, and each type's extremes.
trait Sample: Element + ElementOwned + Copy + PartialEq + std::fmt::Debug + 'static {
    const TYPE: DataType;
    const ELEM: ElementType;
    fn make(i: usize, n: usize) -> Self;
    fn zero() -> FillValue;
    /// Within the codec's tolerance of `other` (exact for integers).
    fn close(self, other: Self, quanta: f64) -> bool;
}

macro_rules! int_sample {
    ($($t:ty => $dt:ident, $el:ident);*) => {$(
        impl Sample for $t {
            const TYPE: DataType = DataType::$dt;
            const ELEM: ElementType = ElementType::$el;
            fn make(i: usize, n: usize) -> Self {
                if i == 0 {
                    return <$t>::MIN;
                }
                if i + 1 == n {
                    return <$t>::MAX;
                }
                let span = (<$t>::MAX as f64 - <$t>::MIN as f64) * 0.4;
                let mid = (<$t>::MAX as f64 + <$t>::MIN as f64) / 2.0;
                let x = (i as f64 / 97.0).sin() + 0.01 * ((i * 7919) % 101) as f64;
                (mid + span * x / 1.1) as $t
            }
            fn zero() -> FillValue {
                FillValue::from(0 as $t)
            }
            fn close(self, other: Self, _quanta: f64) -> bool {
                self == other
            }
        }
    )*};
}
int_sample!(i8 => Int8, I8; u8 => UInt8, U8; i16 => Int16, I16; u16 => UInt16, U16;
    i32 => Int32, I32; u32 => UInt32, U32; i64 => Int64, I64; u64 => UInt64, U64);

macro_rules! float_sample {
    ($($t:ty => $dt:ident, $el:ident);*) => {$(
        impl Sample for $t {
            const TYPE: DataType = DataType::$dt;
            const ELEM: ElementType = ElementType::$el;
            fn make(i: usize, _n: usize) -> Self {
                (10.0 * (i as f64 / 97.0).sin() + 0.01 * ((i * 7919) % 101) as f64) as $t
            }
            fn zero() -> FillValue {
                FillValue::from(0 as $t)
            }
            fn close(self, other: Self, quanta: f64) -> bool {
                ((self as f64) - (other as f64)).abs() <= quanta / 2.0 + 1e-5
            }
        }
    )*};
}
float_sample!(f32 => Float32, F32; f64 => Float64, F64);

fn values<T: Sample>(n: usize) -> Vec<T> {
    (0..n).map(|i| T::make(i, n)).collect()
}

fn codec_for<T: Sample>(level: u32, quanta: f64) -> FlacCodec {
    if T::ELEM.is_float() {
        FlacCodec::quanta(level, quanta).unwrap()
    } else {
        FlacCodec::lossless(level).unwrap()
    }
}

fn memory() -> ReadableWritableListableStorage {
    Arc::new(MemoryStore::new())
}

fn build<T: Sample>(
    store: ReadableWritableListableStorage,
    shape: &[u64],
    chunks: &[u64],
    codec: FlacCodec,
) -> Array<dyn zarrs::storage::ReadableWritableListableStorageTraits> {
    let a = ArrayBuilder::new(shape.to_vec(), chunks.to_vec(), T::TYPE, T::zero())
        .array_to_bytes_codec(Arc::new(codec))
        .build(store, "/a")
        .unwrap();
    a.store_metadata().unwrap();
    a
}

fn round_trip<T: Sample>() {
    let quanta = 1e-3;
    for (shape, chunks) in [
        (vec![1000u64], vec![300u64]),
        (vec![7, 1000], vec![3, 400]),
        (vec![2, 3, 500], vec![1, 2, 200]),
        (vec![2, 2, 3, 300], vec![1, 2, 2, 128]),
    ] {
        for level in [0, 5, 8] {
            let store = memory();
            let a = build::<T>(
                store.clone(),
                &shape,
                &chunks,
                codec_for::<T>(level, quanta),
            );
            let n = shape.iter().product::<u64>() as usize;
            let x = values::<T>(n);
            a.store_array_subset_elements(&a.subset_all(), &x).unwrap();
            // Reopened from its metadata: the codec comes from the JSON.
            let b = Array::open(store, "/a").unwrap();
            let back: Vec<T> = b.retrieve_array_subset_elements(&b.subset_all()).unwrap();
            let bad = x.iter().zip(&back).position(|(p, q)| !p.close(*q, quanta));
            assert_eq!(bad, None, "{:?} {shape:?} level {level}", T::TYPE);
        }
    }
}

#[test]
fn every_type_round_trips_in_1_to_4_d_with_edge_chunks() {
    round_trip::<i8>();
    round_trip::<u8>();
    round_trip::<i16>();
    round_trip::<u16>();
    round_trip::<i32>();
    round_trip::<u32>();
    round_trip::<i64>();
    round_trip::<u64>();
    round_trip::<f32>();
    round_trip::<f64>();
}

fn same_bytes<T: Sample>(user: &FilterParams) {
    let store = memory();
    let codec = FlacCodec::new(user.clone()).unwrap();
    let a = build::<T>(store, &[6, 5000], &[3, 5000], codec);
    let x = values::<T>(30000);
    a.store_array_subset_elements(&a.subset_all(), &x).unwrap();
    let stored = stored_params(
        &user.to_cd_values(),
        T::ELEM,
        cfg!(target_endian = "big"),
        &[3, 5000],
    )
    .unwrap();
    let raw: Vec<u8> = x[15000..]
        .iter()
        .flat_map(|v| {
            let b = bytemuck_bytes(v);
            b.to_vec()
        })
        .collect();
    let filter = encode_stored_chunk(&stored.to_cd_values(), &raw).unwrap();
    let zarr = a.retrieve_encoded_chunk(&[1, 0]).unwrap().unwrap();
    assert_eq!(zarr, filter, "{:?}", T::TYPE);
}

/// A value's bytes in memory (native order).
fn bytemuck_bytes<T: Copy>(v: &T) -> &[u8] {
    // SAFETY: the samples are plain integers and floats, with no padding.
    unsafe { std::slice::from_raw_parts(v as *const T as *const u8, std::mem::size_of::<T>()) }
}

#[test]
fn chunks_are_the_hdf5_filters_bytes() {
    same_bytes::<i16>(&FilterParams::lossless(5));
    same_bytes::<u32>(&FilterParams::lossless(8));
    same_bytes::<i64>(&FilterParams::lossless(3));
    same_bytes::<f32>(&FilterParams::quanta(5, 1e-3));
    same_bytes::<f64>(&FilterParams::precision(5, 4));
}

#[test]
fn partial_decoding_reads_only_the_streams_it_needs() {
    let inner = memory();
    let (streams, len) = (16u64, 100_000u64);
    let a = build::<i32>(
        inner.clone(),
        &[streams, len],
        &[streams, len],
        FlacCodec::lossless(5).unwrap(),
    );
    let x = values::<i32>((streams * len) as usize);
    a.store_array_subset_elements(&a.subset_all(), &x).unwrap();
    let chunk_len = a.retrieve_encoded_chunk(&[0, 0]).unwrap().unwrap().len();

    let metered = Arc::new(PerformanceMetricsStorageAdapter::new(inner));
    let b = Array::open(metered.clone(), "/a").unwrap();
    let expect = |rows: std::ops::Range<u64>, cols: std::ops::Range<u64>| -> Vec<i32> {
        rows.flat_map(|r| {
            x[(r * len + cols.start) as usize..(r * len + cols.end) as usize].to_vec()
        })
        .collect()
    };
    for (rows, cols) in [
        (3..5, 40_000..41_000),
        (0..1, 0..1),
        (15..16, 99_999..100_000),
        (2..14, 10..99_990),
        (0..16, 50_000..50_001),
        (7..8, 0..100_000),
    ] {
        let before = metered.bytes_read();
        let subset = ArraySubset::new_with_ranges(&[rows.clone(), cols.clone()]);
        let got: Vec<i32> = b.retrieve_array_subset_elements(&subset).unwrap();
        assert_eq!(got, expect(rows.clone(), cols.clone()), "{rows:?} {cols:?}");
        let read = metered.bytes_read() - before;
        if rows.end - rows.start <= 2 {
            assert!(
                read * 4 < chunk_len,
                "{rows:?} {cols:?}: {read} of {chunk_len} bytes read"
            );
        }
    }
}

#[test]
fn corrupt_chunks_are_errors_that_name_the_codec() {
    let store = memory();
    let a = build::<i32>(
        store.clone(),
        &[4, 20000],
        &[4, 20000],
        FlacCodec::lossless(5).unwrap(),
    );
    a.store_array_subset_elements(&a.subset_all(), &values::<i32>(80000))
        .unwrap();
    let good = a.retrieve_encoded_chunk(&[0, 0]).unwrap().unwrap();
    let key = zarrs::storage::StoreKey::new("a/c/0/0").unwrap();
    // Where the header and the table of 4 streams end.
    let end =
        flacarray::chunk::table_end(&flacarray::chunk::ChunkHeader::parse(&good).unwrap()).unwrap();
    let mut table = good.clone();
    table[20] ^= 0x10;
    let mut early = good.clone();
    early[end + 2] ^= 0x10;
    let mut late = good.clone();
    let n = late.len();
    late[n - 100] ^= 0x01;
    // (damage, what the error says, whether a read of stream 3's first samples sees it: a
    // partial read checks the header and table, and decodes only the frames it returns).
    let part = ArraySubset::new_with_ranges(&[3..4, 10..20]);
    let x = values::<i32>(80000);
    for (damaged, says, part_fails) in [
        (table, "checksum mismatch", true),
        (early, "stream 0", false),
        (late, "stream 3", false),
        (good[..good.len() / 2].to_vec(), "flacarray.flac", true),
        (
            b"not a chunk at all".to_vec(),
            "not a FLAC filter chunk",
            true,
        ),
    ] {
        store.set(&key, damaged.into()).unwrap();
        let e = a
            .retrieve_array_subset_elements::<i32>(&a.subset_all())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("flacarray.flac") && e.contains(says),
            "{says}: {e}"
        );
        match a.retrieve_array_subset_elements::<i32>(&part) {
            Err(e) => {
                let e = e.to_string();
                assert!(part_fails && e.contains("flacarray.flac"), "{says}: {e}");
            }
            Ok(v) => assert!(!part_fails && v == x[60010..60020], "{says}: {v:?}"),
        }
    }
}

#[test]
fn floats_need_quanta_and_bad_configurations_are_refused() {
    let a = build::<f64>(
        memory(),
        &[2, 100],
        &[2, 100],
        FlacCodec::lossless(5).unwrap(),
    );
    let e = a
        .store_array_subset_elements(&a.subset_all(), &values::<f64>(200))
        .unwrap_err();
    assert!(
        e.to_string().contains("needs \"quanta\" or \"precision\""),
        "{e}"
    );

    let store = memory();
    let a = build::<f32>(
        store.clone(),
        &[2, 100],
        &[2, 100],
        FlacCodec::quanta(8, 0.25).unwrap(),
    );
    let meta = serde_json::to_value(a.metadata()).unwrap();
    assert_eq!(
        meta["codecs"][0],
        serde_json::json!({"name": "flacarray.flac", "configuration": {"level": 8, "quanta": 0.25}})
    );
    let text = serde_json::to_string(&meta)
        .unwrap()
        .replace("\"level\":8", "\"level\":12");
    store
        .set(
            &zarrs::storage::StoreKey::new("a/zarr.json").unwrap(),
            text.into_bytes().into(),
        )
        .unwrap();
    let e = match Array::open(store, "/a") {
        Ok(_) => panic!("a level of 12 was accepted"),
        Err(e) => e.to_string(),
    };
    assert!(e.contains("\"level\" must be an integer 0 to 11"), "{e}");
    assert!(FlacCodec::quanta(5, 0.0).is_err());
    assert!(FlacCodec::lossless(11).is_ok() && FlacCodec::lossless(12).is_err());
}

/// A Zarr v2 array as zarr-python 2 writes it with `h5flac.numcodecs.FLAC`: `.zarray` with
/// the codec as compressor, chunks in the filter's format.
fn write_v2(dir: &Path, x: &[i16], shape: [u64; 2], chunks: [u64; 2]) {
    std::fs::create_dir_all(dir).unwrap();
    let zarray = serde_json::json!({
        "zarr_format": 2, "shape": shape, "chunks": chunks, "dtype": "<i2",
        "compressor": {"id": "flacarray.flac", "level": 5}, "fill_value": 0,
        "filters": null, "order": "C"
    });
    std::fs::write(dir.join(".zarray"), zarray.to_string()).unwrap();
    let stored = stored_params(&[5], ElementType::I16, false, &chunks)
        .unwrap()
        .to_cd_values();
    for ci in 0..shape[0].div_ceil(chunks[0]) {
        for cj in 0..shape[1].div_ceil(chunks[1]) {
            let mut raw = Vec::new();
            for r in 0..chunks[0] {
                for c in 0..chunks[1] {
                    let (i, j) = (ci * chunks[0] + r, cj * chunks[1] + c);
                    let v = if i < shape[0] && j < shape[1] {
                        x[(i * shape[1] + j) as usize]
                    } else {
                        0
                    };
                    raw.extend_from_slice(&v.to_le_bytes());
                }
            }
            let chunk = encode_stored_chunk(&stored, &raw).unwrap();
            std::fs::write(dir.join(format!("{ci}.{cj}")), chunk).unwrap();
        }
    }
}

#[test]
fn zarr_v2_arrays_are_read_and_not_written() {
    let dir = std::env::temp_dir().join(format!("flacarray-zarr2-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let x = values::<i16>(5 * 777);
    write_v2(&dir.join("v2"), &x, [5, 777], [2, 300]);
    read_zarr_v2();
    let store: ReadableWritableListableStorage = Arc::new(FilesystemStore::new(&dir).unwrap());
    let a = Array::open(store, "/v2").unwrap();
    let back: Vec<i16> = a.retrieve_array_subset_elements(&a.subset_all()).unwrap();
    assert_eq!(back, x);
    let part: Vec<i16> = a
        .retrieve_array_subset_elements(&ArraySubset::new_with_ranges(&[1..3, 299..302]))
        .unwrap();
    assert_eq!(
        part,
        [
            x[299 + 777],
            x[300 + 777],
            x[301 + 777],
            x[299 + 1554],
            x[300 + 1554],
            x[301 + 1554]
        ]
    );
    let e = a
        .store_array_subset_elements(&a.subset_all(), &x)
        .unwrap_err()
        .to_string();
    assert!(e.contains("cannot write Zarr v2"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The folder `scripts/test_wheel.sh` fills: `python/` (zarr-python 3, zarr-python 2 format,
/// NCZarr), read here; `rust/`, written here for zarr-python to check.
fn interop_dir() -> PathBuf {
    PathBuf::from(std::env::var("FLACARRAY_ZARR_CODEC_DIR").expect("set FLACARRAY_ZARR_CODEC_DIR"))
}

/// Read every array of a store written by Python and compare it with its `.npy` beside it
/// (values, or within `quanta/2` for floats: the quanta is in the array's attributes).
fn check_python_store(root: &Path) -> usize {
    let store: ReadableWritableListableStorage = Arc::new(FilesystemStore::new(root).unwrap());
    let mut n = 0;
    let mut names: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in names
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "npy"))
    {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let a = Array::open(store.clone(), &format!("/{name}"))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let quanta = a
            .attributes()
            .get("quanta")
            .and_then(|q| q.as_f64())
            .unwrap_or(0.0);
        macro_rules! compare {
            ($t:ty) => {{
                let want: ndarray::ArrayD<$t> = ndarray_npy::read_npy(&path).unwrap();
                let got: Vec<$t> = a.retrieve_array_subset_elements(&a.subset_all()).unwrap();
                assert_eq!(want.len(), got.len(), "{name}");
                let bad = want
                    .iter()
                    .zip(&got)
                    .position(|(w, g)| !w.close(*g, quanta));
                assert_eq!(bad, None, "{name}");
            }};
        }
        match a.data_type() {
            DataType::Int8 => compare!(i8),
            DataType::UInt8 => compare!(u8),
            DataType::Int16 => compare!(i16),
            DataType::UInt16 => compare!(u16),
            DataType::Int32 => compare!(i32),
            DataType::UInt32 => compare!(u32),
            DataType::Int64 => compare!(i64),
            DataType::UInt64 => compare!(u64),
            DataType::Float32 => compare!(f32),
            DataType::Float64 => compare!(f64),
            t => panic!("{name}: unexpected {t:?}"),
        }
        n += 1;
    }
    n
}

fn write_for_python<T: Sample + ndarray_npy::WritableElement>(
    root: &Path,
    shape: &[u64],
    chunks: &[u64],
) {
    let name = format!("{:?}_{}d", T::TYPE, shape.len()).to_lowercase();
    let store: ReadableWritableListableStorage = Arc::new(FilesystemStore::new(root).unwrap());
    let quanta = 1e-3;
    let mut b = ArrayBuilder::new(shape.to_vec(), chunks.to_vec(), T::TYPE, T::zero());
    b.array_to_bytes_codec(Arc::new(codec_for::<T>(5, quanta)));
    if T::ELEM.is_float() {
        b.attributes(
            serde_json::json!({"quanta": quanta})
                .as_object()
                .unwrap()
                .clone(),
        );
    }
    let a = b.build(store, &format!("/{name}")).unwrap();
    a.store_metadata().unwrap();
    let n = shape.iter().product::<u64>() as usize;
    let x = values::<T>(n);
    a.store_array_subset_elements(&a.subset_all(), &x).unwrap();
    let dims: Vec<usize> = shape.iter().map(|&d| d as usize).collect();
    let arr = ndarray::ArrayD::from_shape_vec(dims, x).unwrap();
    ndarray_npy::write_npy(root.join(format!("{name}.npy")), &arr).unwrap();
}

#[test]
#[ignore = "needs arrays written by zarr-python and NCZarr: run scripts/test_wheel.sh"]
fn python_and_nczarr_arrays_read_and_rust_arrays_written() {
    let dir = interop_dir();
    read_zarr_v2();
    let counts: Vec<(String, usize)> = ["zarr3", "zarr2", "nczarr"]
        .iter()
        .map(|s| {
            (
                s.to_string(),
                check_python_store(&dir.join("python").join(s)),
            )
        })
        .collect();
    for (store, n) in &counts {
        // Ten types in four shapes each.
        assert_eq!(*n, 40, "{store}: arrays read");
    }
    println!("read from Python: {counts:?}");

    let out = dir.join("rust");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    for (shape, chunks) in [
        (vec![3u64, 1000u64], vec![2u64, 300u64]),
        (vec![2, 3, 4, 500], vec![1, 2, 3, 128]),
    ] {
        write_for_python::<i8>(&out, &shape, &chunks);
        write_for_python::<u8>(&out, &shape, &chunks);
        write_for_python::<i16>(&out, &shape, &chunks);
        write_for_python::<u16>(&out, &shape, &chunks);
        write_for_python::<i32>(&out, &shape, &chunks);
        write_for_python::<u32>(&out, &shape, &chunks);
        write_for_python::<i64>(&out, &shape, &chunks);
        write_for_python::<u64>(&out, &shape, &chunks);
        write_for_python::<f32>(&out, &shape, &chunks);
        write_for_python::<f64>(&out, &shape, &chunks);
    }
}
