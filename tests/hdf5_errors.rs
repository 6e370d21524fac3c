//! Bad HDF5 groups and files give clear errors, never a crash or a hang; writes refuse to
//! overwrite and leave nothing that reads as a FlacArray when they fail.

#![cfg(feature = "hdf5")]

use flacarray::hdf5::{read_array, write_array};
use flacarray::ReadOptions;
use flacarray::{CompressOptions, Error, FlacArray};
use hdf5_metno::types::VarLenUnicode;
use ndarray::{ArrayD, IxDyn};

mod common;
use common::backend::{
    self, damaged_stream_is_an_error_and_kept_streams_read, data, read_err, refuses_to_overwrite,
};

fn tmp(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name)
}

/// A file holding a valid FlacArray in group "g".
fn good_file(name: &str) -> hdf5_metno::File {
    let f = hdf5_metno::File::create(tmp(name)).unwrap();
    let g = f.create_group("g").unwrap();
    write_array(data().view(), &g, &CompressOptions::default()).unwrap();
    f
}

#[test]
fn group_without_flacarray_data() {
    let f = hdf5_metno::File::create(tmp("empty.h5")).unwrap();
    let e = read_err(&f);
    assert!(e.to_string().contains("holds no flacarray data"), "{e}");
    assert!(FlacArray::read_hdf5(&f, None).is_err());
}

#[test]
fn unknown_format_version() {
    let f = good_file("version.h5");
    let g = f.group("g").unwrap();
    g.delete_attr("flacarray_format_version").unwrap();
    let v: VarLenUnicode = "7".parse().unwrap();
    g.new_attr::<VarLenUnicode>()
        .shape(())
        .create("flacarray_format_version")
        .unwrap()
        .write_scalar(&v)
        .unwrap();
    let e = read_err(&g);
    assert!(
        e.to_string().contains("format version 7 is not supported"),
        "{e}"
    );
}

#[test]
fn missing_and_inconsistent_datasets() {
    let f = good_file("missing.h5");
    let g = f.group("g").unwrap();
    g.unlink("stream_bytes").unwrap();
    assert!(read_err(&g)
        .to_string()
        .contains("no `stream_bytes` dataset"));
    g.new_dataset::<i64>()
        .shape(5)
        .create("stream_bytes")
        .unwrap();
    assert!(matches!(read_err(&g), Error::Shape(_)));
    // A float-looking group without gains.
    let f = good_file("inconsistent.h5");
    let g = f.group("g").unwrap();
    g.new_dataset::<f32>()
        .shape(3)
        .create("stream_offsets")
        .unwrap();
    assert!(read_err(&g)
        .to_string()
        .contains("inconsistent flacarray group"));
}

#[test]
fn starts_and_bytes_past_the_end() {
    let f = good_file("pastend.h5");
    let g = f.group("g").unwrap();
    let starts = g.dataset("stream_starts").unwrap();
    let mut s: Vec<i64> = starts.read_raw().unwrap();
    s[2] += 1_000_000;
    starts.write_raw(&s).unwrap();
    assert!(matches!(read_err(&g), Error::Corrupt { stream: 2, .. }));
}

#[test]
fn truncated_and_corrupted_compressed_data() {
    let f = good_file("truncated.h5");
    let g = f.group("g").unwrap();
    let bytes: Vec<u8> = g.dataset("compressed").unwrap().read_raw().unwrap();
    g.unlink("compressed").unwrap();
    let short = g
        .new_dataset::<u8>()
        .shape(bytes.len() - 100)
        .create("compressed")
        .unwrap();
    short.write_raw(&bytes[..bytes.len() - 100]).unwrap();
    assert!(matches!(read_err(&g), Error::Corrupt { stream: 2, .. }));

    let f = good_file("corrupted.h5");
    let g = f.group("g").unwrap();
    let ds = g.dataset("compressed").unwrap();
    let mut bytes: Vec<u8> = ds.read_raw().unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 40] {
        *b ^= 0xA5;
    }
    ds.write_raw(&bytes).unwrap();
    damaged_stream_is_an_error_and_kept_streams_read(&g);
}

#[test]
fn refuses_to_overwrite_and_failed_writes_leave_nothing() {
    let f = good_file("twice.h5");
    let g = f.group("g").unwrap();
    refuses_to_overwrite(&g);
    // A read-only file: the write fails and nothing readable is left.
    drop(g);
    drop(f);
    let ro = hdf5_metno::File::open(tmp("twice.h5")).unwrap();
    let g2 = ro.group("/").unwrap();
    assert!(write_array(data().view(), &g2, &CompressOptions::default()).is_err());
    assert!(read_array::<i32, _>(&g2, &ReadOptions::default()).is_err());
}

#[test]
fn wrong_type_and_keep_shape() {
    let f = good_file("types.h5");
    backend::wrong_type_and_keep_shape(&f.group("g").unwrap());
}

#[test]
fn one_by_n_arrays_keep_their_shape() {
    // Python's B9: (1, N) and (N,) are the same in its files; we record the shape.
    let f = hdf5_metno::File::create(tmp("shape.h5")).unwrap();
    let a = ArrayD::from_shape_fn(IxDyn(&[1, 3000]), |ix| ix[1] as i64 * 3);
    let b = ArrayD::from_shape_fn(IxDyn(&[3000]), |ix| ix[0] as i64 * 3);
    write_array(
        a.view(),
        &f.create_group("a").unwrap(),
        &CompressOptions::default(),
    )
    .unwrap();
    write_array(
        b.view(),
        &f.create_group("b").unwrap(),
        &CompressOptions::default(),
    )
    .unwrap();
    assert_eq!(
        read_array::<i64, _>(&f.group("a").unwrap(), &ReadOptions::default()).unwrap(),
        a
    );
    assert_eq!(
        read_array::<i64, _>(&f.group("b").unwrap(), &ReadOptions::default()).unwrap(),
        b
    );
    let fa = FlacArray::read_hdf5(&f.group("a").unwrap(), None).unwrap();
    assert_eq!(fa.shape(), &[1, 3000]);
    assert_eq!(
        fa,
        FlacArray::from_array(a.view(), &CompressOptions::default()).unwrap()
    );
}

#[test]
fn chunked_compressed_dataset_is_read_through_hdf5() {
    // A file whose `compressed` dataset is chunked and deflated (as after an h5repack) has no
    // single file address: reads go through HDF5 instead of direct reads.
    let f = good_file("chunked.h5");
    let g = f.group("g").unwrap();
    let bytes: Vec<u8> = g.dataset("compressed").unwrap().read_raw().unwrap();
    g.unlink("compressed").unwrap();
    let ds = g
        .new_dataset::<u8>()
        .shape(bytes.len())
        .chunk(4096)
        .deflate(4)
        .create("compressed")
        .unwrap();
    ds.write_raw(&bytes).unwrap();
    assert_eq!(
        read_array::<i32, _>(&g, &ReadOptions::default()).unwrap(),
        data()
    );
    let part: ArrayD<i32> = read_array(
        &g,
        &ReadOptions {
            stream_slice: Some((2000..2100).into()),
            ..Default::default()
        },
    )
    .unwrap();
    let want = data()
        .slice_each_axis(|ax| {
            if ax.axis.index() == 1 {
                (2000..2100).into()
            } else {
                (..).into()
            }
        })
        .to_owned();
    assert_eq!(part, want);
}

/// A small file whose group declares a huge, never-written `compressed` dataset.
fn hostile_file(name: &str, stream_size: i64) -> hdf5_metno::File {
    let f = good_file(name);
    let g = f.group("g").unwrap();
    let bytes: Vec<u8> = g.dataset("compressed").unwrap().read_raw().unwrap();
    g.unlink("compressed").unwrap();
    let ds = g
        .new_dataset::<u8>()
        .shape(4usize << 30)
        .chunk(1 << 20)
        .create("compressed")
        .unwrap();
    ds.write_slice(&bytes, 0..bytes.len()).unwrap();
    let starts = g.dataset("stream_starts").unwrap();
    let nbytes = g.dataset("stream_bytes").unwrap();
    let mut s: Vec<i64> = starts.read_raw().unwrap();
    let mut n: Vec<i64> = nbytes.read_raw().unwrap();
    s[2] = 3 << 30;
    n[2] = (4i64 << 30) - s[2];
    if stream_size > 5000 {
        n[2] = 500 << 20;
        // The first two streams declare bytes enough for so many samples (a group may not
        // declare more samples than its bytes can hold), reaching past their real data.
        n[0] = 100_000;
        n[1] = 100_000;
        starts.delete_attr("stream_size").unwrap();
        starts
            .new_attr::<i64>()
            .create("stream_size")
            .unwrap()
            .write_scalar(&stream_size)
            .unwrap();
        g.delete_attr("flacarray_shape").unwrap();
        g.new_attr::<i64>()
            .shape(2)
            .create("flacarray_shape")
            .unwrap()
            .write_raw(&[3, stream_size])
            .unwrap();
    }
    starts.write_raw(&s).unwrap();
    nbytes.write_raw(&n).unwrap();
    f
}

#[test]
fn hostile_group_claims_are_bounded_before_reading() {
    // The last stream claims 1 GiB for 5000 samples: refused from the group's values alone.
    let f = hostile_file("hostile_bytes.h5", 5000);
    let e = read_err(&f.group("g").unwrap());
    assert!(
        matches!(&e, Error::Corrupt { stream: 2, reason } if reason.contains("more than a FLAC stream of 5000 samples")),
        "{e}"
    );
    // With a stream_size that allows 500 MiB, the never-written bytes are found by a probe
    // of the stream's first bytes before the large read.
    let f = hostile_file("hostile_probe.h5", 100_000_000);
    let e = read_err(&f.group("g").unwrap());
    assert!(
        matches!(&e, Error::Corrupt { stream: 2, reason } if reason.contains("never written")),
        "{e}"
    );
    // A stream_size of 10^12 over the real streams' few kilobytes: the output it would size
    // (8 TB) is refused from the group's values, before any allocation.
    let f = good_file("hostile_samples.h5");
    let g = f.group("g").unwrap();
    let starts = g.dataset("stream_starts").unwrap();
    starts.delete_attr("stream_size").unwrap();
    let attr = starts.new_attr::<i64>().create("stream_size").unwrap();
    attr.write_scalar(&1_000_000_000_000i64).unwrap();
    g.delete_attr("flacarray_shape").unwrap();
    let e = read_err(&g);
    assert!(
        matches!(&e, Error::Corrupt { stream: 0, reason } if reason.contains("cannot hold a FLAC stream of 1000000000000 samples")),
        "{e}"
    );
}
