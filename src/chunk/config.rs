//! The codec's configuration in JSON, as Zarr, numcodecs and NCZarr carry it (specified in
//! `docs/zarr-codec.md`): `{"level": 5}` for integers, `{"level": 5, "quanta": 0.001}` or
//! `{"level": 5, "precision": 3}` for floats, or `{"level": 5, "data_range": true}` to scale each
//! stream from its own range. The same parameters as the HDF5 filter's
//! cd_values ([`FilterParams`]), so a chunk is coded identically whichever client wrote it.

use serde_json::{Map, Value};

use super::FilterParams;
use crate::array::compress::{PerStream, Quantization};
use crate::stream::flac::{DEFAULT_LEVEL, MAX_CHUNK_LEVEL};

/// The codec's name in Zarr v3 metadata, numcodecs (`"id"`) and NCZarr: namespaced, so that
/// it cannot be taken for another FLAC codec (flac-numcodecs registers `"flac"`).
pub const CODEC_NAME: &str = "flacarray.flac";

impl FilterParams {
    /// The configuration as a JSON object: `level`, and `quanta` or `precision` when set.
    pub fn to_json(&self) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("level".into(), self.level().into());
        match self.quantization() {
            Quantization::Quanta(PerStream::Scalar(q)) => {
                m.insert("quanta".into(), (*q).into());
            }
            Quantization::Precision(PerStream::Scalar(p)) => {
                m.insert("precision".into(), (*p).into());
            }
            Quantization::DataRange => {
                m.insert("data_range".into(), true.into());
            }
            _ => {}
        }
        m
    }

    /// Parameters from a JSON configuration. `level` defaults to 5; `quanta` (a positive,
    /// finite number), `precision` (a 32-bit integer) and `data_range` (a boolean) are
    /// optional, at most one of them (`null` counts as absent); the keys in `ignore` (such as numcodecs' `"id"`) are
    /// skipped; any other key is refused, naming it.
    pub fn from_json(config: &Map<String, Value>, ignore: &[&str]) -> Result<FilterParams, String> {
        let mut level = DEFAULT_LEVEL;
        let mut quantization = Quantization::None;
        for (key, value) in config {
            match key.as_str() {
                _ if value.is_null() && key != "level" => {}
                "level" => {
                    level = value
                        .as_u64()
                        .filter(|&l| l <= MAX_CHUNK_LEVEL as u64)
                        .ok_or_else(|| {
                            format!(
                                "\"level\" must be an integer 0 to {MAX_CHUNK_LEVEL}, got {value}"
                            )
                        })? as u32;
                }
                "data_range" if value == &Value::Bool(false) => {}
                "quanta" | "precision" | "data_range" if quantization != Quantization::None => {
                    return Err("give one of \"quanta\", \"precision\" and \"data_range\"".into());
                }
                "data_range" => {
                    if value != &Value::Bool(true) {
                        return Err(format!("\"data_range\" must be true or false, got {value}"));
                    }
                    quantization = Quantization::DataRange;
                }
                "quanta" => {
                    let q = value.as_f64().filter(|q| q.is_finite() && *q > 0.0);
                    let q = q.ok_or_else(|| {
                        format!("\"quanta\" must be a positive, finite number, got {value}")
                    })?;
                    quantization = Quantization::quanta(q);
                }
                "precision" => {
                    let p = value.as_i64().and_then(|p| i32::try_from(p).ok());
                    let p = p.ok_or_else(|| {
                        format!("\"precision\" must be a 32-bit integer, got {value}")
                    })?;
                    quantization = Quantization::precision(p);
                }
                k if ignore.contains(&k) => {}
                k => {
                    return Err(format!(
                        "unknown key \"{k}\" in the {CODEC_NAME} configuration; \
                         it takes \"level\", \"quanta\", \"precision\" and \"data_range\""
                    ))
                }
            }
        }
        FilterParams::new(level, quantization).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<FilterParams, String> {
        let v: Value = serde_json::from_str(s).unwrap();
        FilterParams::from_json(v.as_object().unwrap(), &["id"])
    }

    #[test]
    fn round_trips_and_refusals() {
        for p in [
            FilterParams::lossless(0),
            FilterParams::lossless(8),
            FilterParams::quanta(5, 1e-3),
            FilterParams::quanta(5, 0.1 + 0.2),
            FilterParams::precision(3, -2),
            FilterParams::data_range(4),
        ] {
            let back = FilterParams::from_json(&p.to_json(), &[]).unwrap();
            assert_eq!(back, p);
        }
        assert_eq!(parse("{}").unwrap(), FilterParams::lossless(5));
        assert_eq!(
            parse(r#"{"id": "flacarray.flac", "level": 2, "quanta": null}"#).unwrap(),
            FilterParams::lossless(2)
        );
        for (bad, says) in [
            (r#"{"level": 12}"#, "\"level\" must be"),
            (r#"{"level": -1}"#, "\"level\" must be"),
            (r#"{"level": null}"#, "\"level\" must be"),
            (r#"{"quanta": 0}"#, "positive, finite"),
            (r#"{"quanta": "1"}"#, "positive, finite"),
            (r#"{"precision": 1.5}"#, "32-bit integer"),
            (r#"{"precision": 3000000000}"#, "32-bit integer"),
            (r#"{"quanta": 1, "precision": 2}"#, "give one of"),
            (r#"{"data_range": true, "quanta": 2}"#, "give one of"),
            (r#"{"data_range": 1}"#, "true or false"),
            (r#"{"levle": 2}"#, "unknown key \"levle\""),
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.contains(says), "{bad}: {e}");
        }
    }
}
