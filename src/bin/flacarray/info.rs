//! `info`: the FLAC-filtered datasets and flacarray groups of a file.

use std::path::Path;

use flacarray::h5z::{Stored, FILTER_ID};
use flacarray::Quantization;
use hdf5_metno::Group;

use flacarray::h5raw::objects::{self as h5raw, Link, Result};

/// One listed object.
pub struct Entry {
    pub path: String,
    pub kind: Kind,
    pub dtype: String,
    pub shape: Vec<usize>,
    pub chunk: Option<Vec<usize>>,
    pub params: String,
    pub stored: u64,
    pub raw: u64,
}

/// What a listed object is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A dataset with the FLAC filter.
    FlacDataset,
    /// A group in Python flacarray's format.
    FlacarrayGroup,
    /// An object that could not be read (its `params` say why).
    Unreadable,
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Kind::FlacDataset => "FLAC dataset",
            Kind::FlacarrayGroup => "flacarray group",
            Kind::Unreadable => "unreadable",
        })
    }
}

/// Every FLAC-filtered dataset and flacarray group of the file at `path`, and every object
/// that could not be read (kind [`Kind::Unreadable`]; the rest of the file is still listed).
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
            let q = s.user.quantization();
            let sep = if *q == Quantization::None { "" } else { ", " };
            format!("level {}{sep}{q}", s.user.level())
        }
        Err(e) => format!("unreadable parameters ({e})"),
    }
}

/// An entry for an object that could not be read.
fn unreadable(path: &str, why: String) -> Entry {
    Entry {
        path: if path.is_empty() {
            "/".into()
        } else {
            path.into()
        },
        kind: Kind::Unreadable,
        dtype: "-".into(),
        shape: Vec::new(),
        chunk: None,
        params: why,
        stored: 0,
        raw: 0,
    }
}

/// `seen`: addresses of the objects already listed (a second hard link is not listed again).
fn visit(
    group: &Group,
    path: &str,
    out: &mut Vec<Entry>,
    seen: &mut std::collections::HashSet<u64>,
) -> Result<()> {
    match flacarray::hdf5::group_summary(group) {
        Ok(Some(sum)) => {
            let raw = sum.shape.iter().product::<usize>() as u64 * sum.dtype.size() as u64;
            out.push(Entry {
                path: if path.is_empty() {
                    "/".into()
                } else {
                    path.into()
                },
                kind: Kind::FlacarrayGroup,
                dtype: sum.dtype.name().into(),
                shape: sum.shape,
                chunk: None,
                params: format!("format {}", sum.format),
                stored: sum.compressed_bytes,
                raw,
            })
        }
        Ok(None) => {}
        Err(e) => out.push(unreadable(path, format!("a damaged flacarray group ({e})"))),
    }
    let names = group
        .member_names()
        .map_err(|e| format!("cannot list {path}/: {e}"))?;
    for name in names {
        let full = format!("{path}/{name}");
        if let Err(e) = member(group, &name, &full, out, seen) {
            out.push(unreadable(&full, e));
        }
    }
    Ok(())
}

/// List the link `name` of `group` (at path `full`).
fn member(
    group: &Group,
    name: &str,
    full: &str,
    out: &mut Vec<Entry>,
    seen: &mut std::collections::HashSet<u64>,
) -> Result<()> {
    match h5raw::link(group.id(), name)? {
        Link::Group(addr) if seen.insert(addr) => {
            let g = group.group(name).map_err(|e| e.to_string())?;
            visit(&g, full, out, seen)?;
        }
        Link::Dataset(addr) => {
            if !seen.insert(addr) {
                return Ok(());
            }
            let ds = group.dataset(name).map_err(|e| e.to_string())?;
            let Some(cd) = h5raw::filter_cd_values(ds.id(), FILTER_ID) else {
                return Ok(());
            };
            let dtype = ds.dtype().map_err(|e| e.to_string())?;
            let shape = ds.shape();
            out.push(Entry {
                path: full.to_string(),
                kind: Kind::FlacDataset,
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
    Ok(())
}
