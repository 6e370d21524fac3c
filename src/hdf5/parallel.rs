//! The group format over MPI (feature `mpi`): [`write_array_mpi`], [`read_array_mpi`],
//! [`FlacArray::write_hdf5_mpi`] and [`FlacArray::read_hdf5_mpi`].
//!
//! Two ways, chosen from the groups the ranks pass, as in Python flacarray:
//! - **parallel**: every rank passes a group of a file opened through MPI-IO (see
//!   [`create_mpio`] / [`open_mpio`]). Writes create the datasets and attributes collectively
//!   and every rank writes its own rows and bytes with collective I/O; reads need a group on
//!   every rank (MPI-IO or not) and each rank reads only its own streams' bytes.
//! - **gathered**: only rank 0 passes a group (the others pass `None`). Rank 0 writes what
//!   every rank sends it, or reads and sends every rank its part. Messages of any size go in
//!   pieces within MPI's 32-bit counts.
//!
//! Every function is collective over the communicator, and an error on any rank reaches all
//! of them (see [`crate::mpi::agree`]).

use std::ops::Range;

use ::mpi::raw::AsRaw;
use ::mpi::traits::*;
use hdf5_metno::Group;
use hdf5_sys::h5i::hid_t;
use ndarray::{ArrayD, ArrayViewD, Axis, IxDyn, Slice as NdSlice};

use super::{
    check_slab, check_target, create_layout, flush, read_info, unlink_all, write_attrs, write_slab,
    ReadOptions, Slab,
};
use crate::array::{FlacArray, ToArrayOptions};
use crate::compress::{select_streams, unravel, CompressOptions};
use crate::dist::{distribute, MpiDist};
use crate::group::{read_streams, read_values, ByteSource, GroupInfo, Kind};

/// Indices of kept streams, relative to a rank's own rows.
type Indices = Vec<Vec<usize>>;
use crate::dtype::{DType, Element};
use crate::error::{Error, Result};
use crate::mpi::{agree, all_gather_u64, rank_size, recv_bytes, send_bytes, DTYPES};

/// A dataset transfer property list for collective MPI-IO, closed on drop.
pub(crate) struct Collective(hid_t);

impl Collective {
    pub(crate) fn new() -> Result<Collective> {
        use hdf5_sys::h5p::{H5FD_mpio_xfer_t, H5Pclose, H5Pcreate, H5Pset_dxpl_mpio};
        hdf5_metno::sync::sync(|| {
            // SAFETY: plain HDF5 calls; the list is closed here on failure, else on drop.
            unsafe {
                let id = H5Pcreate(*hdf5_metno::globals::H5P_DATASET_XFER);
                if id < 0 {
                    return Err(Error::Hdf5("cannot create a transfer property list".into()));
                }
                if H5Pset_dxpl_mpio(id, H5FD_mpio_xfer_t::H5FD_MPIO_COLLECTIVE) < 0 {
                    H5Pclose(id);
                    return Err(Error::Hdf5(
                        "cannot ask for collective MPI-IO (is HDF5 built with MPI?)".into(),
                    ));
                }
                Ok(Collective(id))
            }
        })
    }

    pub(crate) fn id(&self) -> hid_t {
        self.0
    }
}

impl Drop for Collective {
    fn drop(&mut self) {
        // SAFETY: the id was created in `new` and is closed once.
        hdf5_metno::sync::sync(|| unsafe { hdf5_sys::h5p::H5Pclose(self.0) });
    }
}

/// Whether the file of `loc` is open through the MPI-IO driver.
///
/// Asked through `H5Fget_mpi_atomicity`, which only MPI-IO files answer and which is local to
/// the rank: the file's access property list would tell too, but getting it duplicates the
/// file's communicator, a collective call.
pub(crate) fn is_mpio(loc: &hdf5_metno::Location) -> bool {
    use hdf5_sys::h5f::{H5Fclose, H5Fget_mpi_atomicity};
    use hdf5_sys::h5i::H5Iget_file_id;
    hdf5_metno::sync::sync(|| {
        // SAFETY: HDF5 calls on a valid object id; the file id is closed here. HDF5's error
        // printing is off (hdf5-metno), so a non-MPI-IO file only returns a negative status.
        unsafe {
            let fid = H5Iget_file_id(loc.id());
            if fid < 0 {
                return false;
            }
            let mut flag = 0;
            let mpio = H5Fget_mpi_atomicity(fid, &mut flag) >= 0;
            H5Fclose(fid);
            mpio
        }
    })
}

fn mpio_builder<C: Communicator + AsRaw<Raw = ::mpi::ffi::MPI_Comm>>(
    comm: &C,
) -> hdf5_metno::file::FileBuilder {
    let mut b = hdf5_metno::File::with_options();
    b.with_fapl(|p| {
        p.mpio(comm.as_raw(), None)
            .all_coll_metadata_ops(true)
            .coll_metadata_write(true)
    });
    b
}

/// Create (truncate) `path` on every rank of `comm` through MPI-IO, with collective metadata
/// operations. Collective.
pub fn create_mpio<C: Communicator + AsRaw<Raw = ::mpi::ffi::MPI_Comm>>(
    path: impl AsRef<std::path::Path>,
    comm: &C,
) -> Result<hdf5_metno::File> {
    let r = mpio_builder(comm).create(path).map_err(super::h5);
    agree(comm, r)
}

/// Open `path` on every rank of `comm` through MPI-IO (read-only, or read-write with
/// `write`). Collective.
pub fn open_mpio<C: Communicator + AsRaw<Raw = ::mpi::ffi::MPI_Comm>>(
    path: impl AsRef<std::path::Path>,
    write: bool,
    comm: &C,
) -> Result<hdf5_metno::File> {
    let b = mpio_builder(comm);
    let r = if write { b.open_rw(path) } else { b.open(path) }.map_err(super::h5);
    agree(comm, r)
}

/// How the ranks share a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Every rank has a group.
    Parallel,
    /// Only rank 0 has one.
    Gathered,
}

/// The mode from the groups the ranks passed (writes need MPI-IO for the parallel mode).
fn mode<C: Communicator>(group: Option<&Group>, writing: bool, comm: &C) -> Result<Mode> {
    // 0: no group; 1: a group; 2: a group of an MPI-IO file.
    let mine = match group {
        None => 0u64,
        Some(g) if is_mpio(g) => 2,
        Some(_) => 1,
    };
    let all = all_gather_u64(comm, mine);
    let every = |ok: &dyn Fn(u64) -> bool| all.iter().all(|&m| ok(m));
    if all.len() > 1 && (every(&|m| m == 2) || (!writing && every(&|m| m > 0))) {
        Ok(Mode::Parallel)
    } else if all[0] == 2 && all.len() > 1 {
        // HDF5 calls on an MPI-IO file are collective over the file's ranks.
        Err(Error::Mpi(
            "rank 0's file is open through MPI-IO, so every rank must pass its group (or open              the file on rank 0 only, without MPI-IO, for gathered I/O)"
                .into(),
        ))
    } else if all[0] > 0 {
        Ok(Mode::Gathered)
    } else {
        Err(Error::Mpi(
            "rank 0 passed no HDF5 group: pass the group on rank 0 (gathered I/O), or on every \
             rank with the file opened through MPI-IO (parallel I/O)"
                .into(),
        ))
    }
}

/// Tags of the gathered transfers.
const TAG_META: i32 = 7100;
const TAG_BYTES: i32 = 7101;

fn push_u64s(out: &mut Vec<u8>, v: impl IntoIterator<Item = u64>) {
    for x in v {
        out.extend_from_slice(&x.to_le_bytes());
    }
}

/// Reads 8-byte little-endian words from a received message.
struct Words<'a>(&'a [u8]);

impl Words<'_> {
    fn next(&mut self) -> Result<[u8; 8]> {
        if self.0.len() < 8 {
            return Err(Error::Mpi("a message between ranks is truncated".into()));
        }
        let (w, rest) = self.0.split_at(8);
        self.0 = rest;
        Ok(w.try_into().expect("8 bytes"))
    }
    fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(self.next()?))
    }
    fn i64s(&mut self, n: usize) -> Result<Vec<i64>> {
        (0..n)
            .map(|_| Ok(i64::from_le_bytes(self.next()?)))
            .collect()
    }
    fn f64s(&mut self, n: usize) -> Result<Vec<f64>> {
        (0..n)
            .map(|_| Ok(f64::from_le_bytes(self.next()?)))
            .collect()
    }
    fn usizes(&mut self) -> Result<Vec<usize>> {
        let n = self.u64()? as usize;
        if n > self.0.len() / 8 {
            return Err(Error::Mpi("a message between ranks is truncated".into()));
        }
        (0..n).map(|_| Ok(self.u64()? as usize)).collect()
    }
}

// ---------------------------------------------------------------------------------------
// Writing

/// Compress this rank's part of a distributed array and write the whole array to `group` in
/// Python flacarray's format "1" (Python's `write_array(..., mpi_comm=comm)`). Collective.
///
/// Pass the group on every rank of a file opened through MPI-IO for parallel writes, or on
/// rank 0 only (`None` elsewhere) to have rank 0 gather and write.
pub fn write_array_mpi<T: Element, C: Communicator>(
    arr: ArrayViewD<'_, T>,
    group: Option<&Group>,
    opts: &CompressOptions,
    comm: &C,
) -> Result<()> {
    FlacArray::from_array_mpi(arr, opts, comm)?.write_hdf5_mpi(group, comm)
}

/// The per-stream values of a slab as one message.
fn slab_message(fa: &FlacArray, starts: &[i64]) -> Vec<u8> {
    let mut m = Vec::with_capacity(fa.nstreams() * 32);
    push_u64s(&mut m, starts.iter().map(|&v| v as u64));
    push_u64s(&mut m, fa.stream_nbytes().iter().map(|&v| v as u64));
    for v in [fa.stream_offsets(), fa.stream_gains()]
        .into_iter()
        .flatten()
    {
        push_u64s(&mut m, v.iter().map(|x| x.to_bits()));
    }
    m
}

impl FlacArray {
    /// Check, on every rank, that this FlacArray was distributed over `comm` and belongs to
    /// this rank. Collective.
    pub(crate) fn check_communicator<C: Communicator>(&self, comm: &C) -> Result<()> {
        let (rank, size) = rank_size(comm);
        let fits = if self.mpi_size() == size && self.mpi_rank() == rank {
            Ok(())
        } else {
            Err(Error::Mpi(format!(
                "this FlacArray is distributed over {} rank(s) and belongs to rank {}, but the \
                 communicator has {size} and this is rank {rank}",
                self.mpi_size(),
                self.mpi_rank()
            )))
        };
        agree(comm, fits)
    }

    /// Write a FlacArray distributed over `comm` (made by [`FlacArray::from_array_mpi`] or
    /// [`FlacArray::read_hdf5_mpi`]) to `group` in format "1" (Python's
    /// `FlacArray.write_hdf5` with a communicator). Collective; see [`write_array_mpi`] for
    /// which ranks pass the group.
    pub fn write_hdf5_mpi<C: Communicator>(&self, group: Option<&Group>, comm: &C) -> Result<()> {
        let (rank, size) = rank_size(comm);
        self.check_communicator(comm)?;
        let mode = mode(group, true, comm)?;
        let global = self.global_shape().to_vec();
        let lead = global[..global.len() - 1].to_vec();
        let shape = if size == 1 {
            self.shape().to_vec()
        } else {
            global.clone()
        };
        let starts = self.global_stream_starts();
        let process = self.global_process_nbytes();
        let (first, last) = self.mpi_dist()[rank];
        let slab = Slab {
            rows: first..last,
            byte0: process[..rank].iter().sum::<usize>() as u64,
            starts: starts.as_slice().expect("standard layout"),
            nbytes: self.stream_nbytes().as_slice().expect("standard layout"),
            offsets: self.stream_offsets().and_then(|o| o.as_slice()),
            gains: self.stream_gains().and_then(|g| g.as_slice()),
            compressed: self.compressed(),
        };
        let total = self.global_nbytes();
        let dtype = self.dtype();
        let stream_size = self.stream_size();
        let mut created = Vec::new();
        if mode == Mode::Parallel {
            let group = group.expect("parallel mode: every rank has a group");
            agree(comm, check_target(group))?;
            let layout = create_layout(group, &lead, stream_size, total, dtype, &mut created);
            let result = agree(comm, layout).and_then(|layout| {
                let xfer = Collective::new();
                let xfer = agree(comm, xfer)?;
                agree(comm, check_slab(&layout, &lead, &slab))?;
                // Structure, values, then attributes (version last), as in the serial write.
                agree(comm, flush(group))?;
                agree(comm, write_slab(&layout, &lead, dtype, &slab, xfer.id()))?;
                agree(comm, flush(group))?;
                agree(comm, write_attrs(group, dtype, &shape))
            });
            if result.is_err() {
                unlink_all(group, &created);
            }
            return result;
        }
        if rank != 0 {
            // Wait until rank 0 has made the datasets, then send this rank's part.
            agree(comm, Ok(()))?;
            if last > first {
                send_bytes(comm, 0, TAG_META, &slab_message(self, slab.starts));
                send_bytes(comm, 0, TAG_BYTES, self.compressed());
            }
            return agree(comm, Ok(()));
        }
        let group = group.expect("gathered mode: rank 0 has a group");
        let layout = check_target(group)
            .and_then(|()| create_layout(group, &lead, stream_size, total, dtype, &mut created));
        let layout = agree(comm, layout).inspect_err(|_| unlink_all(group, &created))?;
        let mut result = flush(group)
            .and_then(|()| write_slab(&layout, &lead, dtype, &slab, hdf5_sys::h5p::H5P_DEFAULT));
        let inner: usize = lead[1..].iter().product();
        let dist = self.mpi_dist();
        let mut byte0 = 0u64;
        for p in 0..size {
            let rows = dist[p].0..dist[p].1;
            if p == 0 || rows.is_empty() {
                byte0 += process[p] as u64;
                continue;
            }
            // Receive even after a failure, so that no rank is left blocked in its send.
            let meta = recv_bytes(comm, p, TAG_META);
            let bytes = recv_bytes(comm, p, TAG_BYTES);
            if result.is_ok() {
                let n = rows.len() * inner;
                let mut w = Words(&meta);
                result = (|| {
                    let starts = w.i64s(n)?;
                    let nbytes = w.i64s(n)?;
                    let (offsets, gains) = if dtype.is_float() {
                        (Some(w.f64s(n)?), Some(w.f64s(n)?))
                    } else {
                        (None, None)
                    };
                    let slab = Slab {
                        rows,
                        byte0,
                        starts: &starts,
                        nbytes: &nbytes,
                        offsets: offsets.as_deref(),
                        gains: gains.as_deref(),
                        compressed: &bytes,
                    };
                    write_slab(&layout, &lead, dtype, &slab, hdf5_sys::h5p::H5P_DEFAULT)
                })();
            }
            byte0 += process[p] as u64;
        }
        let result = agree(
            comm,
            result
                .and_then(|()| flush(group))
                .and_then(|()| write_attrs(group, dtype, &shape)),
        );
        if result.is_err() {
            unlink_all(group, &created);
        }
        result
    }
}

// ---------------------------------------------------------------------------------------
// Reading

/// The flat indices (into the whole group) of the streams that rank rows `rows` select with
/// `keep` (global leading shape), and their indices relative to the rank's own slab.
fn local_selection(
    lead: &[usize],
    rows: &Range<usize>,
    keep: Option<&ArrayViewD<'_, bool>>,
) -> Result<(Vec<usize>, Vec<Vec<usize>>)> {
    let mut local_lead = lead.to_vec();
    local_lead[0] = rows.len();
    let (selected, indices) = match keep {
        Some(k) if k.shape() != lead => {
            return Err(Error::Shape(format!(
                "keep has shape {:?}, but the leading shape is {lead:?}",
                k.shape()
            )))
        }
        Some(k) => {
            let local = k.slice_axis(Axis(0), NdSlice::from(rows.clone()));
            select_streams(Some(&local), &local_lead)?
        }
        None => select_streams(None, &local_lead)?,
    };
    let inner: usize = lead[1..].iter().product();
    Ok((
        selected.iter().map(|&s| s + rows.start * inner).collect(),
        indices,
    ))
}

/// The local shape of rows `rows` of a group's array (a 1-D array stays 1-D on its rank).
fn local_shape<S>(info: &GroupInfo<S>, rows: &Range<usize>) -> Vec<usize> {
    if info.shape.len() == 1 && rows.len() == 1 {
        return info.shape.clone();
    }
    let mut sh = info.lead.clone();
    sh[0] = rows.len();
    sh.push(info.stream_size);
    sh
}

/// A rank's FlacArray of the `selected` streams (whole), before it is placed in the
/// distribution.
fn local_flac(
    info: &GroupInfo<impl ByteSource>,
    selected: &[usize],
    shape: Vec<usize>,
    dtype: DType,
) -> Result<FlacArray> {
    if selected.is_empty() {
        let mut empty = shape;
        empty[0] = 0;
        return Ok(FlacArray::empty_rank(&empty, dtype));
    }
    let (compressed, spans) = read_streams(info, selected)?;
    let lead = &shape[..shape.len() - 1];
    let per = |v: Vec<i64>| ArrayD::from_shape_vec(IxDyn(lead), v).expect("one per stream");
    let floats = |v: &Option<Vec<f64>>| {
        v.as_ref().map(|v| {
            ArrayD::from_shape_vec(IxDyn(lead), selected.iter().map(|&s| v[s]).collect())
                .expect("one per stream")
        })
    };
    let lead_len = if shape.len() == 1 {
        1
    } else {
        lead.iter().product()
    };
    debug_assert_eq!(lead_len, selected.len());
    let starts = spans.iter().map(|r| r.start as i64).collect();
    let nbytes = selected.iter().map(|&s| info.nbytes[s]).collect();
    let (starts, nbytes) = if shape.len() == 1 {
        (
            ArrayD::from_shape_vec(IxDyn(&[1]), starts).expect("one stream"),
            ArrayD::from_shape_vec(IxDyn(&[1]), nbytes).expect("one stream"),
        )
    } else {
        (per(starts), per(nbytes))
    };
    let one = |v: Option<ArrayD<f64>>| {
        if shape.len() == 1 {
            v.map(|a| a.into_shape_with_order(IxDyn(&[1])).expect("one stream"))
        } else {
            v
        }
    };
    FlacArray::from_parts(
        shape.clone(),
        dtype,
        compressed,
        starts,
        nbytes,
        one(floats(&info.offsets)),
        one(floats(&info.gains)),
    )
}

/// The shape a rank's read has: `(n_kept, stream_size)` with keep, else its rows.
fn read_shape<S>(info: &GroupInfo<S>, rows: &Range<usize>, kept: usize, keep: bool) -> Vec<usize> {
    if keep {
        vec![kept, info.stream_size]
    } else {
        local_shape(info, rows)
    }
}

/// The stored element type as a FlacArray can hold it.
fn plain_dtype<S>(info: &GroupInfo<S>) -> Result<DType> {
    match info.kind {
        Kind::Plain(d) => Ok(d),
        _ => Err(Error::Hdf5(
            "format-0 int64/float64 data cannot be held as a FlacArray; read it with \
             read_array_mpi and a group on every rank"
                .into(),
        )),
    }
}

/// One rank's part of a group: its streams as a FlacArray, and which of its rows' streams
/// they are.
pub(crate) struct Part {
    pub(crate) fa: FlacArray,
    /// The rank's leading shape (its rows, then the other leading dimensions).
    local_lead: Vec<usize>,
    /// Flat indices of the kept streams within the rank's rows.
    selected: Vec<usize>,
}

impl Part {
    /// Read rows `rows` of the group (the kept streams among them).
    fn read(
        info: &GroupInfo<impl ByteSource>,
        rows: &Range<usize>,
        keep: Option<&ArrayViewD<'_, bool>>,
    ) -> Result<Part> {
        let dtype = plain_dtype(info)?;
        let (selected, _) = local_selection(&info.lead, rows, keep)?;
        let shape = read_shape(info, rows, selected.len(), keep.is_some());
        let fa = local_flac(info, &selected, shape, dtype)?;
        let inner: usize = info.lead[1..].iter().product();
        let mut local_lead = info.lead.clone();
        local_lead[0] = rows.len();
        Ok(Part {
            fa,
            local_lead,
            selected: selected.iter().map(|&s| s - rows.start * inner).collect(),
        })
    }

    /// The part decoded (with the options' stream slice), and the kept streams' indices.
    /// Collective.
    pub(crate) fn into_array<T: Element, C: Communicator>(
        self,
        opts: &ReadOptions<'_>,
        comm: &C,
    ) -> Result<(ArrayD<T>, Indices)> {
        let idx = self.indices();
        let local = self.fa.to_array::<T>(&ToArrayOptions {
            keep: None,
            stream_slice: opts.stream_slice,
            use_threads: opts.use_threads,
        });
        Ok((agree(comm, local)?, idx))
    }

    /// The kept streams' indices within the rank's rows (Python's `keep_indices`).
    fn indices(&self) -> Indices {
        self.selected
            .iter()
            .map(|&s| unravel(s, &self.local_lead))
            .collect()
    }

    /// The part as rank 0 sends it: this message, then the compressed bytes.
    fn message(&self) -> Vec<u8> {
        let fa = &self.fa;
        let mut m = Vec::new();
        let code = DTYPES.iter().position(|&d| d == fa.dtype()).unwrap_or(0);
        push_u64s(&mut m, [0, code as u64]);
        for v in [fa.shape(), &self.local_lead, &self.selected] {
            push_u64s(&mut m, std::iter::once(v.len() as u64));
            push_u64s(&mut m, v.iter().map(|&x| x as u64));
        }
        push_u64s(&mut m, fa.stream_starts().iter().map(|&v| v as u64));
        push_u64s(&mut m, fa.stream_nbytes().iter().map(|&v| v as u64));
        for v in [fa.stream_offsets(), fa.stream_gains()]
            .into_iter()
            .flatten()
        {
            push_u64s(&mut m, v.iter().map(|x| x.to_bits()));
        }
        m
    }

    /// The part from rank 0's message and bytes.
    fn parse(meta: &[u8], compressed: Vec<u8>) -> Result<Part> {
        let mut w = Words(meta);
        if w.u64()? != 0 {
            return Err(Error::OtherRank {
                rank: 0,
                message: String::from_utf8_lossy(w.0).into_owned(),
            });
        }
        let dtype = *DTYPES
            .get(w.u64()? as usize)
            .ok_or_else(|| Error::Mpi("bad element type in a message from rank 0".into()))?;
        let shape = w.usizes()?;
        let local_lead = w.usizes()?;
        let selected = w.usizes()?;
        let fa = if shape.first() == Some(&0) {
            FlacArray::empty_rank(&shape, dtype)
        } else {
            let lead = if shape.len() == 1 {
                vec![1]
            } else {
                shape[..shape.len() - 1].to_vec()
            };
            let n: usize = lead.iter().product();
            let ints = |v: Vec<i64>| ArrayD::from_shape_vec(IxDyn(&lead), v).expect("sized");
            let floats = |v: Vec<f64>| ArrayD::from_shape_vec(IxDyn(&lead), v).expect("sized");
            let starts = ints(w.i64s(n)?);
            let nbytes = ints(w.i64s(n)?);
            let (offsets, gains) = if dtype.is_float() {
                (Some(floats(w.f64s(n)?)), Some(floats(w.f64s(n)?)))
            } else {
                (None, None)
            };
            FlacArray::from_parts(shape, dtype, compressed, starts, nbytes, offsets, gains)?
        };
        Ok(Part {
            fa,
            local_lead,
            selected,
        })
    }
}

fn error_message(e: &Error) -> Vec<u8> {
    let mut m = 1u64.to_le_bytes().to_vec();
    m.extend_from_slice(e.to_string().as_bytes());
    m
}

/// This rank's part, read in either mode (not yet placed in the distribution), and the rows
/// of every rank.
fn read_local<C: Communicator>(
    group: Option<&Group>,
    keep: Option<&ArrayViewD<'_, bool>>,
    mpi_dist: Option<&[(usize, usize)]>,
    comm: &C,
) -> Result<(Part, MpiDist)> {
    let (rank, size) = rank_size(comm);
    let mode = mode(group, false, comm)?;
    if mode == Mode::Parallel {
        let group = group.expect("parallel mode: every rank has a group");
        let info = agree(comm, read_info(group))?;
        let dist = agree(comm, distribute(info.lead[0], size, mpi_dist))?;
        let rows = dist[rank].0..dist[rank].1;
        let part = agree(comm, Part::read(&info, &rows, keep))?;
        return Ok((part, dist));
    }
    // Gathered: rank 0 reads every rank's part and sends it.
    let info = (rank == 0).then(|| read_info(group.expect("gathered mode: rank 0 has a group")));
    read_gathered(info, keep, mpi_dist, comm)
}

/// Rank 0 reads every rank's part of the group it opened (`info`, `None` on the other ranks)
/// and sends it; each rank gets its part and the rows of every rank. Collective.
pub(crate) fn read_gathered<S: ByteSource, C: Communicator>(
    info: Option<Result<GroupInfo<S>>>,
    keep: Option<&ArrayViewD<'_, bool>>,
    mpi_dist: Option<&[(usize, usize)]>,
    comm: &C,
) -> Result<(Part, MpiDist)> {
    let (rank, size) = rank_size(comm);
    let info = info.map(|info| {
        info.and_then(|info| distribute(info.lead[0], size, mpi_dist).map(|d| (info, d)))
    });
    agree(
        comm,
        match &info {
            Some(Err(e)) => Err(e.clone()),
            _ => Ok(()),
        },
    )?;
    let info = info.map(|i| i.expect("checked by agree"));
    // Everyone learns the distribution from rank 0.
    let mut dist_words: Vec<u64> = match &info {
        Some((_, d)) => d.iter().flat_map(|&(a, b)| [a as u64, b as u64]).collect(),
        None => vec![0; 2 * size],
    };
    comm.process_at_rank(0).broadcast_into(&mut dist_words[..]);
    let dist: Vec<(usize, usize)> = dist_words
        .chunks(2)
        .map(|c| (c[0] as usize, c[1] as usize))
        .collect();
    let mine = if rank == 0 {
        let (info, _) = info.as_ref().expect("rank 0 read the group");
        for (p, &(a, b)) in dist.iter().enumerate().skip(1) {
            match Part::read(info, &(a..b), keep) {
                Ok(part) => {
                    send_bytes(comm, p, TAG_META, &part.message());
                    send_bytes(comm, p, TAG_BYTES, part.fa.compressed());
                }
                Err(e) => {
                    send_bytes(comm, p, TAG_META, &error_message(&e));
                    send_bytes(comm, p, TAG_BYTES, &[]);
                }
            }
        }
        Part::read(info, &(dist[0].0..dist[0].1), keep)
    } else {
        let meta = recv_bytes(comm, 0, TAG_META);
        let bytes = recv_bytes(comm, 0, TAG_BYTES);
        Part::parse(&meta, bytes)
    };
    Ok((agree(comm, mine)?, dist))
}

impl FlacArray {
    /// Read the FlacArray stored in `group`, distributed over `comm` along its first axis
    /// (Python's `FlacArray.read_hdf5(..., mpi_comm=comm, mpi_dist=...)`). Collective.
    ///
    /// Pass the group on every rank (each reads only its own streams), or on rank 0 only
    /// (`None` elsewhere; rank 0 reads and sends). `mpi_dist` gives each rank's rows
    /// `(first, last)`; without it rows are spread evenly. With `keep` (global leading shape,
    /// rank 0's in gathered mode) each rank holds its kept streams as `(n_kept, n)`.
    pub fn read_hdf5_mpi<C: Communicator>(
        group: Option<&Group>,
        keep: Option<ArrayViewD<'_, bool>>,
        mpi_dist: Option<&[(usize, usize)]>,
        comm: &C,
    ) -> Result<FlacArray> {
        let (part, dist) = read_local(group, keep.as_ref(), mpi_dist, comm)?;
        distributed_part(part, &dist, keep.is_some(), comm)
    }
}

/// A rank's part as a FlacArray placed in the distribution of the kept (or all) rows.
/// Collective.
pub(crate) fn distributed_part<C: Communicator>(
    part: Part,
    dist: &MpiDist,
    keep: bool,
    comm: &C,
) -> Result<FlacArray> {
    let fa = part.fa;
    let (rank, _) = rank_size(comm);
    let nbytes: Vec<usize> = all_gather_u64(comm, fa.nbytes() as u64)
        .into_iter()
        .map(|n| n as usize)
        .collect();
    let rows = if keep {
        fa.nstreams() as u64
    } else {
        (dist[rank].1 - dist[rank].0) as u64
    };
    let all_rows = all_gather_u64(comm, rows);
    let mut at = 0usize;
    let dist: Vec<(usize, usize)> = all_rows
        .iter()
        .map(|&r| {
            at += r as usize;
            (at - r as usize, at)
        })
        .collect();
    let mut global = if fa.shape().len() == 1 {
        vec![1, fa.stream_size()]
    } else {
        fa.shape().to_vec()
    };
    global[0] = at;
    Ok(fa.distributed(global, dist, nbytes, rank))
}

/// Read this rank's part of the array stored in `group` (Python's
/// `read_array(..., mpi_comm=comm, mpi_dist=...)`). Collective; the groups, `mpi_dist` and
/// `keep` are as in [`FlacArray::read_hdf5_mpi`]. A rank without rows gets an array whose
/// first axis has length 0.
pub fn read_array_mpi<T: Element, C: Communicator>(
    group: Option<&Group>,
    opts: &ReadOptions<'_>,
    mpi_dist: Option<&[(usize, usize)]>,
    comm: &C,
) -> Result<ArrayD<T>> {
    Ok(read_array_with_indices_mpi(group, opts, mpi_dist, comm)?.0)
}

/// [`read_array_mpi`] with the indices of the kept streams, relative to the rank's own rows
/// (Python's `keep_indices=True`); empty without `keep`.
pub fn read_array_with_indices_mpi<T: Element, C: Communicator>(
    group: Option<&Group>,
    opts: &ReadOptions<'_>,
    mpi_dist: Option<&[(usize, usize)]>,
    comm: &C,
) -> Result<(ArrayD<T>, Vec<Vec<usize>>)> {
    let (rank, size) = rank_size(comm);
    if mode(group, false, comm)? == Mode::Gathered {
        let (part, _) = read_local(group, opts.keep.as_ref(), mpi_dist, comm)?;
        return part.into_array(opts, comm);
    }
    // Every rank reads its own streams, and only what the stream slice needs of them.
    let group = group.expect("parallel mode: every rank has a group");
    let info = agree(comm, read_info(group))?;
    let dist = agree(comm, distribute(info.lead[0], size, mpi_dist))?;
    let rows = dist[rank].0..dist[rank].1;
    let local = (|| {
        let range = info.sample_range::<T>(opts.stream_slice.as_ref())?;
        let (selected, indices) = local_selection(&info.lead, &rows, opts.keep.as_ref())?;
        let values = read_values::<T>(&info, &selected, range.clone(), opts.use_threads)?;
        let mut shape = read_shape(&info, &rows, selected.len(), opts.keep.is_some());
        *shape.last_mut().expect("at least one axis") = range.len();
        let arr = ArrayD::from_shape_vec(IxDyn(&shape), values).expect("sized by the read");
        Ok((arr, indices))
    })();
    agree(comm, local)
}

/// Gather a FlacArray distributed over `comm` on rank 0, as one FlacArray of the global
/// shape (`None` on the other ranks), for back ends that write from rank 0 only. Collective.
pub(crate) fn gather_to_root<C: Communicator>(
    fa: &FlacArray,
    comm: &C,
) -> Result<Option<FlacArray>> {
    let (rank, size) = rank_size(comm);
    let dist = fa.mpi_dist().to_vec();
    let starts = fa.global_stream_starts();
    let starts = starts.as_slice().expect("standard layout");
    if rank != 0 {
        if dist[rank].1 > dist[rank].0 {
            send_bytes(comm, 0, TAG_META, &slab_message(fa, starts));
            send_bytes(comm, 0, TAG_BYTES, fa.compressed());
        }
        return Ok(None);
    }
    let global = if size == 1 {
        fa.shape().to_vec()
    } else {
        fa.global_shape().to_vec()
    };
    let inner: usize = fa.leading_shape()[1..].iter().product();
    let float = fa.dtype().is_float();
    let mut all_starts = Vec::new();
    let mut nbytes = Vec::new();
    let (mut offsets, mut gains) = (Vec::new(), Vec::new());
    let mut compressed = Vec::with_capacity(fa.global_nbytes());
    let mut result = Ok(());
    for (p, &(first, last)) in dist.iter().enumerate() {
        if last == first {
            continue;
        }
        let n = (last - first) * inner;
        let (meta, bytes) = if p == 0 {
            (slab_message(fa, starts), fa.compressed().to_vec())
        } else {
            // Receive even after a failure, so that no rank is left blocked in its send.
            (
                recv_bytes(comm, p, TAG_META),
                recv_bytes(comm, p, TAG_BYTES),
            )
        };
        if result.is_err() {
            continue;
        }
        let mut w = Words(&meta);
        result = (|| {
            all_starts.extend(w.i64s(n)?);
            nbytes.extend(w.i64s(n)?);
            if float {
                offsets.extend(w.f64s(n)?);
                gains.extend(w.f64s(n)?);
            }
            compressed.extend_from_slice(&bytes);
            Ok(())
        })();
    }
    result?;
    let lead = if global.len() == 1 {
        vec![1]
    } else {
        global[..global.len() - 1].to_vec()
    };
    let per = |v: Vec<i64>| ArrayD::from_shape_vec(IxDyn(&lead), v);
    let fl = |v: Vec<f64>| float.then(|| ArrayD::from_shape_vec(IxDyn(&lead), v));
    let bad = |e: ndarray::ShapeError| Error::Mpi(format!("gathered parts do not fit: {e}"));
    FlacArray::from_parts(
        global.clone(),
        fa.dtype(),
        compressed,
        per(all_starts).map_err(bad)?,
        per(nbytes).map_err(bad)?,
        fl(offsets).transpose().map_err(bad)?,
        fl(gains).transpose().map_err(bad)?,
    )
    .map(Some)
}
