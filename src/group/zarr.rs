//! Zarr direct I/O in the group format of Python flacarray (feature `zarr`): [`write_array`],
//! [`read_array`], [`FlacArray::write_zarr`] and [`FlacArray::read_zarr`], on the `zarrs`
//! crate.
//!
//! The group is the HDF5 one in a Zarr store (spec §9): the same array names and attributes,
//! checked and read by the same code ([`crate::group`]). Writes are what zarr-python 3 writes
//! by default: a Zarr v3 group, arrays with the `bytes` and `zstd` (level 0, no checksum)
//! codecs, fill value 0, and zarr-python's automatic chunk shapes; plus the `flacarray_shape`
//! attribute that Python ignores (it fixes Python's bug B9 for `(1, N)` arrays). Reads accept
//! v3 groups and the v2 groups zarr-python 2 writes (Blosc), formats "1" and "0".
//!
//! ```no_run
//! use flacarray::zarr::{self, ZarrGroup};
//! use flacarray::CompressOptions;
//! let root = ZarrGroup::create_dir("tod.zarr")?;
//! let group = root.child("detectors")?;
//! let data = ndarray::ArrayD::<f64>::zeros(vec![4, 10_000]);
//! zarr::write_array(data.view(), &group, &CompressOptions::default().quanta(1e-6))?;
//! let back: ndarray::ArrayD<f64> = zarr::read_array(&group, &Default::default())?;
//! # Ok::<(), flacarray::Error>(())
//! ```

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, Mutex};

use ndarray::{ArrayD, ArrayViewD};
use serde_json::{json, Map, Value};
use zarrs::array::codec::ZstdCodec;
use zarrs::array::{Array, ArrayBuilder, DataType};
use zarrs::array_subset::ArraySubset;
use zarrs::group::{Group, GroupBuilder};
use zarrs::storage::{ReadableWritableListableStorage, StoreKey};

use crate::array::compress::CompressOptions;
use crate::array::dtype::{DType, Element};
use crate::array::FlacArray;
use crate::error::{Error, Result};
use crate::group::{
    no_group, to_flacarray, ByteSource, FloatValues, GroupInfo, Meta, ALL_DATASETS, ATTR_CHANNELS,
    ATTR_SHAPE, ATTR_SOFTWARE, ATTR_STREAM_SIZE, ATTR_VERSION, DS_BYTES, DS_COMPRESSED, DS_GAINS,
    DS_OFFSETS, DS_STARTS, FORMAT_VERSION, SOFTWARE,
};
pub use crate::group::{GroupSummary, ReadOptions};

fn zerr(what: impl std::fmt::Display) -> Error {
    Error::Zarr(what.to_string())
}

/// A group in a Zarr store: the store and the group's path in it (`/` for the root).
#[derive(Clone)]
pub struct ZarrGroup {
    store: ReadableWritableListableStorage,
    path: String,
}

impl std::fmt::Debug for ZarrGroup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ZarrGroup({:?})", self.path)
    }
}

impl ZarrGroup {
    /// The group at `path` (such as `/` or `/obs/tod`) of any `zarrs` store.
    pub fn new(store: ReadableWritableListableStorage, path: &str) -> Result<ZarrGroup> {
        zarrs::node::NodePath::new(path).map_err(|e| {
            zerr(format!(
                "{path:?} is not a group path such as \"/obs\": {e}"
            ))
        })?;
        Ok(ZarrGroup {
            store,
            path: path.to_string(),
        })
    }

    /// The root group of the directory store at `dir`, which must exist (use
    /// [`ZarrGroup::create_dir`] to make one).
    pub fn open_dir(dir: impl AsRef<Path>) -> Result<ZarrGroup> {
        let dir = dir.as_ref();
        if !dir.is_dir() {
            return Err(zerr(format!(
                "{}: no such Zarr directory store",
                dir.display()
            )));
        }
        let store = zarrs::filesystem::FilesystemStore::new(dir)
            .map_err(|e| zerr(format!("{}: {e}", dir.display())))?;
        ZarrGroup::new(Arc::new(store), "/")
    }

    /// Create the directory store `dir` (and its parents) if missing, with a v3 root group
    /// if it has none, and return the root group (as `zarr.open_group(dir, mode="a")`).
    pub fn create_dir(dir: impl AsRef<Path>) -> Result<ZarrGroup> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|e| zerr(format!("{}: {e}", dir.display())))?;
        let root = ZarrGroup::open_dir(dir)?;
        if !root.exists()? {
            root.store_group(Map::new())?;
        }
        Ok(root)
    }

    /// The child group `name` of this group (created as a v3 group, without attributes, when
    /// writing if it does not exist).
    pub fn child(&self, name: &str) -> Result<ZarrGroup> {
        if name.is_empty() || name.contains('/') {
            return Err(zerr(format!(
                "group name {name:?}: give one name, without `/`"
            )));
        }
        ZarrGroup::new(self.store.clone(), &self.node(name))
    }

    /// This group's path in the store.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The path of the node `name` in this group.
    fn node(&self, name: &str) -> String {
        format!("{}/{name}", self.path.trim_end_matches('/'))
    }

    /// Whether the store holds any of the metadata documents `names` at node `path`.
    fn has_metadata(&self, path: &str, names: &[&str]) -> Result<bool> {
        let prefix = path.trim_matches('/');
        for name in names {
            let key = if prefix.is_empty() {
                name.to_string()
            } else {
                format!("{prefix}/{name}")
            };
            let key = StoreKey::new(key).map_err(zerr)?;
            if self.store.get(&key).map_err(zerr)?.is_some() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Whether the store holds metadata for this group (Zarr v3 or v2).
    fn exists(&self) -> Result<bool> {
        self.has_metadata(&self.path, &["zarr.json", ".zgroup"])
    }

    /// The group's attributes (empty if the group does not exist).
    fn attributes(&self) -> Result<Map<String, Value>> {
        if !self.exists()? {
            return Ok(Map::new());
        }
        let g = Group::open(self.store.clone(), &self.path)
            .map_err(|e| zerr(format!("cannot open group {}: {e}", self.path)))?;
        Ok(g.attributes().clone())
    }

    /// Write this group's metadata (v3) with `attributes`.
    fn store_group(&self, attributes: Map<String, Value>) -> Result<()> {
        let mut g = GroupBuilder::new()
            .build(self.store.clone(), &self.path)
            .map_err(zerr)?;
        *g.attributes_mut() = attributes;
        g.store_metadata()
            .map_err(|e| zerr(format!("cannot write group {}: {e}", self.path)))
    }

    /// Whether the group has a child array or group `name` (Zarr v3 or v2).
    fn has_node(&self, name: &str) -> Result<bool> {
        self.has_metadata(&self.node(name), &["zarr.json", ".zarray", ".zgroup"])
    }

    fn open_array(&self, name: &str) -> Result<ZArray> {
        if !self.has_node(name)? {
            return Err(Error::Group(format!(
                "the flacarray group has no `{name}` array"
            )));
        }
        Array::open(self.store.clone(), &self.node(name))
            .map_err(|e| zerr(format!("cannot open `{name}`: {e}")))
    }
}

type ZArray = Array<dyn zarrs::storage::ReadableWritableListableStorageTraits>;

/// An attribute holding a small integer, as a JSON string ("1") or number (format 0).
fn int_attr(attrs: &Map<String, Value>, name: &str) -> Result<Option<i64>> {
    let bad = |v: &Value| Error::Group(format!("attribute {name} = {v} is not an integer"));
    match attrs.get(name) {
        None => Ok(None),
        Some(v @ Value::Number(n)) => n.as_i64().map(Some).ok_or_else(|| bad(v)),
        Some(v @ Value::String(s)) => s.trim().parse().map(Some).map_err(|_| bad(v)),
        Some(v) => Err(bad(v)),
    }
}

/// All elements of a 1-D or N-D array, read as `T`.
fn read_all<T: zarrs::array::ElementOwned>(a: &ZArray, name: &str) -> Result<Vec<T>> {
    a.retrieve_array_subset_elements::<T>(&a.subset_all())
        .map_err(|e| zerr(format!("cannot read `{name}`: {e}")))
}

fn shape_of(a: &ZArray) -> Vec<usize> {
    a.shape().iter().map(|&n| n as usize).collect()
}

/// A per-stream array, read as i64, checked against `lead`.
fn per_stream_i64(group: &ZarrGroup, name: &str, lead: &[usize]) -> Result<Vec<i64>> {
    let a = group.open_array(name)?;
    check_lead(&a, name, lead)?;
    match a.data_type() {
        DataType::Int64 => read_all::<i64>(&a, name),
        DataType::Int32 => Ok(read_all::<i32>(&a, name)?
            .into_iter()
            .map(i64::from)
            .collect()),
        other => Err(Error::Group(format!(
            "`{name}` has type {other}, expected int64"
        ))),
    }
}

fn check_lead(a: &ZArray, name: &str, lead: &[usize]) -> Result<()> {
    if shape_of(a) != lead {
        return Err(Error::Shape(format!(
            "`{name}` has shape {:?}, but `{DS_STARTS}` has {lead:?}",
            shape_of(a)
        )));
    }
    Ok(())
}

/// `stream_offsets` or `stream_gains`: floats (with their size), or integer offsets (format
/// 0 int64), or absent.
enum PerStream {
    Absent,
    Float(FloatValues),
    Int(Vec<i64>),
}

fn per_stream_any(group: &ZarrGroup, name: &str, lead: &[usize]) -> Result<PerStream> {
    if !group.has_node(name)? {
        return Ok(PerStream::Absent);
    }
    let a = group.open_array(name)?;
    check_lead(&a, name, lead)?;
    Ok(match a.data_type() {
        DataType::Float32 => PerStream::Float((
            read_all::<f32>(&a, name)?
                .into_iter()
                .map(f64::from)
                .collect(),
            4,
        )),
        DataType::Float64 => PerStream::Float((read_all::<f64>(&a, name)?, 8)),
        DataType::Int64 => PerStream::Int(read_all::<i64>(&a, name)?),
        other => {
            return Err(Error::Group(format!(
                "`{name}` has an unexpected type {other}"
            )))
        }
    })
}

/// The `compressed` array. Its chunks are decoded once per read and kept for the read's
/// later requests (a stream slice asks for the streams' headers, then for windows in them).
struct Source {
    array: ZArray,
    /// Bytes per chunk (the last one may be shorter).
    chunk: u64,
    cache: Mutex<HashMap<u64, Arc<Vec<u8>>>>,
}

impl Source {
    fn new(array: ZArray) -> Result<Source> {
        let chunk = array
            .chunk_shape(&[0])
            .map_err(zerr)?
            .first()
            .map_or(1, |c| c.get());
        Ok(Source {
            array,
            chunk,
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// Decode the chunks `run` (consecutive, none cached) in one request, which zarrs
    /// decodes chunk-parallel, and cache them.
    fn load(&self, run: Range<u64>, cache: &mut HashMap<u64, Arc<Vec<u8>>>) -> Result<()> {
        let len = self.array.shape()[0];
        let (b0, b1) = (run.start * self.chunk, (run.end * self.chunk).min(len));
        let data = self
            .array
            .retrieve_array_subset_elements::<u8>(&ArraySubset::new_with_ranges(
                std::slice::from_ref(&(b0..b1)),
            ))
            .map_err(|e| zerr(format!("reading `{DS_COMPRESSED}`: {e}")))?;
        for (k, piece) in run.zip(data.chunks(self.chunk as usize)) {
            cache.insert(k, Arc::new(piece.to_vec()));
        }
        Ok(())
    }
}

impl ByteSource for Source {
    fn read_merged(&self, ranges: &[Range<u64>], total: u64) -> Result<Vec<u8>> {
        let c = self.chunk;
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        // The chunks the ranges touch that are not decoded yet, as runs of consecutive ones.
        let mut runs: Vec<Range<u64>> = Vec::new();
        for r in ranges {
            for k in r.start / c..(r.end - 1) / c + 1 {
                if cache.contains_key(&k) {
                    continue;
                }
                match runs.last_mut() {
                    Some(last) if last.end == k => last.end = k + 1,
                    Some(last) if last.end > k => {}
                    _ => runs.push(k..k + 1),
                }
            }
        }
        for run in runs {
            self.load(run, &mut cache)?;
        }
        let mut out = crate::alloc::zeroed_vec::<u8>(total as usize)?;
        let mut at = 0usize;
        for r in ranges {
            let mut pos = r.start;
            while pos < r.end {
                let k = pos / c;
                let chunk = &cache[&k];
                let from = (pos - k * c) as usize;
                let n = ((r.end - pos) as usize).min(chunk.len() - from);
                out[at..at + n].copy_from_slice(&chunk[from..from + n]);
                at += n;
                pos += n as u64;
            }
        }
        Ok(out)
    }
}

/// The group's info, its `compressed` bytes read from the Zarr array.
type Info = GroupInfo<Source>;

fn read_info(group: &ZarrGroup) -> Result<Info> {
    let attrs = group.attributes()?;
    let version = int_attr(&attrs, ATTR_VERSION)?.ok_or_else(no_group)?;
    let channels = int_attr(&attrs, ATTR_CHANNELS)?;
    let starts = group.open_array(DS_STARTS)?;
    let lead = shape_of(&starts);
    let stream_size = int_attr(starts.attributes(), ATTR_STREAM_SIZE)?;
    let (offsets, int_offsets) = match per_stream_any(group, DS_OFFSETS, &lead)? {
        PerStream::Absent => (None, None),
        PerStream::Float(f) => (Some(f), None),
        PerStream::Int(i) => (None, Some(i)),
    };
    let gains = match per_stream_any(group, DS_GAINS, &lead)? {
        PerStream::Absent => None,
        PerStream::Float(f) => Some(f),
        PerStream::Int(_) => {
            return Err(Error::Group(format!(
                "`{DS_GAINS}` holds integers, expected floats"
            )))
        }
    };
    let compressed = group.open_array(DS_COMPRESSED)?;
    if compressed.shape().len() != 1 || *compressed.data_type() != DataType::UInt8 {
        return Err(Error::Shape(format!("`{DS_COMPRESSED}` must be 1-D uint8")));
    }
    let shape =
        match attrs.get(ATTR_SHAPE) {
            None => None,
            Some(v) => Some(serde_json::from_value::<Vec<i64>>(v.clone()).map_err(|_| {
                Error::Group(format!("attribute {ATTR_SHAPE} = {v} is not a shape"))
            })?),
        };
    let meta = Meta {
        version,
        channels,
        starts: per_stream_i64(group, DS_STARTS, &lead)?,
        nbytes: per_stream_i64(group, DS_BYTES, &lead)?,
        lead,
        stream_size,
        offsets,
        gains,
        int_offsets,
        shape,
        compressed_len: compressed.shape()[0],
    };
    GroupInfo::new(meta, Source::new(compressed)?)
}

/// The summary of the flacarray data in `group`; `None` if the group holds none (no
/// `flacarray_format_version` attribute), an error if it is damaged.
pub fn group_summary(group: &ZarrGroup) -> Result<Option<GroupSummary>> {
    let Some(format) = int_attr(&group.attributes()?, ATTR_VERSION)? else {
        return Ok(None);
    };
    Ok(Some(read_info(group)?.summary(format)))
}

/// Compress an array and write it to `group` (Python's `flacarray.zarr.write_array`).
pub fn write_array<T: Element>(
    arr: ArrayViewD<'_, T>,
    group: &ZarrGroup,
    opts: &CompressOptions,
) -> Result<()> {
    FlacArray::from_array(arr, opts)?.write_zarr(group)
}

/// Read (part of) the array stored in `group` (Python's `flacarray.zarr.read_array`).
/// `T` must be the stored type.
pub fn read_array<T: Element>(group: &ZarrGroup, opts: &ReadOptions<'_>) -> Result<ArrayD<T>> {
    Ok(read_array_with_indices(group, opts)?.0)
}

/// [`read_array`] that also returns the leading index of each kept stream (Python's
/// `keep_indices=True`); the list is empty without `keep`.
pub fn read_array_with_indices<T: Element>(
    group: &ZarrGroup,
    opts: &ReadOptions<'_>,
) -> Result<(ArrayD<T>, Vec<Vec<usize>>)> {
    crate::group::read_with_indices(&read_info(group)?, opts)
}

/// zarr-python's automatic chunk shape for an array of `shape` with `typesize`-byte elements
/// (its `_guess_chunks`: halve the axes in turn until the chunk is near a target size that
/// grows with the array, between 128 KiB and 64 MiB).
fn guess_chunks(shape: &[u64], typesize: u64) -> Vec<u64> {
    const INCREMENT: f64 = 256.0 * 1024.0;
    const MIN: f64 = 128.0 * 1024.0;
    const MAX: f64 = 64.0 * 1024.0 * 1024.0;
    let mut chunks: Vec<f64> = shape.iter().map(|&n| (n as f64).max(1.0)).collect();
    let size = chunks.iter().product::<f64>() * typesize as f64;
    let target = (INCREMENT * 2f64.powf((size / (1024.0 * 1024.0)).log10())).clamp(MIN, MAX);
    let mut idx = 0;
    loop {
        let bytes = chunks.iter().product::<f64>() * typesize as f64;
        if (bytes < target || (bytes - target).abs() / target < 0.5) && bytes < MAX {
            break;
        }
        if chunks.iter().product::<f64>() == 1.0 {
            break;
        }
        let d = idx % chunks.len();
        chunks[d] = (chunks[d] / 2.0).ceil();
        idx += 1;
    }
    chunks.into_iter().map(|c| c as u64).collect()
}

/// Create array `name` of `group` as zarr-python 3 does by default, and write `values`.
fn store_array<T: zarrs::array::Element>(
    group: &ZarrGroup,
    name: &str,
    shape: &[usize],
    data_type: DataType,
    fill: impl Into<zarrs::array::FillValue>,
    attributes: Map<String, Value>,
    values: &[T],
) -> Result<()> {
    let shape: Vec<u64> = shape.iter().map(|&n| n as u64).collect();
    let size = data_type.fixed_size().unwrap_or(1) as u64;
    let chunks = guess_chunks(&shape, size);
    let zstd: ZstdCodec = serde_json::from_value(json!({"level": 0, "checksum": false}))
        .map(|c| ZstdCodec::new_with_configuration(&c))
        .map_err(zerr)?
        .map_err(zerr)?;
    let fail = |e: &dyn std::fmt::Display| zerr(format!("writing `{name}`: {e}"));
    let array = ArrayBuilder::new(shape, chunks, data_type, fill.into())
        .bytes_to_bytes_codecs(vec![Arc::new(zstd)])
        .attributes(attributes)
        .build(group.store.clone(), &group.node(name))
        .map_err(|e| fail(&e))?;
    // Without zarrs' own `_zarrs` attribute: the metadata zarr-python writes.
    let meta = zarrs::array::ArrayMetadataOptions::default().with_include_zarrs_metadata(false);
    array.store_metadata_opt(&meta).map_err(|e| fail(&e))?;
    array
        .store_array_subset_elements(&array.subset_all(), values)
        .map_err(|e| fail(&e))
}

impl FlacArray {
    /// Write to `group` in Python flacarray's format "1", as zarr-python 3 writes it (the
    /// group must not already hold one). The arrays are written first and the group's
    /// attributes last, so a writer stopped midway leaves a group without the format
    /// attribute, which readers report as holding no flacarray data.
    pub fn write_zarr(&self, group: &ZarrGroup) -> Result<()> {
        if self.mpi_size() > 1 {
            return Err(Error::Mpi(
                "this FlacArray is distributed over MPI ranks: write it with write_zarr_mpi".into(),
            ));
        }
        let mut attrs = group.attributes()?;
        let mut taken = attrs.contains_key(ATTR_VERSION);
        for name in ALL_DATASETS {
            taken |= group.has_node(name)?;
        }
        if taken {
            return Err(zerr(
                "the target group already holds a FlacArray (or arrays of its names); write to a new group",
            ));
        }
        if !group.exists()? {
            group.store_group(attrs.clone())?;
        }
        let lead = self.leading_shape();
        let mut starts_attrs = Map::new();
        starts_attrs.insert(ATTR_STREAM_SIZE.into(), json!(self.stream_size()));
        let slice = |a: &ArrayD<i64>| a.as_slice().expect("standard layout").to_vec();
        let result = (|| {
            store_array(
                group,
                DS_STARTS,
                lead,
                DataType::Int64,
                0i64,
                starts_attrs,
                &slice(self.stream_starts()),
            )?;
            store_array(
                group,
                DS_BYTES,
                lead,
                DataType::Int64,
                0i64,
                Map::new(),
                &slice(self.stream_nbytes()),
            )?;
            for (name, values) in [
                (DS_OFFSETS, self.stream_offsets()),
                (DS_GAINS, self.stream_gains()),
            ] {
                let Some(v) = values else { continue };
                let v = v.as_slice().expect("standard layout");
                if self.dtype() == DType::Float32 {
                    let narrow: Vec<f32> = v.iter().map(|&x| x as f32).collect();
                    store_array(
                        group,
                        name,
                        lead,
                        DataType::Float32,
                        0f32,
                        Map::new(),
                        &narrow,
                    )?;
                } else {
                    store_array(group, name, lead, DataType::Float64, 0f64, Map::new(), v)?;
                }
            }
            store_array(
                group,
                DS_COMPRESSED,
                &[self.nbytes()],
                DataType::UInt8,
                0u8,
                Map::new(),
                self.compressed(),
            )?;
            attrs.insert(ATTR_SOFTWARE.into(), json!(SOFTWARE));
            attrs.insert(
                ATTR_CHANNELS.into(),
                json!(self.dtype().channels().to_string()),
            );
            attrs.insert(ATTR_SHAPE.into(), json!(self.shape()));
            attrs.insert(ATTR_VERSION.into(), json!(FORMAT_VERSION));
            group.store_group(attrs)
        })();
        if result.is_err() {
            for name in ALL_DATASETS {
                let prefix = group.node(name);
                if let Ok(p) =
                    zarrs::storage::StorePrefix::new(format!("{}/", prefix.trim_start_matches('/')))
                {
                    let _ = group.store.erase_prefix(&p);
                }
            }
        }
        result
    }

    /// Read the FlacArray stored in `group` (Python's `FlacArray.read_zarr`), only the kept
    /// streams' bytes with `keep` (the result then has shape `(n_kept, stream_size)`).
    pub fn read_zarr(group: &ZarrGroup, keep: Option<ArrayViewD<'_, bool>>) -> Result<FlacArray> {
        to_flacarray(&read_info(group)?, keep, "zarr::read_array")
    }
}

#[cfg(test)]
mod tests {
    use super::guess_chunks;

    #[test]
    fn chunks_as_zarr_python_guesses() {
        // Values from zarr-python 3.1.6's _guess_chunks.
        assert_eq!(guess_chunks(&[77043], 1), vec![77043]);
        assert_eq!(guess_chunks(&[2, 3], 8), vec![2, 3]);
        assert_eq!(guess_chunks(&[100_000_000], 1), vec![781_250]);
        assert_eq!(guess_chunks(&[4000, 1000], 8), vec![500, 250]);
        assert_eq!(guess_chunks(&[51_000_000], 1), vec![796_875]);
        assert_eq!(guess_chunks(&[256], 8), vec![256]);
    }
}

#[cfg(feature = "mpi")]
mod parallel {
    //! MPI: as in Python, rank 0 alone opens the group, gathers and writes, or reads and
    //! sends each rank its part.

    use ::mpi::traits::Communicator;
    use ndarray::{ArrayD, ArrayViewD};

    use super::{read_info, ReadOptions, ZarrGroup};
    use crate::array::compress::CompressOptions;
    use crate::array::dtype::Element;
    use crate::array::FlacArray;
    use crate::error::{Error, Result};
    use crate::mpi::gathered::{distributed_part, gather_to_root, read_gathered, Part};
    use crate::mpi::{agree, rank_size};

    /// Rank 0 must pass the group; the others may pass `None` (what they pass is not used).
    fn root_group<'a, C: Communicator>(
        group: Option<&'a ZarrGroup>,
        comm: &C,
    ) -> Result<Option<&'a ZarrGroup>> {
        let (rank, _) = rank_size(comm);
        let ok = if rank == 0 && group.is_none() {
            Err(Error::Mpi(
                "rank 0 reads and writes the Zarr group: pass it on rank 0".into(),
            ))
        } else {
            Ok(())
        };
        agree(comm, ok)?;
        Ok(if rank == 0 { group } else { None })
    }

    /// Compress this rank's part of a distributed array and write the whole array to
    /// `group` (on rank 0; `None` elsewhere), as Python's
    /// `flacarray.zarr.write_array(..., mpi_comm=comm)`. Collective.
    pub fn write_array_mpi<T: Element, C: Communicator>(
        arr: ArrayViewD<'_, T>,
        group: Option<&ZarrGroup>,
        opts: &CompressOptions,
        comm: &C,
    ) -> Result<()> {
        FlacArray::from_array_mpi(arr, opts, comm)?.write_zarr_mpi(group, comm)
    }

    /// Read this rank's part of the array stored in `group` (on rank 0; `None` elsewhere):
    /// rank 0 reads and sends. `mpi_dist` gives each rank's rows; without it they are spread
    /// evenly. A rank without rows gets an array whose first axis has length 0. Collective.
    pub fn read_array_mpi<T: Element, C: Communicator>(
        group: Option<&ZarrGroup>,
        opts: &ReadOptions<'_>,
        mpi_dist: Option<&[(usize, usize)]>,
        comm: &C,
    ) -> Result<ArrayD<T>> {
        Ok(read_array_with_indices_mpi(group, opts, mpi_dist, comm)?.0)
    }

    /// [`read_array_mpi`] with the indices of the kept streams, relative to the rank's own
    /// rows (Python's `keep_indices=True`); empty without `keep`.
    pub fn read_array_with_indices_mpi<T: Element, C: Communicator>(
        group: Option<&ZarrGroup>,
        opts: &ReadOptions<'_>,
        mpi_dist: Option<&[(usize, usize)]>,
        comm: &C,
    ) -> Result<(ArrayD<T>, Vec<Vec<usize>>)> {
        let (part, _) = read_part(group, opts.keep.as_ref(), mpi_dist, comm)?;
        part.into_array(opts, comm)
    }

    fn read_part<C: Communicator>(
        group: Option<&ZarrGroup>,
        keep: Option<&ArrayViewD<'_, bool>>,
        mpi_dist: Option<&[(usize, usize)]>,
        comm: &C,
    ) -> Result<(Part, crate::mpi::MpiDist)> {
        let group = root_group(group, comm)?;
        read_gathered(group.map(read_info), keep, mpi_dist, comm)
    }

    impl FlacArray {
        /// Write a FlacArray distributed over `comm` to `group` (on rank 0; `None`
        /// elsewhere): rank 0 gathers the parts and writes, as Python's
        /// `FlacArray.write_zarr` with a communicator. Collective.
        pub fn write_zarr_mpi<C: Communicator>(
            &self,
            group: Option<&ZarrGroup>,
            comm: &C,
        ) -> Result<()> {
            self.check_communicator(comm)?;
            let group = root_group(group, comm)?;
            let whole = gather_to_root(self, comm);
            let written = match (whole, group) {
                (Ok(Some(whole)), Some(g)) => whole.write_zarr(g),
                (Err(e), _) => Err(e),
                _ => Ok(()),
            };
            agree(comm, written)
        }

        /// Read the FlacArray stored in `group` (on rank 0; `None` elsewhere), distributed
        /// over `comm` along its first axis: rank 0 reads and sends each rank its rows (its
        /// kept streams with `keep`). Collective.
        pub fn read_zarr_mpi<C: Communicator>(
            group: Option<&ZarrGroup>,
            keep: Option<ArrayViewD<'_, bool>>,
            mpi_dist: Option<&[(usize, usize)]>,
            comm: &C,
        ) -> Result<FlacArray> {
            let (part, dist) = read_part(group, keep.as_ref(), mpi_dist, comm)?;
            distributed_part(part, &dist, keep.is_some(), comm)
        }
    }
}

#[cfg(feature = "mpi")]
pub use parallel::{read_array_mpi, read_array_with_indices_mpi, write_array_mpi};
