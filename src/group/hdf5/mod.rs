//! HDF5 direct I/O in the group format of Python flacarray: [`write_array`], [`read_array`],
//! [`FlacArray::write_hdf5`] and [`FlacArray::read_hdf5`] (feature `hdf5`).
//!
//! Writes format "1" exactly as Python flacarray 0.4.1 does (group attributes as
//! variable-length UTF-8 strings, `stream_starts` with its `stream_size` attribute,
//! `stream_bytes`, `stream_offsets`/`stream_gains` for floats, `compressed`; all contiguous),
//! plus one attribute Python ignores, `flacarray_shape`, so that `(1, N)` and `(N,)` arrays
//! come back as written (Python's bug B9). Reads format "1" and format "0" (flacarray 0.2.x),
//! including v0 int64 and float64, which Python 0.4.1 cannot read (B7).
//!
//! Reads fetch only what they need: `keep` reads only the kept streams' bytes, and a
//! `stream_slice` reads, per stream, its header and a window around the frames that hold the
//! slice (located from the stream's average frame size and checked against the frame
//! numbers), falling back to the whole stream only if the window misses.

use std::ops::Range;

use hdf5_metno::types::{TypeDescriptor, VarLenUnicode};
use hdf5_metno::{Dataset, Group};
use ndarray::ArrayViewD;

use crate::array::dtype::DType;
use crate::array::FlacArray;
use crate::error::{Error, Result};
pub use crate::group::io::{group_summary, read_array, read_array_with_indices, write_array};
use crate::group::io::{read_group, write_group};
use crate::group::store::{GroupWriter, NewGroup, Slab, Store};
use crate::group::{
    no_group, ByteSource, GroupInfo, Meta, ALL_DATASETS, ATTR_CHANNELS, ATTR_SHAPE, ATTR_SOFTWARE,
    ATTR_STREAM_SIZE, ATTR_VERSION, DS_BYTES, DS_COMPRESSED, DS_GAINS, DS_OFFSETS, DS_STARTS,
    SOFTWARE,
};
pub use crate::group::{GroupSummary, FORMAT_VERSION};
use crate::h5raw;

fn h5(e: hdf5_metno::Error) -> Error {
    Error::Hdf5(e.to_string())
}

/// The `compressed` dataset and, on HDF5's default driver, where to read it directly.
///
/// The direct source is looked up once, when the group is opened: the lookup asks HDF5 for
/// the file's access property list, which on an MPI-IO file duplicates its communicator, a
/// collective call that every rank must make together.
#[doc(hidden)]
pub struct Source {
    ds: Dataset,
    direct: Option<(std::ffi::c_int, u64)>,
}

/// An attribute holding a small integer, as a string ("1") or an integer (v0).
fn int_attr(obj: &hdf5_metno::Location, name: &str) -> Result<Option<i64>> {
    let Ok(attr) = obj.attr(name) else {
        return Ok(None);
    };
    let desc = attr.dtype().and_then(|t| t.to_descriptor()).map_err(h5)?;
    let bad = |v: &str| Error::Hdf5(format!("attribute {name} = {v:?} is not an integer"));
    let v = match desc {
        TypeDescriptor::Integer(_) | TypeDescriptor::Unsigned(_) => {
            attr.read_scalar::<i64>().map_err(h5)?
        }
        TypeDescriptor::VarLenUnicode => {
            let s = attr.read_scalar::<VarLenUnicode>().map_err(h5)?;
            s.as_str().trim().parse().map_err(|_| bad(s.as_str()))?
        }
        TypeDescriptor::VarLenAscii => {
            let s = attr
                .read_scalar::<hdf5_metno::types::VarLenAscii>()
                .map_err(h5)?;
            s.as_str().trim().parse().map_err(|_| bad(s.as_str()))?
        }
        TypeDescriptor::FixedAscii(_) | TypeDescriptor::FixedUnicode(_) => {
            let raw = attr.read_raw::<u8>().map_err(h5)?;
            let s = String::from_utf8_lossy(&raw)
                .trim_matches(char::from(0))
                .trim()
                .to_string();
            s.parse().map_err(|_| bad(&s))?
        }
        other => {
            return Err(Error::Hdf5(format!(
                "attribute {name} has an unexpected type {other:?}"
            )))
        }
    };
    Ok(Some(v))
}

fn dataset(group: &Group, name: &str) -> Result<Dataset> {
    group
        .dataset(name)
        .map_err(|_| Error::Hdf5(format!("the flacarray group has no `{name}` dataset")))
}

/// A per-stream dataset, read as f64 (floats) or i64 (integers), checked against `lead`.
fn per_stream<T: hdf5_metno::H5Type + Copy>(
    group: &Group,
    name: &str,
    lead: &[usize],
) -> Result<Vec<T>> {
    let ds = dataset(group, name)?;
    if ds.shape() != lead {
        return Err(Error::Shape(format!(
            "`{name}` has shape {:?}, but `stream_starts` has {lead:?}",
            ds.shape()
        )));
    }
    ds.read_raw::<T>()
        .map_err(|e| Error::Hdf5(format!("cannot read `{name}`: {e}")))
}

/// The group's info, its `compressed` bytes read from the HDF5 dataset.
pub(crate) type Info = GroupInfo<Source>;

fn read_info(group: &Group) -> Result<Info> {
    let version = int_attr(group, ATTR_VERSION)?.ok_or_else(no_group)?;
    let channels = int_attr(group, ATTR_CHANNELS)?;
    let starts_ds = dataset(group, DS_STARTS)?;
    let lead = starts_ds.shape();
    let stream_size = int_attr(&starts_ds, ATTR_STREAM_SIZE)?;
    let has = |n: &str| group.link_exists(n);
    let float_of = |name: &str| -> Result<Option<(Vec<f64>, usize)>> {
        if !has(name) {
            return Ok(None);
        }
        let ds = dataset(group, name)?;
        let size = ds.dtype().map_err(h5)?.size();
        let v = match ds.dtype().and_then(|t| t.to_descriptor()).map_err(h5)? {
            TypeDescriptor::Float(_) if size == 4 => per_stream::<f32>(group, name, &lead)?
                .iter()
                .map(|&x| x as f64)
                .collect(),
            TypeDescriptor::Float(_) => per_stream::<f64>(group, name, &lead)?,
            TypeDescriptor::Integer(_) => return Ok(None), // v0 int64 offsets, read below
            other => {
                return Err(Error::Hdf5(format!(
                    "`{name}` has an unexpected type {other:?}"
                )))
            }
        };
        Ok(Some((v, size)))
    };
    let offsets = float_of(DS_OFFSETS)?;
    let gains = float_of(DS_GAINS)?;
    let int_offsets = if has(DS_OFFSETS) && offsets.is_none() {
        Some(per_stream::<i64>(group, DS_OFFSETS, &lead)?)
    } else {
        None
    };
    let compressed = dataset(group, DS_COMPRESSED)?;
    if compressed.ndim() != 1 || compressed.dtype().map_err(h5)?.size() != 1 {
        return Err(Error::Shape(format!("`{DS_COMPRESSED}` must be 1-D bytes")));
    }
    let shape = match group.attr(ATTR_SHAPE) {
        Ok(a) => Some(a.read_raw::<i64>().map_err(h5)?),
        Err(_) => None,
    };
    let meta = Meta {
        version,
        channels,
        starts: per_stream::<i64>(group, DS_STARTS, &lead)?,
        nbytes: per_stream::<i64>(group, DS_BYTES, &lead)?,
        lead,
        stream_size,
        offsets,
        gains,
        int_offsets,
        shape,
        compressed_len: compressed.size() as u64,
    };
    GroupInfo::new(
        meta,
        Source {
            direct: h5raw::direct_source(&compressed),
            ds: compressed,
        },
    )
}

/// Byte ranges of the 1-D u8 `compressed` dataset (see [`h5raw::read_byte_ranges`]).
impl ByteSource for Source {
    fn read_merged(&self, merged: &[Range<u64>], total: u64) -> Result<Vec<u8>> {
        h5raw::read_byte_ranges(&self.ds, self.direct, merged, total)
    }
}

/// The datasets of a flacarray group being written, and the transfer property list of the
/// writes (collective under MPI-IO).
#[doc(hidden)]
pub struct Writer {
    group: Group,
    sets: Datasets,
    created: Vec<&'static str>,
    dtype: DType,
    shape: Vec<usize>,
    lead: Vec<usize>,
    #[cfg(feature = "mpi")]
    collective: Option<h5raw::Collective>,
}

/// The datasets of a flacarray group.
struct Datasets {
    starts: Dataset,
    bytes: Dataset,
    offsets: Option<Dataset>,
    gains: Option<Dataset>,
    compressed: Dataset,
}

/// Remove what a failed write created, so that nothing looks like (part of) a FlacArray.
fn unlink_all(group: &Group, created: &[&str]) {
    for name in created {
        let _ = group.unlink(name);
    }
}

/// Datasets get their space when created, unfilled: the values written later then change no
/// metadata, so a writer killed while writing them leaves the file's structure as it was
/// flushed before (see [`crate::group::io`]).
const EARLY: Option<hdf5_metno::plist::dataset_create::AllocTime> =
    Some(hdf5_metno::plist::dataset_create::AllocTime::Early);
const NO_FILL: hdf5_metno::plist::dataset_create::FillTime =
    hdf5_metno::plist::dataset_create::FillTime::Never;

/// Create the datasets of `new`, recording each name in `created`. Under MPI-IO every rank
/// calls this alike.
fn create_datasets(
    group: &Group,
    new: &NewGroup,
    created: &mut Vec<&'static str>,
) -> Result<Datasets> {
    let lead = &new.lead[..];
    let starts = group
        .new_dataset::<i64>()
        .shape(lead)
        .alloc_time(EARLY)
        .fill_time(NO_FILL)
        .create(DS_STARTS)
        .map_err(h5)?;
    created.push(DS_STARTS);
    starts
        .new_attr::<i64>()
        .shape(())
        .create(ATTR_STREAM_SIZE)
        .and_then(|a| a.write_scalar(&(new.stream_size as i64)))
        .map_err(h5)?;
    let bytes = group
        .new_dataset::<i64>()
        .shape(lead)
        .alloc_time(EARLY)
        .fill_time(NO_FILL)
        .create(DS_BYTES)
        .map_err(h5)?;
    created.push(DS_BYTES);
    let mut floats = |name: &'static str| -> Result<Option<Dataset>> {
        let ds = match new.dtype {
            DType::Float32 => group.new_dataset::<f32>(),
            DType::Float64 => group.new_dataset::<f64>(),
            _ => return Ok(None),
        }
        .shape(lead)
        .alloc_time(EARLY)
        .fill_time(NO_FILL)
        .create(name)
        .map_err(h5)?;
        created.push(name);
        Ok(Some(ds))
    };
    let offsets = floats(DS_OFFSETS)?;
    let gains = floats(DS_GAINS)?;
    let compressed = group
        .new_dataset::<u8>()
        .shape(new.total)
        .alloc_time(EARLY)
        .fill_time(NO_FILL)
        .create(DS_COMPRESSED)
        .map_err(h5)?;
    created.push(DS_COMPRESSED);
    Ok(Datasets {
        starts,
        bytes,
        offsets,
        gains,
        compressed,
    })
}

impl Store for Group {
    type Source = Source;
    type Writer = Writer;
    const NAME: &'static str = "HDF5";
    const SHARED_READS: bool = true;

    fn format_version(&self) -> Result<Option<i64>> {
        int_attr(self, ATTR_VERSION)
    }

    fn read_info(&self) -> Result<Info> {
        read_info(self)
    }

    fn check_target(&self) -> Result<()> {
        if self.attr(ATTR_VERSION).is_ok() || ALL_DATASETS.iter().any(|n| self.link_exists(n)) {
            return Err(Error::Hdf5(
                "the target group already holds a FlacArray (or datasets of its names); write to a new group".into(),
            ));
        }
        Ok(())
    }

    fn create(&self, new: &NewGroup, collective: bool) -> Result<Writer> {
        #[cfg(feature = "mpi")]
        let collective = if collective {
            Some(h5raw::Collective::new()?)
        } else {
            None
        };
        #[cfg(not(feature = "mpi"))]
        let _ = collective;
        let mut created = Vec::new();
        match create_datasets(self, new, &mut created) {
            Ok(sets) => Ok(Writer {
                group: self.clone(),
                sets,
                created,
                dtype: new.dtype,
                shape: new.shape.clone(),
                lead: new.lead.clone(),
                #[cfg(feature = "mpi")]
                collective,
            }),
            Err(e) => {
                unlink_all(self, &created);
                Err(e)
            }
        }
    }

    #[cfg(feature = "mpi")]
    fn is_collective(&self) -> bool {
        h5raw::is_mpio(self)
    }
}

impl Store for hdf5_metno::File {
    type Source = Source;
    type Writer = Writer;
    const NAME: &'static str = "HDF5";
    const SHARED_READS: bool = true;
    fn format_version(&self) -> Result<Option<i64>> {
        Store::format_version(&**self)
    }
    fn read_info(&self) -> Result<Info> {
        read_info(self)
    }
    fn check_target(&self) -> Result<()> {
        Store::check_target(&**self)
    }
    fn create(&self, new: &NewGroup, collective: bool) -> Result<Writer> {
        Store::create(&**self, new, collective)
    }
    fn is_collective(&self) -> bool {
        Store::is_collective(&**self)
    }
}

impl Writer {
    /// The transfer property list of the writes.
    fn dxpl(&self) -> hdf5_sys::h5i::hid_t {
        #[cfg(feature = "mpi")]
        if let Some(c) = &self.collective {
            return c.id();
        }
        hdf5_sys::h5p::H5P_DEFAULT
    }
}

impl GroupWriter for Writer {
    fn check(&self, slab: &Slab<'_>) -> Result<()> {
        let (start, count) = h5raw::rows_block(&self.lead, slab.rows.clone());
        h5raw::check(&self.sets.starts, &start, &count, slab.starts.len())?;
        h5raw::check(&self.sets.bytes, &start, &count, slab.nbytes.len())?;
        for (ds, values) in [
            (&self.sets.offsets, slab.offsets),
            (&self.sets.gains, slab.gains),
        ] {
            if let Some(ds) = ds {
                h5raw::check(ds, &start, &count, values.map_or(0, |v| v.len()))?;
            }
        }
        h5raw::check(
            &self.sets.compressed,
            &[slab.byte0],
            &[slab.compressed.len() as u64],
            slab.compressed.len(),
        )
    }

    fn flush(&self) -> Result<()> {
        self.group
            .file()
            .and_then(|f| f.flush())
            .map_err(|e| Error::Hdf5(format!("cannot flush the file: {e}")))
    }

    /// Under MPI-IO every rank calls this, those without data with an empty slab.
    fn write(&self, slab: &Slab<'_>) -> Result<()> {
        let dxpl = self.dxpl();
        let (start, count) = h5raw::rows_block(&self.lead, slab.rows.clone());
        h5raw::write_block(&self.sets.starts, &start, &count, slab.starts, dxpl)?;
        h5raw::write_block(&self.sets.bytes, &start, &count, slab.nbytes, dxpl)?;
        for (ds, values) in [
            (&self.sets.offsets, slab.offsets),
            (&self.sets.gains, slab.gains),
        ] {
            let Some(ds) = ds else { continue };
            let values = values.unwrap_or(&[]);
            if self.dtype == DType::Float32 {
                let narrow: Vec<f32> = values.iter().map(|&v| v as f32).collect();
                h5raw::write_block(ds, &start, &count, &narrow, dxpl)?;
            } else {
                h5raw::write_block(ds, &start, &count, values, dxpl)?;
            }
        }
        h5raw::write_block(
            &self.sets.compressed,
            &[slab.byte0],
            &[slab.compressed.len() as u64],
            slab.compressed,
            dxpl,
        )
    }

    /// Under MPI-IO every rank calls this alike.
    fn finish(&self) -> Result<()> {
        let group = &self.group;
        let text = |name: &str, value: &str| -> Result<()> {
            let v: VarLenUnicode = value
                .parse()
                .map_err(|_| Error::Hdf5(format!("bad attribute value {value:?}")))?;
            group
                .new_attr::<VarLenUnicode>()
                .shape(())
                .create(name)
                .and_then(|a| a.write_scalar(&v))
                .map_err(h5)
        };
        text(ATTR_SOFTWARE, SOFTWARE)?;
        text(ATTR_CHANNELS, &self.dtype.channels().to_string())?;
        let shape: Vec<i64> = self.shape.iter().map(|&v| v as i64).collect();
        group
            .new_attr::<i64>()
            .shape(shape.len())
            .create(ATTR_SHAPE)
            .and_then(|a| a.write_raw(&shape))
            .map_err(h5)?;
        text(ATTR_VERSION, FORMAT_VERSION)
    }

    fn abort(self) {
        unlink_all(&self.group, &self.created);
    }
}

impl FlacArray {
    /// Write to `group` in Python flacarray's format "1" (the group must not already hold one).
    pub fn write_hdf5(&self, group: &Group) -> Result<()> {
        write_group(self, group)
    }

    /// Read the FlacArray stored in `group` (Python's `FlacArray.read_hdf5`), only the kept
    /// streams' bytes with `keep` (the result then has shape `(n_kept, stream_size)`).
    ///
    /// Format-0 int64 and float64 groups are read with [`read_array`]: their streams do not
    /// follow this library's int64/float64 rules, so they cannot be held as a FlacArray.
    pub fn read_hdf5(group: &Group, keep: Option<ArrayViewD<'_, bool>>) -> Result<FlacArray> {
        read_group(group, keep, "hdf5::read_array")
    }
}
