//! Large data, beyond 32-bit sizes (run by scripts/large_data.sh, not in CI: it needs about
//! 20 GB of memory and 5 GB of disk):
//! 1. one int32 stream of 2^31 + 4099 samples: compressed, decoded whole and sliced at its end;
//! 2. more than 4 GiB of compressed bytes (incompressible int32) written to an HDF5 group,
//!    so that stream offsets pass 2^31 and 2^32, and read back whole and with keep.
//!
//! `cargo run --release --features hdf5 --example large_data -- DIR`

use std::time::Instant;

use flacarray::hdf5::{read_array, write_array};
use flacarray::{CompressOptions, FlacArray, ReadOptions, Slice};
use ndarray::{ArrayD, IxDyn};

/// A slow wave with a little noise, from the sample index alone.
fn wave(i: usize) -> i32 {
    let mut x = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 29;
    ((i as f64 * 1e-5).sin() * 3000.0) as i32 + (x % 16) as i32
}

fn noise(i: usize) -> i32 {
    let mut x = (i as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03);
    x ^= x >> 31;
    x = x.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (x >> 32) as i32
}

fn gb(b: usize) -> f64 {
    b as f64 / (1u64 << 30) as f64
}

fn main() -> flacarray::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/large".into());
    std::fs::create_dir_all(&dir).expect("work directory");

    // 1. One stream longer than 2^31 samples.
    let n = (1usize << 31) + 4099;
    let t = Instant::now();
    let data = ArrayD::from_shape_fn(IxDyn(&[n]), |ix| wave(ix[0]));
    println!(
        "1. one stream of {n} samples ({:.2} GiB raw), made in {:.1} s",
        gb(n * 4),
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let fa = FlacArray::from_array(data.view(), &CompressOptions::default())?;
    drop(data);
    println!(
        "   compressed to {:.3} GiB in {:.1} s",
        gb(fa.nbytes()),
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let tail: ArrayD<i32> = fa.to_array(&ReadOptions {
        stream_slice: Some(Slice::new(Some(-5000), None, None)),
        ..Default::default()
    })?;
    assert!(tail
        .iter()
        .enumerate()
        .all(|(k, &v)| v == wave(n - 5000 + k)));
    println!(
        "   last 5000 samples (beyond 2^31) decoded and checked in {:.3} s",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let back: ArrayD<i32> = fa.to_array(&ReadOptions::default())?;
    let bad = back
        .iter()
        .enumerate()
        .filter(|&(i, &v)| v != wave(i))
        .count();
    assert_eq!(bad, 0, "whole decode differs");
    println!(
        "   whole stream decoded and checked in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    drop(back);
    drop(fa);

    // 2. More than 4 GiB compressed, through an HDF5 group.
    let (rows, len) = (64usize, 17_500_000usize);
    let t = Instant::now();
    let data = ArrayD::from_shape_fn(IxDyn(&[rows, len]), |ix| noise(ix[0] * len + ix[1]));
    println!(
        "2. {rows} x {len} incompressible int32 ({:.2} GiB raw), made in {:.1} s",
        gb(rows * len * 4),
        t.elapsed().as_secs_f64()
    );
    let path = format!("{dir}/large.h5");
    let t = Instant::now();
    {
        let f = hdf5_metno::File::create(&path).expect("create");
        write_array(
            data.view(),
            &f,
            &CompressOptions::default().level(0).use_threads(true),
        )?;
    }
    let size = std::fs::metadata(&path)
        .map(|m| m.len() as usize)
        .unwrap_or(0);
    println!(
        "   written: {:.3} GiB file in {:.1} s",
        gb(size),
        t.elapsed().as_secs_f64()
    );
    let f = hdf5_metno::File::open(&path).expect("open");
    let starts: Vec<i64> = f
        .dataset("stream_starts")
        .and_then(|d| d.read_raw())
        .expect("starts");
    println!(
        "   last stream starts at byte {} (> 2^32 = {})",
        starts[rows - 1],
        1u64 << 32
    );
    assert!(starts[rows - 1] > 1 << 32);
    let t = Instant::now();
    let back: ArrayD<i32> = read_array(
        &f,
        &ReadOptions {
            use_threads: true,
            ..Default::default()
        },
    )?;
    assert!(back == data, "read back differs");
    println!(
        "   read back whole and checked in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    drop(back);
    let keep = ArrayD::from_shape_fn(IxDyn(&[rows]), |ix| ix[0] == rows - 1);
    let t = Instant::now();
    let last: ArrayD<i32> = read_array(
        &f,
        &ReadOptions {
            keep: Some(keep.view()),
            ..Default::default()
        },
    )?;
    assert!(last
        .iter()
        .zip(data.slice(ndarray::s![rows - 1, ..]))
        .all(|(a, b)| a == b));
    println!(
        "   the last stream alone (keep) read and checked in {:.2} s",
        t.elapsed().as_secs_f64()
    );
    drop(f);
    let _ = std::fs::remove_file(&path);
    println!("large data: all checks passed");
    Ok(())
}
