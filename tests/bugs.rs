//! One test per bug of Python flacarray 0.4.1 (spec §13) that this library fixes.

use flacarray::demo::create_fake_data;
use flacarray::stream::decode::{Decoder, StreamBytes};
use flacarray::stream::flac::Encoder;
use flacarray::stream::frames::{frame_header_at, FrameSeeker, StreamInfo};
use flacarray::{
    array_compress, array_decompress, CompressOptions, Error, FlacArray, Key, PerStream,
    ReadOptions, Slice,
};
use ndarray::{ArrayD, IxDyn};

fn gaussian_i32(n: usize, seed: u64) -> Vec<i32> {
    let a = create_fake_data::<i32>(&[n], Some(2.0e5), seed, None).unwrap();
    a.into_raw_vec_and_offset().0
}

#[test]
fn b1_per_stream_quanta_and_precision_arrays() {
    let data = create_fake_data::<f64>(&[3, 2, 2000], Some(1.0), 7, Some(5.0)).unwrap();
    let q = ArrayD::from_shape_fn(IxDyn(&[3, 2]), |ix| 1e-4 * (1 + 3 * ix[0] + ix[1]) as f64);
    let c = array_compress(
        data.view(),
        &CompressOptions::default().quanta(PerStream::Array(q.clone())),
    )
    .unwrap();
    let gains = c.stream_gains.clone().unwrap();
    for (g, q) in gains.iter().zip(q.iter()) {
        assert_eq!(*g, 1.0 / q);
    }
    let back = array_decompress::<f64>(
        &c.compressed,
        2000,
        c.stream_starts.view(),
        c.stream_nbytes.view(),
        c.stream_offsets.as_ref().map(|a| a.view()),
        c.stream_gains.as_ref().map(|a| a.view()),
        None,
        None,
        false,
    )
    .unwrap();
    for ((ix, b), d) in back.indexed_iter().zip(data.iter()) {
        let qi = q[[ix[0], ix[1]]];
        assert!((b - d).abs() <= 0.5 * qi + 1e-12, "{ix:?}");
    }
    let p = ArrayD::from_shape_fn(IxDyn(&[3, 2]), |ix| (2 + ix[0]) as i32);
    assert!(array_compress(
        data.view(),
        &CompressOptions::default().precision(PerStream::Array(p))
    )
    .is_ok());
    let wrong = ArrayD::from_elem(IxDyn(&[2, 3]), 1e-3);
    assert!(matches!(
        array_compress(
            data.view(),
            &CompressOptions::default().quanta(PerStream::Array(wrong))
        ),
        Err(Error::Shape(_))
    ));
}

#[test]
fn b2_scalar_key_returns_the_value() {
    let a = ArrayD::from_shape_fn(IxDyn(&[2, 3, 40]), |ix| {
        (ix[0] * 1000 + ix[1] * 100 + ix[2]) as i64 + 1
    });
    let fa = FlacArray::from_array(a.view(), &CompressOptions::default()).unwrap();
    let v: ArrayD<i64> = fa.get(&[1.into(), 2.into(), 39.into()]).unwrap();
    assert_eq!(v.ndim(), 0);
    assert_eq!(v[IxDyn(&[])], 1240);
}

#[test]
fn b3_uneven_and_negative_steps_and_negative_indices() {
    let a = ArrayD::from_shape_fn(IxDyn(&[3, 20]), |ix| (ix[0] * 100 + ix[1]) as i32);
    let fa = FlacArray::from_array(a.view(), &CompressOptions::default()).unwrap();
    // [::2] over 3 rows is 2 rows (Python computed 1 and failed).
    let r: ArrayD<i32> = fa
        .get(&[Key::Slice(Slice::new(None, None, Some(2)))])
        .unwrap();
    assert_eq!(r.shape(), &[2, 20]);
    assert_eq!(r[[1, 0]], 200);
    // [::-1] reverses (Python returned ascending order).
    let r: ArrayD<i32> = fa
        .get(&[Key::Slice(Slice::new(None, None, Some(-1))), 0.into()])
        .unwrap();
    assert_eq!(r.as_slice().unwrap(), &[200, 100, 0]);
    // Negative integers count from the end (Python returned an empty array).
    let r: ArrayD<i32> = fa.get(&[(-1).into(), (-1).into()]).unwrap();
    assert_eq!(r[IxDyn(&[])], 219);
    let r: ArrayD<i32> = fa.get(&[(..).into(), (-2).into()]).unwrap();
    assert_eq!(r.as_slice().unwrap(), &[18, 118, 218]);
}

#[test]
fn b5_stream_slice_with_negative_and_open_bounds() {
    let a = ArrayD::from_shape_fn(IxDyn(&[2, 100]), |ix| (ix[0] * 1000 + ix[1]) as i32);
    let fa = FlacArray::from_array(a.view(), &CompressOptions::default()).unwrap();
    for (slice, range) in [
        (Slice::new(Some(-10), None, None), 90..100),
        (Slice::new(None, Some(-95), None), 0..5),
        (Slice::new(Some(-20), Some(-10), Some(1)), 80..90),
        (Slice::new(Some(50), None, None), 50..100),
    ] {
        let r: ArrayD<i32> = fa
            .to_array(&ReadOptions {
                stream_slice: Some(slice),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(r.shape(), &[2, range.len()], "{slice:?}");
        assert_eq!(r[[1, 0]], 1000 + range.start, "{slice:?}");
    }
}

/// Decode `[first, first + len)` and compare.
fn check_range<T: flacarray::stream::flac::IntSample>(
    dec: &mut Decoder,
    bytes: &[u8],
    x: &[T],
    first: usize,
    len: usize,
) {
    let mut got = vec![T::default(); len];
    dec.decode(
        StreamBytes::Whole(bytes),
        x.len() as u64,
        first as u64,
        &mut got,
    )
    .unwrap_or_else(|e| panic!("[{first}, {}): {e}", first + len));
    assert_eq!(got, &x[first..first + len], "[{first}, {})", first + len);
}

#[test]
fn b6_seek_to_every_frame_boundary() {
    // The cases where libFLAC's own seek failed for Python (spec §5.3), and every boundary.
    let x = gaussian_i32(100_000, 3);
    let x64: Vec<i64> = x.iter().map(|&v| (v as i64) << 20 | 0x5_5555).collect();
    let mut enc = Encoder::new();
    let mut dec = Decoder::new();
    for level in [0, 5, 8] {
        let (mut b32, mut b64) = (Vec::new(), Vec::new());
        enc.encode(&x, level, &mut b32).unwrap();
        enc.encode(&x64, level, &mut b64).unwrap();
        let bs = if level <= 2 { 1152 } else { 4096 };
        let nframes = x.len().div_ceil(bs);
        // The seek itself finds every frame from its header alone.
        for bytes in [&b32, &b64] {
            let info = StreamInfo::parse(bytes).unwrap();
            let seeker = FrameSeeker::new(bytes, info.audio_offset, nframes as u64).unwrap();
            for k in 0..nframes as u64 {
                let pos = seeker
                    .find(k)
                    .unwrap_or_else(|| panic!("frame {k} not found"));
                assert_eq!(frame_header_at(bytes, pos).unwrap().number, k);
            }
            assert_eq!(seeker.find(nframes as u64), None);
        }
        for k in 0..nframes {
            let f = k * bs;
            check_range(&mut dec, &b32, &x, f, 1.min(x.len() - f));
            check_range(&mut dec, &b64, &x64, f, 3.min(x.len() - f));
            if f > 0 {
                check_range(&mut dec, &b32, &x, f - 1, 2);
            }
        }
    }
}

#[test]
fn b6_wrong_stream_size_is_an_error_not_a_hang() {
    let x: Vec<i32> = (0..10).collect();
    let mut bytes = Vec::new();
    Encoder::new().encode(&x, 5, &mut bytes).unwrap();
    let mut dec = Decoder::new();
    // Claimed longer than the stream: full and sliced decode.
    let mut out = vec![0i32; 20];
    assert!(dec
        .decode(StreamBytes::Whole(&bytes), 20, 0, &mut out)
        .is_err());
    let mut out = vec![0i32; 13];
    assert!(dec
        .decode(StreamBytes::Whole(&bytes), 20, 2, &mut out)
        .is_err());
    // Claimed shorter.
    let mut out = vec![0i32; 5];
    assert!(dec
        .decode(StreamBytes::Whole(&bytes), 5, 0, &mut out)
        .is_err());
    // A long stream claimed shorter by less than a frame, and longer by several frames.
    let y = gaussian_i32(20_000, 9);
    let mut long = Vec::new();
    Encoder::new().encode(&y, 5, &mut long).unwrap();
    let mut out = vec![0i32; 100];
    assert!(dec
        .decode(StreamBytes::Whole(&long), 19_999, 19_899, &mut out)
        .is_err());
    assert!(dec
        .decode(StreamBytes::Whole(&long), 30_000, 25_000, &mut out)
        .is_err());
    // The decoder is still usable afterwards.
    let mut out = vec![0i32; 10];
    dec.decode(StreamBytes::Whole(&bytes), 10, 0, &mut out)
        .unwrap();
    assert_eq!(out, x);
}

#[test]
fn b8_float_quantization_errors_are_clear() {
    let data = ArrayD::from_elem(IxDyn(&[2, 10]), 1.5f32);
    let both = CompressOptions::default().quanta(0.1).precision(3);
    assert_eq!(
        array_compress(data.view(), &both).unwrap_err(),
        Error::BothQuantization
    );
    for q in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            array_compress(data.view(), &CompressOptions::default().quanta(q)),
            Err(Error::InvalidParameter(_))
        ));
    }
}

#[test]
fn b10_fake_data_for_every_type() {
    let i = create_fake_data::<i32>(&[2, 100], Some(10.0), 1, Some(5.0)).unwrap();
    assert!(i.iter().any(|&v| v != 0));
    let i = create_fake_data::<i64>(&[2, 100], None, 1, None).unwrap();
    assert_eq!((i[[0, 0]], i[[0, 1]]), (i64::MIN, i64::MAX));
    let f = create_fake_data::<f32>(&[2, 100], None, 1, None).unwrap();
    assert!(f.iter().all(|&v| (-1.0..1.0).contains(&v)));
    let again = create_fake_data::<f32>(&[2, 100], None, 1, None).unwrap();
    assert_eq!(f, again);
}

#[test]
fn b11_channel_mismatch_is_refused() {
    let mut b32 = Vec::new();
    let mut b64 = Vec::new();
    let mut enc = Encoder::new();
    enc.encode(&[1i32, 2, 3], 5, &mut b32).unwrap();
    enc.encode(&[1i64, 2, 3], 5, &mut b64).unwrap();
    let mut dec = Decoder::new();
    let e = dec
        .decode(StreamBytes::Whole(&b32), 3, 0, &mut [0i64; 3])
        .unwrap_err();
    assert!(e.contains("1 channel"), "{e}");
    let e = dec
        .decode(StreamBytes::Whole(&b64), 3, 0, &mut [0i32; 3])
        .unwrap_err();
    assert!(e.contains("2 channel"), "{e}");
}

#[test]
fn b12_nan_inf_and_out_of_range_are_refused() {
    for (bad, what) in [
        (f64::NAN, "NaN"),
        (f64::INFINITY, "+Inf"),
        (f64::NEG_INFINITY, "-Inf"),
    ] {
        let mut data = ArrayD::from_elem(IxDyn(&[2, 3, 10]), 1.0f64);
        data[[1, 2, 7]] = bad;
        let err = array_compress(data.view(), &CompressOptions::default().quanta(0.1)).unwrap_err();
        assert_eq!(
            err,
            Error::NonFinite {
                stream: vec![1, 2],
                sample: 7,
                what
            }
        );
        assert!(err.to_string().contains("[1, 2]"));
    }
    // [-1, 0, 1] with q = 1e-10 needs 1e10 > i32::MAX as float32: Python wrapped to INT_MIN.
    let data = ArrayD::from_shape_vec(IxDyn(&[3]), vec![-1.0f32, 0.0, 1.0]).unwrap();
    let err = array_compress(data.view(), &CompressOptions::default().quanta(1e-10)).unwrap_err();
    assert!(
        matches!(
            err,
            Error::OutOfRange {
                sample: 0,
                bits: 32,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn b13_constant_streams_round_trip_exactly_with_precision() {
    let levels = [5.3f64, -1e-7, 12345.678, 0.0];
    let data = ArrayD::from_shape_fn(IxDyn(&[4, 100]), |ix| levels[ix[0]]);
    let fa = FlacArray::from_array(data.view(), &CompressOptions::default().precision(3)).unwrap();
    let back: ArrayD<f64> = fa.to_array(&Default::default()).unwrap();
    assert_eq!(back, data);
    let f32data = data.mapv(|v| v as f32);
    let fa =
        FlacArray::from_array(f32data.view(), &CompressOptions::default().precision(10)).unwrap();
    assert_eq!(fa.to_array::<f32>(&Default::default()).unwrap(), f32data);
}

/// Python flacarray documents "if quanta is None, each stream is scaled independently based on
/// its data range" but 0.4.1 raises; here floats without quanta or precision get exactly that
/// (the bytes of Python's `float_to_int` with no quanta are checked in compat_python.rs).
#[test]
fn floats_without_quanta_are_scaled_from_each_streams_range() {
    let data = ArrayD::from_shape_fn(IxDyn(&[3, 2000]), |ix| {
        ((ix[1] as f64) * 0.01).sin() * 10f64.powi(ix[0] as i32 * 3 - 3) + ix[0] as f64
    });
    let implicit = FlacArray::from_array(data.view(), &CompressOptions::default()).unwrap();
    let explicit = CompressOptions::default().quantization(flacarray::Quantization::DataRange);
    assert!(implicit == FlacArray::from_array(data.view(), &explicit).unwrap());
    let back = implicit.to_array::<f64>(&ReadOptions::default()).unwrap();
    for (s, (row, got)) in data.outer_iter().zip(back.outer_iter()).enumerate() {
        let hi = row.iter().cloned().fold(f64::MIN, f64::max);
        let lo = row.iter().cloned().fold(f64::MAX, f64::min);
        let err = row
            .iter()
            .zip(got)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        // About 2^63 steps across the range: within float64's own rounding of the values.
        assert!(
            err <= (hi - lo) * 1e-15 + 4.0 * f64::EPSILON * hi.abs().max(lo.abs()),
            "stream {s}: {err}"
        );
    }
    // A constant stream is stored exactly.
    let flat = ArrayD::from_elem(IxDyn(&[1, 100]), 2.75f32);
    let c = FlacArray::from_array(flat.view(), &CompressOptions::default()).unwrap();
    assert_eq!(c.to_array::<f32>(&ReadOptions::default()).unwrap(), flat);
}
