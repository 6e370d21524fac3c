//! Timings of this library on the data `scripts/bench.py` wrote, printed as one JSON object
//! per line for the script to set beside Python flacarray's. Run through `scripts/bench.sh`.
//!
//! Usage: `cargo bench --bench compare -- DATA_DIR [REPEATS [CASE_PREFIX]]`

use std::path::Path;
use std::time::Instant;

use flacarray::{array_compress, array_decompress, CompressOptions, Compressed, Element};
use ndarray::ArrayD;
use ndarray_npy::{read_npy, ReadableElement};

fn median_secs(repeats: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..repeats)
        .map(|_| {
            let t0 = Instant::now();
            f();
            t0.elapsed().as_secs_f64()
        })
        .collect();
    t.sort_by(|a, b| a.partial_cmp(b).unwrap());
    t[t.len() / 2]
}

fn report(case: &str, op: &str, threads: usize, secs: f64, raw_bytes: usize, extra: &str) {
    println!(
        "{{\"impl\": \"rust\", \"case\": \"{case}\", \"op\": \"{op}\", \"threads\": {threads}, \
         \"seconds\": {secs:e}, \"raw_bytes\": {raw_bytes}{extra}}}"
    );
}

fn decompress<T: Element>(
    c: &Compressed<T>,
    first: Option<usize>,
    last: Option<usize>,
    threads: bool,
) -> ArrayD<T> {
    array_decompress::<T>(
        &c.compressed,
        c.stream_size,
        c.stream_starts.view(),
        c.stream_nbytes.view(),
        c.stream_offsets.as_ref().map(|a| a.view()),
        c.stream_gains.as_ref().map(|a| a.view()),
        first,
        last,
        threads,
    )
    .expect("decompress")
}

fn run_case<T: Element + ReadableElement>(
    dir: &Path,
    case: &str,
    opts: CompressOptions,
    repeats: usize,
) {
    let data: ArrayD<T> = read_npy(dir.join(format!("{case}.npy"))).expect("read data");
    let raw = data.len() * T::DTYPE.size();
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let o = opts.clone().use_threads(threads > 1);
        let mut c = None;
        let secs = pool.install(|| {
            median_secs(repeats, || {
                c = Some(array_compress(data.view(), &o).expect("compress"))
            })
        });
        let c = c.unwrap();
        let extra = format!(", \"compressed_bytes\": {}", c.compressed.len());
        report(case, "compress", threads, secs, raw, &extra);
        let secs =
            pool.install(|| median_secs(repeats, || drop(decompress(&c, None, None, threads > 1))));
        report(case, "decompress", threads, secs, raw, "");
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let dir = Path::new(args.first().map(String::as_str).unwrap_or("target/bench"));
    let repeats: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    // Optional third argument: run only the cases whose name starts with it.
    let only = args.get(2).map(String::as_str).unwrap_or("");
    let q: ArrayD<f64> = read_npy(dir.join("quanta_a.npy")).expect("read quanta");
    let q = q.first().copied().unwrap();
    let cases: [(&str, CompressOptions); 3] = [
        ("a_f64_64x200000", CompressOptions::default().quanta(q)),
        ("b_i32_1000x10000", CompressOptions::default()),
        ("c_i32_20000x500", CompressOptions::default()),
    ];
    for (case, opts) in cases {
        if !case.starts_with(only) {
            continue;
        }
        if case.starts_with('a') {
            run_case::<f64>(dir, case, opts, repeats);
        } else {
            run_case::<i32>(dir, case, opts, repeats);
        }
    }
    if !"d_i32_2000000".starts_with(only) {
        return;
    }

    // (d) 100 samples from the middle of one 2,000,000-sample stream.
    let data: ArrayD<i32> = read_npy(dir.join("d_i32_2000000.npy")).expect("read data");
    let c = array_compress(data.view(), &CompressOptions::default()).expect("compress");
    let mid = data.len() / 2;
    let mut out = None;
    let secs = median_secs(repeats * 40, || {
        out = Some(decompress(&c, Some(mid), Some(mid + 100), false))
    });
    assert_eq!(
        out.unwrap().as_slice().unwrap(),
        &data.as_slice().unwrap()[mid..mid + 100]
    );
    report("d_i32_2000000", "slice100", 1, secs, 400, "");
}
