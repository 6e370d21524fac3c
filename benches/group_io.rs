//! Group-format I/O timings of this library (HDF5 or Zarr) on the data
//! `scripts/bench_groups.py` wrote, one JSON object per line (seconds are medians; bytes_read
//! is what the process read, from /proc/self/io). Run through `scripts/bench.sh`.
//!
//! Usage: `cargo bench --features hdf5,zarr --bench group_io -- hdf5|zarr DATA_DIR [REPEATS]`

use std::path::{Path, PathBuf};
use std::time::Instant;

use flacarray::zarr::ZarrGroup;
use flacarray::{CompressOptions, Element, ReadOptions, Slice};
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

/// CPU seconds (user and system, every thread) of this process so far.
fn cpu_seconds() -> f64 {
    let mut u = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_SELF is always valid.
    let u = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, u.as_mut_ptr());
        u.assume_init()
    };
    let t = |v: libc::timeval| v.tv_sec as f64 + v.tv_usec as f64 * 1e-6;
    t(u.ru_utime) + t(u.ru_stime)
}

/// Median seconds of `repeats` runs, the bytes read by the last one, and the cores used
/// (CPU seconds per second).
fn measure(repeats: usize, mut f: impl FnMut()) -> (f64, u64, f64) {
    let mut times = Vec::new();
    let mut bytes = 0;
    let c0 = cpu_seconds();
    for _ in 0..repeats {
        let r0 = rchar();
        let t0 = Instant::now();
        f();
        times.push(t0.elapsed().as_secs_f64());
        bytes = rchar() - r0;
    }
    let cores = (cpu_seconds() - c0) / times.iter().sum::<f64>();
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (times[times.len() / 2], bytes, cores)
}

/// Where the group is written: a new HDF5 file, or a new Zarr directory store.
struct Store {
    zarr: bool,
    path: PathBuf,
}

impl Store {
    fn write(&self, data: ndarray::ArrayViewD<'_, f64>, opts: &CompressOptions) {
        if self.zarr {
            let _ = std::fs::remove_dir_all(&self.path);
            let root = ZarrGroup::create_dir(&self.path).unwrap();
            flacarray::zarr::write_array(data, &root, opts).unwrap();
        } else {
            let f = hdf5_metno::File::create(&self.path).unwrap();
            flacarray::hdf5::write_array(data, &f, opts).unwrap();
        }
    }

    fn read<T: Element>(&self, opts: &ReadOptions<'_>) -> ArrayD<T> {
        if self.zarr {
            let root = ZarrGroup::open_dir(&self.path).unwrap();
            flacarray::zarr::read_array(&root, opts).unwrap()
        } else {
            let f = hdf5_metno::File::open(&self.path).unwrap();
            flacarray::hdf5::read_array(&f, opts).unwrap()
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let zarr = args.first().map(String::as_str) == Some("zarr");
    let dir = Path::new(args.get(1).map(String::as_str).unwrap_or("target/bench"));
    let repeats: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(3);
    let data: ArrayD<f64> = read_npy(dir.join("e_f64_256x100000.npy")).expect("data");
    let q: ArrayD<f64> = read_npy(dir.join("quanta_e.npy")).expect("quanta");
    let opts = CompressOptions::default().quanta(q.first().copied().unwrap());
    let path = dir.join(if zarr { "rust_io.zarr" } else { "rust_io.h5" });
    let store = Store { zarr, path };
    let (write_array, read_array) = (|a, o: &_| store.write(a, o), |o: &_| store.read(o));
    let raw = data.len() * 8;
    let report = |op: &str, threads: usize, (secs, bytes, cores): (f64, u64, f64)| {
        println!(
            "{{\"impl\": \"rust\", \"op\": \"{op}\", \"threads\": {threads}, \"seconds\": {secs:e}, \
             \"raw_bytes\": {raw}, \"bytes_read\": {bytes}, \"cores\": {cores}}}"
        );
    };
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let o = opts.clone().use_threads(threads > 1);
        let r = pool.install(|| measure(repeats, || write_array(data.view(), &o)));
        report("write", threads, r);
        let ro = ReadOptions {
            use_threads: threads > 1,
            ..Default::default()
        };
        let r = pool.install(|| {
            measure(repeats, || {
                let back: ArrayD<f64> = read_array(&ro);
                assert_eq!(back.shape(), data.shape());
            })
        });
        report("read", threads, r);
    }
    let keep = ArrayD::from_shape_fn(ndarray::IxDyn(&[256]), |ix| ix[0] == 128);
    let r = measure(repeats * 5, || {
        let one: ArrayD<f64> = read_array(&ReadOptions {
            keep: Some(keep.view()),
            ..Default::default()
        });
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
                let part: ArrayD<f64> = read_array(&ro);
                assert_eq!(part.shape(), &[256, 1000]);
            })
        });
        report("slice1000", threads, r);
    }
}
