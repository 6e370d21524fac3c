//! [`FlacArray`]: a compressed N-dimensional array held in memory.

pub mod compress;
pub mod convert;
pub mod demo;
pub mod dtype;
pub mod index;
pub mod streams;

use std::fmt;

use ndarray::{ArrayD, ArrayViewD, IxDyn};

use crate::array::compress::{array_compress, leading_shape, select_streams, CompressOptions};
use crate::array::dtype::{DType, Element};
use crate::array::index::{Key, Slice};
use crate::array::streams::StreamSet;
use crate::error::{Error, Result};

/// Options of the reads: [`FlacArray::to_array`] and the stores' `read_array`, with
/// Python's defaults.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions<'a> {
    /// Decode only the streams marked `true` (shape = leading shape); the result is then 2-D
    /// `(n_kept, n_samples)`.
    pub keep: Option<ArrayViewD<'a, bool>>,
    /// Samples of every stream to decode; step must be 1; negative bounds count from the end.
    pub stream_slice: Option<Slice>,
    /// Decode streams on the rayon thread pool.
    pub use_threads: bool,
}

/// A compressed representation of an N-dimensional array whose last axis holds the streams.
///
/// Build one with [`FlacArray::from_array`]; get data back with [`FlacArray::to_array`] or,
/// for a numpy-style selection, [`FlacArray::get`].
///
/// ```
/// use flacarray::{CompressOptions, FlacArray, Key, ReadOptions};
/// use ndarray::ArrayD;
///
/// let data = ArrayD::from_shape_fn(vec![4, 3, 1000], |ix| (ix[2] as f64 * 0.01).sin() + ix[0] as f64);
/// let fa = FlacArray::from_array(data.view(), &CompressOptions::default().quanta(1e-6))?;
/// assert_eq!(fa.leading_shape(), &[4, 3]);
/// let back: ArrayD<f64> = fa.to_array(&ReadOptions::default())?;
/// assert!((&back - &data).iter().all(|e| e.abs() <= 0.5e-6 + 1e-12));
///
/// // numpy-style: fa[1, -1, 10:20]
/// let part: ArrayD<f64> = fa.get(&[Key::from(1), Key::from(-1), (10..20).into()])?;
/// assert_eq!(part.shape(), &[10]);
/// # Ok::<(), flacarray::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FlacArray {
    shape: Vec<usize>,
    global_shape: Vec<usize>,
    dtype: DType,
    compressed: Vec<u8>,
    stream_starts: ArrayD<i64>,
    stream_nbytes: ArrayD<i64>,
    stream_offsets: Option<ArrayD<f64>>,
    stream_gains: Option<ArrayD<f64>>,
    mpi_dist: Vec<(usize, usize)>,
    /// Compressed bytes held by each rank.
    process_nbytes: Vec<usize>,
    /// This rank's index in `mpi_dist`.
    rank: usize,
}

impl FlacArray {
    /// Compress an array (Python's `FlacArray.from_array`).
    pub fn from_array<T: Element>(
        arr: ArrayViewD<'_, T>,
        opts: &CompressOptions,
    ) -> Result<FlacArray> {
        let c = array_compress(arr.view(), opts)?;
        let widen = |a: Option<ArrayD<T>>| a.map(|a| a.mapv(|v| v.to_f64()));
        FlacArray::from_parts(
            arr.shape().to_vec(),
            T::DTYPE,
            c.compressed,
            c.stream_starts,
            c.stream_nbytes,
            widen(c.stream_offsets),
            widen(c.stream_gains),
        )
    }

    /// Assemble a FlacArray from its parts (what a file holds), checking their consistency.
    ///
    /// `shape` is the uncompressed shape (1-D for a single stream); the per-stream arrays have
    /// the leading shape (`(1,)` for 1-D). Offsets and gains, required for float types, hold
    /// values of the float type widened to f64.
    pub fn from_parts(
        shape: Vec<usize>,
        dtype: DType,
        compressed: Vec<u8>,
        stream_starts: ArrayD<i64>,
        stream_nbytes: ArrayD<i64>,
        stream_offsets: Option<ArrayD<f64>>,
        stream_gains: Option<ArrayD<f64>>,
    ) -> Result<FlacArray> {
        if shape.is_empty() || shape.contains(&0) {
            return Err(Error::Empty(shape));
        }
        let lead = leading_shape(&shape);
        for (name, s) in [
            ("stream_starts", stream_starts.shape()),
            ("stream_nbytes", stream_nbytes.shape()),
        ] {
            if s != lead.as_slice() {
                return Err(Error::Shape(format!(
                    "{name} has shape {s:?}, expected {lead:?}"
                )));
            }
        }
        match (&stream_offsets, &stream_gains, dtype.is_float()) {
            (Some(o), Some(g), true) => {
                if o.shape() != lead.as_slice() || g.shape() != lead.as_slice() {
                    return Err(Error::Shape(format!(
                        "offsets {:?} and gains {:?} must have the leading shape {lead:?}",
                        o.shape(),
                        g.shape()
                    )));
                }
            }
            (None, None, false) => {}
            _ => {
                return Err(Error::InvalidParameter(format!(
                    "{dtype} data {} offsets and gains",
                    if dtype.is_float() {
                        "needs"
                    } else {
                        "cannot have"
                    }
                )))
            }
        }
        let global_shape = if shape.len() == 1 {
            vec![1, shape[0]]
        } else {
            shape.clone()
        };
        Ok(FlacArray {
            mpi_dist: vec![(0, global_shape[0])],
            process_nbytes: vec![compressed.len()],
            rank: 0,
            shape,
            global_shape,
            dtype,
            compressed,
            stream_starts: stream_starts.as_standard_layout().into_owned(),
            stream_nbytes: stream_nbytes.as_standard_layout().into_owned(),
            stream_offsets: stream_offsets.map(|a| a.as_standard_layout().into_owned()),
            stream_gains: stream_gains.map(|a| a.as_standard_layout().into_owned()),
        })
    }

    /// The local part of a distributed array on a rank that holds no rows: shape
    /// `(0, global_shape[1..])`.
    #[cfg(feature = "mpi")]
    pub(crate) fn empty_rank(global_shape: &[usize], dtype: DType) -> FlacArray {
        let mut shape = global_shape.to_vec();
        shape[0] = 0;
        let lead = IxDyn(&shape[..shape.len() - 1]);
        let floats = dtype.is_float().then(|| ArrayD::zeros(lead.clone()));
        FlacArray {
            global_shape: global_shape.to_vec(),
            dtype,
            compressed: Vec::new(),
            stream_starts: ArrayD::zeros(lead.clone()),
            stream_nbytes: ArrayD::zeros(lead),
            stream_offsets: floats.clone(),
            stream_gains: floats,
            mpi_dist: vec![(0, 0)],
            process_nbytes: vec![0],
            rank: 0,
            shape,
        }
    }

    /// This local part placed in a distributed array.
    #[cfg(feature = "mpi")]
    pub(crate) fn distributed(
        mut self,
        global_shape: Vec<usize>,
        mpi_dist: Vec<(usize, usize)>,
        process_nbytes: Vec<usize>,
        rank: usize,
    ) -> FlacArray {
        self.global_shape = global_shape;
        self.mpi_dist = mpi_dist;
        self.process_nbytes = process_nbytes;
        self.rank = rank;
        self
    }

    /// The local uncompressed shape, as given (1-D stays 1-D).
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }
    /// The global shape across MPI ranks; `(1, N)` for 1-D data.
    pub fn global_shape(&self) -> &[usize] {
        &self.global_shape
    }
    /// The local leading shape (`(1,)` for 1-D data).
    pub fn leading_shape(&self) -> &[usize] {
        self.stream_starts.shape()
    }
    /// The global leading shape.
    pub fn global_leading_shape(&self) -> &[usize] {
        &self.global_shape[..self.global_shape.len() - 1]
    }
    /// Samples per stream.
    pub fn stream_size(&self) -> usize {
        self.shape[self.shape.len() - 1]
    }
    /// Number of local streams.
    pub fn nstreams(&self) -> usize {
        self.stream_starts.len()
    }
    /// Number of streams across all ranks.
    pub fn global_nstreams(&self) -> usize {
        self.global_leading_shape().iter().product()
    }
    /// Local compressed bytes.
    pub fn nbytes(&self) -> usize {
        self.compressed.len()
    }
    /// Compressed bytes across all ranks.
    pub fn global_nbytes(&self) -> usize {
        self.global_process_nbytes().iter().sum()
    }
    /// Compressed bytes held by each rank.
    pub fn global_process_nbytes(&self) -> Vec<usize> {
        self.process_nbytes.clone()
    }
    /// This process's rank in the communicator the array is distributed over (0 without MPI).
    pub fn mpi_rank(&self) -> usize {
        self.rank
    }
    /// The number of ranks the array is distributed over (1 without MPI).
    pub fn mpi_size(&self) -> usize {
        self.mpi_dist.len()
    }
    /// The local compressed bytes.
    pub fn compressed(&self) -> &[u8] {
        &self.compressed
    }
    /// Byte offset of each local stream in [`FlacArray::compressed`].
    pub fn stream_starts(&self) -> &ArrayD<i64> {
        &self.stream_starts
    }
    /// Byte offset of each local stream in the global byte sequence (the ranks' bytes laid
    /// end to end in rank order, as in a file).
    pub fn global_stream_starts(&self) -> ArrayD<i64> {
        let before: usize = self.process_nbytes[..self.rank].iter().sum();
        self.stream_starts.mapv(|s| s + before as i64)
    }
    /// Byte length of each local stream.
    pub fn stream_nbytes(&self) -> &ArrayD<i64> {
        &self.stream_nbytes
    }
    /// Byte length of each local stream in the global byte sequence (the same as
    /// [`FlacArray::stream_nbytes`]).
    pub fn global_stream_nbytes(&self) -> ArrayD<i64> {
        self.stream_nbytes.clone()
    }
    /// Float data: the offset subtracted from each stream (values of the float type, as f64).
    pub fn stream_offsets(&self) -> Option<&ArrayD<f64>> {
        self.stream_offsets.as_ref()
    }
    /// Float data: the gain of each stream (values of the float type, as f64).
    pub fn stream_gains(&self) -> Option<&ArrayD<f64>> {
        self.stream_gains.as_ref()
    }
    /// The element type of the uncompressed data.
    pub fn dtype(&self) -> DType {
        self.dtype
    }
    /// The numpy name of the element type.
    pub fn typestr(&self) -> &'static str {
        self.dtype.name()
    }
    /// The range of the first leading axis held by each MPI rank.
    pub fn mpi_dist(&self) -> &[(usize, usize)] {
        &self.mpi_dist
    }

    fn check_type<T: Element>(&self) -> Result<()> {
        if T::DTYPE == self.dtype {
            Ok(())
        } else {
            Err(Error::DTypeMismatch {
                stored: self.dtype.name(),
                requested: T::DTYPE.name(),
            })
        }
    }

    fn stream_set<T: Element>(&self) -> StreamSet<'_, T> {
        let og = match (&self.stream_offsets, &self.stream_gains) {
            (Some(o), Some(g)) => o
                .iter()
                .zip(g)
                .map(|(&o, &g)| (T::from_f64(o), T::from_f64(g)))
                .collect(),
            _ => Vec::new(),
        };
        StreamSet {
            compressed: &self.compressed,
            stream_size: self.stream_size(),
            starts: self.stream_starts.iter().copied().collect(),
            nbytes: self.stream_nbytes.iter().copied().collect(),
            offset_gain: og,
        }
    }

    /// Decompress to an array of `T`, which must be the stored type.
    ///
    /// Without `keep` the result has the original shape (restricted to `stream_slice` on the
    /// last axis); with `keep` it is 2-D `(n_kept, n_samples)`.
    pub fn to_array<T: Element>(&self, opts: &ReadOptions<'_>) -> Result<ArrayD<T>> {
        Ok(self.to_array_with_indices(opts)?.0)
    }

    /// [`FlacArray::to_array`] that also returns the leading index of every kept stream
    /// (Python's `keep_indices=True`); the list is empty without `keep`.
    pub fn to_array_with_indices<T: Element>(
        &self,
        opts: &ReadOptions<'_>,
    ) -> Result<(ArrayD<T>, Vec<Vec<usize>>)> {
        self.check_type::<T>()?;
        let lead = self.leading_shape().to_vec();
        let range = match &opts.stream_slice {
            Some(s) => s.to_range(self.stream_size(), "stream_slice")?,
            None => 0..self.stream_size(),
        };
        let (selected, indices) = select_streams(opts.keep.as_ref(), &lead)?;
        let n = range.len();
        let data =
            self.stream_set::<T>()
                .decode(&selected, range.start, range.end, opts.use_threads)?;
        let shape = if opts.keep.is_some() {
            vec![selected.len(), n]
        } else {
            let mut s = self.shape.clone();
            *s.last_mut().expect("at least one axis") = n;
            s
        };
        Ok((
            ArrayD::from_shape_vec(IxDyn(&shape), data).expect("sized by decode"),
            indices,
        ))
    }

    /// numpy-style selection, decompressing only what it needs (Python's `__getitem__`).
    ///
    /// Keys apply to the axes in order; missing trailing keys select everything. Leading axes
    /// take integers (negative counts from the end) and slices (any step, also negative). The
    /// stream axis takes an integer or a step-1 slice. An integer for every axis gives a 0-d
    /// array holding that one value.
    pub fn get<T: Element>(&self, key: &[Key]) -> Result<ArrayD<T>> {
        self.check_type::<T>()?;
        let ndim = self.shape.len();
        if key.len() > ndim {
            return Err(Error::Index(format!(
                "too many indices: {} given for an array of {ndim} dimension(s)",
                key.len()
            )));
        }
        let full = Key::Slice(Slice::all());
        let key_at = |axis: usize| key.get(axis).copied().unwrap_or(full);
        // Leading axes (none for 1-D data, whose single stream is implicit).
        let lead_axes = ndim - 1;
        let mut per_axis: Vec<Vec<usize>> = Vec::with_capacity(lead_axes);
        let mut out_shape = Vec::new();
        for axis in 0..lead_axes {
            let len = self.shape[axis];
            match key_at(axis) {
                Key::Index(i) => per_axis.push(vec![Key::resolve_index(i, len, axis)?]),
                Key::Slice(s) => {
                    let idx = s.to_indices(len)?;
                    out_shape.push(idx.len());
                    per_axis.push(idx);
                }
            }
        }
        let stream_len = self.stream_size();
        let range = match key_at(ndim - 1) {
            Key::Index(i) => {
                let k = Key::resolve_index(i, stream_len, ndim - 1)?;
                k..k + 1
            }
            Key::Slice(s) => {
                let r = s.to_range(stream_len, "the stream axis")?;
                out_shape.push(r.len());
                r
            }
        };
        // Flat stream indices in output (C) order of the per-axis index lists.
        let lead = self.leading_shape();
        let mut selected = vec![0usize];
        for (axis, idx) in per_axis.iter().enumerate() {
            let stride: usize = lead[axis + 1..].iter().product();
            selected = selected
                .iter()
                .flat_map(|&base| idx.iter().map(move |&i| base + i * stride))
                .collect();
        }
        let data = self
            .stream_set::<T>()
            .decode(&selected, range.start, range.end, false)?;
        Ok(ArrayD::from_shape_vec(IxDyn(&out_shape), data).expect("sized by decode"))
    }
}

/// Python's tuple formatting of a shape: `(4, 3, 10)`, `(10,)`.
fn tuple(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

impl fmt::Display for FlacArray {
    /// `<FlacArray float64 shape=(4, 3, 10000) bytes=522899>`, as Python's repr.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "<FlacArray {} shape={} bytes={}>",
            self.dtype,
            tuple(&self.shape),
            self.nbytes()
        )
    }
}
