//! The HDF5 filter (ID 32027, "flac"): the `H5Z_class2_t` and its callbacks, shared by the
//! plugin (`plugin/`, loaded from `HDF5_PLUGIN_PATH`) and by in-process registration
//! ([`register`], feature `hdf5`).
//!
//! Filter parameters (cd_values), as given by users (also documented in `include/H5Zflac.h`):
//!
//! | form | meaning |
//! | --- | --- |
//! | `()` | level 5, integers only |
//! | `(level)` | level 0–11 (9–11: longer blocks, see [`crate::stream::flac::MAX_CHUNK_LEVEL`]), integers only |
//! | `(level, 0)` | the same |
//! | `(level, 1, q_hi, q_lo)` | floats: quanta = the double whose IEEE bits are `q_hi << 32 \| q_lo` |
//! | `(level, 2, precision)` | floats: digits kept below each stream's RMS (a signed 32-bit value) |
//! | `(level, 3)` | floats: each stream scaled from its own range (about 2^31 or 2^63 steps across it) |
//!
//! `set_local` expands them to the stored form ([`Stored`]), which also records the element
//! type, byte order and chunk layout, so the file is self-describing; it accepts its own
//! output (h5repack and copied property lists pass stored forms back in).

mod api;
pub mod chunk;
mod config;
mod nczarr;
mod threads;

use std::ffi::{c_int, c_uint, c_void};
use std::mem::MaybeUninit;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::array::compress::{PerStream, Quantization};
use crate::h5z::chunk::{
    check_chunk, decode_chunk, decode_chunk_into, encode_chunk_parts, ChunkLayout, ChunkOptions,
    ElementType, EncodedChunk,
};
use crate::stream::flac::{check_chunk_level, DEFAULT_LEVEL};

use api::{Api, HdfBuffer};
pub use api::{Herr, Hid};
pub use config::CODEC_NAME;
#[doc(hidden)]
pub use nczarr::codec_info;
pub use threads::{cores, set_threads, threads as filter_threads, THREADS_ENV};

/// The filter ID registered with The HDF Group for FLAC.
pub const FILTER_ID: c_int = 32027;
/// First value of the stored cd_values ("FLAC" in ASCII), which user forms never start with.
pub const CD_MAGIC: c_uint = 0x464C_4143;
/// Version of the stored cd_values layout.
pub const CD_VERSION: c_uint = 1;
/// Number of stored cd_values.
pub const CD_STORED_LEN: usize = 10;
/// Float mode: none (integers).
pub const MODE_NONE: c_uint = 0;
/// Float mode: quanta in two 32-bit halves.
pub const MODE_QUANTA: c_uint = 1;
/// Float mode: precision.
pub const MODE_PRECISION: c_uint = 2;
/// Float mode: each stream's quanta from its range (asked for explicitly; never a default).
pub const MODE_DATA_RANGE: c_uint = 3;

const H5Z_FLAG_REVERSE: c_uint = 0x0100;
const H5T_INTEGER: c_int = 0;
const H5T_FLOAT: c_int = 1;
const H5T_SGN_NONE: c_int = 0;
const H5T_ORDER_LE: c_int = 0;
const H5T_ORDER_BE: c_int = 1;

/// The user's choice of level and float quantization: what the cd_values say. The filter
/// takes one quanta or precision for all streams.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterParams {
    level: u32,
    quantization: Quantization,
}

impl FilterParams {
    /// Integer data, losslessly, at a FLAC level (0 to [`crate::stream::flac::MAX_CHUNK_LEVEL`]).
    pub fn lossless(level: u32) -> FilterParams {
        FilterParams {
            level,
            quantization: Quantization::None,
        }
    }

    /// Float data quantized with a fixed quanta.
    pub fn quanta(level: u32, quanta: f64) -> FilterParams {
        FilterParams {
            level,
            quantization: Quantization::quanta(quanta),
        }
    }

    /// Float data, each stream scaled from its own range (`(level, 3)`).
    pub fn data_range(level: u32) -> FilterParams {
        FilterParams {
            level,
            quantization: Quantization::DataRange,
        }
    }

    /// Float data quantized to `precision` digits below each stream's RMS.
    pub fn precision(level: u32, precision: i32) -> FilterParams {
        FilterParams {
            level,
            quantization: Quantization::precision(precision),
        }
    }

    /// Parameters from a level and a quantization, which must be one value for all streams
    /// (a chunk holds a varying set of streams).
    pub fn new(level: u32, quantization: Quantization) -> Result<FilterParams, crate::Error> {
        check_chunk_level(level).map_err(crate::Error::InvalidParameter)?;
        match quantization {
            Quantization::Quanta(PerStream::Array(_))
            | Quantization::Precision(PerStream::Array(_)) => Err(crate::Error::InvalidParameter(
                "the FLAC filter takes one quanta or precision for all streams, not one per stream"
                    .into(),
            )),
            q => Ok(FilterParams {
                level,
                quantization: q,
            }),
        }
    }

    /// The FLAC level.
    pub fn level(&self) -> u32 {
        self.level
    }

    /// The float quantization (one value for all streams, or none).
    pub fn quantization(&self) -> &Quantization {
        &self.quantization
    }

    /// Parse a user form (or the user part of a stored form).
    pub fn parse(cd: &[c_uint]) -> Result<FilterParams, String> {
        if cd.first() == Some(&CD_MAGIC) {
            return Stored::parse(cd).map(|s| s.user);
        }
        let level = cd.first().copied().unwrap_or(DEFAULT_LEVEL);
        check_chunk_level(level)?;
        let quantization = match cd.get(1).copied().unwrap_or(MODE_NONE) {
            MODE_NONE if cd.len() <= 2 => Quantization::None,
            MODE_QUANTA if cd.len() == 4 => {
                let q = f64::from_bits(((cd[2] as u64) << 32) | cd[3] as u64);
                if !(q.is_finite() && q > 0.0) {
                    return Err(format!("quanta must be positive and finite, got {q}"));
                }
                Quantization::quanta(q)
            }
            MODE_PRECISION if cd.len() == 3 => Quantization::precision(cd[2] as i32),
            MODE_DATA_RANGE if cd.len() == 2 => Quantization::DataRange,
            _ => {
                return Err(format!(
                    "unrecognised parameters {cd:?}; use (), (level), (level, 1, quanta_hi, quanta_lo), \
                     (level, 2, precision) or (level, 3)"
                ))
            }
        };
        Ok(FilterParams {
            level,
            quantization,
        })
    }

    /// The user form of these parameters.
    pub fn to_cd_values(&self) -> Vec<c_uint> {
        match &self.quantization {
            Quantization::Quanta(PerStream::Scalar(q)) => {
                let b = q.to_bits();
                vec![self.level, MODE_QUANTA, (b >> 32) as c_uint, b as c_uint]
            }
            Quantization::Precision(PerStream::Scalar(p)) => {
                vec![self.level, MODE_PRECISION, *p as c_uint]
            }
            Quantization::DataRange => vec![self.level, MODE_DATA_RANGE],
            // Per-stream forms cannot be made (see `new`).
            _ => vec![self.level],
        }
    }
}

/// The stored (expanded) cd_values: user parameters plus what decoding needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    /// The user's parameters.
    pub user: FilterParams,
    /// Element type, byte order and chunk layout.
    pub layout: ChunkLayout,
}

impl Stored {
    /// Parse a stored form.
    pub fn parse(cd: &[c_uint]) -> Result<Stored, String> {
        if cd.len() != CD_STORED_LEN || cd[0] != CD_MAGIC {
            return Err(format!(
                "the filter parameters {cd:?} are not the FLAC filter's stored form (set_local did not run)"
            ));
        }
        if cd[1] != CD_VERSION {
            return Err(format!(
                "filter parameters of version {} are not supported by this plugin (it knows version {CD_VERSION}); \
                 use a newer flacarray plugin",
                cd[1]
            ));
        }
        let user = FilterParams::parse(&match cd[3] {
            MODE_QUANTA => vec![cd[2], cd[3], cd[4], cd[5]],
            MODE_PRECISION => vec![cd[2], cd[3], cd[4]],
            _ => vec![cd[2], cd[3]],
        })?;
        let elem = ElementType::from_code(cd[6])
            .ok_or_else(|| format!("unknown element type code {}", cd[6]))?;
        Ok(Stored {
            user,
            layout: ChunkLayout {
                elem,
                big_endian: cd[7] & 1 != 0,
                stream_len: cd[8] as usize,
                n_streams: cd[9] as usize,
            },
        })
    }

    /// The stored form.
    pub fn to_cd_values(&self) -> [c_uint; CD_STORED_LEN] {
        let u = self.user.to_cd_values();
        let l = &self.layout;
        [
            CD_MAGIC,
            CD_VERSION,
            u[0],
            u.get(1).copied().unwrap_or(MODE_NONE),
            u.get(2).copied().unwrap_or(0),
            u.get(3).copied().unwrap_or(0),
            l.elem.code() as c_uint,
            c_uint::from(l.big_endian),
            l.stream_len as c_uint,
            l.n_streams as c_uint,
        ]
    }
}

/// HDF5's built-in filters, by ID, with the names h5py and h5repack users know them by.
const BUILTIN_FILTERS: [(c_int, &str); 6] = [
    (1, "deflate (gzip)"),
    (2, "shuffle"),
    (3, "fletcher32"),
    (4, "szip"),
    (5, "nbit"),
    (6, "scaleoffset"),
];

/// Filters that may not follow FLAC: they interpret the chunk as elements of the dataset's
/// type, and after FLAC it holds compressed bytes instead (shuffle would only waste time;
/// nbit, scaleoffset and szip corrupt data or fail on read).
const TYPED_FILTERS: [c_int; 5] = [2, 4, 5, 6, FILTER_ID];

fn filter_name(id: c_int) -> String {
    BUILTIN_FILTERS
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, n)| n.to_string())
        .unwrap_or_else(|| format!("filter {id}"))
}

/// Check where FLAC stands in the dataset's pipeline: it must come first, since it needs the
/// dataset's typed values, and no filter that interprets the data as typed values may follow
/// it. Byte filters after it (fletcher32, gzip, zstd, blosc, ...) are fine.
fn check_pipeline(ids: &[c_int]) -> Result<(), String> {
    let pos = ids.iter().position(|&i| i == FILTER_ID).unwrap_or(0);
    if pos > 0 {
        let before: Vec<String> = ids[..pos].iter().map(|&i| filter_name(i)).collect();
        return Err(format!(
            "the FLAC filter must be the first filter of the pipeline, but {} comes before it: \
             FLAC compresses the dataset's values and cannot work on bytes another filter has \
             changed. Remove it (h5py: no shuffle=True or scaleoffset=; FLAC does its own \
             decorrelation), or put it after FLAC if it is a byte filter (h5repack: give \
             -f UD=32027,... first)",
            before.join(", ")
        ));
    }
    if let Some(&bad) = ids[pos + 1..].iter().find(|i| TYPED_FILTERS.contains(i)) {
        return Err(format!(
            "{} cannot follow the FLAC filter: it works on the dataset's typed values, and \
             after FLAC the chunk holds compressed bytes. Remove it; byte filters such as \
             fletcher32, gzip or zstd may follow FLAC",
            filter_name(bad)
        ));
    }
    Ok(())
}

/// The IDs of the filters of a creation property list, in pipeline order.
fn pipeline(api: &Api, dcpl: Hid) -> Result<Vec<c_int>, String> {
    // SAFETY: `dcpl` is the property list HDF5 passes to can_apply / set_local.
    let n = unsafe { (api.get_nfilters)(dcpl) };
    if n < 0 {
        return Err("cannot read the dataset's filter pipeline".into());
    }
    (0..n as c_uint)
        .map(|i| {
            let (mut flags, mut nelmts, mut config) = (0, 0usize, 0);
            let mut name = [0 as std::ffi::c_char; 1];
            // SAFETY: no cd_values are requested (`nelmts` = 0, null buffer) and the name
            // buffer's length is passed; the other outputs are plain integers.
            let id = unsafe {
                (api.get_filter2)(
                    dcpl,
                    i,
                    &mut flags,
                    &mut nelmts,
                    std::ptr::null_mut(),
                    name.len(),
                    name.as_mut_ptr(),
                    &mut config,
                )
            };
            (id >= 0)
                .then_some(id)
                .ok_or_else(|| "cannot read the dataset's filter pipeline".to_string())
        })
        .collect()
}

/// Read the dataset's type, chunk shape and the user's cd_values; check that the filter
/// applies. Errors say what to do.
fn dataset_params(api: &Api, dcpl: Hid, dtype: Hid) -> Result<(Stored, c_uint), String> {
    check_pipeline(&pipeline(api, dcpl)?)?;
    // SAFETY: `dtype` and `dcpl` are the identifiers HDF5 passes to can_apply / set_local.
    let (class, size, sign, order) = unsafe {
        (
            (api.t_get_class)(dtype),
            (api.t_get_size)(dtype),
            (api.t_get_sign)(dtype),
            (api.t_get_order)(dtype),
        )
    };
    let elem = match class {
        H5T_INTEGER | H5T_FLOAT => {
            ElementType::from_parts(class == H5T_FLOAT, sign != H5T_SGN_NONE, size)
        }
        _ => None,
    }
    .ok_or_else(|| {
        "the FLAC filter supports only integers of 1, 2, 4 or 8 bytes and 32- or 64-bit floats; \
         this dataset's type is not one of them"
            .to_string()
    })?;
    let big_endian = match order {
        H5T_ORDER_LE => false,
        H5T_ORDER_BE => true,
        _ => return Err("the FLAC filter needs a little- or big-endian type".into()),
    };
    if elem.is_float() {
        check_ieee(api, dtype, size)?;
    }
    let mut flags: c_uint = 0;
    let mut cd = [0 as c_uint; 32];
    let mut n = cd.len();
    // SAFETY: `cd` has room for `n` values; HDF5 writes at most that many and sets `n` to the
    // number stored; no name is requested.
    let st = unsafe {
        (api.get_filter_by_id2)(
            dcpl,
            FILTER_ID,
            &mut flags,
            &mut n,
            cd.as_mut_ptr(),
            0,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        )
    };
    if st < 0 {
        return Err(
            "cannot read the FLAC filter's parameters from the dataset creation property list"
                .into(),
        );
    }
    if n > cd.len() {
        return Err(format!(
            "{n} filter parameters given; the FLAC filter takes at most 4"
        ));
    }
    let mut dims = [0u64; 32];
    // SAFETY: `dims` has room for 32 dimensions, HDF5's maximum rank.
    let rank = unsafe { (api.get_chunk)(dcpl, 32, dims.as_mut_ptr()) };
    if rank < 1 {
        return Err("the FLAC filter needs a chunked dataset".into());
    }
    let stored = stored_params(&cd[..n], elem, big_endian, &dims[..rank as usize])?;
    Ok((stored, flags))
}

/// `H5T_NORM_IMPLIED`: the mantissa's leading 1 is not stored (IEEE).
const H5T_NORM_IMPLIED: c_int = 0;

/// Refuse a float type that is not IEEE binary32 or binary64 (another bias, field layout,
/// precision or normalization: HDF5 allows them, and the filter would read their bits as
/// IEEE values).
fn check_ieee(api: &Api, dtype: Hid, size: usize) -> Result<(), String> {
    let (mut spos, mut epos, mut esize, mut mpos, mut msize) = (0, 0, 0, 0, 0);
    // SAFETY: type queries on the type id HDF5 passes; the five outputs are plain integers.
    let (st, ebias, norm, precision, offset) = unsafe {
        (
            (api.t_get_fields)(
                dtype, &mut spos, &mut epos, &mut esize, &mut mpos, &mut msize,
            ),
            (api.t_get_ebias)(dtype),
            (api.t_get_norm)(dtype),
            (api.t_get_precision)(dtype),
            (api.t_get_offset)(dtype),
        )
    };
    let found = (
        spos, epos, esize, mpos, msize, ebias, norm, precision, offset,
    );
    let ieee = match size {
        4 => (31, 23, 8, 0, 23, 127, H5T_NORM_IMPLIED, 32, 0),
        _ => (63, 52, 11, 0, 52, 1023, H5T_NORM_IMPLIED, 64, 0),
    };
    if st < 0 || found != ieee {
        return Err(format!(
            "the FLAC filter takes IEEE binary32 and binary64 floats only; this dataset's \
             {}-byte float type is laid out otherwise (sign at bit {spos}, exponent {esize} \
             bits at {epos} with bias {ebias}, mantissa {msize} bits at {mpos}, precision \
             {precision} at offset {offset}): store it as H5T_IEEE_F{}LE (or BE)",
            size,
            size * 8
        ));
    }
    Ok(())
}

/// The stored parameters (what `set_local` stores, and every chunk is coded with) for chunks
/// of shape `chunk` holding `elem` values, from the user's cd_values. Errors say what to do.
#[doc(hidden)]
pub fn stored_params(
    user_cd: &[c_uint],
    elem: ElementType,
    big_endian: bool,
    chunk: &[u64],
) -> Result<Stored, String> {
    let user = FilterParams::parse(user_cd)?;
    if elem.is_float() && user.quantization == Quantization::None {
        return Err(format!(
            "{} data needs quanta or precision in the FLAC filter parameters: \
             (level, 1, quanta_hi, quanta_lo) with the two 32-bit halves of the quanta's IEEE double, \
             (level, 2, precision), or (level, 3) to scale each stream from its range; \
             h5py: compression=32027, compression_opts=(5, 2, 6)",
            if elem == ElementType::F32 { "float32" } else { "float64" }
        ));
    }
    let layout = dataset_layout(elem, big_endian, chunk)?;
    Ok(Stored { user, layout })
}

/// The layout of the chunks of a dataset of `elem` values (big-endian if `big_endian`) with
/// chunks of shape `chunk`: each vector along the last axis is a stream.
fn dataset_layout(
    elem: ElementType,
    big_endian: bool,
    chunk: &[u64],
) -> Result<ChunkLayout, String> {
    let Some((&stream_len, rest)) = chunk.split_last() else {
        return Err("the FLAC filter needs a chunked dataset".into());
    };
    let n_streams = rest.iter().try_fold(1u64, |a, &d| a.checked_mul(d));
    let too_large = || format!("chunk shape {chunk:?} is too large for the FLAC filter");
    let n_streams = n_streams.ok_or_else(too_large)?;
    if stream_len == 0 || n_streams == 0 {
        return Err(format!("chunk shape {chunk:?} has an empty dimension"));
    }
    if stream_len > u32::MAX as u64 || n_streams > u32::MAX as u64 {
        return Err(too_large());
    }
    let layout = ChunkLayout {
        elem,
        big_endian,
        n_streams: n_streams as usize,
        stream_len: stream_len as usize,
    };
    layout.raw_len().ok_or_else(too_large)?;
    Ok(layout)
}

/// A dataset's stored filter parameters (`cd`, as the file holds them), checked against the
/// dataset itself: its element type (`elem`, `None` for a type the filter does not take),
/// byte order and chunk shape. Every reader that decodes chunks outside HDF5's filter call
/// (the library's `read_filtered` and `verify`, the command, `h5flac`'s `read`/`verify`)
/// calls this once per dataset and refuses a mismatch: the parameters size the decoded
/// chunk, and a file can claim any size in them. (HDF5's own reads go through the filter
/// function, which sees only the parameters and the chunk, never the dataset.)
#[doc(hidden)]
pub fn stored_for_dataset(
    cd: &[c_uint],
    elem: Option<ElementType>,
    big_endian: bool,
    chunk: &[u64],
) -> Result<Stored, String> {
    let stored = Stored::parse(cd)?;
    let shape: Vec<String> = chunk.iter().map(u64::to_string).collect();
    let mismatch = |real: &str| {
        format!(
            "the dataset's stored FLAC filter parameters describe chunks of {}, but its chunks \
             are ({}) of {real}: the file's filter parameters are damaged or were made for \
             another dataset, and its chunks cannot be decoded",
            stored.layout.describe(),
            shape.join(", ")
        )
    };
    let Some(elem) = elem else {
        return Err(mismatch("a type the FLAC filter does not take"));
    };
    // The byte order of one-byte values means nothing (h5py reads I8BE as `|i1`).
    let big_endian = if elem.size() == 1 {
        stored.layout.big_endian
    } else {
        big_endian
    };
    let real = dataset_layout(elem, big_endian, chunk).map_err(|e| mismatch(&e))?;
    if real != stored.layout {
        let order = if big_endian { "big" } else { "little" };
        return Err(mismatch(&format!("{} ({order}-endian)", elem.name())));
    }
    Ok(stored)
}

/// Report an error on HDF5's error stack.
fn report(api: &Api, func: &str, msg: &str) {
    api.push_error(func, msg, matches!(func, "encode" | "decode"));
}

/// The library bound to `slot`; every class is handed out only after its slot is bound, so
/// this fails only if a host calls a callback it was never given.
fn bound(slot: usize) -> Option<&'static Api> {
    let api = api::bound(slot);
    if api.is_none() {
        eprintln!("HDF5 filter 32027: callback of unbound filter class {slot}");
    }
    api
}

/// `H5Z_FLAG_OPTIONAL`: the filter may be skipped where it cannot apply.
const H5Z_FLAG_OPTIONAL: c_uint = 0x0001;

/// Whether the dataset's FLAC filter is optional (HDF5 then stores data it cannot apply to,
/// such as strings, without it).
fn is_optional(api: &Api, dcpl: Hid) -> bool {
    let (mut flags, mut n) = (0 as c_uint, 0usize);
    // SAFETY: no cd_values (`n` = 0, null buffer) and no name are requested.
    let st = unsafe {
        (api.get_filter_by_id2)(
            dcpl,
            FILTER_ID,
            &mut flags,
            &mut n,
            std::ptr::null_mut(),
            0,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        )
    };
    st >= 0 && flags & H5Z_FLAG_OPTIONAL != 0
}

/// Whether the filter handles the element type at all (integers and floats).
fn numeric(api: &Api, dtype: Hid) -> bool {
    // SAFETY: a type query on the type id HDF5 passes.
    matches!(unsafe { (api.t_get_class)(dtype) }, H5T_INTEGER | H5T_FLOAT)
}

/// The answer to HDF5 when the filter cannot apply. An optional filter on data that is not
/// numbers (strings, compounds) is quietly left out (`skip`), as HDF5 means optional
/// filters to be; anything else fails with the message on the error stack, also for an
/// optional filter (h5py adds filters given by number as optional): wrong parameters and
/// pipelines are mistakes to report, not to store the data uncompressed.
fn refuse(api: &Api, func: &str, msg: &str, dcpl: Hid, dtype: Hid, skip: c_int) -> c_int {
    if is_optional(api, dcpl) && !numeric(api, dtype) {
        return skip;
    }
    report(api, func, msg);
    -1
}

/// `can_apply` of the class bound to the HDF5 library in slot `S`.
extern "C" fn can_apply<const S: usize>(dcpl: Hid, dtype: Hid, _space: Hid) -> c_int {
    let Some(api) = bound(S) else { return -1 };
    match catch_unwind(|| dataset_params(api, dcpl, dtype)) {
        Ok(Ok(_)) => 1,
        // 0 ("cannot apply") is what HDF5 accepts for an optional filter.
        Ok(Err(msg)) => refuse(api, "can_apply", &msg, dcpl, dtype, 0),
        Err(_) => -1,
    }
}

/// `set_local` of the class bound to the HDF5 library in slot `S`.
extern "C" fn set_local<const S: usize>(dcpl: Hid, dtype: Hid, _space: Hid) -> Herr {
    let Some(api) = bound(S) else { return -1 };
    let r = catch_unwind(|| -> Result<(), String> {
        let (stored, flags) = dataset_params(api, dcpl, dtype)?;
        let cd = stored.to_cd_values();
        // SAFETY: `dcpl` is HDF5's private copy of the creation property list; `cd` holds
        // CD_STORED_LEN values.
        let st = unsafe { (api.modify_filter)(dcpl, FILTER_ID, flags, cd.len(), cd.as_ptr()) };
        if st < 0 {
            return Err("cannot store the FLAC filter's parameters".into());
        }
        Ok(())
    });
    match r {
        Ok(Ok(())) => 0,
        // Left out: the filter keeps the user's parameters and HDF5 stores chunks without it.
        Ok(Err(msg)) => refuse(api, "set_local", &msg, dcpl, dtype, 0),
        Err(_) => -1,
    }
}

/// A buffer a filter function hands its host.
trait OutBuffer {
    /// The bytes, to write (those of a buffer from [`Host::uninit`] hold nothing yet).
    fn as_uninit_mut(&mut self) -> &mut [MaybeUninit<u8>];
    /// Give the buffer away: its pointer and length, no longer freed here.
    fn into_raw(self) -> (*mut c_void, usize);
}

/// The allocator a filter function's buffers come from and go back to: HDF5's, or `malloc`
/// for NCZarr.
trait Host {
    type Buffer: OutBuffer;
    /// A buffer of `len` bytes, not initialised: to write in full before it is handed over.
    fn uninit(&self, len: usize) -> Option<Self::Buffer>;
    /// A buffer holding `parts` one after the other (written once, not zeroed first).
    fn concat(&self, parts: &[&[u8]]) -> Option<Self::Buffer>;
    /// Release a buffer the host handed the filter.
    ///
    /// # Safety
    /// `p` must come from this host's allocator and not be used afterwards.
    unsafe fn free(&self, p: *mut c_void);
}

impl OutBuffer for HdfBuffer {
    fn as_uninit_mut(&mut self) -> &mut [MaybeUninit<u8>] {
        HdfBuffer::as_uninit_mut(self)
    }
    fn into_raw(self) -> (*mut c_void, usize) {
        HdfBuffer::into_raw(self)
    }
}

impl Host for &'static Api {
    type Buffer = HdfBuffer;
    fn uninit(&self, len: usize) -> Option<HdfBuffer> {
        HdfBuffer::uninit(self, len)
    }
    fn concat(&self, parts: &[&[u8]]) -> Option<HdfBuffer> {
        HdfBuffer::concat(self, parts)
    }
    unsafe fn free(&self, p: *mut c_void) {
        // SAFETY: the caller's guarantee.
        unsafe { Api::free(self, p) }
    }
}

/// The work of a filter function under HDF5's contract, for every host: code the `nbytes`
/// bytes at `*buf` with the parameters `cd_values`, then write the output over `*buf` when
/// it fits in its `*buf_size` bytes (an encoded chunk), or replace `*buf` (releasing the old
/// buffer to `host`) and `*buf_size` by a buffer from `host` holding it. The bytes used, or a
/// message with nothing changed.
///
/// # Safety
/// The pointers are those a host passes a filter function: `cd_values` holds `cd_nelmts`
/// values, `*buf` at least `nbytes` bytes from `host`'s allocator.
unsafe fn filter_buffer<H: Host>(
    host: H,
    reverse: bool,
    cd_nelmts: usize,
    cd_values: *const c_uint,
    nbytes: usize,
    buf_size: *mut usize,
    buf: *mut *mut c_void,
) -> Result<usize, String> {
    if buf.is_null() || buf_size.is_null() || (cd_nelmts > 0 && cd_values.is_null()) {
        return Err("null buffer or parameters".into());
    }
    // SAFETY: `buf` is not null: the host passes the address of its buffer pointer.
    if unsafe { *buf }.is_null() {
        return Err("null buffer".into());
    }
    // SAFETY: the caller's guarantees on `cd_values` and `*buf`.
    let (cd, input, capacity) = unsafe {
        let cd = if cd_nelmts == 0 {
            &[][..]
        } else {
            std::slice::from_raw_parts(cd_values, cd_nelmts)
        };
        let input = std::slice::from_raw_parts(*buf as *const u8, nbytes);
        (cd, input, *buf_size)
    };
    let stored = Stored::parse(cd)?;
    let n = threads::threads();
    let out = if reverse {
        let raw_len = stored.layout.raw_len().ok_or("the chunk size overflows")?;
        // The chunk's own header must agree with the parameters before anything is
        // allocated; then it is decoded straight into the buffer the host gets.
        check_chunk(input, &stored.layout).map_err(|e| e.to_string())?;
        // Decoding writes every byte of the buffer, or fails and the buffer is freed.
        let mut out = host.uninit(raw_len).ok_or_else(|| no_memory(raw_len))?;
        let (layout, dst) = (&stored.layout, out.as_uninit_mut());
        threads::with_threads(n, |t| decode_chunk_into(input, layout, dst, t))
            .map_err(|e| e.to_string())?;
        out
    } else {
        let chunk = threads::with_threads(n, |t| encode_parts(&stored, input, t))?;
        let size = chunk.size();
        if size <= capacity {
            // The host's own buffer holds the chunk: written over the raw values, which the
            // encoded pieces (buffers of their own) no longer need; nothing to allocate or
            // free.
            // SAFETY: `*buf` has `capacity` writable bytes (the host's contract), none of
            // them in the pieces; `input` is not read after this.
            unsafe { api::copy_parts(*buf as *mut u8, &chunk.parts()) };
            return Ok(size);
        }
        host.concat(&chunk.parts()).ok_or_else(|| no_memory(size))?
    };
    let (p, len) = out.into_raw();
    // SAFETY: the old buffer goes back to the host's allocator and is replaced by `p`, from
    // the same allocator; `input` is not used after this.
    unsafe {
        host.free(*buf);
        *buf = p;
        *buf_size = len;
    }
    Ok(len)
}

fn no_memory(n: usize) -> String {
    format!("cannot allocate {n} bytes")
}

/// Encode one chunk of raw values with the stored parameters (the filter's write path).
fn encode_parts(stored: &Stored, raw: &[u8], threads: bool) -> Result<EncodedChunk, String> {
    let raw_len = stored.layout.raw_len().ok_or("the chunk size overflows")?;
    if raw.len() != raw_len {
        return Err(format!("chunk of {} bytes, expected {raw_len}", raw.len()));
    }
    let opts = ChunkOptions {
        level: stored.user.level,
        quantization: stored.user.quantization.clone(),
        threads,
    };
    encode_chunk_parts(raw, &stored.layout, &opts).map_err(|e| e.to_string())
}

/// [`encode_parts`] in one `Vec`.
fn encode_stored(stored: &Stored, raw: &[u8], threads: bool) -> Result<Vec<u8>, String> {
    Ok(encode_parts(stored, raw, threads)?.into_vec())
}

/// The size in bytes of a chunk decoded with the dataset's stored filter parameters (as
/// `h5dump -p` shows them and HDF5 passes to the filter).
#[doc(hidden)]
pub fn stored_chunk_size(cd: &[c_uint]) -> Result<usize, String> {
    Stored::parse(cd)?
        .layout
        .raw_len()
        .ok_or_else(|| "the stored chunk size overflows".into())
}

/// Encode one chunk of raw values (in the element type and byte order of the stored
/// parameters) as the filter does when HDF5 writes it: the same bytes.
#[doc(hidden)]
pub fn encode_stored_chunk(cd: &[c_uint], raw: &[u8]) -> Result<Vec<u8>, String> {
    encode_stored(&Stored::parse(cd)?, raw, false)
}

/// [`encode_stored_chunk`] into memory from `malloc`, for a C caller to release with `free`:
/// its pointer and length.
#[doc(hidden)]
pub fn encode_stored_chunk_malloc(
    cd: &[c_uint],
    raw: &[u8],
) -> Result<(*mut c_void, usize), String> {
    let chunk = encode_parts(&Stored::parse(cd)?, raw, false)?;
    let buf = nczarr::Malloc.concat(&chunk.parts());
    Ok(buf.ok_or_else(|| no_memory(chunk.size()))?.into_raw())
}

/// Decode one stored chunk into `out` (exactly [`stored_chunk_size`] bytes) with the
/// dataset's stored filter parameters, as the filter does when HDF5 reads it.
#[doc(hidden)]
pub fn decode_stored_chunk(cd: &[c_uint], chunk: &[u8], out: &mut [u8]) -> Result<(), String> {
    let stored = Stored::parse(cd)?;
    decode_chunk(chunk, &stored.layout, out).map_err(|e| e.to_string())
}

/// The layout a chunk's own header declares (element type, byte order, streams), checked
/// against the chunk's size: what a client without stored parameters (Zarr, numcodecs) needs
/// to size the decoded chunk.
#[doc(hidden)]
pub fn chunk_layout(chunk: &[u8]) -> Result<ChunkLayout, String> {
    let h = chunk::ChunkHeader::parse(chunk).map_err(|e| e.to_string())?;
    check_chunk(chunk, &h.layout).map_err(|e| e.to_string())?;
    Ok(h.layout)
}

/// Decode a chunk into `out` by its own header alone (see [`chunk_layout`]); `out` must be
/// exactly its raw size.
#[doc(hidden)]
pub fn decode_described_chunk(chunk: &[u8], out: &mut [u8]) -> Result<(), String> {
    // decode_chunk checks the chunk against its own layout (what chunk_layout does).
    let h = chunk::ChunkHeader::parse(chunk).map_err(|e| e.to_string())?;
    decode_chunk(chunk, &h.layout, out).map_err(|e| e.to_string())
}

/// The filter function of the class bound to the HDF5 library in slot `S`.
extern "C" fn filter<const S: usize>(
    flags: c_uint,
    cd_nelmts: usize,
    cd_values: *const c_uint,
    nbytes: usize,
    buf_size: *mut usize,
    buf: *mut *mut c_void,
) -> usize {
    let Some(api) = bound(S) else { return 0 };
    let reverse = flags & H5Z_FLAG_REVERSE != 0;
    // SAFETY: HDF5 calls the filter function with its contract's pointers; its buffers
    // come from its own allocator, the one `api` allocates from and frees to.
    let r = catch_unwind(AssertUnwindSafe(|| unsafe {
        filter_buffer(api, reverse, cd_nelmts, cd_values, nbytes, buf_size, buf)
    }));
    match r {
        Ok(Ok(n)) => n,
        Ok(Err(msg)) => {
            // SAFETY: as above; only the first value is looked at.
            let stored = cd_nelmts > 0 && unsafe { *cd_values } == CD_MAGIC;
            if !reverse && !stored {
                // set_local never ran: an optional FLAC filter HDF5 could not apply to this
                // dataset (say, strings). HDF5 stores the chunk unfiltered; not worth a message.
                report(api, "set_local", &format!("FLAC filter not applied: {msg}"));
            } else {
                report(
                    api,
                    if reverse { "decode" } else { "encode" },
                    &format!("FLAC filter: {msg}"),
                );
            }
            0
        }
        Err(_) => 0,
    }
}

/// HDF5's `H5Z_class2_t` (version 1), identical from HDF5 1.10 to 2.x.
#[repr(C)]
#[doc(hidden)]
pub struct H5ZClass2 {
    version: c_int,
    id: c_int,
    encoder_present: c_uint,
    decoder_present: c_uint,
    name: *const std::ffi::c_char,
    can_apply: Option<extern "C" fn(Hid, Hid, Hid) -> c_int>,
    set_local: Option<extern "C" fn(Hid, Hid, Hid) -> Herr>,
    filter: Option<
        extern "C" fn(c_uint, usize, *const c_uint, usize, *mut usize, *mut *mut c_void) -> usize,
    >,
}

/// A filter class, shareable across threads (it holds only constant pointers).
#[doc(hidden)]
pub struct FilterClass(pub H5ZClass2);

// SAFETY: the class is immutable; its pointers are a static string and functions.
unsafe impl Sync for FilterClass {}

/// The class whose callbacks call the HDF5 library bound to slot `S`.
const fn class<const S: usize>() -> FilterClass {
    FilterClass(H5ZClass2 {
        version: 1,
        id: FILTER_ID,
        encoder_present: 1,
        decoder_present: 1,
        name: c"flac: FLAC compression of the last axis (flacarray)".as_ptr(),
        can_apply: Some(can_apply::<S>),
        set_local: Some(set_local::<S>),
        filter: Some(filter::<S>),
    })
}

/// One class per slot of [`api::LIBRARIES`].
static CLASSES: [FilterClass; api::LIBRARIES] = [
    class::<0>(),
    class::<1>(),
    class::<2>(),
    class::<3>(),
    class::<4>(),
    class::<5>(),
    class::<6>(),
    class::<7>(),
];

/// The filter class (an `H5Z_class2_t`) bound to the HDF5 library whose code contains `addr`:
/// the caller of the plugin's `H5PLget_plugin_info`, or a function of the library a program
/// registers the filter with. With a null `addr` (where the caller cannot be known), the one
/// library found in the process. Errors name the reason.
#[doc(hidden)]
pub fn class_for(addr: *const c_void) -> Result<&'static FilterClass, String> {
    let slot = if addr.is_null() {
        api::bind_any()?
    } else {
        // A program linked statically to HDF5 has no library to find from the address; its
        // HDF5 symbols may still be in the global scope.
        api::bind_address(addr).or_else(|e| api::bind_any().map_err(|_| e))?
    };
    Ok(&CLASSES[slot])
}

/// What the plugin's `H5PLget_plugin_info` returns for a caller at `addr`: NCZarr's own class
/// when the caller is a netCDF-C library (see `nczarr`), else the class bound to that HDF5
/// library, or null (HDF5 then reports that the plugin cannot be loaded) with the reason on
/// stderr. Never unwinds.
#[doc(hidden)]
pub fn plugin_info(addr: *const c_void) -> *const c_void {
    if catch_unwind(|| nczarr::called_by_netcdf(addr)).unwrap_or(false) {
        return &nczarr::CLASS.0 as *const H5ZClass2 as *const c_void;
    }
    match catch_unwind(|| class_for(addr)) {
        Ok(Ok(class)) => &class.0 as *const H5ZClass2 as *const c_void,
        Ok(Err(msg)) => {
            eprintln!("HDF5 filter 32027 cannot be loaded: {msg}");
            std::ptr::null()
        }
        Err(_) => std::ptr::null(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flac_first_and_no_typed_filter_after() {
        assert!(check_pipeline(&[FILTER_ID]).is_ok());
        assert!(check_pipeline(&[FILTER_ID, 3, 1, 32015]).is_ok());
        let e = check_pipeline(&[2, FILTER_ID]).unwrap_err();
        assert!(e.contains("shuffle comes before it"), "{e}");
        let e = check_pipeline(&[1, 6, FILTER_ID]).unwrap_err();
        assert!(
            e.contains("deflate (gzip), scaleoffset comes before"),
            "{e}"
        );
        for bad in [2, 4, 5, 6, FILTER_ID] {
            let e = check_pipeline(&[FILTER_ID, 1, bad]).unwrap_err();
            assert!(e.contains("cannot follow the FLAC filter"), "{e}");
        }
    }
}

#[cfg(feature = "hdf5")]
#[doc(hidden)]
pub mod chunk_io;
#[cfg(feature = "hdf5")]
pub(crate) mod register;
#[cfg(feature = "hdf5")]
pub use register::{read_filtered, register, write_filtered, FlacFilterExt};
#[cfg(feature = "hdf5")]
mod verify;
#[cfg(feature = "hdf5")]
pub use verify::{verify, Verified};
