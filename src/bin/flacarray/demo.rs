//! `flacarray demo`: fake time-streams written both ways, read back, checked and timed.

use std::path::Path;
use std::time::Instant;

use flacarray::h5z::{FilterParams, FlacFilterExt};
use flacarray::hdf5::{read_array, write_array};
use flacarray::ReadOptions;
use flacarray::{demo, CompressOptions, Element};
use ndarray::ArrayD;

use crate::plot::{grid, Panel};
use flacarray::h5raw::objects::Result;

/// Quanta of the float demos.
const QUANTA: f64 = 1e-4;

/// One line of the demo's table.
struct Line {
    dtype: &'static str,
    how: &'static str,
    raw: u64,
    stored: u64,
    write: f64,
    read: f64,
    max_error: f64,
    bound: f64,
}

fn secs<T>(f: impl FnOnce() -> Result<T>) -> Result<(T, f64)> {
    let t0 = Instant::now();
    let v = f()?;
    Ok((v, t0.elapsed().as_secs_f64()))
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Both ways for one element type: the group format and the filtered dataset.
fn one<T: Element + hdf5_metno::H5Type>(
    file: &hdf5_metno::File,
    shape: &[usize],
    lines: &mut Vec<Line>,
) -> Result<ArrayD<T>> {
    let float = T::DTYPE.is_float();
    // Integers: the same signal scaled to a few thousand counts.
    let sigma = if float { 1.0 } else { 1000.0 };
    let data: ArrayD<T> =
        demo::create_fake_data(shape, Some(sigma), demo::DEFAULT_SEED, Some(5.0)).map_err(err)?;
    let raw = (data.len() * std::mem::size_of::<T>()) as u64;
    let name = T::DTYPE.name();
    // Half a quanta; float32 values also round to their own precision.
    let max_abs = data.iter().map(|v| v.to_f64().abs()).fold(0.0, f64::max);
    let bound = match T::DTYPE {
        flacarray::DType::Float32 => QUANTA / 2.0 + max_abs * f32::EPSILON as f64,
        flacarray::DType::Float64 => QUANTA / 2.0 + max_abs * f64::EPSILON,
        _ => 0.0,
    };
    let max_error = |back: &ArrayD<T>| -> f64 {
        back.iter()
            .zip(&data)
            .map(|(b, d)| (b.to_f64() - d.to_f64()).abs())
            .fold(0.0, f64::max)
    };
    // The group format (Python flacarray's).
    let group = file.create_group(&format!("group_{name}")).map_err(err)?;
    let opts = if float {
        CompressOptions::default().quanta(QUANTA)
    } else {
        CompressOptions::default()
    };
    let ((), w) = secs(|| write_array(data.view(), &group, &opts).map_err(err))?;
    let (back, r) = secs(|| read_array::<T, _>(&group, &ReadOptions::default()).map_err(err))?;
    let stored = group.dataset("compressed").map_err(err)?.storage_size();
    lines.push(Line {
        dtype: name,
        how: "flacarray group",
        raw,
        stored,
        write: w,
        read: r,
        max_error: max_error(&back),
        bound,
    });
    // The FLAC-filtered dataset, chunked in whole streams.
    let params = if float {
        FilterParams::quanta(5, QUANTA)
    } else {
        FilterParams::lossless(5)
    };
    let n = shape[shape.len() - 1];
    let mut chunk = vec![1; shape.len()];
    chunk[shape.len() - 1] = n;
    if shape.len() >= 2 {
        chunk[shape.len() - 2] =
            ((4usize << 20) / (n * std::mem::size_of::<T>())).clamp(1, shape[shape.len() - 2]);
    }
    let dsname = format!("filtered_{name}");
    // Timed to the end of the write: the dataset closed and the file flushed, so that every
    // chunk went through the filter; then read back from a fresh handle, not HDF5's cache.
    let ((), w) = secs(|| {
        file.new_dataset_builder()
            .with_data(&data)
            .chunk(chunk.clone())
            .flac(params)
            .map_err(err)?
            .create(dsname.as_str())
            .map_err(err)?;
        file.flush().map_err(err)
    })?;
    let ds = file.dataset(&dsname).map_err(err)?;
    let (back, r) = secs(|| ds.read_dyn::<T>().map_err(err))?;
    lines.push(Line {
        dtype: name,
        how: "FLAC-filtered dataset",
        raw,
        stored: ds.storage_size(),
        write: w,
        read: r,
        max_error: max_error(&back),
        bound,
    });
    Ok(data)
}

/// `flacarray demo`.
pub fn run(out: &Path, shape: &[usize]) -> Result<()> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    flacarray::h5z::register().map_err(err)?;
    let path = out.join("demo.h5");
    let file = hdf5_metno::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut lines = Vec::new();
    one::<i32>(&file, shape, &mut lines)?;
    one::<i64>(&file, shape, &mut lines)?;
    one::<f32>(&file, shape, &mut lines)?;
    let data = one::<f64>(&file, shape, &mut lines)?;
    let back: ArrayD<f64> = file
        .dataset("filtered_float64")
        .and_then(|d| d.read_dyn())
        .map_err(err)?;
    drop(file);

    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|l| {
            vec![
                l.dtype.to_string(),
                format!("{shape:?}"),
                l.how.to_string(),
                format!("{:.2}", l.raw as f64 / 1e6),
                format!("{:.2}", l.stored as f64 / 1e6),
                format!("{:.3}", l.stored as f64 / l.raw as f64),
                format!("{:.0}", l.raw as f64 / l.write / 1e6),
                format!("{:.0}", l.raw as f64 / l.read / 1e6),
                if l.bound == 0.0 {
                    format!("{} (lossless)", l.max_error)
                } else {
                    format!("{:.3e} (≤ {:.3e})", l.max_error, l.bound)
                },
            ]
        })
        .collect();
    crate::table(
        &[
            "dtype",
            "shape",
            "stored as",
            "raw MB",
            "stored MB",
            "ratio",
            "write MB/s",
            "read MB/s",
            "max error",
        ],
        &rows,
    );
    if let Some(l) = lines.iter().find(|l| l.max_error > l.bound) {
        return Err(format!(
            "{} {}: error {} exceeds {}",
            l.dtype, l.how, l.max_error, l.bound
        ));
    }

    // A few float64 streams and their residuals after the round trip.
    let n = shape[shape.len() - 1];
    let k = (data.len() / n).min(3);
    let flat = data.as_standard_layout();
    let flat = flat.as_slice().unwrap_or(&[]);
    let back = back.as_standard_layout();
    let back = back.as_slice().unwrap_or(&[]);
    let mut panels = Vec::new();
    for s in 0..k {
        let (a, b) = (&flat[s * n..(s + 1) * n], &back[s * n..(s + 1) * n]);
        panels.push(Panel {
            title: format!("float64 stream {s}"),
            x0: 0,
            values: a.to_vec(),
        });
        panels.push(Panel {
            title: format!("residual of stream {s} (quanta {QUANTA})"),
            x0: 0,
            values: b.iter().zip(a).map(|(x, y)| x - y).collect(),
        });
    }
    let png = out.join("demo.png");
    grid(&panels, k, 2, &png)?;
    println!("\nwrote {} and {}", path.display(), png.display());
    let plugin = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(|d| d.join("libh5zflac.so")))
        .filter(|p| p.exists());
    let plugin_dir = plugin
        .as_ref()
        .and_then(|p| p.parent())
        .map(|d| d.display().to_string())
        .unwrap_or_else(|| {
            "<directory of libh5zflac.so: cargo build --release -p flacarray-h5plugin>".into()
        });
    println!(
        "\nFrom Python (h5py for the filtered datasets, flacarray for the groups):\n  \
         HDF5_PLUGIN_PATH={plugin_dir} python -c \"import h5py; f = h5py.File('{}'); print(f['filtered_float64'][0, :5])\"\n  \
         python -c \"import h5py, flacarray.hdf5 as fh; f = h5py.File('{}'); print(fh.read_array(f['group_float64'])[0, :5])\"",
        path.display(),
        path.display()
    );
    Ok(())
}
