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
use crate::chunk::decode_chunk;
use crate::error::{Error, Result};

/// What [`verify`] found in one dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    /// Chunks the dataset's current shape spans.
    pub chunks: u64,
    /// Offsets (first element of each axis) of the chunks never written, in index order.
    pub missing: Vec<Vec<u64>>,
    /// Offsets of the chunks that do not decode, with the reason.
    pub damaged: Vec<(Vec<u64>, String)>,
}

impl Verified {
    /// Every chunk is present and decodes.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty() && self.damaged.is_empty()
    }
}

/// Check every chunk of a dataset compressed with the FLAC filter (as its only filter):
/// list the chunks never written and decode all the others.
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
    let stored = match filters.as_slice() {
        [Filter::User(id, cd)] if *id == FILTER_ID => Stored::parse(cd)
            .map_err(|e| Error::Hdf5(format!("{}: damaged filter parameters: {e}", ds.name())))?,
        _ => {
            return Err(Error::InvalidParameter(format!(
                "{}: not compressed with the FLAC filter alone (filters {filters:?})",
                ds.name()
            )))
        }
    };
    let chunk = ds.chunk().unwrap_or_default();
    let shape = ds.shape();
    let chunks = chunk_counts(&shape, &chunk).iter().product::<u64>();
    let raw_len = stored
        .layout
        .raw_len()
        .ok_or_else(|| Error::Hdf5(format!("{}: the stored chunk size overflows", ds.name())))?;
    let present = ds.num_chunks().unwrap_or(0);
    let mut written = std::collections::HashSet::with_capacity(present);
    let mut damaged = Vec::new();
    let mut out = crate::alloc::zeroed_vec::<u8>(raw_len)?;
    for i in 0..present {
        let info = ds
            .chunk_info(i)
            .ok_or_else(|| Error::Hdf5(format!("{}: no information on chunk {i}", ds.name())))?;
        if info.filter_mask & 1 == 0 {
            if let Err(e) = read_chunk(ds, &info.offset, info.size)
                .and_then(|bytes| decode_chunk(&bytes, &stored.layout, &mut out))
            {
                damaged.push((info.offset.clone(), e.to_string()));
            }
        }
        written.insert(info.offset);
    }
    let missing = chunk_offsets(&shape, &chunk)
        .filter(|o| !written.contains(o))
        .collect();
    Ok(Verified {
        chunks,
        missing,
        damaged,
    })
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

/// The stored (compressed) bytes of the chunk at `offset`.
fn read_chunk(ds: &Dataset, offset: &[u64], size: u64) -> Result<Vec<u8>> {
    let mut bytes = crate::alloc::zeroed_vec::<u8>(size as usize)?;
    let mut mask = 0u32;
    // SAFETY: a valid dataset id; `offset` has one value per dimension and `bytes` holds the
    // chunk's stored size, as H5Dget_chunk_info reported it.
    let st = hdf5_metno::sync::sync(|| unsafe {
        hdf5_sys::h5d::H5Dread_chunk(
            ds.id(),
            hdf5_sys::h5p::H5P_DEFAULT,
            offset.as_ptr(),
            &mut mask,
            bytes.as_mut_ptr().cast(),
        )
    });
    if st < 0 {
        return Err(Error::Hdf5(format!(
            "{}: cannot read the chunk at {offset:?}",
            ds.name()
        )));
    }
    Ok(bytes)
}
