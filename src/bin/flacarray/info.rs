//! `info`: the FLAC-filtered datasets and flacarray groups of a file.

use std::path::Path;

use flacarray::chunk::FloatMode;
use flacarray::h5z::Stored;
use hdf5_metno::Group;

use crate::h5raw::{self, Link, Result};

/// One listed object.
pub struct Entry {
    pub path: String,
    pub kind: &'static str,
    pub dtype: String,
    pub shape: Vec<usize>,
    pub chunk: Option<Vec<usize>>,
    pub params: String,
    pub stored: u64,
    pub raw: u64,
}

/// Every FLAC-filtered dataset and flacarray group of the file at `path`.
pub fn run(path: &Path) -> Result<Vec<Entry>> {
    if !path.exists() {
        return Err(format!("{}: no such file", path.display()));
    }
    let file = hdf5_metno::File::open(path)
        .map_err(|e| format!("{}: not a readable HDF5 file ({e})", path.display()))?;
    let mut out = Vec::new();
    visit(&file, "", &mut out, &mut std::collections::HashSet::new())?;
    Ok(out)
}

fn params(cd: &[u32]) -> String {
    match Stored::parse(cd) {
        Ok(s) => {
            let float = match s.user.float {
                FloatMode::None => String::new(),
                FloatMode::Quanta(q) => format!(", quanta {q}"),
                FloatMode::Precision(p) => format!(", precision {p}"),
            };
            format!("level {}{float}", s.user.level)
        }
        Err(e) => format!("unreadable parameters ({e})"),
    }
}

/// `seen`: addresses of the objects already listed (a second hard link is not listed again).
fn visit(
    group: &Group,
    path: &str,
    out: &mut Vec<Entry>,
    seen: &mut std::collections::HashSet<u64>,
) -> Result<()> {
    if let Some(sum) = flacarray::hdf5::group_summary(group).map_err(|e| {
        format!(
            "{}: a damaged flacarray group ({e})",
            if path.is_empty() { "/" } else { path }
        )
    })? {
        let raw = sum.shape.iter().product::<usize>() as u64 * sum.dtype.size() as u64;
        out.push(Entry {
            path: if path.is_empty() {
                "/".into()
            } else {
                path.into()
            },
            kind: "flacarray group",
            dtype: sum.dtype.name().into(),
            shape: sum.shape,
            chunk: None,
            params: format!("format {}", sum.format),
            stored: sum.compressed_bytes,
            raw,
        });
    }
    let names = group
        .member_names()
        .map_err(|e| format!("cannot list {path}/: {e}"))?;
    for name in names {
        let full = format!("{path}/{name}");
        match h5raw::link(group.id(), &name)? {
            Link::Group(addr) => {
                if !seen.insert(addr) {
                    continue;
                }
                let g = group.group(&name).map_err(|e| format!("{full}: {e}"))?;
                visit(&g, &full, out, seen)?;
            }
            Link::Dataset(addr) => {
                if !seen.insert(addr) {
                    continue;
                }
                let ds = group.dataset(&name).map_err(|e| format!("{full}: {e}"))?;
                let Some(cd) = h5raw::flac_cd_values(ds.id()) else {
                    continue;
                };
                let dtype = ds.dtype().map_err(|e| format!("{full}: {e}"))?;
                let shape = ds.shape();
                out.push(Entry {
                    path: full,
                    kind: "FLAC dataset",
                    dtype: match dtype.to_descriptor() {
                        Ok(d) => format!("{d}"),
                        Err(_) => "?".into(),
                    },
                    raw: shape.iter().product::<usize>() as u64 * dtype.size() as u64,
                    shape,
                    chunk: ds.chunk(),
                    params: params(&cd),
                    stored: h5raw::storage_size(ds.id()),
                });
            }
            _ => {}
        }
    }
    Ok(())
}
