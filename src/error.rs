//! The one error type of the crate.

use thiserror::Error;

/// Everything that can go wrong in flacarray, with a message that says what to do.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum Error {
    /// An HDF5 file or group is not what a flacarray reader needs, or HDF5 failed.
    #[error("HDF5: {0}")]
    Hdf5(String),

    /// A Zarr store or group is not what a flacarray reader needs, or Zarr I/O failed.
    #[error("Zarr: {0}")]
    Zarr(String),

    /// A group (HDF5 or Zarr) does not hold valid flacarray data: missing or inconsistent
    /// attributes and arrays, an unsupported format version.
    #[error("flacarray group: {0}")]
    Group(String),

    /// A parameter is out of range or inconsistent with the data.
    #[error("invalid parameter: {0}")]
    InvalidParameter(String),

    /// Float data needs a quantization choice.
    #[error(
        "floating point data requires `quanta` or `precision`: set one of them \
         (quanta = value of one integer step; precision = decimal digits kept below each stream's RMS)"
    )]
    MissingQuantization,

    /// `quanta` and `precision` are exclusive.
    #[error("`quanta` and `precision` cannot both be set: choose one")]
    BothQuantization,

    /// The array has no elements.
    #[error("cannot compress a zero-sized array (shape {0:?})")]
    Empty(Vec<usize>),

    /// A float value is NaN or infinite.
    #[error("stream {stream:?} contains {what} at sample {sample}: only finite values can be compressed")]
    NonFinite {
        /// Leading index of the stream.
        stream: Vec<usize>,
        /// Sample index inside the stream.
        sample: usize,
        /// "NaN", "+Inf" or "-Inf".
        what: &'static str,
    },

    /// A float value does not fit the integer range at the given quanta.
    #[error(
        "stream {stream:?}: value {value} at sample {sample} does not fit a {bits}-bit integer \
         with quanta {quanta} (offset {offset}); use a larger quanta or a smaller precision"
    )]
    OutOfRange {
        /// Leading index of the stream.
        stream: Vec<usize>,
        /// Sample index inside the stream.
        sample: usize,
        /// The offending value (as f64).
        value: f64,
        /// The quanta used for this stream.
        quanta: f64,
        /// The offset subtracted from this stream.
        offset: f64,
        /// Width of the integer type.
        bits: u32,
    },

    /// The requested element type differs from the array's.
    #[error("data type mismatch: the array holds {stored}, {requested} was requested")]
    DTypeMismatch {
        /// The type stored in the array.
        stored: &'static str,
        /// The type the caller asked for.
        requested: &'static str,
    },

    /// Shapes of auxiliary arrays do not agree.
    #[error("shape mismatch: {0}")]
    Shape(String),

    /// An index or slice key is not supported or out of bounds.
    #[error("index error: {0}")]
    Index(String),

    /// libFLAC refused to encode.
    #[error("FLAC encoding failed for stream {stream}: {reason}")]
    Encode {
        /// Flat stream index.
        stream: usize,
        /// What libFLAC said.
        reason: String,
    },

    /// The ranks of an MPI job disagree (shapes, types, distribution) or MPI failed.
    #[error("MPI: {0}")]
    Mpi(String),

    /// Another rank of the MPI job failed; every rank returns an error, none is left waiting.
    #[error("rank {rank} of the MPI job failed: {message}")]
    OtherRank {
        /// The lowest rank that failed.
        rank: usize,
        /// Its error message.
        message: String,
    },

    /// A compressed stream is corrupt, truncated or does not match its description.
    #[error("corrupt FLAC stream {stream}: {reason}")]
    Corrupt {
        /// Flat stream index.
        stream: usize,
        /// What was found.
        reason: String,
    },
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;
