//! A file whose stored FLAC filter parameters describe other chunks than its dataset's: the
//! library's readers outside HDF5's filter call (`read_filtered`, `verify`, `DirectChunks`)
//! refuse it, naming both layouts, before anything is decoded. The file is made with the
//! filter not yet registered in this process (so `set_local` cannot correct the parameters):
//! this file is a test binary of its own, and registers the filter only afterwards.

#![cfg(feature = "hdf5")]

use flacarray::chunk::ElementType;
use flacarray::h5z::{encode_stored_chunk, register, stored_params, FILTER_ID};
use hdf5_sys::h5d::{H5Dclose, H5Dcreate2, H5Dwrite_chunk};
use hdf5_sys::h5p::{H5Pclose, H5Pcreate, H5Pset_chunk, H5Pset_filter, H5P_CLS_DATASET_CREATE};
use hdf5_sys::h5s::{H5Sclose, H5Screate_simple};
use hdf5_sys::h5t::H5T_STD_I32LE;
use hdf5_sys::h5z::H5Z_FLAG_OPTIONAL;

/// A dataset `x` of shape (8, 1000) int32 in chunks of (4, 1000), whose stored parameters and
/// chunks claim chunks of `claimed` instead.
fn crafted(file: &hdf5_metno::File, name: &str, claimed: [u64; 2]) {
    let cd = stored_params(&[5], ElementType::I32, false, &claimed)
        .unwrap()
        .to_cd_values();
    let n = (claimed[0] * claimed[1]) as usize;
    let raw: Vec<u8> = (0..n as i32)
        .flat_map(|v| (v % 1000).to_le_bytes())
        .collect();
    let chunk = encode_stored_chunk(&cd, &raw).unwrap();
    let name = std::ffi::CString::new(name).unwrap();
    // SAFETY: plain HDF5 calls on ids made here and closed here; the arrays passed hold the
    // lengths given.
    unsafe {
        let dcpl = H5Pcreate(*H5P_CLS_DATASET_CREATE);
        assert!(H5Pset_chunk(dcpl, 2, [4u64, 1000].as_ptr()) >= 0);
        assert!(H5Pset_filter(dcpl, FILTER_ID, H5Z_FLAG_OPTIONAL, cd.len(), cd.as_ptr()) >= 0);
        let space = H5Screate_simple(2, [8u64, 1000].as_ptr(), std::ptr::null());
        let ds = H5Dcreate2(file.id(), name.as_ptr(), *H5T_STD_I32LE, space, 0, dcpl, 0);
        assert!(ds >= 0, "create the dataset");
        for row in [0u64, 4] {
            let st = H5Dwrite_chunk(
                ds,
                0,
                0,
                [row, 0].as_ptr(),
                chunk.len(),
                chunk.as_ptr().cast(),
            );
            assert!(st >= 0, "write a chunk");
        }
        H5Dclose(ds);
        H5Sclose(space);
        H5Pclose(dcpl);
    }
}

#[test]
fn parameters_that_do_not_describe_the_chunks_are_refused() {
    // The only test of this binary, before HDF5 starts: no plugin may correct the parameters.
    std::env::remove_var("HDF5_PLUGIN_PATH");
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile_params.h5");
    {
        let file = hdf5_metno::File::create(&path).unwrap();
        crafted(&file, "more", [8, 1000]);
        crafted(&file, "fewer", [2, 1000]);
        crafted(&file, "shorter", [4, 500]);
    }
    register().unwrap();
    let file = hdf5_metno::File::open(&path).unwrap();
    for (name, claimed) in [
        ("more", "8 streams of 1000"),
        ("fewer", "2 streams of 1000"),
        ("shorter", "4 streams of 500"),
    ] {
        let ds = file.dataset(name).unwrap();
        let stored = ds.dcpl().unwrap().filters();
        assert!(
            matches!(&stored[..], [hdf5_metno::filters::Filter::User(FILTER_ID, cd)] if cd.len() == 10),
            "the crafted parameters are in the file: {stored:?}"
        );
        let want = [
            format!("/{name}"),
            format!("{claimed} int32"),
            "(4, 1000)".into(),
        ];
        let errors = [
            flacarray::h5z::read_filtered::<i32>(&ds)
                .unwrap_err()
                .to_string(),
            flacarray::h5z::verify(&ds).unwrap_err().to_string(),
            flacarray::h5z::chunk_io::DirectChunks::of(&ds)
                .err()
                .expect("refused")
                .to_string(),
        ];
        for e in errors {
            assert!(want.iter().all(|w| e.contains(w.as_str())), "{want:?}: {e}");
        }
    }
}
