//! Corrupt, truncated or mislabelled streams give errors, never a panic, a hang or garbage,
//! with both decoders (this crate's and libFLAC's).

use flacarray::demo::create_fake_data;
use flacarray::stream::decode::{Decoder, Engine, StreamBytes};
use flacarray::stream::flac::Encoder;
use flacarray::Quantization;
use flacarray::{array_compress, array_decompress, CompressOptions, Error};
use ndarray::{ArrayD, IxDyn};

fn stream(n: usize, level: u32) -> (Vec<i32>, Vec<u8>) {
    let x = create_fake_data::<i32>(&[n], Some(1.0e4), 11, None)
        .unwrap()
        .into_raw_vec_and_offset()
        .0;
    let mut b = Vec::new();
    Encoder::new().encode(&x, level, &mut b).unwrap();
    (x, b)
}

#[test]
fn every_truncation_is_an_error() {
    for engine in [Engine::Native, Engine::Libflac] {
        every_truncation_is_an_error_with(engine);
    }
}

fn every_truncation_is_an_error_with(engine: Engine) {
    let (x, b) = stream(9000, 5);
    let mut dec = Decoder::with_engine(engine);
    let mut out = vec![0i32; x.len()];
    for len in (0..b.len()).step_by(7) {
        assert!(
            dec.decode(StreamBytes::Whole(&b[..len]), 9000, 0, &mut out)
                .is_err(),
            "truncated to {len}"
        );
    }
    // A slice decode of a truncated stream is an error when its frames are missing.
    let mut part = vec![0i32; 100];
    assert!(dec
        .decode(StreamBytes::Whole(&b[..b.len() / 2]), 9000, 8800, &mut part)
        .is_err());
    dec.decode(StreamBytes::Whole(&b), 9000, 0, &mut out)
        .unwrap();
    assert_eq!(out, x);
}

#[test]
fn flipped_bytes_are_detected() {
    for engine in [Engine::Native, Engine::Libflac] {
        flipped_bytes_are_detected_with(engine);
    }
}

fn flipped_bytes_are_detected_with(engine: Engine) {
    let (x, b) = stream(12_000, 5);
    let mut dec = Decoder::with_engine(engine);
    let mut out = vec![0i32; x.len()];
    let mut slice = vec![0i32; 50];
    let mut state = 0x2545F4914F6CDD1Du64;
    for _ in 0..300 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let pos = (state % b.len() as u64) as usize;
        let mut bad = b.clone();
        bad[pos] ^= 1 << ((state >> 60) % 8);
        // Either an error, or (a flip in a metadata field libFLAC ignores) the exact data.
        match dec.decode(StreamBytes::Whole(&bad), 12_000, 0, &mut out) {
            Ok(()) => assert_eq!(out, x, "flip at {pos} decoded to wrong data"),
            Err(e) => assert!(!e.is_empty()),
        }
        match dec.decode(StreamBytes::Whole(&bad), 12_000, 6000, &mut slice) {
            Ok(()) => assert_eq!(slice, x[6000..6050], "flip at {pos} decoded to wrong data"),
            Err(e) => assert!(!e.is_empty()),
        }
    }
}

#[test]
fn garbage_and_bad_descriptions_are_errors() {
    for engine in [Engine::Native, Engine::Libflac] {
        garbage_and_bad_descriptions_are_errors_with(engine);
    }
}

fn garbage_and_bad_descriptions_are_errors_with(engine: Engine) {
    let mut dec = Decoder::with_engine(engine);
    let mut out = vec![0i32; 10];
    assert!(dec
        .decode(StreamBytes::Whole(b""), 10, 0, &mut out)
        .is_err());
    assert!(dec
        .decode(StreamBytes::Whole(&[0xFFu8; 500]), 10, 0, &mut out)
        .is_err());
    assert!(dec
        .decode(
            StreamBytes::Whole(b"fLaC\x80\x00\x00\x22garbage"),
            10,
            0,
            &mut out
        )
        .is_err());

    let data = ArrayD::from_shape_fn(IxDyn(&[3, 500]), |ix| (ix[0] * 7 + ix[1]) as i32);
    let c = array_compress(data.view(), &CompressOptions::default()).unwrap();
    let decode = |starts: &ArrayD<i64>, nbytes: &ArrayD<i64>, bytes: &[u8]| {
        array_decompress::<i32>(
            bytes,
            500,
            starts.view(),
            nbytes.view(),
            None,
            None,
            None,
            None,
            false,
        )
    };
    let mut starts = c.stream_starts.clone();
    starts[[1]] = -5;
    assert!(matches!(
        decode(&starts, &c.stream_nbytes, &c.compressed),
        Err(Error::Corrupt { stream: 1, .. })
    ));
    let mut nbytes = c.stream_nbytes.clone();
    nbytes[[2]] += 1;
    assert!(matches!(
        decode(&c.stream_starts, &nbytes, &c.compressed),
        Err(Error::Corrupt { stream: 2, .. })
    ));
    nbytes[[2]] = i64::MAX;
    assert!(matches!(
        decode(&c.stream_starts, &nbytes, &c.compressed),
        Err(Error::Corrupt { stream: 2, .. })
    ));
    // A wrong type is refused by channel count.
    let r = array_decompress::<i64>(
        &c.compressed,
        500,
        c.stream_starts.view(),
        c.stream_nbytes.view(),
        None,
        None,
        None,
        None,
        false,
    );
    assert!(matches!(r, Err(Error::Corrupt { stream: 0, .. })));
    // A claimed stream_size too large to hold is an error, not an abort.
    for huge in [1usize << 40, 1usize << 62] {
        let r = array_decompress::<i32>(
            &c.compressed,
            huge,
            c.stream_starts.view(),
            c.stream_nbytes.view(),
            None,
            None,
            None,
            None,
            false,
        );
        assert!(
            matches!(r, Err(Error::InvalidParameter(_))),
            "{huge}: {r:?}"
        );
    }
    // Bad sample ranges.
    let r = array_decompress::<i32>(
        &c.compressed,
        500,
        c.stream_starts.view(),
        c.stream_nbytes.view(),
        None,
        None,
        Some(10),
        Some(501),
        false,
    );
    assert!(matches!(r, Err(Error::Index(_))));
}

/// Every single-bit flip of a small compressed chunk of the filter (header, table, frames)
/// is an error, or decodes to exactly the original values (a flip in a field that does not
/// matter); never to other values.
#[test]
fn every_bit_flip_of_a_filter_chunk_is_caught() {
    use flacarray::chunk::{decode_chunk, encode_chunk, ChunkLayout, ChunkOptions, ElementType};
    for (elem, float) in [
        (ElementType::I32, Quantization::None),
        (ElementType::I64, Quantization::None),
        (ElementType::F64, Quantization::quanta(1e-3)),
    ] {
        let layout = ChunkLayout {
            elem,
            big_endian: false,
            n_streams: 3,
            stream_len: 700,
        };
        let data = create_fake_data::<f64>(&[3, 700], Some(50.0), 5, None).unwrap();
        let raw: Vec<u8> = match elem {
            ElementType::I32 => data
                .iter()
                .flat_map(|&v| (v as i32).to_le_bytes())
                .collect(),
            ElementType::I64 => data
                .iter()
                .flat_map(|&v| (v as i64 * 1000).to_le_bytes())
                .collect(),
            _ => data.iter().flat_map(|&v| v.to_le_bytes()).collect(),
        };
        let opts = ChunkOptions {
            level: 5,
            quantization: float,
            threads: false,
        };
        let chunk = encode_chunk(&raw, &layout, &opts).unwrap();
        let mut want = vec![0u8; raw.len()];
        decode_chunk(&chunk, &layout, &mut want).unwrap();
        let mut out = vec![0u8; raw.len()];
        let (mut caught, mut harmless) = (0, 0);
        for bit in 0..chunk.len() * 8 {
            let mut bad = chunk.clone();
            bad[bit / 8] ^= 1 << (bit % 8);
            match decode_chunk(&bad, &layout, &mut out) {
                Err(_) => caught += 1,
                Ok(()) => {
                    assert!(out == want, "{elem:?}: flip of bit {bit} gave wrong values");
                    harmless += 1;
                }
            }
        }
        println!(
            "{elem:?}: {} bytes, {caught} flips caught, {harmless} harmless",
            chunk.len()
        );
        assert!(caught > 0);
    }
}

/// Every single-bit flip of a group-format FLAC stream (86-byte header and frames) is an
/// error, or decodes to exactly the original values.
#[test]
fn every_bit_flip_of_a_stream_is_caught() {
    let (x, b) = stream(5000, 5);
    let mut dec = Decoder::new();
    let mut out = vec![0i32; x.len()];
    let mut part = vec![0i32; 100];
    let (mut caught, mut harmless) = (0, 0);
    for bit in 0..b.len() * 8 {
        let mut bad = b.clone();
        bad[bit / 8] ^= 1 << (bit % 8);
        match dec.decode(StreamBytes::Whole(&bad), 5000, 0, &mut out) {
            Err(_) => caught += 1,
            Ok(()) => {
                assert_eq!(out, x, "flip of bit {bit} gave wrong values");
                harmless += 1;
            }
        }
        if let Ok(()) = dec.decode(StreamBytes::Whole(&bad), 5000, 4100, &mut part) {
            assert_eq!(part, x[4100..4200], "flip of bit {bit}: wrong slice");
        }
    }
    println!(
        "{} bytes: {caught} flips caught, {harmless} harmless",
        b.len()
    );
}

/// An output too large for memory (here from a bogus stream size) is an error, not an abort.
#[test]
fn impossible_allocations_are_errors() {
    let (_, b) = stream(1000, 5);
    let starts = ArrayD::from_shape_vec(IxDyn(&[1]), vec![0i64]).unwrap();
    let nbytes = ArrayD::from_shape_vec(IxDyn(&[1]), vec![b.len() as i64]).unwrap();
    let r = array_decompress::<i64>(
        &b,
        1 << 40,
        starts.view(),
        nbytes.view(),
        None,
        None,
        None,
        None,
        false,
    );
    let e = r.unwrap_err();
    assert!(
        e.to_string().contains("allocate") || e.to_string().contains("too large"),
        "{e}"
    );
}
