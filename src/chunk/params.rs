//! The codec's parameters: the user's level and float quantization ([`FilterParams`]), and
//! their stored form ([`Stored`]: the parameters with the chunk layout, what HDF5's
//! `set_local` and NCZarr store and every chunk is coded with). Both are lists of unsigned
//! 32-bit values, HDF5's cd_values (specified in `docs/chunk-format.md`).

use std::ffi::c_uint;

use super::{ChunkLayout, ElementType};
use crate::array::compress::{PerStream, Quantization};
use crate::stream::flac::{check_chunk_level, DEFAULT_LEVEL};

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
