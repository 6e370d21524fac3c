//! The filter registered in-process (`flacarray::h5z::register`) and used through the
//! `hdf5-metno` crate, with no plugin path. Needs the `hdf5` feature.

#![cfg(feature = "hdf5")]

use flacarray::h5z::{register, FilterParams, FlacFilterExt, CD_MAGIC, FILTER_ID};
use ndarray::{s, Array2, Array3};

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    dir.join(name)
}

#[test]
fn write_and_read_integers_and_floats() {
    register().unwrap();
    register().unwrap(); // idempotent
    let path = tmp("h5z_metno.h5");
    let ints = Array2::from_shape_fn((5, 9000), |(r, c)| {
        ((c as f64 * 0.004 + r as f64).sin() * 1e5) as i64 + (c as i64 * 7919 % 31)
    });
    let reals = Array3::from_shape_fn((2, 3, 4000), |(a, b, c)| {
        ((a * 3 + b) as f64) + (c as f64 * 0.01).cos()
    });
    {
        let file = hdf5_metno::File::create(&path).unwrap();
        file.new_dataset_builder()
            .with_data(&ints)
            .chunk((2, 4000))
            .flac(FilterParams::lossless(8))
            .unwrap()
            .create("ints")
            .unwrap();
        file.new_dataset_builder()
            .with_data(&reals)
            .chunk((1, 3, 4000))
            .flac(FilterParams::quanta(5, 1e-6))
            .unwrap()
            .create("reals")
            .unwrap();
        let noq = file
            .new_dataset_builder()
            .with_data(&reals)
            .chunk((1, 3, 4000))
            .flac(FilterParams::lossless(5))
            .unwrap()
            .create("noquanta");
        assert!(noq.is_err(), "a float dataset without quanta was created");
    }
    let file = hdf5_metno::File::open(&path).unwrap();
    let d = file.dataset("ints").unwrap();
    let filters = d.filters();
    match &filters[0] {
        hdf5_metno::filters::Filter::User(id, cd) => {
            assert_eq!(*id, FILTER_ID);
            assert_eq!(cd[0], CD_MAGIC);
        }
        other => panic!("unexpected filter {other:?}"),
    }
    assert_eq!(d.read_2d::<i64>().unwrap(), ints);
    assert_eq!(
        d.read_slice_2d::<i64, _>(s![1..4, 3999..4001]).unwrap(),
        ints.slice(s![1..4, 3999..4001])
    );
    assert!(d.storage_size() < (ints.len() * 8 / 2) as u64);
    let back = file
        .dataset("reals")
        .unwrap()
        .read::<f64, ndarray::Ix3>()
        .unwrap();
    let worst = back
        .iter()
        .zip(reals.iter())
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    assert!(worst <= 0.5e-6 + 1e-12, "{worst}");
}

/// The class the filter hands a library is bound to that library: any address inside it gives
/// the same class, and registering uses it.
#[test]
fn one_class_per_hdf5_library() {
    use flacarray::h5z::class_for;
    let by_register = class_for(hdf5_sys::h5z::H5Zregister as *const std::ffi::c_void).unwrap();
    let by_chunk = class_for(hdf5_sys::h5p::H5Pget_chunk as *const std::ffi::c_void).unwrap();
    assert!(std::ptr::eq(by_register, by_chunk));
    // With no address, the one library of the process, found by searching: the same.
    let found = class_for(std::ptr::null()).unwrap();
    assert!(std::ptr::eq(by_register, found));
    // An address outside any HDF5 library (this test program's own code) falls back to the
    // search too, rather than failing.
    let here = class_for(one_class_per_hdf5_library as *const std::ffi::c_void).unwrap();
    assert!(std::ptr::eq(by_register, here));
    register().unwrap();
}
