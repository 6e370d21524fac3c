//! PNG plots of streams with plotters (the layouts of Python flacarray's `plot_data`).

use std::path::Path;

use plotters::prelude::*;

use flacarray::h5raw::objects::Result;

/// One panel: a title and the samples, drawn from sample index `x0`.
pub struct Panel {
    pub title: String,
    pub x0: usize,
    pub values: Vec<f64>,
}

/// Pixels per panel: 6 × 4 inches at 100 dpi, as Python's figure.
pub const PANEL: (u32, u32) = (600, 400);

/// Register a TrueType font for the labels, if the system has one (Debian's DejaVu Sans).
fn font() -> bool {
    static FONT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *FONT.get_or_init(|| {
        let candidates = [
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/TTF/DejaVuSans.ttf",
        ];
        candidates.iter().any(|p| match std::fs::read(p) {
            Ok(bytes) => {
                let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
                plotters::style::register_font("sans-serif", FontStyle::Normal, bytes).is_ok()
            }
            Err(_) => false,
        })
    })
}

/// At most about 4000 points a panel: the min and max of each of 2000 runs of samples.
/// Only finite values are drawn (NaN and ±Inf are counted in the panel's title instead).
fn decimate(x0: usize, v: &[f64]) -> Vec<(f64, f64)> {
    if v.len() <= 4000 {
        return v
            .iter()
            .enumerate()
            .filter(|(_, y)| y.is_finite())
            .map(|(i, &y)| ((x0 + i) as f64, y))
            .collect();
    }
    let run = v.len().div_ceil(2000);
    v.chunks(run)
        .enumerate()
        .flat_map(|(k, c)| {
            let x = (x0 + k * run) as f64;
            let finite = c.iter().copied().filter(|y| y.is_finite());
            let lo = finite.clone().fold(f64::INFINITY, f64::min);
            let hi = finite.fold(f64::NEG_INFINITY, f64::max);
            [(x, lo), (x + run as f64 / 2.0, hi)]
        })
        .filter(|(_, y)| y.is_finite())
        .collect()
}

/// The y range of a panel: the finite values' range with a margin, computed so that neither
/// the range nor its width overflows (data may span ±1.8e308).
fn y_range(lo: f64, hi: f64) -> (f64, f64) {
    if !(lo.is_finite() && hi.is_finite()) {
        return (-1.0, 1.0);
    }
    let half_span = hi / 2.0 - lo / 2.0;
    let pad = if half_span > 0.0 {
        half_span * 0.1
    } else {
        (lo.abs() * 0.1).max(1.0)
    };
    let (a, b) = (lo - pad, hi + pad);
    // Keep the full width below f64::MAX (the axis computes b - a).
    let limit = f64::MAX / 2.0;
    (a.max(-limit), b.min(limit))
}

/// Draw `panels` in a grid of `rows` × `cols` (row-major) into a PNG at `path`.
pub fn grid(panels: &[Panel], rows: usize, cols: usize, path: &Path) -> Result<()> {
    if !panels
        .iter()
        .any(|p| p.values.iter().any(|v| v.is_finite()))
    {
        return Err("every value to plot is NaN or infinite: nothing to draw".into());
    }
    let size = (PANEL.0 * cols as u32, PANEL.1 * rows as u32);
    let fail = |e: String| format!("cannot draw {}: {e}", path.display());
    let root = BitMapBackend::new(path, size).into_drawing_area();
    root.fill(&WHITE).map_err(|e| fail(e.to_string()))?;
    let labels = font();
    for (area, p) in root.split_evenly((rows, cols)).iter().zip(panels) {
        let pts = decimate(p.x0, &p.values);
        let (lo, hi) = pts
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &(_, y)| {
                (a.min(y), b.max(y))
            });
        let (y0, y1) = y_range(lo, hi);
        let x1 = (p.x0 + p.values.len().max(1)) as f64;
        let skipped = p.values.iter().filter(|v| !v.is_finite()).count();
        let title = if skipped > 0 {
            format!("{} ({skipped} NaN/Inf not shown)", p.title)
        } else {
            p.title.clone()
        };
        let mut b = ChartBuilder::on(area);
        b.margin(12);
        if labels {
            b.caption(&title, ("sans-serif", 16))
                .x_label_area_size(28)
                .y_label_area_size(60);
        }
        let mut chart = b
            .build_cartesian_2d(p.x0 as f64..x1, y0..y1)
            .map_err(|e| fail(e.to_string()))?;
        // Half the axis width (the whole may not fit in an f64).
        let span = y1 / 2.0 - y0 / 2.0;
        let yfmt = move |y: &f64| {
            if !(1e-2..1e6).contains(&span) {
                format!("{y:.2e}")
            } else {
                format!("{y:.3}")
            }
        };
        let xfmt = |x: &f64| format!("{x:.0}");
        let mut mesh = chart.configure_mesh();
        mesh.x_label_formatter(&xfmt).y_label_formatter(&yfmt);
        if !labels {
            mesh.x_labels(0).y_labels(0);
        }
        mesh.draw().map_err(|e| fail(e.to_string()))?;
        chart
            .draw_series(LineSeries::new(pts, &BLACK))
            .map_err(|e| fail(e.to_string()))?;
    }
    root.present().map_err(|e| fail(e.to_string()))
}

/// Samples of `[first, last)` of a range given as `A:B` (open ends allowed).
fn bounds(
    r: Option<(Option<usize>, Option<usize>)>,
    len: usize,
    default_last: usize,
) -> (usize, usize) {
    let (a, b) = r.unwrap_or((None, Some(default_last)));
    let a = a.unwrap_or(0).min(len);
    let b = b.unwrap_or(len).min(len).max(a);
    (a, b)
}

/// Values of a dataset or flacarray group as f64: rows `rows` of the first axis (every row
/// of 1-D data), samples `samples` of the last axis; with the resulting shape.
fn load(
    file: &hdf5_metno::File,
    path: &str,
    rows: Option<(Option<usize>, Option<usize>)>,
    samples: Option<(Option<usize>, Option<usize>)>,
) -> Result<(Vec<usize>, Vec<f64>)> {
    use flacarray::hdf5::{group_summary, read_array};
    use flacarray::ReadOptions;
    use flacarray::{DType, Slice};
    if let Ok(group) = file.group(path) {
        let sum = group_summary(&group)
            .map_err(|e| format!("{path}: {e}"))?
            .ok_or_else(|| {
                format!(
                    "{path}: a group without flacarray data; give a dataset or a flacarray group"
                )
            })?;
        let n = *sum.shape.last().unwrap_or(&0);
        let (s0, s1) = bounds(samples, n, n);
        let opts = ReadOptions {
            stream_slice: Some(Slice::new(Some(s0 as isize), Some(s1 as isize), None)),
            ..Default::default()
        };
        let (shape, values): (Vec<usize>, Vec<f64>) = match sum.dtype {
            DType::Int32 => read_array::<i32, _>(&group, &opts)
                .map(|a| (a.shape().to_vec(), a.iter().map(|&v| v as f64).collect())),
            DType::Int64 => read_array::<i64, _>(&group, &opts)
                .map(|a| (a.shape().to_vec(), a.iter().map(|&v| v as f64).collect())),
            DType::Float32 => read_array::<f32, _>(&group, &opts)
                .map(|a| (a.shape().to_vec(), a.iter().map(|&v| v as f64).collect())),
            DType::Float64 => read_array::<f64, _>(&group, &opts)
                .map(|a| (a.shape().to_vec(), a.iter().copied().collect())),
        }
        .map_err(|e| format!("{path}: {e}"))?;
        return Ok(select_rows(shape, values, rows));
    }
    let ds = file
        .dataset(path)
        .map_err(|_| format!("{path}: no such dataset or group in the file"))?;
    let shape = ds.shape();
    if shape.is_empty() || shape.len() > 3 {
        return Err(format!(
            "{path}: plots are for 1-, 2- and 3-D data, this has shape {shape:?}"
        ));
    }
    let numeric = matches!(
        ds.dtype().and_then(|t| t.to_descriptor()),
        Ok(hdf5_metno::types::TypeDescriptor::Integer(_)
            | hdf5_metno::types::TypeDescriptor::Unsigned(_)
            | hdf5_metno::types::TypeDescriptor::Float(_))
    );
    if !numeric {
        return Err(format!("{path}: not a numeric dataset"));
    }
    let n = shape[shape.len() - 1];
    let (s0, s1) = bounds(samples, n, n);
    let (r0, r1) = if shape.len() == 1 {
        (0, 1)
    } else {
        bounds(rows, shape[0], 8)
    };
    let mut start = vec![0u64; shape.len()];
    let mut count: Vec<u64> = shape.iter().map(|&d| d as u64).collect();
    if shape.len() > 1 {
        start[0] = r0 as u64;
        count[0] = (r1 - r0) as u64;
    }
    start[shape.len() - 1] = s0 as u64;
    count[shape.len() - 1] = (s1 - s0) as u64;
    let values = flacarray::h5raw::objects::read_f64(ds.id(), &start, &count)
        .map_err(|e| format!("{path}: {e}"))?;
    Ok((count.iter().map(|&c| c as usize).collect(), values))
}

/// Rows `rows` of the first axis of a C-order array (all of 1-D data).
fn select_rows(
    shape: Vec<usize>,
    values: Vec<f64>,
    rows: Option<(Option<usize>, Option<usize>)>,
) -> (Vec<usize>, Vec<f64>) {
    if shape.len() < 2 {
        return (shape, values);
    }
    let (r0, r1) = bounds(rows, shape[0], 8);
    let per: usize = shape[1..].iter().product();
    let mut sh = shape;
    sh[0] = r1 - r0;
    (sh, values[r0 * per..r1 * per].to_vec())
}

/// `flacarray plot`.
pub fn command(
    file: &Path,
    path: &str,
    out: &Path,
    rows: Option<(Option<usize>, Option<usize>)>,
    samples: Option<(Option<usize>, Option<usize>)>,
) -> Result<()> {
    if !file.exists() {
        return Err(format!("{}: no such file", file.display()));
    }
    flacarray::h5z::register().map_err(|e| e.to_string())?;
    let f = hdf5_metno::File::open(file)
        .map_err(|e| format!("{}: not a readable HDF5 file ({e})", file.display()))?;
    let (shape, values) = load(&f, path, rows, samples)?;
    let x0 = match samples {
        Some((Some(a), _)) => a,
        _ => 0,
    };
    let n = *shape.last().unwrap_or(&0);
    if n == 0 || values.is_empty() {
        return Err(format!(
            "{path}: nothing to plot in the selected rows and samples"
        ));
    }
    let stream = |k: usize| values[k * n..(k + 1) * n].to_vec();
    let (panels, nrows, ncols) = match shape.len() {
        1 => (
            vec![Panel {
                title: path.to_string(),
                x0,
                values,
            }],
            1,
            1,
        ),
        2 => (
            (0..shape[0])
                .map(|r| Panel {
                    title: format!("{path}[{r}]"),
                    x0,
                    values: stream(r),
                })
                .collect(),
            shape[0],
            1,
        ),
        _ => {
            // Grid: rows = shape[1], columns = shape[0]; cell (row, col) is data[col, row].
            let mut p = Vec::new();
            for r in 0..shape[1] {
                for c in 0..shape[0] {
                    p.push(Panel {
                        title: format!("{path}[{c}, {r}]"),
                        x0,
                        values: stream(c * shape[1] + r),
                    });
                }
            }
            (p, shape[1], shape[0])
        }
    };
    grid(&panels, nrows, ncols, out)?;
    println!(
        "{}: {} panel(s), {}×{} pixels",
        out.display(),
        panels.len(),
        PANEL.0 as usize * ncols,
        PANEL.1 as usize * nrows
    );
    Ok(())
}
