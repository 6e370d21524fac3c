//! Many chunks at once against HDF5's one chunk at a time: `h5z::write_filtered`,
//! `h5z::read_filtered` and `h5z::verify` beside a write and a read through HDF5's filter
//! (hdf5-metno's `with_data` / `read_dyn`, the filter's threads coding each chunk's streams),
//! with 1 and 2 threads (and every core, where there are more), in turn for several rounds.
//! Prints MB/s of raw data (medians) and each thread count's gain over one thread (the median
//! of each round's paired ratio). Run through `scripts/bench.sh`.
//!
//! Usage: `cargo bench --features hdf5 --bench filtered_io -- DATA_DIR [ROUNDS] [FILE_DIR]`
//! (FILE_DIR: where the files are written, default DATA_DIR; `/dev/shm` keeps the kernel's
//! writeback out of the figures).

use std::path::Path;
use std::time::Instant;

use flacarray::h5z::{read_filtered, register, set_threads, verify, write_filtered};
use flacarray::h5z::{FilterParams, FlacFilterExt};
use ndarray::ArrayD;
use ndarray_npy::read_npy;

/// Seconds `f` takes.
fn time(f: impl FnOnce()) -> f64 {
    let t0 = Instant::now();
    f();
    t0.elapsed().as_secs_f64()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// One dataset to time: its values (as i32 or f64), its filter parameters and chunk shape.
struct Case<T> {
    name: &'static str,
    data: ArrayD<T>,
    params: FilterParams,
    chunk: Vec<usize>,
}

const OPS: [&str; 5] = [
    "write_filtered",
    "read_filtered",
    "verify",
    "HDF5 write",
    "HDF5 read",
];

/// Each op's seconds, for every thread count, in one round.
fn round<T>(case: &Case<T>, file: &Path, counts: &[usize]) -> Vec<Vec<f64>>
where
    T: hdf5_metno::H5Type + Copy + Default,
{
    let mut secs = vec![Vec::new(); OPS.len()];
    for &n in counts {
        set_threads(Some(n));
        let _ = std::fs::remove_file(file);
        let f = hdf5_metno::File::create(file).unwrap();
        let p = case.params.clone();
        secs[0].push(time(|| {
            write_filtered(&f, "d", case.data.view(), p, &case.chunk).unwrap();
        }));
        let ds = f.dataset("d").unwrap();
        let mut back = None;
        secs[1].push(time(|| back = Some(read_filtered::<T>(&ds).unwrap())));
        // The values are the tests' business; this checks the read gave the whole array.
        assert_eq!(
            back.map(|b| b.shape().to_vec()),
            Some(case.data.shape().to_vec())
        );
        secs[2].push(time(|| assert!(verify(&ds).unwrap().is_complete())));
        secs[3].push(time(|| {
            f.new_dataset_builder()
                .with_data(&case.data)
                .chunk(case.chunk.clone())
                .flac(case.params.clone())
                .unwrap()
                .create("h")
                .unwrap();
        }));
        let h = f.dataset("h").unwrap();
        secs[4].push(time(|| {
            h.read_dyn::<T>().unwrap();
        }));
    }
    secs
}

fn run<T>(case: &Case<T>, dir: &Path, rounds: usize, counts: &[usize])
where
    T: hdf5_metno::H5Type + Copy + Default,
{
    let file = dir.join(format!("filtered_io_{}.h5", case.name));
    let mb = (case.data.len() * std::mem::size_of::<T>()) as f64 / 1e6;
    // all[round][op][count]
    let all: Vec<_> = (0..rounds).map(|_| round(case, &file, counts)).collect();
    let _ = std::fs::remove_file(&file);
    println!(
        "{} {:?} chunks {:?}, {mb:.0} MB, {rounds} rounds, files in {}:",
        case.name,
        case.data.shape(),
        case.chunk,
        dir.display()
    );
    for (o, op) in OPS.iter().enumerate() {
        let mut line = format!("  {op:<15}");
        for (k, n) in counts.iter().enumerate() {
            let s = median(all.iter().map(|r| r[o][k]).collect());
            line += &format!("  {n} thr {:7.0} MB/s", mb / s);
            if k > 0 {
                let gain = median(all.iter().map(|r| r[o][0] / r[o][k]).collect());
                line += &format!(" ({gain:.2}x)");
            }
        }
        println!("{line}");
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let data_dir = Path::new(args.first().map(String::as_str).unwrap_or("target/bench"));
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(7);
    let file_dir = args.get(2).map_or(data_dir, |d| Path::new(d.as_str()));
    register().unwrap();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut counts = vec![1, 2];
    if cores > 2 {
        counts.push(cores);
    }
    let ints: ArrayD<i32> = read_npy(data_dir.join("b_i32_1000x10000.npy")).expect("int data");
    let reals: ArrayD<f64> = read_npy(data_dir.join("a_f64_64x200000.npy")).expect("f64 data");
    let q: ArrayD<f64> = read_npy(data_dir.join("quanta_a.npy")).expect("quanta");
    let q = *q.first().unwrap();
    println!("(the filter's thread count set with set_threads; the environment's ignored)");
    run(
        &Case {
            name: "i32",
            data: ints,
            params: FilterParams::lossless(5),
            chunk: vec![8, 10000],
        },
        file_dir,
        rounds,
        &counts,
    );
    run(
        &Case {
            name: "f64",
            data: reals,
            params: FilterParams::quanta(5, q),
            chunk: vec![4, 200000],
        },
        file_dir,
        rounds,
        &counts,
    );
    set_threads(None);
}
