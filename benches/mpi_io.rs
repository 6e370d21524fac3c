//! MPI I/O throughput, run under `mpirun -n 1|2` by scripts/bench_mpi.py (feature `mpi`).
//!
//! Every rank loads its rows of `DIR/mpi_f64.npy`, then, `REPEATS` times each: the group
//! format written and read with MPI-IO on every rank ("group-mpio") and gathered through
//! rank 0 ("group-gathered"), and a FLAC-filtered chunked dataset written and read
//! collectively ("filtered"). A time is the slowest rank's, between barriers. Rank 0 prints
//! one JSON line per case.
//! Usage: mpirun -n N mpi_io DIR [REPEATS]

use std::path::Path;
use std::time::Instant;

use flacarray::h5z::FilterParams;
use flacarray::mpi::distribute;
use flacarray::mpi::rsmpi::collective::SystemOperation;
use flacarray::mpi::rsmpi::topology::SimpleCommunicator;
use flacarray::mpi::rsmpi::traits::*;
use flacarray::mpi::{self as fmpi, create_mpio, open_mpio};
use flacarray::mpi::{read_filtered_mpi, write_filtered_mpi};
use flacarray::CompressOptions;
use flacarray::ReadOptions;
use ndarray::{s, ArrayD};
use ndarray_npy::read_npy;

const QUANTA: f64 = 1e-3;

/// Seconds of the slowest rank for `f`, started together.
fn timed(world: &SimpleCommunicator, f: impl FnOnce()) -> f64 {
    world.barrier();
    let t0 = Instant::now();
    f();
    let mine = t0.elapsed().as_secs_f64();
    let mut slowest = 0.0f64;
    world.all_reduce_into(&mine, &mut slowest, SystemOperation::max());
    slowest
}

fn main() {
    let universe = flacarray::mpi::rsmpi::initialize().expect("MPI");
    let world = universe.world();
    let (rank, size) = (world.rank() as usize, world.size() as usize);
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let dir = Path::new(args.first().map(String::as_str).unwrap_or("target/bench"));
    let repeats: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    let all: ArrayD<f64> =
        read_npy(dir.join("mpi_f64.npy")).expect("data (run scripts/bench_mpi.py)");
    let rows = all.shape()[0];
    let dist = distribute(rows, size, None).expect("dist");
    let (a, b) = dist[rank];
    let local = all.slice(s![a..b, ..]).to_owned().into_dyn();
    drop(all);
    let raw = rows * local.shape()[1] * 8;
    let opts = CompressOptions::default().quanta(QUANTA);
    let report = |case: &str, op: &str, times: &[f64], path: &Path| {
        if rank == 0 {
            let file_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            let t: Vec<String> = times.iter().map(|t| format!("{t:e}")).collect();
            println!(
                "{{\"impl\": \"rust\", \"case\": \"{case}\", \"op\": \"{op}\", \"ranks\": {size}, \
                 \"seconds\": [{}], \"raw_bytes\": {raw}, \"file_bytes\": {file_bytes}}}",
                t.join(", ")
            );
        }
    };
    let root_only = |path: &Path, create: bool| {
        (rank == 0).then(|| {
            if create {
                hdf5_metno::File::create(path).expect("create")
            } else {
                hdf5_metno::File::open(path).expect("open")
            }
        })
    };
    let check = |got: &ArrayD<f64>| {
        let worst = got
            .iter()
            .zip(&local)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f64::max);
        assert!(
            got.shape() == local.shape() && worst <= 0.5 * QUANTA + 1e-9,
            "bad read"
        );
    };

    // The group format, MPI-IO on every rank.
    let path = dir.join(format!("rust_mpio_n{size}.h5"));
    let w: Vec<f64> = (0..repeats)
        .map(|_| {
            timed(&world, || {
                let f = create_mpio(&path, &world).expect("create");
                fmpi::write_array(local.view(), Some(&f), &opts, &world).expect("write");
            })
        })
        .collect();
    report("group-mpio", "write", &w, &path);
    let mut got = ArrayD::zeros(vec![0]);
    let r: Vec<f64> = (0..repeats)
        .map(|_| {
            timed(&world, || {
                let f = open_mpio(&path, false, &world).expect("open");
                got = fmpi::read_array(Some(&f), &ReadOptions::default(), None, &world)
                    .expect("read");
            })
        })
        .collect();
    check(&got);
    report("group-mpio", "read", &r, &path);

    // The group format, gathered through rank 0 (the way Python flacarray with a serial
    // h5py works).
    let path = dir.join(format!("rust_gather_n{size}.h5"));
    let w: Vec<f64> = (0..repeats)
        .map(|_| {
            timed(&world, || {
                let f = root_only(&path, true);
                let g = f.as_ref().map(|f| f.as_group().expect("root"));
                fmpi::write_array(local.view(), g.as_ref(), &opts, &world).expect("write");
            })
        })
        .collect();
    report("group-gathered", "write", &w, &path);
    let r: Vec<f64> = (0..repeats)
        .map(|_| {
            timed(&world, || {
                let f = root_only(&path, false);
                let g = f.as_ref().map(|f| f.as_group().expect("root"));
                got = fmpi::read_array(g.as_ref(), &ReadOptions::default(), None, &world)
                    .expect("read");
            })
        })
        .collect();
    check(&got);
    report("group-gathered", "read", &r, &path);

    // The filter: a chunked dataset written and read collectively.
    let path = dir.join(format!("rust_filtered_n{size}.h5"));
    let w: Vec<f64> = (0..repeats)
        .map(|_| {
            timed(&world, || {
                let f = create_mpio(&path, &world).expect("create");
                write_filtered_mpi(
                    &f,
                    "tod",
                    local.view(),
                    FilterParams::quanta(5, QUANTA),
                    None,
                    &world,
                )
                .expect("write");
            })
        })
        .collect();
    report("filtered", "write", &w, &path);
    let r: Vec<f64> = (0..repeats)
        .map(|_| {
            timed(&world, || {
                let f = open_mpio(&path, false, &world).expect("open");
                let ds = f.dataset("tod").expect("dataset");
                got = read_filtered_mpi(&ds, None, &world).expect("read");
            })
        })
        .collect();
    check(&got);
    report("filtered", "read", &r, &path);
}
