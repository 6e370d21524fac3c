//! `verify`: decode every FLAC-filtered dataset and flacarray group of a file and list the
//! chunks never written (HDF5 would read them as the fill value without a word).

use std::path::Path;

use flacarray::hdf5::{group_summary, read_array};
use flacarray::DType;
use flacarray::ReadOptions;

use crate::info;
use flacarray::h5raw::objects::Result;

/// One checked object: its path, kind, and what was found ("ok" or the problem).
pub struct Checked {
    pub path: String,
    pub kind: info::Kind,
    pub status: String,
    pub ok: bool,
}

/// Check every FLAC-filtered dataset and flacarray group of the file at `path`.
pub fn run(path: &Path) -> Result<Vec<Checked>> {
    let entries = info::run(path)?;
    let file = hdf5_metno::File::open(path)
        .map_err(|e| format!("{}: not a readable HDF5 file ({e})", path.display()))?;
    let mut out = Vec::new();
    for e in entries {
        let (ok, status) = if e.kind == info::Kind::Unreadable {
            (false, format!("cannot be read: {}", e.params))
        } else if e.kind == info::Kind::FlacDataset {
            dataset(&file, &e.path)
        } else {
            group(&file, &e.path)
        };
        out.push(Checked {
            path: e.path,
            kind: e.kind,
            status,
            ok,
        });
    }
    Ok(out)
}

fn dataset(file: &hdf5_metno::File, path: &str) -> (bool, String) {
    let report = match file
        .dataset(path)
        .map_err(|e| e.to_string())
        .and_then(|ds| flacarray::h5z::verify(&ds).map_err(|e| e.to_string()))
    {
        Ok(r) => r,
        Err(e) => return (false, e),
    };
    if report.is_complete() {
        let decoded = report.chunks - report.unfiltered;
        return (
            true,
            if report.unfiltered > 0 {
                format!(
                    "ok: {decoded} chunks decode, {} stored without FLAC (an optional filter HDF5 did not apply)",
                    report.unfiltered
                )
            } else {
                format!("ok: {decoded} chunks decode")
            },
        );
    }
    let mut problems = Vec::new();
    if let Some(first) = report.missing.first() {
        problems.push(format!(
            "{} of {} chunks never written (first at {first:?}; they read as the fill value)",
            report.missing.len(),
            report.chunks
        ));
    }
    if let Some((at, why)) = report.damaged.first() {
        problems.push(format!(
            "{} of {} chunks do not decode (first at {at:?}: {why})",
            report.damaged.len(),
            report.chunks
        ));
    }
    (false, problems.join("; "))
}

fn group(file: &hdf5_metno::File, path: &str) -> (bool, String) {
    let r = (|| -> flacarray::Result<usize> {
        let g = file
            .group(path)
            .map_err(|e| flacarray::Error::Hdf5(e.to_string()))?;
        let Some(sum) = group_summary(&g)? else {
            return Ok(0);
        };
        let opts = ReadOptions::default();
        Ok(match sum.dtype {
            DType::Int32 => read_array::<i32, _>(&g, &opts)?.len(),
            DType::Int64 => read_array::<i64, _>(&g, &opts)?.len(),
            DType::Float32 => read_array::<f32, _>(&g, &opts)?.len(),
            DType::Float64 => read_array::<f64, _>(&g, &opts)?.len(),
        })
    })();
    match r {
        Ok(n) => (true, format!("ok: {n} values decode")),
        Err(e) => (false, e.to_string()),
    }
}
