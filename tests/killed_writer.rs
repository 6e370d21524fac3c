//! A writer killed (SIGKILL) in the middle of `write_array` or of a filtered H5Dwrite leaves
//! a file whose other objects still read. The group it was writing reads complete or is
//! reported as holding no FlacArray; a dataset written with `h5z::write_filtered` is absent
//! or complete; a raw filtered H5Dwrite leaves every chunk that reached the file decoding to
//! the values written, and the chunks it never reached read as the fill value (0): HDF5 keeps
//! no mark of a dataset's completeness, so `h5z::verify` lists exactly those chunks.
//!
//! The test runs itself again as the writer (env `FLACARRAY_KILLED_WRITER=mode:path`).

#![cfg(feature = "hdf5")]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use flacarray::h5z::{FilterParams, FlacFilterExt};
use flacarray::hdf5::{read_array, write_array};
use flacarray::CompressOptions;
use flacarray::ReadOptions;
use ndarray::{ArrayD, IxDyn};

const ENV: &str = "FLACARRAY_KILLED_WRITER";

fn tmp(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(name)
}

/// Data that barely compresses, so that writing takes a while: (rows, n) int32.
fn big(rows: usize, n: usize, seed: u64) -> ArrayD<i32> {
    let mut x = seed | 1;
    ArrayD::from_shape_simple_fn(IxDyn(&[rows, n]), || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x >> 40) as i32
    })
}

fn small() -> ArrayD<i32> {
    ArrayD::from_shape_fn(IxDyn(&[4, 3000]), |ix| {
        (ix[1] as i32 * 7) % 1000 - ix[0] as i32
    })
}

/// The writer: what the child process does.
fn writer(mode: &str, path: &Path) {
    let file = hdf5_metno::File::open_rw(path).unwrap();
    println!("ready");
    if mode == "helper" {
        flacarray::h5z::write_filtered(
            &file,
            "new",
            big(64, 1 << 20, 4).view(),
            FilterParams::lossless(0),
            &[1, 1 << 20],
        )
        .unwrap();
    } else if mode == "group" {
        let g = file.create_group("new").unwrap();
        write_array(
            big(64, 1 << 20, 3).view(),
            &g,
            &CompressOptions::default().level(0),
        )
        .unwrap();
    } else {
        // As an application would: create the dataset, then write it in one H5Dwrite.
        let ds = file
            .new_dataset::<i32>()
            .shape((64, 1 << 20))
            .chunk((1, 1 << 20))
            .flac(FilterParams::lossless(0))
            .unwrap()
            .create("new")
            .unwrap();
        file.flush().unwrap();
        ds.write(&big(64, 1 << 20, 4)).unwrap();
    }
    file.close().unwrap();
    println!("done");
}

fn base(path: &Path) {
    let f = hdf5_metno::File::create(path).unwrap();
    let g = f.create_group("before").unwrap();
    write_array(small().view(), &g, &CompressOptions::default()).unwrap();
    f.new_dataset_builder()
        .with_data(&small())
        .create("plain")
        .unwrap();
    f.new_dataset_builder()
        .with_data(&small())
        .chunk((2, 3000))
        .flac(FilterParams::lossless(5))
        .unwrap()
        .create("filtered_before")
        .unwrap();
}

/// Run the writer on `path`, killing it after `delay` (None: let it finish); the time it ran.
fn run_writer(mode: &str, path: &Path, delay: Option<Duration>) -> Duration {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "killed_writers_leave_readable_files",
            "--nocapture",
        ])
        .env(ENV, format!("{mode}:{}", path.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    match delay {
        None => assert!(child.wait().unwrap().success(), "the writer failed"),
        Some(d) => {
            std::thread::sleep(d);
            let _ = child.kill();
            let _ = child.wait();
        }
    }
    t0.elapsed()
}

/// The file after the kill: the old objects read; the new one is complete or refused.
fn check(mode: &str, path: &Path) -> &'static str {
    let f = hdf5_metno::File::open(path).expect("the file still opens");
    let g = f.group("before").unwrap();
    assert_eq!(
        read_array::<i32, _>(&g, &ReadOptions::default()).unwrap(),
        small()
    );
    assert_eq!(
        f.dataset("plain").unwrap().read_dyn::<i32>().unwrap(),
        small()
    );
    assert_eq!(
        f.dataset("filtered_before")
            .unwrap()
            .read_dyn::<i32>()
            .unwrap(),
        small()
    );
    if mode == "group" {
        let Ok(g) = f.group("new") else {
            return "group absent";
        };
        match read_array::<i32, _>(&g, &ReadOptions::default()) {
            Ok(a) => {
                assert_eq!(
                    a,
                    big(64, 1 << 20, 3),
                    "a killed write read back wrong values"
                );
                "complete"
            }
            Err(e) => {
                let msg = e.to_string();
                assert!(msg.contains("no flacarray data"), "unexpected error: {msg}");
                "refused (no version attribute)"
            }
        }
    } else if mode == "helper" {
        // All or nothing: `new` is absent or complete.
        let Ok(ds) = f.dataset("new") else {
            return "dataset absent";
        };
        assert_eq!(ds.read_dyn::<i32>().unwrap(), big(64, 1 << 20, 4));
        "complete"
    } else {
        let Ok(ds) = f.dataset("new") else {
            return "dataset absent";
        };
        let want = big(64, 1 << 20, 4);
        let mut written = 0;
        for r in 0..64 {
            match ds.read_slice_1d::<i32, _>(ndarray::s![r, ..]) {
                Ok(row) if row.iter().all(|&v| v == 0) => {}
                Ok(row) => {
                    assert_eq!(
                        row,
                        want.slice(ndarray::s![r, ..]),
                        "chunk {r} decoded wrong"
                    );
                    written += 1;
                }
                Err(_) => {} // reported as unreadable
            }
        }
        // What HDF5 cannot tell a reader, verify reports: exactly the rows never written.
        let report = flacarray::h5z::verify(&ds).unwrap();
        assert_eq!(report.chunks, 64);
        assert!(report.damaged.is_empty(), "{:?}", report.damaged);
        assert_eq!(report.missing.len(), 64 - written, "{:?}", report.missing);
        for off in &report.missing {
            let row = ds
                .read_slice_1d::<i32, _>(ndarray::s![off[0] as usize, ..])
                .unwrap();
            assert!(row.iter().all(|&v| v == 0), "row {off:?} was written");
        }
        if written == 64 {
            assert!(report.is_complete());
            "complete"
        } else {
            "partial (verify lists the missing chunks)"
        }
    }
}

#[test]
fn killed_writers_leave_readable_files() {
    if let Ok(job) = std::env::var(ENV) {
        let (mode, path) = job.split_once(':').unwrap();
        writer(mode, Path::new(path));
        return;
    }
    for mode in ["group", "helper", "filtered"] {
        let template = tmp(&format!("killed-{mode}-base.h5"));
        base(&template);
        let full = tmp(&format!("killed-{mode}-full.h5"));
        std::fs::copy(&template, &full).unwrap();
        let total = run_writer(mode, &full, None);
        assert_eq!(check(mode, &full), "complete");
        for k in 1..=6u32 {
            let path = tmp(&format!("killed-{mode}-{k}.h5"));
            std::fs::copy(&template, &path).unwrap();
            run_writer(mode, &path, Some(total * k / 7));
            let outcome = check(mode, &path);
            println!("{mode}: killed after {k}/7 of {total:?}: {outcome}");
        }
    }
}
