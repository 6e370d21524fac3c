//! Checks that every store must pass, written once and run by `hdf5_errors.rs` and
//! `zarr_errors.rs` on groups each prepares in its own way.

use flacarray::{CompressOptions, Error, ReadOptions, Store};
use ndarray::{ArrayD, Axis, IxDyn};

use super::store_fns::{read_array, write_array};

/// The array every good group holds: 3 streams of 5000 int32.
pub fn data() -> ArrayD<i32> {
    ArrayD::from_shape_fn(IxDyn(&[3, 5000]), |ix| {
        ((ix[1] as f64 * 0.01).sin() * 1e5) as i32 + ix[0] as i32
    })
}

/// The error of a whole read of `g`.
pub fn read_err<G: Store>(g: &G) -> Error {
    read_array::<i32, G>(g, &ReadOptions::default()).unwrap_err()
}

/// `g` holds [`data`] with damaged bytes in the middle of its streams: the whole read fails
/// as corrupt, and the intact first stream, kept alone, still reads.
pub fn damaged_stream_is_an_error_and_kept_streams_read<G: Store>(g: &G) {
    assert!(matches!(read_err(g), Error::Corrupt { .. }));
    let keep = ArrayD::from_shape_fn(IxDyn(&[3]), |ix| ix[0] == 0);
    let ok = read_array::<i32, G>(
        g,
        &ReadOptions {
            keep: Some(keep.view()),
            ..Default::default()
        },
    )
    .unwrap();
    let want: Vec<i32> = data().index_axis(Axis(0), 0).iter().copied().collect();
    assert_eq!(ok.iter().copied().collect::<Vec<i32>>(), want);
}

/// `g` holds [`data`]: a second write is refused and leaves the group as it was.
pub fn refuses_to_overwrite<G: Store>(g: &G) {
    let e = write_array(data().view(), g, &CompressOptions::default()).unwrap_err();
    assert!(e.to_string().contains("already holds a FlacArray"), "{e}");
    assert_eq!(
        read_array::<i32, G>(g, &ReadOptions::default()).unwrap(),
        data()
    );
}

/// `g` holds [`data`]: reading another type, or with a `keep` of the wrong shape, fails.
pub fn wrong_type_and_keep_shape<G: Store>(g: &G) {
    assert!(matches!(
        read_array::<f64, G>(g, &ReadOptions::default()),
        Err(Error::DTypeMismatch { .. })
    ));
    let keep = ArrayD::from_elem(IxDyn(&[4]), true);
    let r = read_array::<i32, G>(
        g,
        &ReadOptions {
            keep: Some(keep.view()),
            ..Default::default()
        },
    );
    assert!(matches!(r, Err(Error::Shape(_))));
}
