//! Fake time-stream data for demos, tests and benchmarks (Python's `flacarray.demo`).

use ndarray::{ArrayD, IxDyn};
use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, Normal, StandardUniform};
use rand_pcg::Pcg64;

use crate::array::compress::leading_shape;
use crate::array::dtype::{DType, Element};
use crate::error::{Error, Result};

/// The default seed of [`create_fake_data`] (Python's default).
pub const DEFAULT_SEED: u64 = 123456789;

/// Make fake detector time-streams of shape `shape` (last axis = time).
///
/// With `sigma = Some(s)`, each stream is
/// `dc + scale * (2s sin(2π·3f₀t) + 6s sin(2π f₀t)) + N(0, s)` with `f₀ = 5 / stream_size`,
/// `scale` uniform in `[0, 1)` per stream and `dc = dc_sigma · s · (u − 0.5)` per stream
/// (0 when `dc_sigma` is `None`); integer types get the values rounded to nearest. With
/// `sigma = None` the data are uniform: over the whole range for integers (the first two
/// values are the type's minimum and maximum), in `[-1, 1)` for floats.
///
/// The model is Python's; the random numbers come from a seeded PCG64 stream of our own, so
/// the values differ from numpy's for the same seed (the same seed always gives the same data).
pub fn create_fake_data<T: Element>(
    shape: &[usize],
    sigma: Option<f64>,
    seed: u64,
    dc_sigma: Option<f64>,
) -> Result<ArrayD<T>> {
    if shape.is_empty() || shape.contains(&0) {
        return Err(Error::Empty(shape.to_vec()));
    }
    let mut rng = Pcg64::seed_from_u64(seed);
    let n_total: usize = shape.iter().product();
    let stream_size = shape[shape.len() - 1];
    let nstreams: usize = leading_shape(shape).iter().product();
    let values: Vec<T> = match sigma {
        None => match T::DTYPE {
            DType::Int32 | DType::Int64 => {
                let (lo, hi) = if T::DTYPE == DType::Int32 {
                    (i32::MIN as i64, i32::MAX as i64)
                } else {
                    (i64::MIN, i64::MAX)
                };
                let mut v: Vec<T> = (0..n_total)
                    .map(|_| T::from_i64(rng.random_range(lo..=hi)))
                    .collect();
                v[0] = T::from_i64(lo);
                if n_total > 1 {
                    v[1] = T::from_i64(hi);
                }
                v
            }
            _ => (0..n_total)
                .map(|_| T::from_f64(2.0 * rng.sample::<f64, _>(StandardUniform) - 1.0))
                .collect(),
        },
        Some(s) => {
            if !(s.is_finite() && s > 0.0) {
                return Err(Error::InvalidParameter(format!(
                    "sigma must be positive and finite, got {s}"
                )));
            }
            let dc: Vec<f64> = match dc_sigma {
                Some(d) => (0..nstreams)
                    .map(|_| d * s * (rng.random::<f64>() - 0.5))
                    .collect(),
                None => vec![0.0; nstreams],
            };
            let scale: Vec<f64> = (0..nstreams).map(|_| rng.random::<f64>()).collect();
            let f0 = 5.0 / stream_size as f64;
            let tau = 2.0 * std::f64::consts::PI;
            let wave: Vec<f64> = (0..stream_size)
                .map(|t| {
                    let t = t as f64;
                    2.0 * s * (tau * 3.0 * f0 * t).sin() + 6.0 * s * (tau * f0 * t).sin()
                })
                .collect();
            let normal = Normal::new(0.0, s).expect("sigma checked above");
            let round = !T::DTYPE.is_float();
            (0..n_total)
                .map(|i| {
                    let (st, t) = (i / stream_size, i % stream_size);
                    let v = dc[st] + scale[st] * wave[t] + normal.sample(&mut rng);
                    T::from_f64(if round { v.round() } else { v })
                })
                .collect()
        }
    };
    Ok(ArrayD::from_shape_vec(IxDyn(shape), values).expect("sized above"))
}
