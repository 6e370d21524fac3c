//! What the filter takes from a dataset: its element type (IEEE floats only), byte order and
//! chunk shape, and where FLAC stands in its filter pipeline, all checked with errors that
//! say what to do; and the stored parameters ([`Stored`]) made from them, or checked
//! against them by every reader that decodes chunks outside HDF5's filter call.

use std::ffi::{c_int, c_uint};

use super::api::{Api, Hid};
use super::FILTER_ID;
use crate::array::compress::Quantization;
use crate::chunk::{ChunkLayout, ElementType, FilterParams, Stored};

pub(super) const H5T_INTEGER: c_int = 0;
pub(super) const H5T_FLOAT: c_int = 1;
const H5T_SGN_NONE: c_int = 0;
const H5T_ORDER_LE: c_int = 0;
const H5T_ORDER_BE: c_int = 1;

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
pub(super) fn check_pipeline(ids: &[c_int]) -> Result<(), String> {
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
pub(super) fn dataset_params(api: &Api, dcpl: Hid, dtype: Hid) -> Result<(Stored, c_uint), String> {
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
    if elem.is_float() && *user.quantization() == Quantization::None {
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
