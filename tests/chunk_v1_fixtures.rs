//! Writes `tests/data/chunks-v1/`: chunks of format version 1 as this commit's filter writes
//! them, with the values they hold, so that later formats are tested against real old chunks.
//! Run once: `cargo test --release --test chunk_v1_fixtures -- --ignored`.

use std::fmt::Write as _;

use flacarray::h5z::chunk::{encode_chunk, ChunkLayout, ChunkOptions, ElementType};
use flacarray::Quantization;

/// A noisy sine with steps, of about `span` around `center`, with every value then passed
/// through `f` (the element's bytes).
fn values(n: usize, seed: u64, center: f64, span: f64) -> Vec<f64> {
    let mut state = seed | 1;
    (0..n)
        .map(|i| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let noise = (state >> 40) as f64 / (1u64 << 24) as f64 - 0.5;
            let step = if (i / 97) % 2 == 0 { 0.1 } else { -0.1 };
            center + span * ((i as f64 * 0.013).sin() * 0.4 + noise * 0.1 + step)
        })
        .collect()
}

fn raw(elem: ElementType, be: bool, x: &[f64]) -> Vec<u8> {
    macro_rules! bytes {
        ($v:expr) => {
            if be {
                $v.to_be_bytes().to_vec()
            } else {
                $v.to_le_bytes().to_vec()
            }
        };
    }
    x.iter()
        .flat_map(|&v| match elem {
            ElementType::I8 => bytes!(v as i8),
            ElementType::U8 => bytes!(v as u8),
            ElementType::I16 => bytes!(v as i16),
            ElementType::U16 => bytes!(v as u16),
            ElementType::I32 => bytes!(v as i32),
            ElementType::U32 => bytes!(v as u32),
            ElementType::I64 => bytes!(v as i64),
            ElementType::U64 => bytes!(v as u64),
            ElementType::F32 => bytes!(v as f32),
            ElementType::F64 => bytes!(v),
        })
        .collect()
}

#[test]
#[ignore = "writes the version-1 fixtures; run once by hand"]
fn write_version_1_fixtures() {
    use ElementType::*;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/chunks-v1");
    std::fs::create_dir_all(&dir).unwrap();
    // (name, type, centre, span, level, quanta)
    let cases: Vec<(&str, ElementType, f64, f64, u32, Option<f64>)> = vec![
        ("i8", I8, 0.0, 200.0, 5, None),
        ("u8", U8, 128.0, 200.0, 5, None),
        ("i16", I16, -300.0, 4000.0, 8, None),
        ("u16-adc", U16, 1000.0, 800.0, 5, None),
        ("i32", I32, 12345.0, 1.0e6, 5, None),
        ("i32-level0", I32, 0.0, 3.0e4, 0, None),
        ("i32-level9", I32, 0.0, 3.0e4, 9, None),
        ("i32-level11", I32, 0.0, 3.0e4, 11, None),
        ("u32", U32, 3.0e9, 1.0e8, 8, None),
        ("i64-narrow", I64, -5.0e4, 1.0e5, 5, None),
        ("i64-wide", I64, 1.0e12, 1.0e11, 5, None),
        ("u64-wide", U64, 1.0e19, 1.0e12, 5, None),
        ("f32", F32, 3.0, 20.0, 5, Some(1.0e-3)),
        ("f64", F64, -7.0, 50.0, 5, Some(1.0e-6)),
        ("f64-wide", F64, 1.0e3, 1.0e4, 5, Some(1.0e-9)),
        ("i32-verbatim", I32, 0.0, 4.0e9, 5, None),
    ];
    let mut manifest = String::from(
        "# name element_type_code big_endian n_streams stream_len level (chunk: NAME-ORDER.chunk, values: NAME-ORDER.raw, floats as decoded then: NAME-ORDER.decoded)\n",
    );
    for (name, elem, center, span, level, quanta) in cases {
        for be in [false, true] {
            let (n_streams, stream_len) = (3usize, 700usize);
            let x: Vec<f64> = (0..n_streams)
                .flat_map(|s| {
                    if name == "i32-verbatim" {
                        // White noise over the whole range: FLAC cannot make it smaller.
                        let mut st = 0x1234_5678_9ABC_DEF1u64 + s as u64;
                        (0..stream_len)
                            .map(|_| {
                                st ^= st << 13;
                                st ^= st >> 7;
                                st ^= st << 17;
                                (st as i32) as f64
                            })
                            .collect::<Vec<_>>()
                    } else {
                        values(stream_len, 7 + s as u64, center, span)
                    }
                })
                .collect();
            let raw = raw(elem, be, &x);
            let layout = ChunkLayout {
                elem,
                big_endian: be,
                n_streams,
                stream_len,
            };
            let opts = ChunkOptions {
                level,
                quantization: quanta.map_or(Quantization::None, Quantization::quanta),
                threads: false,
            };
            let chunk = encode_chunk(&raw, &layout, &opts).unwrap();
            let order = if be { "be" } else { "le" };
            std::fs::write(dir.join(format!("{name}-{order}.chunk")), &chunk).unwrap();
            std::fs::write(dir.join(format!("{name}-{order}.raw")), &raw).unwrap();
            if elem.is_float() {
                // What this version decodes, to compare later versions with, bit for bit.
                let mut back = vec![0u8; raw.len()];
                flacarray::h5z::chunk::decode_chunk(&chunk, &layout, &mut back).unwrap();
                std::fs::write(dir.join(format!("{name}-{order}.decoded")), &back).unwrap();
            }
            writeln!(
                manifest,
                "{name}-{order} {} {} {n_streams} {stream_len} {level}",
                elem.code(),
                u8::from(be)
            )
            .unwrap();
        }
    }
    std::fs::write(dir.join("manifest.txt"), manifest).unwrap();
}
