//! Python flacarray's `utils.float_to_int` and `utils.int_to_float` over whole arrays: the
//! conversion [`array_compress`](crate::array_compress) applies before coding each stream,
//! on its own.

use ndarray::{ArrayD, ArrayViewD, IxDyn};

use crate::alloc::zeroed_vec;
use crate::array::compress::{leading_shape, stream_quants, unravel, CompressOptions};
use crate::array::dtype::{Element, StreamFailure};
use crate::error::{Error, Result};
use crate::Quantization;

/// The integers of every stream of `data` (last axis), with each stream's offset and gain
/// (shaped like the leading axes; `None` for integer data, which is returned as it is).
/// Floats are quantized as [`array_compress`](crate::array_compress) quantizes them: with a
/// quanta or a precision (scalar or per stream), or from each stream's range.
#[allow(clippy::type_complexity)]
pub fn float_to_int<T: Element>(
    data: ArrayViewD<'_, T>,
    quantization: &Quantization,
) -> Result<(ArrayD<T::Int>, Option<ArrayD<T>>, Option<ArrayD<T>>)> {
    if data.ndim() == 0 || data.is_empty() {
        return Err(Error::Empty(data.shape().to_vec()));
    }
    let shape = data.shape().to_vec();
    let lead = leading_shape(&shape);
    let n = shape[shape.len() - 1];
    let opts = CompressOptions::default().quantization(quantization.clone());
    let quants = stream_quants::<T>(&opts, &lead, data.ndim())?;
    let data = data.as_standard_layout();
    let flat = data.as_slice().expect("standard layout is contiguous");
    let mut ints = zeroed_vec::<T::Int>(flat.len())?;
    let (mut offsets, mut gains) = (Vec::new(), Vec::new());
    for (s, (x, out)) in flat.chunks(n).zip(ints.chunks_mut(n)).enumerate() {
        match T::to_ints(x, quants[s], out) {
            Ok(Some((o, g))) => {
                offsets.push(o);
                gains.push(g);
            }
            Ok(None) => {}
            Err(StreamFailure::Quantize(f, q)) => {
                return Err(f.into_error(unravel(s, &lead), q, 8 * T::DTYPE.size() as u32))
            }
            Err(StreamFailure::Encode(reason)) => return Err(Error::InvalidParameter(reason)),
        }
    }
    let ints = ArrayD::from_shape_vec(IxDyn(&shape), ints).expect("sized above");
    if !T::DTYPE.is_float() {
        return Ok((ints, None, None));
    }
    let per_stream = |v: Vec<T>| ArrayD::from_shape_vec(IxDyn(&lead), v).expect("one a stream");
    Ok((ints, Some(per_stream(offsets)), Some(per_stream(gains))))
}

/// Floats back from the integers of [`float_to_int`], each stream (last axis) with its
/// offset and gain (one a stream, in the C order of the leading axes).
pub fn int_to_float<T: Element>(
    ints: ArrayViewD<'_, T::Int>,
    offsets: ArrayViewD<'_, T>,
    gains: ArrayViewD<'_, T>,
) -> Result<ArrayD<T>> {
    if ints.ndim() == 0 {
        return Err(Error::Empty(Vec::new()));
    }
    let shape = ints.shape().to_vec();
    let lead = leading_shape(&shape);
    let n = shape[shape.len() - 1];
    let n_streams: usize = lead.iter().product();
    for (name, a) in [("offsets", &offsets), ("gains", &gains)] {
        if a.len() != n_streams {
            return Err(Error::Shape(format!(
                "{} {name} for {n_streams} streams (leading shape {lead:?})",
                a.len()
            )));
        }
    }
    let ints = ints.as_standard_layout();
    let flat = ints.as_slice().expect("standard layout is contiguous");
    let mut out = zeroed_vec::<T>(flat.len())?;
    if n > 0 {
        for ((x, o), (&off, &gain)) in flat
            .chunks(n)
            .zip(out.chunks_mut(n))
            .zip(offsets.iter().zip(gains.iter()))
        {
            T::from_ints(x, Some((off, gain)), o);
        }
    }
    Ok(ArrayD::from_shape_vec(IxDyn(&shape), out).expect("sized above"))
}
