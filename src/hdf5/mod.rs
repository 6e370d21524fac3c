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
use ndarray::{ArrayD, ArrayViewD, IxDyn};
use rayon::prelude::*;

use crate::array::FlacArray;
use crate::codec::{with_decoder, IntSample};
use crate::compress::{leading_shape, select_streams, CompressOptions, StreamSet};
use crate::convert::restore_stream;
use crate::dtype::{DType, Element};
use crate::error::{Error, Result};
use crate::frames::{frame_header_at, frames_in, StreamInfo};
use crate::index::Slice;

#[cfg(feature = "mpi")]
mod parallel;
pub(crate) mod raw;
#[cfg(feature = "mpi")]
pub use parallel::{
    create_mpio, open_mpio, read_array_mpi, read_array_with_indices_mpi, write_array_mpi,
};
#[cfg(feature = "mpi")]
pub(crate) use parallel::{is_mpio, Collective};

/// The format version this library writes.
pub const FORMAT_VERSION: &str = "1";
const ATTR_VERSION: &str = "flacarray_format_version";
const ATTR_SOFTWARE: &str = "flacarray_software_version";
const ATTR_CHANNELS: &str = "flac_channels";
/// The original array shape (ours; Python ignores it).
const ATTR_SHAPE: &str = "flacarray_shape";
const ATTR_STREAM_SIZE: &str = "stream_size";
const DS_STARTS: &str = "stream_starts";
const DS_BYTES: &str = "stream_bytes";
const DS_OFFSETS: &str = "stream_offsets";
const DS_GAINS: &str = "stream_gains";
const DS_COMPRESSED: &str = "compressed";

fn h5(e: hdf5_metno::Error) -> Error {
    Error::Hdf5(e.to_string())
}

/// How the streams of a group are to be turned back into values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Format 1 (or v0 int32/float32, which are the same): the dtype's own rules.
    Plain(DType),
    /// Format 0 int64: 1-channel int32 samples plus an int64 offset per stream.
    V0Int64,
    /// Format 0 float64: 1-channel int32 samples, float64 offset and gain.
    V0Float64,
}

impl Kind {
    fn dtype(self) -> DType {
        match self {
            Kind::Plain(d) => d,
            Kind::V0Int64 => DType::Int64,
            Kind::V0Float64 => DType::Float64,
        }
    }
    fn channels(self) -> u32 {
        match self {
            Kind::Plain(d) => d.channels(),
            _ => 1,
        }
    }
}

/// What a flacarray group holds, read and checked (everything but the compressed bytes).
struct GroupInfo {
    kind: Kind,
    stream_size: usize,
    /// Leading shape (the shape of `stream_starts`).
    lead: Vec<usize>,
    /// The array's shape: the recorded one, else Python's (1-D for a single stream).
    shape: Vec<usize>,
    starts: Vec<i64>,
    nbytes: Vec<i64>,
    /// Float offsets and gains, as f64.
    offsets: Option<Vec<f64>>,
    gains: Option<Vec<f64>>,
    /// v0 int64 offsets.
    int_offsets: Option<Vec<i64>>,
    compressed: Source,
}

impl GroupInfo {
    /// The samples a read of `T` with `stream_slice` decodes, after checking that `T` is the
    /// stored type.
    fn sample_range<T: Element>(&self, stream_slice: Option<&Slice>) -> Result<Range<usize>> {
        if self.kind.dtype() != T::DTYPE {
            return Err(Error::DTypeMismatch {
                stored: self.kind.dtype().name(),
                requested: T::DTYPE.name(),
            });
        }
        match stream_slice {
            Some(s) => s.to_range(self.stream_size, "stream_slice"),
            None => Ok(0..self.stream_size),
        }
    }
}

/// The `compressed` dataset and, on HDF5's default driver, where to read it directly.
///
/// The direct source is looked up once, when the group is opened: the lookup asks HDF5 for
/// the file's access property list, which on an MPI-IO file duplicates its communicator, a
/// collective call that every rank must make together.
struct Source {
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

fn read_info(group: &Group) -> Result<GroupInfo> {
    let version = int_attr(group, ATTR_VERSION)?.ok_or_else(|| {
        Error::Hdf5(format!(
            "the group holds no flacarray data (it has no `{ATTR_VERSION}` attribute)"
        ))
    })?;
    if version != 0 && version != 1 {
        return Err(Error::Hdf5(format!(
            "flacarray format version {version} is not supported (this library reads 0 and 1)"
        )));
    }
    let channels = match int_attr(group, ATTR_CHANNELS)? {
        Some(c) => c,
        None if version == 0 => 1,
        None => {
            return Err(Error::Hdf5(format!(
                "format 1 group without `{ATTR_CHANNELS}`"
            )))
        }
    };
    let starts_ds = dataset(group, DS_STARTS)?;
    let lead = starts_ds.shape();
    if lead.is_empty() || lead.contains(&0) {
        return Err(Error::Shape(format!("`{DS_STARTS}` has shape {lead:?}")));
    }
    let stream_size = int_attr(&starts_ds, ATTR_STREAM_SIZE)?.ok_or_else(|| {
        Error::Hdf5(format!(
            "`{DS_STARTS}` has no `{ATTR_STREAM_SIZE}` attribute"
        ))
    })?;
    if stream_size <= 0 {
        return Err(Error::InvalidParameter(format!(
            "stream_size is {stream_size}"
        )));
    }
    let stream_size = stream_size as usize;
    let starts = per_stream::<i64>(group, DS_STARTS, &lead)?;
    let nbytes = per_stream::<i64>(group, DS_BYTES, &lead)?;
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
    let kind = match (version, channels, &offsets, &gains, &int_offsets) {
        (_, 1, None, None, None) => Kind::Plain(DType::Int32),
        (1, 2, None, None, None) => Kind::Plain(DType::Int64),
        (_, 1, Some((_, 4)), Some((_, 4)), None) => Kind::Plain(DType::Float32),
        (1, 2, Some((_, 8)), Some((_, 8)), None) => Kind::Plain(DType::Float64),
        (0, 1, None, None, Some(_)) => Kind::V0Int64,
        (0, 1, Some((_, 8)), Some((_, 8)), None) => Kind::V0Float64,
        _ => {
            return Err(Error::Hdf5(format!(
                "inconsistent flacarray group: format {version}, {channels} channel(s), offsets {}, gains {}",
                if offsets.is_some() || int_offsets.is_some() { "present" } else { "absent" },
                if gains.is_some() { "present" } else { "absent" },
            )))
        }
    };
    let compressed = dataset(group, DS_COMPRESSED)?;
    if compressed.ndim() != 1 || compressed.dtype().map_err(h5)?.size() != 1 {
        return Err(Error::Shape(format!("`{DS_COMPRESSED}` must be 1-D bytes")));
    }
    let total = compressed.size() as i64;
    for (s, (&a, &n)) in starts.iter().zip(&nbytes).enumerate() {
        if a < 0 || n <= 0 || a.checked_add(n).is_none_or(|e| e > total) {
            return Err(Error::Corrupt {
                stream: s,
                reason: format!(
                    "bytes [{a}, {a} + {n}) are outside the {total}-byte `{DS_COMPRESSED}` dataset"
                ),
            });
        }
    }
    let python_shape = {
        let mut sh = lead.clone();
        sh.push(stream_size);
        if lead == [1] {
            vec![stream_size]
        } else {
            sh
        }
    };
    let shape = match group.attr(ATTR_SHAPE) {
        Ok(a) => {
            let sh: Vec<usize> = a
                .read_raw::<i64>()
                .map_err(h5)?
                .iter()
                .map(|&v| v.max(0) as usize)
                .collect();
            if leading_shape(&sh) != lead || sh.last() != Some(&stream_size) {
                return Err(Error::Shape(format!(
                    "`{ATTR_SHAPE}` {sh:?} disagrees with the streams ({lead:?} of {stream_size})"
                )));
            }
            sh
        }
        Err(_) => python_shape,
    };
    Ok(GroupInfo {
        kind,
        stream_size,
        lead,
        shape,
        starts,
        nbytes,
        offsets: offsets.map(|o| o.0),
        gains: gains.map(|g| g.0),
        int_offsets,
        compressed: Source {
            direct: direct_source(&compressed),
            ds: compressed,
        },
    })
}

/// Where the bytes of a contiguous dataset can be read from directly: the file descriptor
/// of HDF5's default (sec2) driver and the dataset's address in the file.
fn direct_source(ds: &Dataset) -> Option<(std::ffi::c_int, u64)> {
    #[cfg(feature = "mpi")]
    if parallel::is_mpio(ds) {
        return None; // read through MPI-IO; and the lookup below would be collective
    }
    use hdf5_sys::h5d::H5Dget_offset;
    use hdf5_sys::h5f::{H5F_scope_t, H5Fclose, H5Fflush, H5Fget_access_plist, H5Fget_vfd_handle};
    use hdf5_sys::h5i::H5Iget_file_id;
    use hdf5_sys::h5p::{H5Pclose, H5Pget_driver};
    hdf5_metno::sync::sync(|| {
        // SAFETY: HDF5 calls under hdf5-metno's lock on valid identifiers; the file id and
        // property list obtained here are closed; the sec2 driver's handle is a pointer to
        // its file descriptor, which stays open as long as the dataset (held by the caller).
        unsafe {
            let offset = H5Dget_offset(ds.id());
            if offset == u64::MAX {
                return None;
            }
            let fid = H5Iget_file_id(ds.id());
            if fid < 0 {
                return None;
            }
            let fapl = H5Fget_access_plist(fid);
            let mut handle: *mut std::ffi::c_void = std::ptr::null_mut();
            let ok = fapl >= 0
                && H5Pget_driver(fapl) == *hdf5_metno::globals::H5FD_SEC2
                // Data written through this handle may still sit in HDF5's caches.
                && H5Fflush(fid, H5F_scope_t::H5F_SCOPE_LOCAL) >= 0
                && H5Fget_vfd_handle(fid, fapl, &mut handle) >= 0
                && !handle.is_null();
            let fd = if ok {
                Some(*(handle as *const std::ffi::c_int))
            } else {
                None
            };
            if fapl >= 0 {
                H5Pclose(fapl);
            }
            H5Fclose(fid);
            fd.map(|fd| (fd, offset))
        }
    })
}

/// Read byte ranges of the 1-D u8 `compressed` dataset into one buffer; returns it with the
/// span of each range in it, in the order given. Overlapping and adjacent ranges are merged first. Files on HDF5's default
/// driver are read directly at the dataset's address (HDF5's own reads of scattered small
/// pieces go through a 64 KiB sieve buffer each, which would read most of the file for a
/// sample slice); otherwise one HDF5 read of the union of the ranges.
fn read_spans(src: &Source, ranges: &[Range<u64>]) -> Result<(Vec<u8>, Vec<Range<usize>>)> {
    let ds = &src.ds;
    let mut sorted: Vec<Range<u64>> = ranges.iter().filter(|r| r.end > r.start).cloned().collect();
    sorted.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<u64>> = Vec::new();
    for r in sorted {
        match merged.last_mut() {
            Some(m) if r.start <= m.end => m.end = m.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let total: u64 = merged.iter().map(|r| r.end - r.start).sum();
    let mut buf = vec![0u8; total as usize];
    let fail = |what: String| Error::Hdf5(format!("reading `{DS_COMPRESSED}`: {what}"));
    if total > 0 {
        if let Some((fd, base)) = src.direct {
            let mut at = 0usize;
            for r in &merged {
                let mut done = 0usize;
                let len = (r.end - r.start) as usize;
                while done < len {
                    let dst = &mut buf[at + done..at + len];
                    // SAFETY: `dst` is writable for its length; pread does not move the
                    // descriptor's offset, so HDF5's own use of it is unaffected.
                    let n = unsafe {
                        libc::pread(
                            fd,
                            dst.as_mut_ptr() as *mut std::ffi::c_void,
                            dst.len(),
                            (base + r.start + done as u64) as libc::off_t,
                        )
                    };
                    if n <= 0 {
                        return Err(fail(format!(
                            "the file ends before byte {}",
                            r.start + done as u64
                        )));
                    }
                    done += n as usize;
                }
                at += len;
            }
        } else {
            hdf5_metno::sync::sync(|| -> Result<()> {
                use hdf5_sys::h5d::H5Dread;
                use hdf5_sys::h5s::{
                    H5S_seloper_t, H5Sclose, H5Screate_simple, H5Sselect_hyperslab, H5Sselect_none,
                };
                // SAFETY: plain HDF5 calls under hdf5-metno's lock; every dataspace made here
                // is closed; the selection covers exactly `total` bytes, the size of `buf`.
                unsafe {
                    let fspace = hdf5_sys::h5d::H5Dget_space(ds.id());
                    if fspace < 0 {
                        return Err(fail("H5Dget_space failed".into()));
                    }
                    let mut ok = H5Sselect_none(fspace) >= 0;
                    for r in &merged {
                        let start = [r.start];
                        let count = [r.end - r.start];
                        ok &= H5Sselect_hyperslab(
                            fspace,
                            H5S_seloper_t::H5S_SELECT_OR,
                            start.as_ptr(),
                            std::ptr::null(),
                            count.as_ptr(),
                            std::ptr::null(),
                        ) >= 0;
                    }
                    let mspace = H5Screate_simple(1, [total].as_ptr(), std::ptr::null());
                    ok &= mspace >= 0
                        && H5Dread(
                            ds.id(),
                            *hdf5_metno::globals::H5T_NATIVE_UINT8,
                            mspace,
                            fspace,
                            hdf5_sys::h5p::H5P_DEFAULT,
                            buf.as_mut_ptr() as *mut std::ffi::c_void,
                        ) >= 0;
                    if mspace >= 0 {
                        H5Sclose(mspace);
                    }
                    H5Sclose(fspace);
                    if ok {
                        Ok(())
                    } else {
                        Err(fail("H5Dread failed".into()))
                    }
                }
            })?;
        }
    }
    // Where each requested range landed in the packed buffer.
    let mut bases = Vec::with_capacity(merged.len());
    let mut acc = 0u64;
    for m in &merged {
        bases.push(acc);
        acc += m.end - m.start;
    }
    let spans = ranges
        .iter()
        .map(|r| {
            if r.end <= r.start {
                return 0..0;
            }
            let i = merged.partition_point(|m| m.end <= r.start);
            let off = (bases[i] + (r.start - merged[i].start)) as usize;
            off..off + (r.end - r.start) as usize
        })
        .collect();
    Ok((buf, spans))
}

/// [`read_spans`], each range's bytes on their own.
fn read_ranges(src: &Source, ranges: &[Range<u64>]) -> Result<Vec<Vec<u8>>> {
    let (buf, spans) = read_spans(src, ranges)?;
    Ok(spans.into_iter().map(|s| buf[s].to_vec()).collect())
}

/// The byte ranges of streams in the `compressed` dataset.
fn stream_ranges(info: &GroupInfo, selected: &[usize]) -> Vec<Range<u64>> {
    selected
        .iter()
        .map(|&s| (info.starts[s] as u64)..(info.starts[s] + info.nbytes[s]) as u64)
        .collect()
}

/// The bytes of streams, fetched for a sample range.
enum Fetched {
    /// The whole stream.
    Whole(Vec<u8>),
    /// Its metadata and the frames from the one holding the range's first sample on.
    Window {
        head: Vec<u8>,
        frames: Vec<u8>,
        frame_sample: u64,
    },
}

/// Bytes at the start of a stream read to find its metadata and first frame header.
const HEAD_PROBE: u64 = 128;

/// Fetch the selected streams for samples `[first, last)`: whole streams for a full range,
/// else headers and windows (whole streams where a window cannot be placed).
fn fetch(info: &GroupInfo, selected: &[usize], first: usize, last: usize) -> Result<Vec<Fetched>> {
    let range_of = |s: usize| (info.starts[s] as u64)..(info.starts[s] + info.nbytes[s]) as u64;
    if first == 0 && last == info.stream_size {
        return Ok(
            read_ranges(&info.compressed, &stream_ranges(info, selected))?
                .into_iter()
                .map(Fetched::Whole)
                .collect(),
        );
    }
    let heads = read_ranges(
        &info.compressed,
        &selected
            .iter()
            .map(|&s| {
                let r = range_of(s);
                r.start..(r.start + HEAD_PROBE).min(r.end)
            })
            .collect::<Vec<_>>(),
    )?;
    let mut out: Vec<Option<Fetched>> = (0..selected.len()).map(|_| None).collect();
    // Windows of growing margins (in frames) around the estimated frame positions; what no
    // window places is read whole.
    for margin in [0.25, 2.0] {
        let pending: Vec<usize> = (0..selected.len()).filter(|&i| out[i].is_none()).collect();
        if pending.is_empty() {
            break;
        }
        let plans: Vec<Option<(Range<u64>, u64)>> = pending
            .iter()
            .map(|&i| {
                let s = selected[i];
                plan_window(
                    &heads[i],
                    info.nbytes[s] as u64,
                    info.stream_size as u64,
                    first as u64,
                    last as u64,
                    margin,
                )
            })
            .collect();
        let ranges: Vec<Range<u64>> = pending
            .iter()
            .zip(&plans)
            .map(|(&i, p)| match p {
                Some((r, _)) => {
                    (info.starts[selected[i]] as u64 + r.start)
                        ..(info.starts[selected[i]] as u64 + r.end)
                }
                None => 0..0,
            })
            .collect();
        let bodies = read_ranges(&info.compressed, &ranges)?;
        for ((&i, plan), body) in pending.iter().zip(plans).zip(bodies) {
            out[i] = plan.and_then(|(_, k0)| place(&heads[i], &body, k0, last, info.stream_size));
        }
    }
    let missing: Vec<usize> = (0..selected.len()).filter(|&i| out[i].is_none()).collect();
    let ranges: Vec<Range<u64>> = missing.iter().map(|&i| range_of(selected[i])).collect();
    for (i, bytes) in missing
        .into_iter()
        .zip(read_ranges(&info.compressed, &ranges)?)
    {
        out[i] = Some(Fetched::Whole(bytes));
    }
    Ok(out
        .into_iter()
        .map(|f| f.expect("every stream fetched"))
        .collect())
}

/// The fetched window if it starts at or before frame `k0` and reaches past the frame that
/// holds sample `last - 1` (or the end of the stream).
fn place(head: &[u8], body: &[u8], k0: u64, last: usize, stream_size: usize) -> Option<Fetched> {
    let info = StreamInfo::parse(head).ok()?;
    let first_frame = frame_header_at(head, info.audio_offset)?;
    let bs = info.blocksize as u64;
    let k1 = (last as u64 - 1) / bs;
    let found: Vec<(usize, u64)> = frames_in(body, &first_frame).collect();
    let start = found.iter().find(|&&(_, n)| n == k0)?.0;
    let complete = last == stream_size || found.iter().any(|&(p, n)| n == k1 + 1 && p > start);
    complete.then(|| Fetched::Window {
        head: head[..info.audio_offset].to_vec(),
        frames: body[start..].to_vec(),
        frame_sample: k0 * bs,
    })
}

/// The byte range (relative to the stream start) of the window holding samples
/// `[first, last)` with `margin` average frames on each side, and the number of its first
/// frame, from the stream's header and its average frame size. `None` if the header cannot
/// be read from `head`.
fn plan_window(
    head: &[u8],
    nbytes: u64,
    stream_size: u64,
    first: u64,
    last: u64,
    margin: f64,
) -> Option<(Range<u64>, u64)> {
    let info = StreamInfo::parse(head).ok()?;
    frame_header_at(head, info.audio_offset)?;
    let bs = info.blocksize as u64;
    let (k0, k1) = (first / bs, (last - 1) / bs);
    let audio = info.audio_offset as u64;
    // Bytes per sample on average (per sample, not per frame: the last frame is short).
    let per_sample = (nbytes - audio) as f64 / stream_size as f64;
    let at = |k: u64| audio + (k as f64 * bs as f64 * per_sample) as u64;
    let margin = (per_sample * bs as f64 * margin) as u64 + 64;
    let lo = at(k0).saturating_sub(margin).max(audio);
    let hi = if last == stream_size {
        nbytes
    } else {
        (at(k1 + 1) + margin + 32).min(nbytes)
    };
    Some((lo..hi, k0))
}

/// Decode one fetched stream's samples `[first, first + out.len())` into values of `T`.
fn decode_row<T: Element>(
    info: &GroupInfo,
    s: usize,
    fetched: &Fetched,
    first: usize,
    out: &mut [T],
) -> std::result::Result<(), String> {
    let (n, size) = (out.len(), info.stream_size as u64);
    let (f, l) = (first as u64, (first + n) as u64);
    fn ints<I: IntSample>(
        fetched: &Fetched,
        size: u64,
        f: u64,
        l: u64,
        v: &mut [I],
    ) -> std::result::Result<(), String> {
        with_decoder(|d| match fetched {
            Fetched::Whole(b) => d.decode(b, size, f, l, v),
            Fetched::Window {
                head,
                frames,
                frame_sample,
            } => d.decode_window(head, frames, *frame_sample, size, f, l, v),
        })
    }
    let offset = |s: usize| info.offsets.as_ref().map(|o| o[s]).unwrap_or(0.0);
    let gain = |s: usize| info.gains.as_ref().map(|g| g[s]).unwrap_or(1.0);
    // The stream's integers, widened to i64 (one channel is 32-bit, two are 64-bit).
    let values: Vec<i64> = if info.kind.channels() == 2 {
        let mut v = vec![0i64; n];
        ints(fetched, size, f, l, &mut v)?;
        v
    } else {
        let mut v = vec![0i32; n];
        ints(fetched, size, f, l, &mut v)?;
        v.into_iter().map(i64::from).collect()
    };
    match info.kind {
        Kind::Plain(DType::Float32) => {
            let narrow: Vec<i32> = values.iter().map(|&i| i as i32).collect();
            let mut x = vec![0f32; n];
            restore_stream(&narrow, offset(s) as f32, gain(s) as f32, &mut x);
            out.iter_mut()
                .zip(x)
                .for_each(|(o, x)| *o = T::from_f64(x as f64));
        }
        Kind::Plain(DType::Float64) | Kind::V0Float64 => {
            let mut x = vec![0f64; n];
            restore_stream(&values, offset(s), gain(s), &mut x);
            out.iter_mut().zip(x).for_each(|(o, x)| *o = T::from_f64(x));
        }
        Kind::V0Int64 => {
            let off = info.int_offsets.as_ref().map(|o| o[s]).unwrap_or(0);
            out.iter_mut()
                .zip(values)
                .for_each(|(o, i)| *o = T::from_i64(off.wrapping_add(i)));
        }
        Kind::Plain(_) => out
            .iter_mut()
            .zip(values)
            .for_each(|(o, i)| *o = T::from_i64(i)),
    }
    Ok(())
}

/// Read and decode samples `range` of the `selected` streams (flat indices), in order.
fn read_values<T: Element>(
    info: &GroupInfo,
    selected: &[usize],
    range: Range<usize>,
    use_threads: bool,
) -> Result<Vec<T>> {
    let n = range.len();
    let whole = n == info.stream_size && matches!(info.kind, Kind::Plain(_));
    if n == 0 || selected.is_empty() {
        Ok(Vec::new())
    } else if whole {
        // Whole streams: one read, then the array decoder (floats restored as they decode).
        let (buf, spans) = read_spans(&info.compressed, &stream_ranges(info, selected))?;
        let offset_gain = match (&info.offsets, &info.gains) {
            (Some(o), Some(g)) => selected
                .iter()
                .map(|&s| (T::from_f64(o[s]), T::from_f64(g[s])))
                .collect(),
            _ => Vec::new(),
        };
        let set = StreamSet {
            compressed: &buf,
            stream_size: info.stream_size,
            starts: spans.iter().map(|r| r.start as i64).collect(),
            nbytes: spans.iter().map(|r| r.len() as i64).collect(),
            offset_gain,
        };
        let order: Vec<usize> = (0..selected.len()).collect();
        set.decode(&order, 0, n, use_threads).map_err(|e| match e {
            Error::Corrupt { stream, reason } => Error::Corrupt {
                stream: selected[stream],
                reason,
            },
            other => other,
        })
    } else {
        // Part of each stream: headers and windows, decoded stream by stream.
        let mut out = vec![T::default(); selected.len() * n];
        let fetched = fetch(info, selected, range.start, range.end)?;
        let rows = out.chunks_mut(n).zip(selected.iter().zip(&fetched));
        let decode = |(row, (&s, f)): (&mut [T], (&usize, &Fetched))| {
            decode_row(info, s, f, range.start, row)
                .map_err(|reason| Error::Corrupt { stream: s, reason })
        };
        if use_threads {
            rows.collect::<Vec<_>>()
                .into_par_iter()
                .try_for_each(decode)?;
        } else {
            rows.into_iter().try_for_each(decode)?;
        }
        Ok(out)
    }
}

/// What a flacarray group holds, in brief (for listings such as `flacarray info`).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSummary {
    /// The format version (0 or 1).
    pub format: i64,
    /// The element type of the data.
    pub dtype: DType,
    /// The array's shape.
    pub shape: Vec<usize>,
    /// Bytes of FLAC data (the `compressed` dataset).
    pub compressed_bytes: u64,
}

/// The summary of the flacarray data in `group`; `None` if the group holds none (no
/// `flacarray_format_version` attribute), an error if it is damaged.
pub fn group_summary(group: &Group) -> Result<Option<GroupSummary>> {
    let Some(format) = int_attr(group, ATTR_VERSION)? else {
        return Ok(None);
    };
    let info = read_info(group)?;
    Ok(Some(GroupSummary {
        format,
        dtype: info.kind.dtype(),
        shape: info.shape.clone(),
        compressed_bytes: info.compressed.ds.size() as u64,
    }))
}

/// Options of [`read_array`], with Python's defaults.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions<'a> {
    /// Read only the streams marked `true` (shape = leading shape); the result is then 2-D.
    pub keep: Option<ArrayViewD<'a, bool>>,
    /// Samples of every stream to read; step must be 1; negative bounds count from the end.
    pub stream_slice: Option<Slice>,
    /// Decode streams on the rayon thread pool.
    pub use_threads: bool,
}

/// Compress an array and write it to `group` (Python's `flacarray.hdf5.write_array`).
///
/// ```no_run
/// use flacarray::{hdf5, CompressOptions};
/// let file = hdf5_metno::File::create("tod.h5").unwrap();
/// let data = ndarray::ArrayD::<f64>::zeros(vec![4, 10_000]);
/// hdf5::write_array(data.view(), &file, &CompressOptions::default().quanta(1e-6))?;
/// let back: ndarray::ArrayD<f64> = hdf5::read_array(&file, &Default::default())?;
/// # Ok::<(), flacarray::Error>(())
/// ```
pub fn write_array<T: Element>(
    arr: ArrayViewD<'_, T>,
    group: &Group,
    opts: &CompressOptions,
) -> Result<()> {
    FlacArray::from_array(arr, opts)?.write_hdf5(group)
}

/// Read (part of) the array stored in `group` (Python's `flacarray.hdf5.read_array`).
/// `T` must be the stored type.
pub fn read_array<T: Element>(group: &Group, opts: &ReadOptions<'_>) -> Result<ArrayD<T>> {
    Ok(read_array_with_indices(group, opts)?.0)
}

/// [`read_array`] that also returns the leading index of each kept stream (Python's
/// `keep_indices=True`); the list is empty without `keep`.
pub fn read_array_with_indices<T: Element>(
    group: &Group,
    opts: &ReadOptions<'_>,
) -> Result<(ArrayD<T>, Vec<Vec<usize>>)> {
    let info = read_info(group)?;
    let range = info.sample_range::<T>(opts.stream_slice.as_ref())?;
    let (selected, indices) = select_streams(opts.keep.as_ref(), &info.lead)?;
    let n = range.len();
    let out = read_values::<T>(&info, &selected, range, opts.use_threads)?;
    let shape = if opts.keep.is_some() {
        vec![selected.len(), n]
    } else {
        let mut sh = info.shape.clone();
        *sh.last_mut().expect("at least one axis") = n;
        sh
    };
    Ok((
        ArrayD::from_shape_vec(IxDyn(&shape), out).expect("sized above"),
        indices,
    ))
}

/// The datasets of a flacarray group.
struct Layout {
    starts: Dataset,
    bytes: Dataset,
    offsets: Option<Dataset>,
    gains: Option<Dataset>,
    compressed: Dataset,
}

/// Refuse a group that already holds a FlacArray (or datasets of its names).
fn check_target(group: &Group) -> Result<()> {
    let names = [DS_STARTS, DS_BYTES, DS_OFFSETS, DS_GAINS, DS_COMPRESSED];
    if group.attr(ATTR_VERSION).is_ok() || names.iter().any(|n| group.link_exists(n)) {
        return Err(Error::Hdf5(
            "the target group already holds a FlacArray (or datasets of its names); write to a new group".into(),
        ));
    }
    Ok(())
}

/// Remove what a failed write created, so that nothing looks like (part of) a FlacArray.
fn unlink_all(group: &Group, created: &[&str]) {
    for name in created {
        let _ = group.unlink(name);
    }
}

/// Datasets get their space when created, unfilled: the values written later then change no
/// metadata, so a writer killed while writing them leaves the file's structure as it was
/// flushed before (see [`FlacArray::write_hdf5`]).
const EARLY: Option<hdf5_metno::plist::dataset_create::AllocTime> =
    Some(hdf5_metno::plist::dataset_create::AllocTime::Early);
const NO_FILL: hdf5_metno::plist::dataset_create::FillTime =
    hdf5_metno::plist::dataset_create::FillTime::Never;

/// Write HDF5's cached metadata and data of `group`'s file to disk.
fn flush(group: &Group) -> Result<()> {
    group
        .file()
        .and_then(|f| f.flush())
        .map_err(|e| Error::Hdf5(format!("cannot flush the file: {e}")))
}

/// Create the datasets for `lead` streams of `stream_size` samples in `total` compressed
/// bytes, recording each name in `created`. Under MPI-IO every rank calls this alike.
fn create_layout(
    group: &Group,
    lead: &[usize],
    stream_size: usize,
    total: usize,
    dtype: DType,
    created: &mut Vec<&'static str>,
) -> Result<Layout> {
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
        .and_then(|a| a.write_scalar(&(stream_size as i64)))
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
        let ds = match dtype {
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
        .shape(total)
        .alloc_time(EARLY)
        .fill_time(NO_FILL)
        .create(DS_COMPRESSED)
        .map_err(h5)?;
    created.push(DS_COMPRESSED);
    Ok(Layout {
        starts,
        bytes,
        offsets,
        gains,
        compressed,
    })
}

/// One rank's part of a group: rows `rows` of the first leading axis, and its compressed
/// bytes, which start at byte `byte0` of `compressed`. Per-stream values are in C order.
struct Slab<'a> {
    rows: Range<usize>,
    byte0: u64,
    /// Global byte offsets of the streams.
    starts: &'a [i64],
    nbytes: &'a [i64],
    offsets: Option<&'a [f64]>,
    gains: Option<&'a [f64]>,
    compressed: &'a [u8],
}

/// Check that a slab fits the datasets (see [`raw::check`]).
fn check_slab(layout: &Layout, lead: &[usize], slab: &Slab<'_>) -> Result<()> {
    let (start, count) = raw::rows_block(lead, slab.rows.clone());
    let n = slab.starts.len();
    raw::check(&layout.starts, &start, &count, n)?;
    raw::check(&layout.bytes, &start, &count, slab.nbytes.len())?;
    for (ds, values) in [(&layout.offsets, slab.offsets), (&layout.gains, slab.gains)] {
        if let Some(ds) = ds {
            raw::check(ds, &start, &count, values.map_or(0, |v| v.len()))?;
        }
    }
    raw::check(
        &layout.compressed,
        &[slab.byte0],
        &[slab.compressed.len() as u64],
        slab.compressed.len(),
    )
}

/// Write one slab with transfer property list `dxpl` (collective under MPI-IO, where every
/// rank calls this, those without data with an empty slab).
fn write_slab(
    layout: &Layout,
    lead: &[usize],
    dtype: DType,
    slab: &Slab<'_>,
    dxpl: hdf5_sys::h5i::hid_t,
) -> Result<()> {
    let (start, count) = raw::rows_block(lead, slab.rows.clone());
    raw::write_block(&layout.starts, &start, &count, slab.starts, dxpl)?;
    raw::write_block(&layout.bytes, &start, &count, slab.nbytes, dxpl)?;
    for (ds, values) in [(&layout.offsets, slab.offsets), (&layout.gains, slab.gains)] {
        let Some(ds) = ds else { continue };
        let values = values.unwrap_or(&[]);
        if dtype == DType::Float32 {
            let narrow: Vec<f32> = values.iter().map(|&v| v as f32).collect();
            raw::write_block(ds, &start, &count, &narrow, dxpl)?;
        } else {
            raw::write_block(ds, &start, &count, values, dxpl)?;
        }
    }
    raw::write_block(
        &layout.compressed,
        &[slab.byte0],
        &[slab.compressed.len() as u64],
        slab.compressed,
        dxpl,
    )
}

/// The group's attributes; the format version last, so that only a complete group carries
/// the mark of a FlacArray. Under MPI-IO every rank calls this alike.
fn write_attrs(group: &Group, dtype: DType, shape: &[usize]) -> Result<()> {
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
    text(
        ATTR_SOFTWARE,
        concat!("flacarray-rs ", env!("CARGO_PKG_VERSION")),
    )?;
    text(ATTR_CHANNELS, &dtype.channels().to_string())?;
    let shape: Vec<i64> = shape.iter().map(|&v| v as i64).collect();
    group
        .new_attr::<i64>()
        .shape(shape.len())
        .create(ATTR_SHAPE)
        .and_then(|a| a.write_raw(&shape))
        .map_err(h5)?;
    text(ATTR_VERSION, FORMAT_VERSION)
}

impl FlacArray {
    /// Write to `group` in Python flacarray's format "1" (the group must not already hold one).
    pub fn write_hdf5(&self, group: &Group) -> Result<()> {
        if self.mpi_size() > 1 {
            return Err(Error::Mpi(
                "this FlacArray is distributed over MPI ranks: write it with write_hdf5_mpi".into(),
            ));
        }
        check_target(group)?;
        let mut created = Vec::new();
        let result = (|| {
            let lead = self.leading_shape();
            let layout = create_layout(
                group,
                lead,
                self.stream_size(),
                self.nbytes(),
                self.dtype(),
                &mut created,
            )?;
            let slab = Slab {
                rows: 0..lead[0],
                byte0: 0,
                starts: self.stream_starts().as_slice().expect("standard layout"),
                nbytes: self.stream_nbytes().as_slice().expect("standard layout"),
                offsets: self.stream_offsets().and_then(|o| o.as_slice()),
                gains: self.stream_gains().and_then(|g| g.as_slice()),
                compressed: self.compressed(),
            };
            check_slab(&layout, lead, &slab)?;
            // The structure first, on disk; then the values; then the attributes, the version
            // last. A writer killed on the way leaves the rest of the file readable and this
            // group without a version: reported as holding no FlacArray, never half-read.
            flush(group)?;
            write_slab(
                &layout,
                lead,
                self.dtype(),
                &slab,
                hdf5_sys::h5p::H5P_DEFAULT,
            )?;
            flush(group)?;
            write_attrs(group, self.dtype(), self.shape())
        })();
        if result.is_err() {
            unlink_all(group, &created);
        }
        result
    }

    /// Read the FlacArray stored in `group` (Python's `FlacArray.read_hdf5`), only the kept
    /// streams' bytes with `keep` (the result then has shape `(n_kept, stream_size)`).
    ///
    /// Format-0 int64 and float64 groups are read with [`read_array`]: their streams do not
    /// follow this library's int64/float64 rules, so they cannot be held as a FlacArray.
    pub fn read_hdf5(group: &Group, keep: Option<ArrayViewD<'_, bool>>) -> Result<FlacArray> {
        let info = read_info(group)?;
        let Kind::Plain(dtype) = info.kind else {
            return Err(Error::Hdf5(
                "format-0 int64/float64 data cannot be held as a FlacArray; use hdf5::read_array"
                    .into(),
            ));
        };
        let (selected, _) = select_streams(keep.as_ref(), &info.lead)?;
        if selected.is_empty() {
            return Err(Error::Empty(vec![0, info.stream_size]));
        }
        let (compressed, spans) = read_spans(&info.compressed, &stream_ranges(&info, &selected))?;
        let starts: Vec<i64> = spans.iter().map(|r| r.start as i64).collect();
        let nbytes: Vec<i64> = selected.iter().map(|&s| info.nbytes[s]).collect();
        let (shape, lead) = if keep.is_some() {
            (vec![selected.len(), info.stream_size], vec![selected.len()])
        } else {
            (info.shape.clone(), info.lead.clone())
        };
        let per = |v: Vec<i64>| ArrayD::from_shape_vec(IxDyn(&lead), v).expect("one per stream");
        let floats = |v: &Option<Vec<f64>>| {
            v.as_ref().map(|v| {
                ArrayD::from_shape_vec(IxDyn(&lead), selected.iter().map(|&s| v[s]).collect())
                    .expect("one per stream")
            })
        };
        FlacArray::from_parts(
            shape,
            dtype,
            compressed,
            per(starts),
            per(nbytes),
            floats(&info.offsets),
            floats(&info.gains),
        )
    }
}
