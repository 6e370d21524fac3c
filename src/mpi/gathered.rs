//! The gathered transport of the group format under MPI, for every store: rank 0 reads
//! every rank's part and sends it, or receives every rank's part and writes the whole.
//! Messages of any size go in pieces within MPI's 32-bit counts
//! ([`super::send_bytes`]). The store supplies the group, its bytes and the writes
//! ([`Store`]); nothing here knows which store it is.

use std::ops::Range;

use ::mpi::traits::*;
use ndarray::{ArrayD, ArrayViewD, Axis, IxDyn, Slice as NdSlice};

use super::parallel::agree_made;
use super::{agree, all_gather_u64, rank_size, recv_bytes, send_bytes, DTYPES};
use crate::array::compress::{select_streams, unravel};
use crate::array::dtype::{DType, Element};
use crate::array::{FlacArray, ReadOptions};
use crate::error::{Error, Result};
use crate::group::store::{GroupWriter, NewGroup, Slab, Store};
use crate::group::{read_streams, ByteSource, GroupInfo, Kind};
use crate::mpi::{distribute, MpiDist};

/// Indices of kept streams, relative to a rank's own rows.
pub(crate) type Indices = Vec<Vec<usize>>;

/// Tags of the gathered transfers.
pub(crate) const TAG_META: i32 = 7100;
pub(crate) const TAG_BYTES: i32 = 7101;

fn push_u64s(out: &mut Vec<u8>, v: impl IntoIterator<Item = u64>) {
    for x in v {
        out.extend_from_slice(&x.to_le_bytes());
    }
}

/// Reads 8-byte little-endian words from a received message.
pub(crate) struct Words<'a>(pub(crate) &'a [u8]);

impl Words<'_> {
    fn next(&mut self) -> Result<[u8; 8]> {
        if self.0.len() < 8 {
            return Err(Error::Mpi("a message between ranks is truncated".into()));
        }
        let (w, rest) = self.0.split_at(8);
        self.0 = rest;
        Ok(w.try_into().expect("8 bytes"))
    }
    pub(crate) fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(self.next()?))
    }
    pub(crate) fn i64s(&mut self, n: usize) -> Result<Vec<i64>> {
        (0..n)
            .map(|_| Ok(i64::from_le_bytes(self.next()?)))
            .collect()
    }
    pub(crate) fn f64s(&mut self, n: usize) -> Result<Vec<f64>> {
        (0..n)
            .map(|_| Ok(f64::from_le_bytes(self.next()?)))
            .collect()
    }
    pub(crate) fn usizes(&mut self) -> Result<Vec<usize>> {
        let n = self.u64()? as usize;
        if n > self.0.len() / 8 {
            return Err(Error::Mpi("a message between ranks is truncated".into()));
        }
        (0..n).map(|_| Ok(self.u64()? as usize)).collect()
    }
}

/// The per-stream values of a slab as one message.
pub(crate) fn slab_message(fa: &FlacArray, starts: &[i64]) -> Vec<u8> {
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
}

/// The flat indices (into the whole group) of the streams that rank rows `rows` select with
/// `keep` (global leading shape), and their indices relative to the rank's own slab.
pub(crate) fn local_selection(
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
pub(crate) fn read_shape<S>(
    info: &GroupInfo<S>,
    rows: &Range<usize>,
    kept: usize,
    keep: bool,
) -> Vec<usize> {
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
        _ => Err(Error::InvalidParameter(
            "format-0 int64/float64 data cannot be held as a FlacArray; read it with \
             flacarray::mpi::read_array"
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
    pub(crate) fn read(
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
        let local = self.fa.to_array::<T>(&ReadOptions {
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

/// Write `fa`, distributed over `comm`, to `group` (rank 0's; `None` elsewhere): rank 0
/// creates the arrays, writes its part and each part the others send it, then the
/// attributes. Collective.
pub(crate) fn write<G: Store, C: Communicator>(
    fa: &FlacArray,
    group: Option<&G>,
    comm: &C,
) -> Result<()> {
    let (rank, size) = rank_size(comm);
    let starts = fa.global_stream_starts();
    let starts = starts.as_slice().expect("standard layout");
    let dist = fa.mpi_dist().to_vec();
    if rank != 0 {
        // Wait until rank 0 has made the arrays, then send this rank's part.
        agree(comm, Ok(()))?;
        if dist[rank].1 > dist[rank].0 {
            send_bytes(comm, 0, TAG_META, &slab_message(fa, starts));
            send_bytes(comm, 0, TAG_BYTES, fa.compressed());
        }
        return agree(comm, Ok(()));
    }
    let group = group.expect("gathered mode: rank 0 has a group");
    let made = group
        .check_target()
        .and_then(|()| group.create(&NewGroup::of(fa), false));
    let writer = agree_made(comm, made)?;
    let own = Slab::of(fa, starts);
    let mut result = writer
        .flush()
        .and_then(|()| writer.check(&own))
        .and_then(|()| writer.write(&own));
    let inner: usize = fa.global_leading_shape()[1..].iter().product();
    let process = fa.global_process_nbytes();
    let mut byte0 = process[0] as u64;
    for p in 1..size {
        let rows = dist[p].0..dist[p].1;
        if rows.is_empty() {
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
                let (offsets, gains) = if fa.dtype().is_float() {
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
                writer.check(&slab)?;
                writer.write(&slab)
            })();
        }
        byte0 += process[p] as u64;
    }
    let result = agree(
        comm,
        result
            .and_then(|()| writer.flush())
            .and_then(|()| writer.finish()),
    );
    if result.is_err() {
        writer.abort();
    }
    result
}
