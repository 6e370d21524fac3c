//! Decoding the filter's chunks in memory: this crate's FLAC decoder against libFLAC's (the
//! engine it replaced, `FLACARRAY_DECODER=libflac`), side by side in one run, one thread and
//! two. The data are the time-streams `scripts/bench_filter.py` writes through h5py (64
//! streams of 200,000 samples of the library's fake data, sigma 1; int32 = round(x·1000),
//! level 5; float64 with quanta 1e-8), cut into chunks of 4 streams and encoded as the filter
//! encodes them (`encode_stored_chunk`); each thread decodes its chunks into one buffer of a
//! chunk's size (the codec's speed, without the allocator's: through h5py, see
//! `scripts/bench_read.py`). The engines and thread counts are timed in turn for several rounds; figures are MB
//! of decoded data per second (medians) and the median of each round's paired ratio.
//!
//! Usage: `cargo bench --bench decode -- [ROUNDS] [profile [int32|float64]]` (`profile`: the
//! native engine alone, one thread, for `perf record`; optionally one data set)

use std::time::Instant;

use flacarray::chunk::ElementType;
use flacarray::demo::{create_fake_data, DEFAULT_SEED};
use flacarray::h5z::{decode_stored_chunk, encode_stored_chunk, stored_params};
use flacarray::stream::decode::{set_engine, Engine};

const SHAPE: [usize; 2] = [64, 200_000];
const CHUNK_ROWS: usize = 4;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// One data set: its raw bytes per chunk, encoded, and the stored filter parameters.
struct Case {
    name: &'static str,
    cd: Vec<u32>,
    chunks: Vec<Vec<u8>>,
    raw_len: usize,
}

fn case(name: &'static str, elem: ElementType, user: &[u32], raw: &[u8]) -> Case {
    let chunk = [CHUNK_ROWS as u64, SHAPE[1] as u64];
    let cd = stored_params(user, elem, false, &chunk)
        .expect("filter parameters")
        .to_cd_values()
        .to_vec();
    let per = raw.len() / (SHAPE[0] / CHUNK_ROWS);
    let chunks = raw
        .chunks(per)
        .map(|c| encode_stored_chunk(&cd, c).expect("encode"))
        .collect();
    Case {
        name,
        cd,
        chunks,
        raw_len: raw.len(),
    }
}

/// Seconds to decode every chunk of `case` on `threads` threads (chunks dealt in turn).
fn decode_all(case: &Case, threads: usize) -> f64 {
    let per = case.raw_len / case.chunks.len();
    let t0 = Instant::now();
    std::thread::scope(|s| {
        for t in 0..threads {
            s.spawn(move || {
                let mut out = vec![0u8; per];
                for chunk in case.chunks.iter().skip(t).step_by(threads) {
                    decode_stored_chunk(&case.cd, chunk, &mut out).expect("decode");
                    std::hint::black_box(&out);
                }
            });
        }
    });
    t0.elapsed().as_secs_f64()
}

fn main() {
    let rounds: usize = std::env::args()
        .skip_while(|a| a != "--")
        .nth(1)
        .or_else(|| std::env::args().nth(1).filter(|a| a != "--bench"))
        .and_then(|a| a.parse().ok())
        .unwrap_or(11);
    // `profile`: only the native engine on one thread, for `perf record`.
    let profile = std::env::args().any(|a| a == "profile");
    let only: Vec<String> = std::env::args()
        .skip_while(|a| a != "profile")
        .skip(1)
        .collect();
    let x = create_fake_data::<f64>(&SHAPE, Some(1.0), DEFAULT_SEED, None).expect("fake data");
    let ints: Vec<i32> = x.iter().map(|v| (v * 1000.0).round() as i32).collect();
    let floats: Vec<f64> = x.iter().copied().collect();
    let int_bytes: Vec<u8> = ints.iter().flat_map(|v| v.to_le_bytes()).collect();
    let float_bytes: Vec<u8> = floats.iter().flat_map(|v| v.to_le_bytes()).collect();
    let q = 1e-8f64.to_bits();
    let cases = [
        case("int32 level 5", ElementType::I32, &[5], &int_bytes),
        case(
            "float64 q=1e-8",
            ElementType::F64,
            &[5, 1, (q >> 32) as u32, q as u32],
            &float_bytes,
        ),
    ];
    // Both engines give the same bytes.
    for c in cases.iter().filter(|_| !profile) {
        let per = c.raw_len / c.chunks.len();
        for chunk in &c.chunks {
            let mut a = vec![0u8; per];
            let mut b = vec![0u8; per];
            set_engine(Engine::Libflac);
            decode_stored_chunk(&c.cd, chunk, &mut a).expect("decode");
            set_engine(Engine::Native);
            decode_stored_chunk(&c.cd, chunk, &mut b).expect("decode");
            assert!(a == b, "{}: the engines disagree", c.name);
        }
    }
    println!(
        "Chunks of {CHUNK_ROWS}×{} decoded in memory ({} streams in all), MB/s of decoded data, \
         medians of {rounds} rounds; FLACARRAY_FILTER_THREADS={} (each chunk's streams on one \
         thread; the threads below are separate chunks)",
        SHAPE[1],
        SHAPE[0],
        std::env::var("FLACARRAY_FILTER_THREADS").unwrap_or_else(|_| "unset".into())
    );
    println!(
        "| data | compressed | libFLAC 1 thread | native 1 thread | native / libFLAC | native 2 threads | 2 threads / 1 |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for c in cases
        .iter()
        .filter(|c| only.iter().all(|o| c.name.starts_with(o.as_str())))
    {
        let (mut lib, mut nat, mut two) = (vec![], vec![], vec![]);
        for _ in 0..rounds {
            if profile {
                set_engine(Engine::Native);
                decode_all(c, 1);
                nat.push((0..10).map(|_| decode_all(c, 1)).sum::<f64>() / 10.0);
                continue;
            }
            set_engine(Engine::Libflac);
            lib.push(decode_all(c, 1));
            set_engine(Engine::Native);
            nat.push(decode_all(c, 1));
            two.push(decode_all(c, 2));
        }
        let mb = c.raw_len as f64 / 1e6;
        if profile {
            println!(
                "{}: native, one thread: {:.0} MB/s",
                c.name,
                mb / median(nat)
            );
            continue;
        }
        let size: usize = c.chunks.iter().map(Vec::len).sum();
        let speedup = median(lib.iter().zip(&nat).map(|(a, b)| a / b).collect());
        let gain = median(nat.iter().zip(&two).map(|(a, b)| a / b).collect());
        println!(
            "| {} | {:.3} | {:.0} | {:.0} | {:.2}× | {:.0} | {:.2}× |",
            c.name,
            size as f64 / c.raw_len as f64,
            mb / median(lib),
            mb / median(nat),
            speedup,
            mb / median(two),
            gain
        );
    }
}
