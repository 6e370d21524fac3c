//! A group's metadata and `compressed` bytes held in memory, as a store reads them: the group
//! format's checks ([`GroupInfo::new`]) and reads (whole, kept streams, sample windows, as a
//! [`FlacArray`]) without any store. The `group_read` fuzz target drives the format through
//! it, thousands of inputs a second, where a store would cost a file per input. Not part of
//! the API.

use std::ops::Range;

use ndarray::{ArrayD, ArrayViewD};

use crate::array::dtype::Element;
use crate::array::{FlacArray, ReadOptions};
use crate::error::{Error, Result};
use crate::group::{read_with_indices, to_flacarray, ByteSource, GroupInfo, Meta};

/// A group's values as a store would read them, before any check, and its `compressed`
/// bytes (`meta.compressed_len` is taken from them).
#[derive(Debug, Clone, PartialEq)]
pub struct MemoryGroup {
    /// The attributes and per-stream datasets.
    pub meta: Meta,
    /// `compressed`.
    pub compressed: Vec<u8>,
}

/// Byte ranges of `compressed` in memory; a range past its end is an error, as a store's.
struct Bytes<'a>(&'a [u8]);

impl ByteSource for Bytes<'_> {
    fn read_merged(&self, ranges: &[Range<u64>], total: u64) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        out.try_reserve_exact(total.min(self.0.len() as u64) as usize)
            .map_err(|_| Error::InvalidParameter(format!("cannot allocate {total} bytes")))?;
        for r in ranges {
            let part = usize::try_from(r.start)
                .ok()
                .zip(usize::try_from(r.end).ok())
                .and_then(|(a, b)| self.0.get(a..b))
                .ok_or_else(|| {
                    Error::Group(format!(
                        "bytes {}..{} lie past the end of `compressed` ({} bytes)",
                        r.start,
                        r.end,
                        self.0.len()
                    ))
                })?;
            out.extend_from_slice(part);
        }
        Ok(out)
    }
}

impl MemoryGroup {
    /// The values of a FlacArray (not distributed), as its group holds them.
    pub fn of(fa: &FlacArray) -> MemoryGroup {
        let floats = |v: Option<&ArrayD<f64>>| v.map(|v| (v.iter().copied().collect(), 8));
        MemoryGroup {
            meta: Meta {
                version: 1,
                channels: Some(fa.dtype().channels() as i64),
                lead: fa.leading_shape().to_vec(),
                stream_size: Some(fa.stream_size() as i64),
                starts: fa.stream_starts().iter().copied().collect(),
                nbytes: fa.stream_nbytes().iter().copied().collect(),
                offsets: floats(fa.stream_offsets()),
                gains: floats(fa.stream_gains()),
                int_offsets: None,
                shape: Some(fa.shape().iter().map(|&d| d as i64).collect()),
                compressed_len: fa.compressed().len() as u64,
            },
            compressed: fa.compressed().to_vec(),
        }
    }

    fn info(&self) -> Result<GroupInfo<Bytes<'_>>> {
        let meta = Meta {
            compressed_len: self.compressed.len() as u64,
            ..self.meta.clone()
        };
        GroupInfo::new(meta, Bytes(&self.compressed))
    }

    /// What `read_array` returns for a group holding these values.
    pub fn read<T: Element>(&self, opts: &ReadOptions<'_>) -> Result<ArrayD<T>> {
        Ok(read_with_indices(&self.info()?, opts)?.0)
    }

    /// What `FlacArray::read_hdf5` returns for a group holding these values.
    pub fn to_flacarray(&self, keep: Option<ArrayViewD<'_, bool>>) -> Result<FlacArray> {
        to_flacarray(&self.info()?, keep, "read_array")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CompressOptions;

    fn group() -> MemoryGroup {
        let x = ndarray::ArrayD::from_shape_fn(ndarray::IxDyn(&[2, 3000]), |ix| {
            (ix[1] as i32 % 50) - 25 + ix[0] as i32
        });
        MemoryGroup::of(&FlacArray::from_array(x.view(), &CompressOptions::default()).unwrap())
    }

    #[test]
    fn reads_as_a_store_would() {
        let g = group();
        let x: ArrayD<i32> = g.read(&ReadOptions::default()).unwrap();
        assert_eq!(x.shape(), &[2, 3000]);
        assert_eq!(x[[1, 2999]], (2999 % 50) - 25 + 1);
        let fa = g.to_flacarray(None).unwrap();
        assert_eq!(fa.to_array::<i32>(&ReadOptions::default()).unwrap(), x);
    }

    /// A group may not declare more samples than its bytes can hold: a `stream_size` of 2^40
    /// over streams of a few hundred bytes would otherwise size an 8 TiB output.
    #[test]
    fn more_samples_than_the_bytes_can_hold_are_refused() {
        let mut g = group();
        let least = crate::group::min_stream_bytes(1 << 40, 1);
        g.meta.stream_size = Some(1 << 40);
        g.meta.shape = None;
        let e = g
            .read::<i32>(&ReadOptions::default())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("cannot hold") && e.contains(&least.to_string()),
            "{e}"
        );
        // The bound is FLAC's: frames of 65535 samples, 9 bytes at least each (one channel).
        assert_eq!(crate::group::min_stream_bytes(65535, 1), 42 + 9);
        assert_eq!(crate::group::min_stream_bytes(65536, 2), 42 + 2 * 10);
    }
}
