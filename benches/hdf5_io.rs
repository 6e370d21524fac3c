//! HDF5 direct I/O timings of this library on the data `scripts/bench_hdf5.py` wrote, one JSON
//! object per line (seconds are medians; bytes_read is what the process read, from
//! /proc/self/io). Run through `scripts/bench.sh`.
//!
//! Usage: `cargo bench --features hdf5 --bench hdf5_io -- DATA_DIR [REPEATS]`

use std::path::Path;
use std::time::Instant;

use flacarray::hdf5::{read_array, write_array, ReadOptions};
use flacarray::{CompressOptions, Slice};
use ndarray::ArrayD;
use ndarray_npy::read_npy;

fn rchar() -> u64 {
    let io = std::fs::read_to_string("/proc/self/io").unwrap_or_default();
    io.lines()
        .find_map(|l| {
            l.strip_prefix("rchar: ")
                .and_then(|v| v.trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Median seconds of `repeats` runs, and the bytes read by the last one.
fn measure(repeats: usize, mut f: impl FnMut()) -> (f64, u64) {
    let mut times = Vec::new();
    let mut bytes = 0;
    for _ in 0..repeats {
        let r0 = rchar();
        let t0 = Instant::now();
        f();
        times.push(t0.elapsed().as_secs_f64());
        bytes = rchar() - r0;
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (times[times.len() / 2], bytes)
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let dir = Path::new(args.first().map(String::as_str).unwrap_or("target/bench"));
    let repeats: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    let data: ArrayD<f64> = read_npy(dir.join("e_f64_256x100000.npy")).expect("data");
    let q: ArrayD<f64> = read_npy(dir.join("quanta_e.npy")).expect("quanta");
    let opts = CompressOptions::default().quanta(q.first().copied().unwrap());
    let path = dir.join("rust_io.h5");
    let raw = data.len() * 8;
    let report = |op: &str, threads: usize, (secs, bytes): (f64, u64)| {
        println!(
            "{{\"impl\": \"rust\", \"op\": \"{op}\", \"threads\": {threads}, \"seconds\": {secs:e}, \
             \"raw_bytes\": {raw}, \"bytes_read\": {bytes}}}"
        );
    };
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let o = opts.clone().use_threads(threads > 1);
        let r = pool.install(|| {
            measure(repeats, || {
                let f = hdf5_metno::File::create(&path).unwrap();
                write_array(data.view(), &f, &o).unwrap();
            })
        });
        report("write", threads, r);
        let ro = ReadOptions {
            use_threads: threads > 1,
            ..Default::default()
        };
        let r = pool.install(|| {
            measure(repeats, || {
                let f = hdf5_metno::File::open(&path).unwrap();
                let back: ArrayD<f64> = read_array(&f, &ro).unwrap();
                assert_eq!(back.shape(), data.shape());
            })
        });
        report("read", threads, r);
    }
    let keep = ArrayD::from_shape_fn(ndarray::IxDyn(&[256]), |ix| ix[0] == 128);
    let r = measure(repeats * 5, || {
        let f = hdf5_metno::File::open(&path).unwrap();
        let one: ArrayD<f64> = read_array(
            &f,
            &ReadOptions {
                keep: Some(keep.view()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(one.shape(), &[1, 100000]);
    });
    report("keep1", 1, r);
    let mid = 50_000isize;
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let ro = ReadOptions {
            stream_slice: Some(Slice::from(mid - 500..mid + 500)),
            use_threads: threads > 1,
            ..Default::default()
        };
        let r = pool.install(|| {
            measure(repeats * 5, || {
                let f = hdf5_metno::File::open(&path).unwrap();
                let part: ArrayD<f64> = read_array(&f, &ro).unwrap();
                assert_eq!(part.shape(), &[256, 1000]);
            })
        });
        report("slice1000", threads, r);
    }
}
