//! Seed corpora for the fuzz targets in `fuzz/`, made from real compressed data:
//! `cargo run --release --example fuzz_seeds -- fuzz/corpus` (run by scripts/fuzz.sh).

use std::path::Path;

use flacarray::chunk::{encode_chunk, ChunkLayout, ChunkOptions, ElementType};
use flacarray::demo::create_fake_data;
use flacarray::h5z::{FilterParams, Stored};
use flacarray::Quantization;
use flacarray::{array_compress, CompressOptions};

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::create_dir_all(dir).expect("corpus directory");
    std::fs::write(dir.join(name), bytes).expect("seed file");
}

fn main() -> flacarray::Result<()> {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "fuzz/corpus".into());
    let root = Path::new(&root);
    // Chunks: the stored cd_values, then the chunk, for several types and float modes.
    let cases = [
        (ElementType::I32, Quantization::None, 3, 500),
        (ElementType::I16, Quantization::None, 2, 4500),
        (ElementType::U64, Quantization::None, 1, 300),
        (ElementType::F32, Quantization::quanta(1e-3), 2, 800),
        (ElementType::F64, Quantization::precision(4), 4, 256),
    ];
    for (i, (elem, float, n_streams, stream_len)) in cases.into_iter().enumerate() {
        let layout = ChunkLayout {
            elem,
            big_endian: i % 2 == 1,
            n_streams,
            stream_len,
        };
        let values =
            create_fake_data::<f64>(&[n_streams * stream_len], Some(100.0), i as u64, None)?;
        let size = elem.size();
        let raw: Vec<u8> = values
            .iter()
            .flat_map(|&v| {
                let b = if elem.is_float() {
                    if size == 4 {
                        (v as f32).to_le_bytes().to_vec()
                    } else {
                        v.to_le_bytes().to_vec()
                    }
                } else {
                    (v as i64).to_le_bytes()[..size].to_vec()
                };
                if layout.big_endian {
                    b.into_iter().rev().collect::<Vec<_>>()
                } else {
                    b
                }
            })
            .collect();
        let opts = ChunkOptions {
            // Level 8 too: its streams have blocksizes of their own.
            level: if i % 2 == 0 { 5 } else { 8 },
            quantization: float.clone(),
            threads: false,
        };
        let chunk = encode_chunk(&raw, &layout, &opts)?;
        let stored = Stored {
            user: FilterParams::new(5, float)?,
            layout,
        };
        let mut seed: Vec<u8> = stored
            .to_cd_values()
            .iter()
            .flat_map(|c| c.to_le_bytes())
            .collect();
        seed.extend_from_slice(&chunk);
        write(&root.join("chunk_decode"), &format!("seed{i}"), &seed);
        // The C functions: the same with two control bytes (the dataset as the parameters
        // say, an exact buffer) after the cd_values; the Zarr v2 codec: the chunk alone.
        let mut c = seed[..40].to_vec();
        let kind = if elem.is_float() {
            2
        } else if elem.is_unsigned() {
            1
        } else {
            0
        };
        let size = [1usize, 2, 4, 8]
            .iter()
            .position(|&s| s == elem.size())
            .unwrap_or(0) as u8;
        c.extend_from_slice(&[kind | (size << 2) | (u8::from(layout.big_endian) << 5), 0]);
        c.extend_from_slice(&chunk);
        write(&root.join("c_functions"), &format!("seed{i}"), &c);
        let mut z = vec![i as u8];
        z.extend_from_slice(&chunk);
        write(&root.join("zarr_v2"), &format!("seed{i}"), &z);
    }
    // Chunks of format version 1 (tests/data/chunks-v1), which readers keep reading.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/chunks-v1");
    let manifest = std::fs::read_to_string(dir.join("manifest.txt")).expect("v1 manifest");
    for line in manifest.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split_whitespace().collect();
        let field = |i: usize| f[i].parse::<usize>().expect("manifest number");
        let elem = ElementType::from_code(field(1) as u32).expect("element type");
        let layout = ChunkLayout {
            elem,
            big_endian: field(2) == 1,
            n_streams: field(3),
            stream_len: field(4),
        };
        let float = if elem.is_float() {
            Quantization::quanta(1e-3)
        } else {
            Quantization::None
        };
        let stored = Stored {
            user: FilterParams::new(5, float)?,
            layout,
        };
        let mut seed: Vec<u8> = stored
            .to_cd_values()
            .iter()
            .flat_map(|c| c.to_le_bytes())
            .collect();
        seed.extend_from_slice(&std::fs::read(dir.join(format!("{}.chunk", f[0]))).expect("chunk"));
        write(&root.join("chunk_decode"), &format!("v1-{}", f[0]), &seed);
    }
    // Streams: header, table, then Python-format FLAC streams.
    for (i, (n, len, wide)) in [
        (1usize, 5000usize, false),
        (3, 1200, false),
        (2, 9000, true),
    ]
    .into_iter()
    .enumerate()
    {
        let data = create_fake_data::<f64>(&[n, len], Some(1.0), 40 + i as u64, Some(5.0))?;
        let (bytes, starts, nbytes) = if wide {
            let c = array_compress(data.view(), &CompressOptions::default().quanta(1e-6))?;
            (c.compressed, c.stream_starts, c.stream_nbytes)
        } else {
            let ints = data.mapv(|v| (v * 1000.0) as i32);
            let c = array_compress(ints.view(), &CompressOptions::default())?;
            (c.compressed, c.stream_starts, c.stream_nbytes)
        };
        let mut seed = Vec::new();
        seed.extend_from_slice(&(len as u32).to_le_bytes());
        seed.extend_from_slice(&((len / 3) as u32).to_le_bytes());
        seed.extend_from_slice(&((len / 2) as u32).to_le_bytes());
        seed.extend_from_slice(&[(n - 1) as u8, if wide { 3 } else { 0 }, 0, 0]);
        for (s, b) in starts.iter().zip(nbytes.iter()) {
            seed.extend_from_slice(&s.to_le_bytes());
            seed.extend_from_slice(&b.to_le_bytes());
        }
        seed.extend_from_slice(&bytes);
        write(&root.join("stream_decode"), &format!("seed{i}"), &seed);
        write(&root.join("py_streams"), &format!("seed{i}"), &seed);
    }
    // Group edits: a few commands of every kind.
    for k in 0..6u8 {
        let mut seed = Vec::new();
        for j in 0..3u8 {
            seed.extend_from_slice(&[k, j, 5 + j, 0, 0, 0, 0, 0, 0, 0, 0x10 << j]);
        }
        write(&root.join("group_read"), &format!("seed{k}"), &seed);
        write(&root.join("group_hdf5"), &format!("seed{k}"), &seed);
    }
    // The differential decoder target: libFLAC's output at several settings (mode 0), the
    // same with bytes overwritten (mode 2), and a chunk's bytes as bare frames (mode 1).
    let material: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let settings: [[u8; 8]; 8] = [
        [0, 12, 5, 0, 0, 0x10, 0x27, 9],
        [1, 28, 8, 4, 2, 0x20, 0x4e, 3],
        [0, 0, 0, 1, 1, 0xff, 0x01, 0],
        [1, 12, 2, 3, 0, 0x33, 0x13, 200],
        [0, 7, 8, 6, 0x83, 0x00, 0x20, 17],
        [0, 20, 6, 7, 3, 0x10, 0x4e, 250],
        [1, 4, 1, 2, 1, 0x00, 0x02, 1],
        [0, 28, 8, 5, 0x82, 0x88, 0x13, 77],
    ];
    for (k, set) in settings.iter().enumerate() {
        for mode in [0u8, 2] {
            let mut seed = vec![mode];
            seed.extend_from_slice(set);
            seed.extend_from_slice(&material[k * 100..k * 100 + 600]);
            write(&root.join("flac_decode"), &format!("seed{mode}_{k}"), &seed);
        }
    }
    let chunk = std::fs::read(root.join("chunk_decode").join("seed0")).expect("a chunk seed");
    let mut seed = vec![1u8, 0, 27, 0xf4, 0x01, 0xf4, 0x01, 0, 40];
    seed.extend_from_slice(&chunk[chunk.len().min(120)..]);
    write(&root.join("flac_decode"), "seed1_chunk", &seed);
    println!("seeds written to {}", root.display());
    Ok(())
}
