//! Zarr direct I/O in the group format of Python flacarray (feature `zarr`): [`write_array`],
//! [`read_array`], [`FlacArray::write_zarr`] and [`FlacArray::read_zarr`], on the `zarrs`
//! crate.
//!
//! The group is the HDF5 one in a Zarr store (spec §9): the same array names and attributes,
//! checked and read by the same code (`src/group/`). Writes are what zarr-python 3 writes
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

use ndarray::ArrayViewD;
use serde_json::{json, Map, Value};
use zarrs::array::codec::ZstdCodec;
use zarrs::array::{Array, ArrayBuilder, DataType};
use zarrs::array_subset::ArraySubset;
use zarrs::group::{Group, GroupBuilder};
use zarrs::storage::{ReadableWritableListableStorage, StoreKey};

use crate::array::dtype::DType;
use crate::array::FlacArray;
use crate::error::{Error, Result};
pub use crate::group::io::{group_summary, read_array, read_array_with_indices, write_array};
use crate::group::io::{read_group, write_group};
use crate::group::store::{GroupWriter, NewGroup, Slab, Store};
pub use crate::group::GroupSummary;
use crate::group::{
    no_group, ByteSource, FloatValues, GroupInfo, Meta, ALL_DATASETS, ATTR_CHANNELS, ATTR_SHAPE,
    ATTR_SOFTWARE, ATTR_STREAM_SIZE, ATTR_VERSION, DS_BYTES, DS_COMPRESSED, DS_GAINS, DS_OFFSETS,
    DS_STARTS, FORMAT_VERSION, SOFTWARE,
};

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
#[doc(hidden)]
pub struct Source {
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

    /// The bytes `range` of the array, decoded by zarrs.
    fn retrieve(&self, range: Range<u64>) -> Result<Vec<u8>> {
        self.array
            .retrieve_array_subset_elements::<u8>(&ArraySubset::new_with_ranges(&[range]))
            .map_err(|e| zerr(format!("reading `{DS_COMPRESSED}`: {e}")))
    }

    /// Decode the chunks `run` (consecutive, none cached) in one request, which zarrs
    /// decodes chunk-parallel, and cache them.
    fn load(&self, run: Range<u64>, cache: &mut HashMap<u64, Arc<Vec<u8>>>) -> Result<()> {
        let len = self.array.shape()[0];
        let (b0, b1) = (run.start * self.chunk, (run.end * self.chunk).min(len));
        let data = self.retrieve(b0..b1)?;
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
        // One range over several chunks, none decoded yet (a whole read, `keep`): zarrs'
        // own buffer is the answer, with no copy into the cache and none out of it. The
        // small requests of a stream slice (headers, then windows) go through the cache.
        if let [r] = ranges {
            let chunks = r.start / c..(r.end - 1) / c + 1;
            if chunks.end - chunks.start > 1 && !chunks.clone().any(|k| cache.contains_key(&k)) {
                return self.retrieve(r.clone());
            }
        }
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

/// Create array `name` of `group` as zarr-python 3 does by default (its metadata only).
fn create_array(
    group: &ZarrGroup,
    name: &str,
    shape: &[usize],
    data_type: DataType,
    fill: impl Into<zarrs::array::FillValue>,
    attributes: Map<String, Value>,
) -> Result<ZArray> {
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
    Ok(array)
}

/// Write `values` to the block `ranges` of `array`.
fn store_block<T: zarrs::array::Element>(
    array: &ZArray,
    ranges: &[Range<u64>],
    values: &[T],
) -> Result<()> {
    array
        .store_array_subset_elements(&ArraySubset::new_with_ranges(ranges), values)
        .map_err(|e| zerr(format!("writing `{}`: {e}", array.path())))
}

/// The arrays of a flacarray group being written, and the group's attributes to add.
#[doc(hidden)]
pub struct Writer {
    group: ZarrGroup,
    starts: ZArray,
    bytes: ZArray,
    offsets: Option<ZArray>,
    gains: Option<ZArray>,
    compressed: ZArray,
    attrs: Map<String, Value>,
    dtype: DType,
    shape: Vec<usize>,
    lead: Vec<usize>,
}

impl Store for ZarrGroup {
    type Source = Source;
    type Writer = Writer;
    const NAME: &'static str = "Zarr";
    const SHARED_READS: bool = false;

    fn format_version(&self) -> Result<Option<i64>> {
        int_attr(&self.attributes()?, ATTR_VERSION)
    }

    fn read_info(&self) -> Result<Info> {
        read_info(self)
    }

    fn check_target(&self) -> Result<()> {
        let mut taken = self.attributes()?.contains_key(ATTR_VERSION);
        for name in ALL_DATASETS {
            taken |= self.has_node(name)?;
        }
        if taken {
            return Err(zerr(
                "the target group already holds a FlacArray (or arrays of its names); write to a new group",
            ));
        }
        Ok(())
    }

    /// The arrays are written first and the group's attributes last, so a writer stopped
    /// midway leaves a group without the format attribute, which readers report as holding
    /// no flacarray data.
    fn create(&self, new: &NewGroup, _collective: bool) -> Result<Writer> {
        let attrs = self.attributes()?;
        if !self.exists()? {
            self.store_group(attrs.clone())?;
        }
        let lead = &new.lead[..];
        let made = (|| {
            let mut starts_attrs = Map::new();
            starts_attrs.insert(ATTR_STREAM_SIZE.into(), json!(new.stream_size));
            let starts = create_array(self, DS_STARTS, lead, DataType::Int64, 0i64, starts_attrs)?;
            let bytes = create_array(self, DS_BYTES, lead, DataType::Int64, 0i64, Map::new())?;
            let floats = |name| match new.dtype {
                DType::Float32 => {
                    create_array(self, name, lead, DataType::Float32, 0f32, Map::new()).map(Some)
                }
                DType::Float64 => {
                    create_array(self, name, lead, DataType::Float64, 0f64, Map::new()).map(Some)
                }
                _ => Ok(None),
            };
            let offsets = floats(DS_OFFSETS)?;
            let gains = floats(DS_GAINS)?;
            let compressed = create_array(
                self,
                DS_COMPRESSED,
                &[new.total],
                DataType::UInt8,
                0u8,
                Map::new(),
            )?;
            Ok(Writer {
                group: self.clone(),
                starts,
                bytes,
                offsets,
                gains,
                compressed,
                attrs,
                dtype: new.dtype,
                shape: new.shape.clone(),
                lead: new.lead.clone(),
            })
        })();
        if made.is_err() {
            erase_arrays(self);
        }
        made
    }
}

/// Remove every array a flacarray group may hold.
fn erase_arrays(group: &ZarrGroup) {
    for name in ALL_DATASETS {
        let prefix = group.node(name);
        if let Ok(p) =
            zarrs::storage::StorePrefix::new(format!("{}/", prefix.trim_start_matches('/')))
        {
            let _ = group.store.erase_prefix(&p);
        }
    }
}

impl GroupWriter for Writer {
    fn check(&self, slab: &Slab<'_>) -> Result<()> {
        let inner: usize = self.lead[1..].iter().product();
        let n = slab.rows.len() * inner;
        let floats = |v: Option<&[f64]>| v.map_or(0, |v| v.len());
        let want_floats = if self.dtype.is_float() { n } else { 0 };
        let end = slab.byte0 + slab.compressed.len() as u64;
        if slab.rows.end > self.lead[0]
            || slab.starts.len() != n
            || slab.nbytes.len() != n
            || floats(slab.offsets) != want_floats
            || floats(slab.gains) != want_floats
            || end > self.compressed.shape()[0]
        {
            return Err(zerr(format!(
                "a part of rows {:?} and bytes {}..{end} does not fit the group's arrays",
                slab.rows, slab.byte0
            )));
        }
        Ok(())
    }

    fn flush(&self) -> Result<()> {
        Ok(())
    }

    fn write(&self, slab: &Slab<'_>) -> Result<()> {
        let rows = slab.rows.start as u64..slab.rows.end as u64;
        let ranges: Vec<Range<u64>> = std::iter::once(rows)
            .chain(self.lead[1..].iter().map(|&d| 0..d as u64))
            .collect();
        store_block(&self.starts, &ranges, slab.starts)?;
        store_block(&self.bytes, &ranges, slab.nbytes)?;
        for (array, values) in [(&self.offsets, slab.offsets), (&self.gains, slab.gains)] {
            let (Some(array), Some(values)) = (array, values) else {
                continue;
            };
            if self.dtype == DType::Float32 {
                let narrow: Vec<f32> = values.iter().map(|&x| x as f32).collect();
                store_block(array, &ranges, &narrow)?;
            } else {
                store_block(array, &ranges, values)?;
            }
        }
        let end = slab.byte0 + slab.compressed.len() as u64;
        store_block(
            &self.compressed,
            std::slice::from_ref(&(slab.byte0..end)),
            slab.compressed,
        )
    }

    fn finish(&self) -> Result<()> {
        let mut attrs = self.attrs.clone();
        attrs.insert(ATTR_SOFTWARE.into(), json!(SOFTWARE));
        attrs.insert(
            ATTR_CHANNELS.into(),
            json!(self.dtype.channels().to_string()),
        );
        attrs.insert(ATTR_SHAPE.into(), json!(self.shape));
        attrs.insert(ATTR_VERSION.into(), json!(FORMAT_VERSION));
        self.group.store_group(attrs)
    }

    fn abort(self) {
        erase_arrays(&self.group);
    }
}

impl FlacArray {
    /// Write to `group` in Python flacarray's format "1", as zarr-python 3 writes it (the
    /// group must not already hold one).
    pub fn write_zarr(&self, group: &ZarrGroup) -> Result<()> {
        write_group(self, group)
    }

    /// Read the FlacArray stored in `group` (Python's `FlacArray.read_zarr`), only the kept
    /// streams' bytes with `keep` (the result then has shape `(n_kept, stream_size)`).
    pub fn read_zarr(group: &ZarrGroup, keep: Option<ArrayViewD<'_, bool>>) -> Result<FlacArray> {
        read_group(group, keep, "zarr::read_array")
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
