//! Bad Zarr groups and stores give clear errors, never a crash or a hang; writes refuse to
//! overwrite and leave nothing that reads as a FlacArray when they fail. The cases of
//! `hdf5_errors.rs`, on the Zarr back end.

#![cfg(feature = "zarr")]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use flacarray::zarr::{group_summary, read_array, write_array, ZarrGroup};
use flacarray::{CompressOptions, DType, Error, FlacArray, ReadOptions};
use ndarray::{ArrayD, IxDyn};
use serde_json::{json, Value};

mod common;
use common::backend::{
    self, damaged_stream_is_an_error_and_kept_streams_read, data, read_err, refuses_to_overwrite,
};

fn tmp(name: &str) -> PathBuf {
    let p = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&p);
    p
}

/// A store holding a valid FlacArray in group "/g"; returns the group and its directory.
fn good_group(name: &str) -> (ZarrGroup, PathBuf) {
    let dir = tmp(name);
    let g = ZarrGroup::create_dir(&dir).unwrap().child("g").unwrap();
    write_array(data().view(), &g, &CompressOptions::default()).unwrap();
    (g, dir.join("g"))
}

fn edit_json(path: &Path, edit: impl FnOnce(&mut Value)) {
    let mut v: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    edit(&mut v);
    std::fs::write(path, serde_json::to_vec(&v).unwrap()).unwrap();
}

/// Replace array `name` of the group in `dir` with a 1-D array of `values`.
fn put_array<T: zarrs::array::Element>(
    dir: &Path,
    name: &str,
    data_type: zarrs::array::DataType,
    fill: impl Into<zarrs::array::FillValue>,
    values: &[T],
) {
    let _ = std::fs::remove_dir_all(dir.join(name));
    let store = Arc::new(zarrs::filesystem::FilesystemStore::new(dir).unwrap());
    let n = values.len() as u64;
    let a = zarrs::array::ArrayBuilder::new(vec![n], vec![n.max(1)], data_type, fill.into())
        .build(store, &format!("/{name}"))
        .unwrap();
    a.store_metadata().unwrap();
    a.store_array_subset_elements(&a.subset_all(), values)
        .unwrap();
}

fn read_u8(dir: &Path, name: &str) -> Vec<u8> {
    let store = Arc::new(zarrs::filesystem::FilesystemStore::new(dir).unwrap());
    let a = zarrs::array::Array::open(store, &format!("/{name}")).unwrap();
    a.retrieve_array_subset_elements::<u8>(&a.subset_all())
        .unwrap()
}

#[test]
fn missing_store_and_group_without_flacarray_data() {
    let e = ZarrGroup::open_dir(tmp("nowhere.zarr")).unwrap_err();
    assert!(
        e.to_string().contains("no such Zarr directory store"),
        "{e}"
    );
    let root = ZarrGroup::create_dir(tmp("empty.zarr")).unwrap();
    assert!(read_err(&root)
        .to_string()
        .contains("holds no flacarray data"));
    assert_eq!(group_summary(&root).unwrap(), None);
    // A child that does not exist at all.
    let e = read_err(&root.child("nothing").unwrap());
    assert!(e.to_string().contains("holds no flacarray data"), "{e}");
    assert!(root.child("a/b").is_err());
}

#[test]
fn unknown_format_version_and_bad_attributes() {
    let (g, dir) = good_group("version.zarr");
    edit_json(&dir.join("zarr.json"), |v| {
        v["attributes"]["flacarray_format_version"] = json!("7")
    });
    let e = read_err(&g);
    assert!(
        e.to_string().contains("format version 7 is not supported"),
        "{e}"
    );
    edit_json(&dir.join("zarr.json"), |v| {
        v["attributes"]["flacarray_format_version"] = json!([1, 2])
    });
    assert!(read_err(&g).to_string().contains("is not an integer"));
    edit_json(&dir.join("zarr.json"), |v| {
        v["attributes"]["flacarray_format_version"] = json!("1");
        v["attributes"]["flacarray_shape"] = json!([3, 4999]);
    });
    assert!(matches!(read_err(&g), Error::Shape(_)));
}

#[test]
fn missing_and_inconsistent_arrays() {
    let (g, dir) = good_group("missing.zarr");
    std::fs::remove_dir_all(dir.join("stream_bytes")).unwrap();
    let e = read_err(&g);
    assert!(e.to_string().contains("no `stream_bytes` array"), "{e}");
    put_array::<i64>(
        &dir,
        "stream_bytes",
        zarrs::array::DataType::Int64,
        0i64,
        &[1; 5],
    );
    assert!(matches!(read_err(&g), Error::Shape(_)));
    // A float-looking group without gains.
    let (g, dir) = good_group("inconsistent.zarr");
    put_array::<f32>(
        &dir,
        "stream_offsets",
        zarrs::array::DataType::Float32,
        0f32,
        &[0.0; 3],
    );
    let e = read_err(&g);
    assert!(
        e.to_string().contains("inconsistent flacarray group"),
        "{e}"
    );
    // Damaged metadata of an array.
    let (g, dir) = good_group("badjson.zarr");
    std::fs::write(dir.join("stream_starts/zarr.json"), b"{ not json").unwrap();
    let e = read_err(&g);
    assert!(e.to_string().contains("cannot open `stream_starts`"), "{e}");
}

#[test]
fn starts_and_bytes_past_the_end() {
    let (g, dir) = good_group("pastend.zarr");
    let fa = FlacArray::read_zarr(&g, None).unwrap();
    let mut s: Vec<i64> = fa.stream_starts().iter().copied().collect();
    s[2] += 1_000_000;
    put_array::<i64>(
        &dir,
        "stream_starts",
        zarrs::array::DataType::Int64,
        0i64,
        &s,
    );
    // The attribute went with the replaced array.
    assert!(read_err(&g)
        .to_string()
        .contains("no `stream_size` attribute"));
    edit_json(&dir.join("stream_starts/zarr.json"), |v| {
        v["attributes"] = json!({"stream_size": 5000})
    });
    assert!(matches!(read_err(&g), Error::Corrupt { stream: 2, .. }));
}

#[test]
fn truncated_and_corrupted_compressed_data() {
    let (g, dir) = good_group("truncated.zarr");
    let bytes = read_u8(&dir, "compressed");
    put_array::<u8>(
        &dir,
        "compressed",
        zarrs::array::DataType::UInt8,
        0u8,
        &bytes[..bytes.len() - 100],
    );
    assert!(matches!(read_err(&g), Error::Corrupt { stream: 2, .. }));

    let (g, dir) = good_group("corrupted.zarr");
    let mut bytes = read_u8(&dir, "compressed");
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 40] {
        *b ^= 0xA5;
    }
    put_array::<u8>(
        &dir,
        "compressed",
        zarrs::array::DataType::UInt8,
        0u8,
        &bytes,
    );
    damaged_stream_is_an_error_and_kept_streams_read(&g);
    // A damaged zstd chunk file is a Zarr error.
    let (g, dir) = good_group("badchunk.zarr");
    std::fs::write(dir.join("compressed/c/0"), b"not zstd").unwrap();
    let e = read_err(&g);
    assert!(matches!(e, Error::Zarr(_)), "{e}");
}

#[test]
fn refuses_to_overwrite_and_failed_writes_leave_nothing() {
    let (g, _) = good_group("twice.zarr");
    refuses_to_overwrite(&g);
    // A write stopped before the group's attributes (the last step) leaves no FlacArray.
    let (g, dir) = good_group("stopped.zarr");
    edit_json(&dir.join("zarr.json"), |v| v["attributes"] = json!({}));
    assert!(read_err(&g).to_string().contains("holds no flacarray data"));
    // A write that fails (the store's directory is a file) leaves nothing behind.
    let dir = tmp("blocked.zarr");
    let root = ZarrGroup::create_dir(&dir).unwrap();
    std::fs::write(dir.join("g"), b"in the way").unwrap();
    let g = root.child("g").unwrap();
    assert!(write_array(data().view(), &g, &CompressOptions::default()).is_err());
    assert!(read_array::<i32, _>(&g, &ReadOptions::default()).is_err());
}

#[test]
fn wrong_type_and_keep_shape() {
    let (g, _) = good_group("types.zarr");
    backend::wrong_type_and_keep_shape(&g);
    let s = group_summary(&g).unwrap().unwrap();
    assert_eq!(
        (s.format, s.dtype, s.shape),
        (1, DType::Int32, vec![3, 5000])
    );
}

#[test]
fn one_by_n_arrays_keep_their_shape_and_floats_round_trip() {
    let root = ZarrGroup::create_dir(tmp("shape.zarr")).unwrap();
    let a = ArrayD::from_shape_fn(IxDyn(&[1, 3000]), |ix| ix[1] as i64 * 3);
    let b = ArrayD::from_shape_fn(IxDyn(&[3000]), |ix| ix[0] as i64 * 3);
    let opts = CompressOptions::default();
    write_array(a.view(), &root.child("a").unwrap(), &opts).unwrap();
    write_array(b.view(), &root.child("b").unwrap(), &opts).unwrap();
    let ga = root.child("a").unwrap();
    assert_eq!(
        read_array::<i64, _>(&ga, &ReadOptions::default()).unwrap(),
        a
    );
    let gb = root.child("b").unwrap();
    assert_eq!(
        read_array::<i64, _>(&gb, &ReadOptions::default()).unwrap(),
        b
    );
    let fa = FlacArray::read_zarr(&ga, None).unwrap();
    assert_eq!(fa, FlacArray::from_array(a.view(), &opts).unwrap());
    // Floats, NaN refused before anything is written.
    let mut x = ArrayD::from_shape_fn(IxDyn(&[2, 2, 4000]), |ix| (ix[2] as f32 * 0.01).sin());
    let q = CompressOptions::default().quanta(1e-5);
    write_array(x.view(), &root.child("f").unwrap(), &q).unwrap();
    let back = read_array::<f32, _>(&root.child("f").unwrap(), &ReadOptions::default()).unwrap();
    assert!(back
        .iter()
        .zip(&x)
        .all(|(a, b)| (a - b).abs() <= 0.5e-5 + 1e-7));
    x[[1, 1, 7]] = f32::NAN;
    let g = root.child("nan").unwrap();
    assert!(write_array(x.view(), &g, &q).is_err());
    let stray = Path::new(env!("CARGO_TARGET_TMPDIR")).join("shape.zarr/nan");
    assert!(!stray.exists());
}

#[test]
fn many_chunks_of_compressed_bytes() {
    // Noisy data: `compressed` spans several zarr chunks, and streams cross chunk borders.
    let x = ArrayD::from_shape_fn(IxDyn(&[48, 20000]), |ix| {
        let h = (ix[0] * 7919 + ix[1] * 104_729) % 65_521;
        (h as i64 - 32_760) * 1000 + ix[1] as i64
    });
    let root = ZarrGroup::create_dir(tmp("chunks.zarr")).unwrap();
    write_array(x.view(), &root, &CompressOptions::default()).unwrap();
    let chunks =
        std::fs::read_dir(Path::new(env!("CARGO_TARGET_TMPDIR")).join("chunks.zarr/compressed/c"))
            .unwrap()
            .count();
    assert!(chunks > 3, "only {chunks} chunks");
    let all = read_array::<i64, _>(&root, &ReadOptions::default()).unwrap();
    assert_eq!(all, x);
    let opts = ReadOptions {
        stream_slice: Some((12_345..12_999).into()),
        use_threads: true,
        ..Default::default()
    };
    let part = read_array::<i64, _>(&root, &opts).unwrap();
    assert_eq!(part, x.slice(ndarray::s![.., 12_345..12_999]).into_dyn());
    let keep = ArrayD::from_shape_fn(IxDyn(&[48]), |ix| ix[0] % 5 == 3);
    let opts = ReadOptions {
        keep: Some(keep.view()),
        ..Default::default()
    };
    let kept = read_array::<i64, _>(&root, &opts).unwrap();
    assert_eq!(kept.shape(), &[9, 20000]);
    assert_eq!(
        kept.index_axis(ndarray::Axis(0), 1),
        x.index_axis(ndarray::Axis(0), 8)
    );
}
