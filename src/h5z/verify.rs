//! Checking a FLAC-filtered dataset chunk by chunk: which chunks were never written and which
//! do not decode.
//!
//! HDF5 keeps no mark of whether a dataset was written completely: a chunk that no
//! `H5Dwrite` reached (say, the writer was killed midway) reads as the fill value, and the
//! filter is never asked about it. [`verify`] finds such chunks, and decodes every chunk
//! that is present, so that a file can be checked before it is trusted.

use hdf5_metno::filters::Filter;
use hdf5_metno::Dataset;

use super::{Stored, FILTER_ID};
use crate::chunk::{decode_chunk, ChunkLayout};
use crate::error::{Error, Result};
use crate::h5raw;
use crate::h5z::chunk_io::{checked_params, pipeline};

/// What [`verify`] found in one dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    /// Chunks the dataset's current shape spans.
    pub chunks: u64,
    /// Offsets (first element of each axis) of the chunks never written, in index order.
    pub missing: Vec<Vec<u64>>,
    /// Offsets of the chunks that do not decode, with the reason.
    pub damaged: Vec<(Vec<u64>, String)>,
    /// Chunks HDF5 stored without applying FLAC (an optional FLAC filter it could not apply,
    /// as on a dataset of strings): read as they are, nothing to decode.
    pub unfiltered: u64,
}

impl Verified {
    /// Every chunk is present and decodes.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty() && self.damaged.is_empty()
    }
}

/// Check every chunk of a dataset compressed with the FLAC filter: list the chunks never
/// written and decode all the others. Where FLAC is the only filter, the stored chunks are
/// decoded directly (with the filter's own messages); where byte filters follow it (gzip,
/// fletcher32, ...), each chunk is read through HDF5's whole pipeline.
///
/// ```no_run
/// let file = hdf5_metno::File::open("tod.h5").unwrap();
/// let report = flacarray::h5z::verify(&file.dataset("tod").unwrap())?;
/// if !report.is_complete() {
///     eprintln!("{} of {} chunks never written", report.missing.len(), report.chunks);
/// }
/// # Ok::<(), flacarray::Error>(())
/// ```
pub fn verify(ds: &Dataset) -> Result<Verified> {
    let h5 = |e: hdf5_metno::Error| Error::Hdf5(format!("verifying {}: {e}", ds.name()));
    let filters = ds.dcpl().map_err(h5)?.filters();
    let pos = filters
        .iter()
        .position(|f| matches!(f, Filter::User(id, _) if *id == FILTER_ID))
        .ok_or_else(|| {
            Error::InvalidParameter(format!(
                "{}: not compressed with the FLAC filter (filters {filters:?})",
                ds.name()
            ))
        })?;
    let Filter::User(_, cd) = &filters[pos] else {
        unreachable!("matched above")
    };
    // Where set_local never ran (an optional filter HDF5 could not apply), there are no
    // stored parameters; then every chunk must have been stored without FLAC.
    // Stored parameters that do not describe the dataset's chunks: an error (`checked_params`).
    let stored = match checked_params(ds)? {
        Some(stored) => Ok(stored),
        None => Stored::parse(cd).map_err(|e| format!("damaged filter parameters: {e}")),
    };
    let alone = filters.len() == 1;
    let chunk = ds.chunk().unwrap_or_default();
    let shape = ds.shape();
    let chunks = chunk_counts(&shape, &chunk).iter().product::<u64>();
    let present = ds.num_chunks().unwrap_or(0);
    let mut written = std::collections::HashSet::with_capacity(present);
    let mut damaged = Vec::new();
    let mut unfiltered = 0;
    let mut to_check = Vec::with_capacity(present);
    for i in 0..present {
        let info = ds
            .chunk_info(i)
            .ok_or_else(|| Error::Hdf5(format!("{}: no information on chunk {i}", ds.name())))?;
        written.insert(info.offset.clone());
        if info.filter_mask & (1 << pos) != 0 {
            unfiltered += 1;
        } else {
            to_check.push(info);
        }
    }
    // Each chunk read on this thread (HDF5 calls stay off the pool, see `pipeline`) and
    // decoded on the filter's threads; a chunk with byte filters after FLAC is read through
    // HDF5's whole pipeline here.
    let decodable = match &stored {
        Ok(stored) if alone => Some(
            stored
                .layout
                .raw_len()
                .map(|n| (&stored.layout, n))
                .ok_or_else(|| {
                    Error::Hdf5(format!("{}: the stored chunk size overflows", ds.name()))
                })?,
        ),
        _ => None,
    };
    let load = |info: &hdf5_metno::dataset::ChunkInfo| -> Result<Checked<'_>> {
        Ok(match (&stored, decodable) {
            (Err(e), _) => Checked::Found(Some(e.clone())),
            (Ok(_), Some((layout, raw_len))) => {
                match h5raw::read_chunk(ds, &info.offset, info.size) {
                    Ok(bytes) => Checked::Coded(bytes, layout, raw_len),
                    Err(e) => Checked::Found(Some(e.to_string())),
                }
            }
            (Ok(_), None) => Checked::Found(
                read_through_pipeline(ds, &info.offset, &chunk, &shape)
                    .err()
                    .map(|e| e.to_string()),
            ),
        })
    };
    let check = |checked: Checked<'_>| -> Result<Option<String>> {
        match checked {
            Checked::Found(found) => Ok(found),
            Checked::Coded(bytes, layout, raw_len) => {
                let mut out = crate::alloc::zeroed_vec::<u8>(raw_len)?;
                Ok(decode_chunk(&bytes, layout, &mut out)
                    .err()
                    .map(|e| e.to_string()))
            }
        }
    };
    pipeline(&to_check, load, check, |i, found| {
        if let Some(reason) = found? {
            damaged.push((to_check[i].offset.clone(), reason));
        }
        Ok(())
    })?;
    damaged.sort();
    let missing = chunk_offsets(&shape, &chunk)
        .filter(|o| !written.contains(o))
        .collect();
    Ok(Verified {
        chunks,
        missing,
        damaged,
        unfiltered,
    })
}

/// A chunk as read for checking: its stored bytes to decode (with the layout and the size
/// they decode to), or what reading it found already (`None`: nothing wrong).
enum Checked<'a> {
    Coded(Vec<u8>, &'a ChunkLayout, usize),
    Found(Option<String>),
}

/// Read the chunk at `offset` through HDF5 (every filter of the pipeline), as a reader would.
fn read_through_pipeline(
    ds: &Dataset,
    offset: &[u64],
    chunk: &[usize],
    shape: &[usize],
) -> Result<()> {
    let count: Vec<u64> = offset
        .iter()
        .zip(chunk.iter().zip(shape))
        .map(|(&o, (&c, &n))| (c as u64).min(n as u64 - o))
        .collect();
    h5raw::read_native(ds, offset, &count).map(|_| ())
}

/// Chunks along each axis of `shape`.
fn chunk_counts(shape: &[usize], chunk: &[usize]) -> Vec<u64> {
    shape
        .iter()
        .zip(chunk)
        .map(|(&n, &c)| n.div_ceil(c.max(1)) as u64)
        .collect()
}

/// The offsets of every chunk of `shape`, the last axis fastest.
fn chunk_offsets<'a>(
    shape: &'a [usize],
    chunk: &'a [usize],
) -> impl Iterator<Item = Vec<u64>> + 'a {
    let counts = chunk_counts(shape, chunk);
    let total: u64 = counts.iter().product();
    (0..total).map(move |mut k| {
        let mut off = vec![0u64; counts.len()];
        for d in (0..counts.len()).rev() {
            off[d] = (k % counts[d]) * chunk[d] as u64;
            k /= counts[d];
        }
        off
    })
}
