//! The library in memory: make fake detector time-streams, compress them,
//! check the round trip, and print size, ratio and speed.
//!
//! `cargo run --release --example demo -- [N_STREAMS] [N_SAMPLES]` (default 64 × 200000).

use std::time::Instant;

use flacarray::demo::{create_fake_data, DEFAULT_SEED};
use flacarray::{CompressOptions, Element, FlacArray, ReadOptions};

fn run<T: Element>(shape: &[usize], opts: &CompressOptions) -> flacarray::Result<()> {
    // Floats: sigma 1 (values of about ±10); integers: sigma 1000 (about ±10^4).
    let sigma = if T::DTYPE.is_float() { 1.0 } else { 1000.0 };
    let data = create_fake_data::<T>(shape, Some(sigma), DEFAULT_SEED, Some(5.0))?;
    // Floats: half a quanta, plus the rounding of the float arithmetic; integers: exact.
    let tolerance = match &opts.quantization {
        flacarray::Quantization::Quanta(flacarray::PerStream::Scalar(q)) if T::DTYPE.is_float() => {
            let eps = if T::DTYPE.size() == 4 {
                f32::EPSILON as f64
            } else {
                f64::EPSILON
            };
            let maxabs = data.iter().map(|v| v.to_f64().abs()).fold(0.0, f64::max);
            0.5 * q + 4.0 * eps * maxabs
        }
        _ => 0.0,
    };
    let raw = data.len() * T::DTYPE.size();
    let what = match (&opts.quantization, T::DTYPE.is_float()) {
        (flacarray::Quantization::Quanta(flacarray::PerStream::Scalar(q)), true) => {
            format!("quanta {q:e}")
        }
        _ => "lossless".to_string(),
    };
    println!("{} {:?}, {what}, level {}:", T::DTYPE, shape, opts.level);
    for threads in [false, true] {
        let o = opts.clone().use_threads(threads);
        let t0 = Instant::now();
        let fa = FlacArray::from_array(data.view(), &o)?;
        let tc = t0.elapsed().as_secs_f64();
        let t0 = Instant::now();
        let back = fa.to_array::<T>(&ReadOptions {
            use_threads: threads,
            ..Default::default()
        })?;
        let td = t0.elapsed().as_secs_f64();
        let max_err = back
            .iter()
            .zip(data.iter())
            .map(|(b, d)| (b.to_f64() - d.to_f64()).abs())
            .fold(0.0, f64::max);
        if max_err > tolerance {
            eprintln!("round trip error {max_err} exceeds {tolerance}");
            std::process::exit(1);
        }
        let label = if threads {
            format!("{} threads", rayon::current_num_threads())
        } else {
            "1 thread".into()
        };
        println!(
            "  {label:>9}: {} -> {} bytes (ratio {:.3}); compress {:.0} MB/s, decompress {:.0} MB/s; max error {max_err:.3e}",
            raw,
            fa.nbytes(),
            fa.nbytes() as f64 / raw as f64,
            raw as f64 / tc / 1e6,
            raw as f64 / td / 1e6,
        );
    }
    Ok(())
}

fn main() -> flacarray::Result<()> {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let shape = [
        args.first().copied().unwrap_or(64),
        args.get(1).copied().unwrap_or(200_000),
    ];
    let q = 1e-4;
    run::<f64>(&shape, &CompressOptions::default().quanta(q))?;
    run::<f32>(&shape, &CompressOptions::default().quanta(q))?;
    run::<i32>(&shape, &CompressOptions::default())?;
    run::<i64>(&shape, &CompressOptions::default().level(8))?;
    println!("round trips verified");
    Ok(())
}
