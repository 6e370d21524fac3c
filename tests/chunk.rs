//! The filter chunk format: every element type and byte order round-trips, floats within
//! half a quanta, verbatim fallback, small metadata overhead, corrupt chunks are errors.

use flacarray::chunk::{
    check_chunk, decode_chunk, encode_chunk, table_end, ChunkHeader, ChunkLayout, ChunkOptions,
    ElementType, HEADER_LEN,
};
use flacarray::Error;
use flacarray::Quantization;

const TYPES: [ElementType; 10] = [
    ElementType::I8,
    ElementType::U8,
    ElementType::I16,
    ElementType::U16,
    ElementType::I32,
    ElementType::U32,
    ElementType::I64,
    ElementType::U64,
    ElementType::F32,
    ElementType::F64,
];

/// A smooth signal with noise, scaled to the type's range, as element bytes.
fn signal(elem: ElementType, be: bool, n_streams: usize, len: usize, full_range: bool) -> Vec<u8> {
    let size = elem.size();
    let mut out = vec![0u8; n_streams * len * size];
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for (i, b) in out.chunks_exact_mut(size).enumerate() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let t = (i % len) as f64;
        let x = (t * 0.01).sin() * 0.4 + ((state >> 40) as f64 / (1u64 << 24) as f64 - 0.5) * 0.05;
        let bits: u64 = match elem {
            ElementType::F32 => ((x * 100.0) as f32).to_bits() as u64,
            ElementType::F64 => (x * 1e5).to_bits(),
            _ => {
                let bits = 8 * size as u32;
                let half = (1u128 << (bits - 1)) as f64;
                let v = if full_range && i % 97 == 0 {
                    state as i64 as f64
                } else {
                    x * half * 0.9
                };
                let signed = matches!(
                    elem,
                    ElementType::I8 | ElementType::I16 | ElementType::I32 | ElementType::I64
                );
                let v = if signed {
                    v as i64 as u64
                } else {
                    (v + half) as u64
                };
                if full_range && i % 97 == 0 {
                    state
                } else {
                    v
                }
            }
        };
        let le = bits.to_le_bytes();
        b.copy_from_slice(&le[..size]);
        if be {
            b.reverse();
        }
    }
    out
}

fn float_of(b: &[u8], elem: ElementType, be: bool) -> f64 {
    let mut a = [0u8; 8];
    a[..b.len()].copy_from_slice(b);
    if be {
        a[..b.len()].reverse();
    }
    let u = u64::from_le_bytes(a);
    if elem == ElementType::F32 {
        f32::from_bits(u as u32) as f64
    } else {
        f64::from_bits(u)
    }
}

#[test]
fn every_type_and_byte_order_round_trips() {
    for elem in TYPES {
        for be in [false, true] {
            for (n_streams, len) in [(1, 1), (3, 1000), (2, 5000), (7, 33)] {
                let layout = ChunkLayout {
                    elem,
                    big_endian: be,
                    n_streams,
                    stream_len: len,
                };
                let raw = signal(elem, be, n_streams, len, elem.size() == 8);
                let q = if elem == ElementType::F32 { 1e-3 } else { 1e-6 };
                let opts = ChunkOptions {
                    level: 5,
                    quantization: if elem.is_float() {
                        Quantization::quanta(q)
                    } else {
                        Quantization::None
                    },
                    threads: len == 1000,
                };
                let c = encode_chunk(&raw, &layout, &opts).unwrap();
                let mut back = vec![0u8; raw.len()];
                decode_chunk(&c, &layout, &mut back)
                    .unwrap_or_else(|e| panic!("{elem:?} {be} {len}: {e}"));
                if elem.is_float() {
                    for (a, b) in raw.chunks(elem.size()).zip(back.chunks(elem.size())) {
                        let (x, y) = (float_of(a, elem, be), float_of(b, elem, be));
                        let eps = if elem == ElementType::F32 { 1e-5 } else { 1e-9 };
                        assert!(
                            (x - y).abs() <= 0.5 * q + eps * x.abs(),
                            "{elem:?}: {x} vs {y}"
                        );
                    }
                } else {
                    assert_eq!(back, raw, "{elem:?} be={be} {n_streams}x{len}");
                }
            }
        }
    }
}

#[test]
fn metadata_stays_under_two_percent_for_1024_sample_streams() {
    for elem in [
        ElementType::I16,
        ElementType::I32,
        ElementType::I64,
        ElementType::F32,
        ElementType::F64,
    ] {
        for n_streams in [1, 16, 256] {
            let layout = ChunkLayout {
                elem,
                big_endian: false,
                n_streams,
                stream_len: 1024,
            };
            let raw = signal(elem, false, n_streams, 1024, false);
            let opts = ChunkOptions {
                level: 5,
                quantization: if elem.is_float() {
                    Quantization::quanta(1e-4)
                } else {
                    Quantization::None
                },
                threads: false,
            };
            let c = encode_chunk(&raw, &layout, &opts).unwrap();
            assert!(ChunkHeader::parse(&c).unwrap().flac);
            // Everything that is not FLAC frames: the header and the stream table.
            let entry = 4
                + usize::from(elem.size() == 8)
                + if elem.is_float() { 2 * elem.size() } else { 0 };
            let meta = HEADER_LEN + n_streams * entry + 4;
            let share = meta as f64 / c.len() as f64;
            assert!(
                share < 0.02,
                "{elem:?} x{n_streams}: {meta} of {} bytes = {share:.4}",
                c.len()
            );
        }
    }
}

#[test]
fn incompressible_and_unquantizable_chunks_are_stored_verbatim() {
    // White noise over the full int32 range does not shrink.
    let layout = ChunkLayout {
        elem: ElementType::I32,
        big_endian: false,
        n_streams: 2,
        stream_len: 3000,
    };
    let mut state = 1u64;
    let raw: Vec<u8> = (0..layout.raw_len().unwrap())
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 56) as u8
        })
        .collect();
    let opts = ChunkOptions {
        level: 8,
        quantization: Quantization::None,
        threads: false,
    };
    let c = encode_chunk(&raw, &layout, &opts).unwrap();
    assert!(!ChunkHeader::parse(&c).unwrap().flac);
    assert_eq!(c.len(), HEADER_LEN + 4 + raw.len());
    let mut back = vec![0u8; raw.len()];
    decode_chunk(&c, &layout, &mut back).unwrap();
    assert_eq!(back, raw);
    // A NaN in a float chunk: kept exactly, verbatim.
    let layout = ChunkLayout {
        elem: ElementType::F64,
        big_endian: false,
        n_streams: 1,
        stream_len: 100,
    };
    let mut x: Vec<f64> = (0..100).map(|i| i as f64 * 0.5).collect();
    x[10] = f64::NAN;
    let raw: Vec<u8> = x.iter().flat_map(|v| v.to_le_bytes()).collect();
    let opts = ChunkOptions {
        level: 5,
        quantization: Quantization::precision(3),
        threads: false,
    };
    let c = encode_chunk(&raw, &layout, &opts).unwrap();
    assert!(!ChunkHeader::parse(&c).unwrap().flac);
    let mut back = vec![0u8; raw.len()];
    decode_chunk(&c, &layout, &mut back).unwrap();
    assert_eq!(back, raw);
}

#[test]
fn floats_without_quantization_are_refused() {
    let layout = ChunkLayout {
        elem: ElementType::F32,
        big_endian: false,
        n_streams: 1,
        stream_len: 4,
    };
    let opts = ChunkOptions {
        level: 5,
        quantization: Quantization::None,
        threads: false,
    };
    assert_eq!(
        encode_chunk(&[0u8; 16], &layout, &opts).unwrap_err(),
        Error::MissingQuantization
    );
}

#[test]
fn corrupt_and_mismatched_chunks_are_errors() {
    let layout = ChunkLayout {
        elem: ElementType::I32,
        big_endian: false,
        n_streams: 4,
        stream_len: 2000,
    };
    let raw = signal(ElementType::I32, false, 4, 2000, false);
    let opts = ChunkOptions {
        level: 5,
        quantization: Quantization::None,
        threads: false,
    };
    let c = encode_chunk(&raw, &layout, &opts).unwrap();
    let mut back = vec![0u8; raw.len()];
    for len in (0..c.len()).step_by(13) {
        assert!(
            decode_chunk(&c[..len], &layout, &mut back).is_err(),
            "truncated to {len}"
        );
    }
    let mut state = 7u64;
    for _ in 0..300 {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
        let pos = (state >> 33) as usize % c.len();
        let mut bad = c.clone();
        bad[pos] ^= 1 << ((state >> 20) % 8);
        if decode_chunk(&bad, &layout, &mut back).is_ok() {
            assert_eq!(back, raw, "flip at {pos} gave wrong data");
        }
    }
    // Flips anywhere in a float chunk (offsets and gains included) are caught too.
    let flayout = ChunkLayout {
        elem: ElementType::F64,
        ..layout
    };
    let fraw = signal(ElementType::F64, false, 4, 2000, false);
    let fopts = ChunkOptions {
        level: 5,
        quantization: Quantization::quanta(1e-6),
        threads: false,
    };
    let fc = encode_chunk(&fraw, &flayout, &fopts).unwrap();
    let mut fback = vec![0u8; fraw.len()];
    decode_chunk(&fc, &flayout, &mut fback).unwrap();
    let good = fback.clone();
    for pos in 0..fc.len().min(HEADER_LEN + 4 * 21 + 4 + 64) {
        let mut bad = fc.clone();
        bad[pos] ^= 0x10;
        if decode_chunk(&bad, &flayout, &mut fback).is_ok() {
            assert_eq!(fback, good, "flip at {pos} gave wrong data");
        }
    }
    let other = ChunkLayout {
        stream_len: 1000,
        n_streams: 8,
        ..layout
    };
    let mut back2 = vec![0u8; raw.len()];
    assert!(decode_chunk(&c, &other, &mut back2).is_err());
    let mut wrong_version = c.clone();
    wrong_version[4] = 9;
    let e = decode_chunk(&wrong_version, &layout, &mut back).unwrap_err();
    assert!(e.to_string().contains("version 9"), "{e}");
}

#[test]
fn headers_are_checked_before_anything_is_allocated() {
    let layout = ChunkLayout {
        elem: ElementType::I32,
        big_endian: false,
        n_streams: 2,
        stream_len: 5000,
    };
    let raw: Vec<u8> = (0..10_000i32)
        .flat_map(|i| (i % 97).to_le_bytes())
        .collect();
    let opts = ChunkOptions {
        level: 5,
        quantization: Quantization::None,
        threads: false,
    };
    let c = encode_chunk(&raw, &layout, &opts).unwrap();
    assert!(check_chunk(&c, &layout).is_ok());
    // Flag bits the format says are 0.
    for bit in 1..8 {
        let mut bad = c.clone();
        bad[7] |= 1 << bit;
        let e = check_chunk(&bad, &layout).unwrap_err();
        assert!(e.to_string().contains("flag bits"), "{e}");
    }
    // Edited filter parameters claiming a chunk of 2^28 samples: the header disagrees.
    let bomb = ChunkLayout {
        stream_len: 1 << 28,
        n_streams: 1,
        ..layout
    };
    let e = check_chunk(&c, &bomb).unwrap_err();
    assert!(e.to_string().contains("filter parameters say"), "{e}");
    // Header and parameters both edited (and the table's checksum made to match): the
    // stream's bytes are far too few for so many frames.
    let mut edited = c.clone();
    edited[8..12].copy_from_slice(&1u32.to_le_bytes());
    edited[12..16].copy_from_slice(&(1u32 << 28).to_le_bytes());
    let e = check_chunk(&reseal(&edited, 1), &bomb).unwrap_err();
    assert!(e.to_string().contains("cannot hold"), "{e}");
}

/// Bytes of a stream's table entry in a version-2 chunk of integers.
fn int_entry_len(chunk: &[u8]) -> usize {
    7 + chunk[16] as usize
}

/// A version-2 FLAC chunk of integers with its table checksum recomputed over its first
/// `n_streams` entries, as an attacker would.
fn reseal(chunk: &[u8], n_streams: usize) -> Vec<u8> {
    let end = HEADER_LEN + n_streams * int_entry_len(chunk);
    let mut c = chunk.to_vec();
    let crc = crc32fast::hash(&c[..end]);
    c[end..end + 4].copy_from_slice(&crc.to_le_bytes());
    c
}

/// Every rule of docs/chunk-format.md's header is enforced by the parser itself (what
/// `flacarray_chunk_info` and the Zarr codecs trust to size their output): at least one
/// stream of at least one element, blocksize 16.. for FLAC and 0 for verbatim, and a verbatim
/// chunk exactly as long as the values it claims. Each refusal comes before any allocation.
#[test]
fn every_header_rule_is_enforced() {
    let layout = ChunkLayout {
        elem: ElementType::I16,
        big_endian: false,
        n_streams: 2,
        stream_len: 100,
    };
    let opts = ChunkOptions {
        level: 5,
        quantization: Quantization::None,
        threads: false,
    };
    let flac = encode_chunk(&vec![0u8; 400], &layout, &opts).unwrap();
    // Noise does not compress: stored verbatim.
    let noise: Vec<u8> = (0..400u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let verbatim = encode_chunk(&noise, &layout, &opts).unwrap();
    assert_eq!(verbatim[6], 1, "stored verbatim");
    assert_eq!(verbatim.len(), HEADER_LEN + 4 + 400);
    for c in [&flac, &verbatim] {
        assert_eq!(ChunkHeader::parse(c).unwrap().layout, layout);
        let mut back = vec![0u8; 400];
        decode_chunk(c, &layout, &mut back).unwrap();
    }
    let edit = |c: &[u8], at: usize, bytes: &[u8]| {
        let mut e = c.to_vec();
        e[at..at + bytes.len()].copy_from_slice(bytes);
        e
    };
    let refused = |c: &[u8], what: &str| {
        let e = ChunkHeader::parse(c)
            .and_then(|h| check_chunk(c, &h.layout))
            .unwrap_err()
            .to_string();
        assert!(e.contains(what), "{what}: {e}");
    };
    for c in [&flac, &verbatim] {
        refused(&edit(c, 8, &0u32.to_le_bytes()), "at least one");
        refused(&edit(c, 12, &0u32.to_le_bytes()), "at least one");
    }
    // Bytes 16 and 17: the offsets' size (0, 1, 2, 4 or 8; 0 when verbatim), then 0.
    for (at, byte) in [(16, 3u8), (16, 9), (17, 1)] {
        refused(&edit(&flac, at, &[byte]), "offsets of 0, 1, 2, 4 or 8");
    }
    refused(&edit(&verbatim, 16, &[2]), "offsets of 0, 1, 2, 4 or 8");
    // Each stream's blocksize (16 to 65535) and width code (4 to 32; 64 for 64-bit values).
    let entry = HEADER_LEN;
    for bs in [0u16, 15] {
        refused(
            &reseal(&edit(&flac, entry + 4, &bs.to_le_bytes()), 2),
            "blocksize",
        );
    }
    for w in [0u8, 3, 33, 64] {
        refused(&reseal(&edit(&flac, entry + 6, &[w]), 2), "width code");
    }
    // A verbatim chunk claiming 1 TiB in 22 bytes, or a little more than it holds.
    let mut tib = edit(&verbatim, 8, &(1u32 << 20).to_le_bytes());
    tib = edit(&tib, 12, &(1u32 << 19).to_le_bytes());
    tib.truncate(HEADER_LEN + 4);
    refused(&tib, "claims");
    refused(&edit(&verbatim, 12, &101u32.to_le_bytes()), "claims");
    let mut longer = verbatim.clone();
    longer.push(0);
    refused(&longer, "claims");
}

/// Levels 8 to 11 (per-stream blocksizes, then longer predictors and searches) decode
/// exactly and never grow from one level to the next; level 8 is smaller than level 5;
/// level 12 is refused.
#[test]
fn levels_eight_to_eleven_never_grow_and_are_exact() {
    let (n_streams, len) = (4, 40000);
    // Time-streams: noise (sigma about 1000, a sum of 12 uniforms) over slow sines, with
    // bursts in two of the streams.
    let mut state = 3u64;
    let mut uniform = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut raw = Vec::with_capacity(n_streams * len * 4);
    for s in 0..n_streams {
        for t in 0..len {
            let phase = std::f64::consts::TAU * (3 + s) as f64 * t as f64 / len as f64;
            let noise: f64 = (0..12).map(|_| uniform()).sum::<f64>() - 6.0;
            let burst = if s % 2 == 1 && (t / 2000) % 3 == 0 {
                20.0
            } else {
                1.0
            };
            let v = (5000.0 * phase.sin() + 1000.0 * burst * noise).round() as i32;
            raw.extend_from_slice(&v.to_le_bytes());
        }
    }
    let layout = ChunkLayout {
        elem: ElementType::I32,
        big_endian: false,
        n_streams,
        stream_len: len,
    };
    let encode = |level| {
        let opts = ChunkOptions {
            level,
            quantization: Quantization::None,
            threads: true,
        };
        encode_chunk(&raw, &layout, &opts)
    };
    let mut sizes = Vec::new();
    for level in [5, 8, 9, 10, 11] {
        let c = encode(level).unwrap();
        let mut back = vec![0u8; raw.len()];
        decode_chunk(&c, &layout, &mut back).unwrap();
        assert!(back == raw, "level {level} does not decode to the data");
        sizes.push(c.len());
    }
    assert!(sizes[1] < sizes[0], "level 8 against 5: {sizes:?}");
    assert!(
        sizes[1..].windows(2).all(|w| w[1] <= w[0]),
        "sizes at levels 5, 8..=11: {sizes:?}"
    );
    let e = encode(12).unwrap_err().to_string();
    assert!(e.contains("0 to 11"), "{e}");
    let e = flacarray::h5z::FilterParams::parse(&[12]).unwrap_err();
    assert!(e.contains("0 to 11"), "{e}");
}

/// Chunks of format version 1, written by the filter before version 2 existed
/// (`tests/data/chunks-v1/`, made by `tests/chunk_v1_fixtures.rs` at that time), decode to the
/// exact values they were made from, in both byte orders and every element type.
#[test]
fn chunks_of_format_version_1_still_decode() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/chunks-v1");
    let manifest = std::fs::read_to_string(dir.join("manifest.txt")).unwrap();
    let mut n = 0;
    for line in manifest.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split_whitespace().collect();
        let layout = ChunkLayout {
            elem: ElementType::from_code(f[1].parse().unwrap()).unwrap(),
            big_endian: f[2] == "1",
            n_streams: f[3].parse().unwrap(),
            stream_len: f[4].parse().unwrap(),
        };
        let chunk = std::fs::read(dir.join(format!("{}.chunk", f[0]))).unwrap();
        let raw = std::fs::read(dir.join(format!("{}.raw", f[0]))).unwrap();
        assert_eq!(chunk[4], 1, "{}: a version-1 chunk", f[0]);
        let mut out = vec![0u8; raw.len()];
        decode_chunk(&chunk, &layout, &mut out).unwrap_or_else(|e| panic!("{}: {e}", f[0]));
        if layout.elem.is_float() {
            // Quantized: the same bits as version 1's decoder gave.
            let then = std::fs::read(dir.join(format!("{}.decoded", f[0]))).unwrap();
            assert_eq!(out, then, "{}", f[0]);
            assert_ne!(out, raw, "{}: quantized", f[0]);
        } else {
            assert_eq!(out, raw, "{}", f[0]);
        }
        n += 1;
    }
    assert_eq!(n, 32);
}

/// Element bytes of `values` as `elem` (little-endian), each value plus `shift`.
fn as_type(values: &[i64], elem: ElementType, shift: i128) -> Vec<u8> {
    values
        .iter()
        .flat_map(|&v| {
            let x = v as i128 + shift;
            match elem {
                ElementType::I16 => (x as i16).to_le_bytes().to_vec(),
                ElementType::U16 => (x as u16).to_le_bytes().to_vec(),
                ElementType::I32 => (x as i32).to_le_bytes().to_vec(),
                ElementType::U32 => (x as u32).to_le_bytes().to_vec(),
                ElementType::I64 => (x as i64).to_le_bytes().to_vec(),
                ElementType::U64 => (x as u64).to_le_bytes().to_vec(),
                other => panic!("{other:?}"),
            }
        })
        .collect()
}

/// The same values cost the same whatever integer type holds them: each stream is coded at
/// the width its range needs, after its own offset (format version 2). int32, int64 and
/// uint64 holding 16-bit values, unsigned types in offset binary, int64 beyond the int32
/// range by 2^40: every chunk has the same frames as int16's; the stream table records the
/// width and offset, and every chunk decodes exactly.
#[test]
fn the_same_values_cost_the_same_in_every_integer_type() {
    let (n_streams, len) = (3, 5000);
    let mut state = 11u64;
    let values: Vec<i64> = (0..n_streams * len)
        .map(|i| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let t = (i % len) as f64;
            ((t * 0.02).sin() * 9000.0 + (state >> 54) as f64 - 512.0) as i64
        })
        .collect();
    let chunk = |elem, shift| {
        let layout = ChunkLayout {
            elem,
            big_endian: false,
            n_streams,
            stream_len: len,
        };
        let raw = as_type(&values, elem, shift);
        let opts = ChunkOptions {
            level: 5,
            quantization: Quantization::None,
            threads: false,
        };
        let c = encode_chunk(&raw, &layout, &opts).unwrap();
        let mut back = vec![0u8; raw.len()];
        decode_chunk(&c, &layout, &mut back).unwrap();
        assert_eq!(back, raw, "{elem:?} + {shift}");
        let h = ChunkHeader::parse(&c).unwrap();
        assert_eq!(h.version, 2);
        (c.clone(), table_end(&h).unwrap())
    };
    let frames = |(c, end): &(Vec<u8>, usize)| c[*end..].to_vec();
    let (i16c, i16_end) = chunk(ElementType::I16, 0);
    // Every stream needs 15 or 16 bits here.
    for s in 0..n_streams {
        let w = i16c[HEADER_LEN + s * int_entry_len(&i16c) + 6];
        assert!((14..=16).contains(&w), "width {w}");
    }
    let reference = frames(&(i16c.clone(), i16_end));
    for (elem, shift) in [
        (ElementType::I32, 0i128),
        (ElementType::I64, 0),
        (ElementType::U16, 1 << 15),
        (ElementType::U32, 1 << 31),
        (ElementType::I64, 1 << 40),
        (ElementType::U64, 1 << 63),
        (ElementType::U64, 1 << 40),
    ] {
        let c = chunk(elem, shift);
        assert!(frames(&c) == reference, "{elem:?} + {shift}: other frames");
        // The table differs only by the offsets' bytes.
        assert!(
            c.0.len() <= i16c.len() + n_streams * 8,
            "{elem:?} + {shift}"
        );
    }
}

/// 64-bit values whose range needs more than 32 bits are coded as two channels of 32 bits
/// after the stream's offset, and decode exactly, at the edges of the types too.
#[test]
fn wide_ranges_and_extremes_round_trip() {
    for (elem, vals) in [
        (ElementType::I64, vec![i64::MIN, i64::MAX, 0, -1, 1 << 40]),
        (ElementType::U64, vec![0, -1, i64::MIN, i64::MAX, 12345]),
        (ElementType::I32, vec![i32::MIN as i64, i32::MAX as i64, 0]),
        (ElementType::U32, vec![0, u32::MAX as i64, 1 << 31]),
    ] {
        let values: Vec<i64> = (0..3000).map(|i| vals[i % vals.len()]).collect();
        let layout = ChunkLayout {
            elem,
            big_endian: true,
            n_streams: 1,
            stream_len: values.len(),
        };
        let raw: Vec<u8> = as_type(&values, elem, 0)
            .chunks(elem.size())
            .flat_map(|b| b.iter().rev().copied().collect::<Vec<_>>())
            .collect();
        let opts = ChunkOptions {
            level: 8,
            quantization: Quantization::None,
            threads: false,
        };
        let c = encode_chunk(&raw, &layout, &opts).unwrap();
        let mut back = vec![0u8; raw.len()];
        decode_chunk(&c, &layout, &mut back).unwrap();
        assert_eq!(back, raw, "{elem:?}");
    }
}
