//! `compress` and `decompress`: copy a whole HDF5 file, rewriting some datasets with or
//! without the FLAC filter and copying everything else as it is.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use flacarray::h5z::chunk_io::{overlapped, DirectChunks};
use flacarray::h5z::{FilterParams, FILTER_ID};
use flacarray::Quantization;
use hdf5_metno::types::TypeDescriptor;
use hdf5_metno::{Dataset, Group};
use indicatif::{ProgressBar, ProgressStyle};

use flacarray::h5raw::objects::{self as h5raw, Link, Result};

/// What to do with the datasets.
#[derive(Debug, Clone)]
pub enum Job {
    /// Rewrite datasets with the FLAC filter.
    Compress {
        /// The level, and the quantization for floats.
        params: FilterParams,
        /// Glob patterns of dataset paths; empty: every numeric dataset of 2+ dimensions.
        patterns: Vec<String>,
        /// Streams per chunk (None: about 4 MiB of raw data per chunk).
        chunk_streams: Option<usize>,
    },
    /// Rewrite FLAC-filtered datasets without it.
    Decompress,
}

/// One line of the summary.
pub struct Row {
    pub path: String,
    pub dtype: String,
    pub shape: Vec<usize>,
    pub action: String,
    /// Whether the dataset was rewritten with or without the filter (else copied as it was).
    pub rewritten: bool,
    pub raw: u64,
    pub stored_in: u64,
    /// Bytes stored in the output, once it is complete.
    pub stored_out: Option<u64>,
}

/// What a copy made: a summary line per dataset, and what could not be copied.
pub struct Copied {
    /// One row per dataset.
    pub rows: Vec<Row>,
    /// Objects left out of the output (unreadable in the input), with the reason.
    pub skipped: Vec<(String, String)>,
    /// References whose target is not in the output (set to null there).
    pub dangling: usize,
}

struct Ctx<'a> {
    job: &'a Job,
    /// Objects already copied, by their address in the input, and their path (the same in
    /// the input and the output).
    seen: HashMap<u64, String>,
    rows: Vec<Row>,
    skipped: Vec<(String, String)>,
    bar: ProgressBar,
}

/// A `*`/`?` glob against a dataset path (with or without the leading `/`).
fn glob(pattern: &str, path: &str) -> bool {
    fn m(p: &[u8], s: &[u8]) -> bool {
        match (p.first(), s.first()) {
            (None, None) => true,
            (Some(b'*'), _) => m(&p[1..], s) || (!s.is_empty() && m(p, &s[1..])),
            (Some(b'?'), Some(_)) => m(&p[1..], &s[1..]),
            (Some(a), Some(b)) if a == b => m(&p[1..], &s[1..]),
            _ => false,
        }
    }
    let path = path.trim_start_matches('/');
    m(pattern.trim_start_matches('/').as_bytes(), path.as_bytes())
}

fn type_name(d: &TypeDescriptor) -> String {
    match d {
        TypeDescriptor::Integer(s) => format!("int{}", *s as usize * 8),
        TypeDescriptor::Unsigned(s) => format!("uint{}", *s as usize * 8),
        TypeDescriptor::Float(s) => format!("float{}", *s as usize * 8),
        TypeDescriptor::Compound(_) => "compound".into(),
        TypeDescriptor::VarLenUnicode | TypeDescriptor::VarLenAscii => "string".into(),
        TypeDescriptor::FixedAscii(n) | TypeDescriptor::FixedUnicode(n) => format!("string{n}"),
        other => format!("{other:?}").to_lowercase(),
    }
}

/// Copy `input` to `output` doing `job`; the output is written to a temporary file beside
/// it and renamed only when complete. `temp` receives the temporary path (for the
/// interrupt handler).
pub fn run(
    input: &Path,
    output: &Path,
    job: &Job,
    temp: &std::sync::Mutex<Option<PathBuf>>,
) -> Result<Copied> {
    if !input.exists() {
        return Err(format!("{}: no such file", input.display()));
    }
    let same = match (input.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err("the output would overwrite the input: choose another output path".into());
    }
    flacarray::h5z::register().map_err(|e| e.to_string())?;
    check_space(input, output, job)?;
    let src = hdf5_metno::File::open(input)
        .map_err(|e| format!("{}: not a readable HDF5 file ({e})", input.display()))?;
    let dir = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = output
        .file_name()
        .ok_or_else(|| format!("{}: not a file path", output.display()))?;
    let prefix = format!(".{}.tmp-", name.to_string_lossy());
    remove_stale_temporaries(dir, &prefix);
    let tmp = dir.join(format!("{prefix}{}", std::process::id()));
    *temp.lock().unwrap_or_else(|e| e.into_inner()) = Some(tmp.clone());
    let result = (|| -> Result<Copied> {
        h5raw::create_file_like(src.id(), &tmp)?;
        let dst = hdf5_metno::File::open_rw(&tmp)
            .map_err(|e| format!("{}: cannot open ({e})", tmp.display()))?;
        let total = std::fs::metadata(input).map(|m| m.len()).unwrap_or(0);
        let bar = ProgressBar::new(total);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        let mut ctx = Ctx {
            job,
            seen: HashMap::new(),
            rows: Vec::new(),
            skipped: Vec::new(),
            bar,
        };
        h5raw::copy_attributes(src.id(), dst.id())?;
        ctx.seen.insert(h5raw::object_addr(src.id())?, "/".into());
        walk(&src, &dst, "", &mut ctx)?;
        ctx.bar.finish_and_clear();
        // References now point at the input's addresses: make them point at the output's
        // objects.
        let mut fixer = flacarray::h5raw::refs::Fixer::new(src.id(), dst.id(), &ctx.seen);
        let mut paths: Vec<&String> = ctx.seen.values().collect();
        paths.sort();
        for p in paths {
            fixer.fix_object(p)?;
        }
        let dangling = fixer.dangling;
        dst.flush()
            .map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
        drop(dst);
        Ok(Copied {
            rows: ctx.rows,
            skipped: ctx.skipped,
            dangling,
        })
    })();
    let result = result.and_then(|copied| {
        std::fs::rename(&tmp, output)
            .map_err(|e| format!("cannot move the result to {}: {e}", output.display()))?;
        Ok(copied)
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    *temp.lock().unwrap_or_else(|e| e.into_inner()) = None;
    let mut copied = result?;
    // Sizes in the finished file.
    if let Ok(out) = hdf5_metno::File::open(output) {
        for row in &mut copied.rows {
            if let Ok(ds) = out.dataset(&row.path) {
                row.stored_out = Some(h5raw::storage_size(ds.id()));
            }
        }
    }
    Ok(copied)
}

/// Remove `PREFIX<pid>` files in `dir` left by runs that were killed (SIGKILL, a crash, a
/// power cut) before they could clean up: those whose process no longer exists.
fn remove_stale_temporaries(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix))
            .and_then(|p| p.parse::<i32>().ok())
        else {
            continue;
        };
        // SAFETY: signal 0 only asks whether the process exists.
        let gone = pid > 0
            && unsafe { libc::kill(pid, 0) } != 0
            && std::io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH);
        if gone && std::fs::remove_file(e.path()).is_ok() {
            eprintln!(
                "flacarray: removed {}, left by an earlier run that was stopped",
                e.path().display()
            );
        }
    }
}

/// Refuse to start without room for the output: HDF5 (1.10) can crash, rather than fail,
/// when the disk fills up while it copies an object. The output of `compress` is at most
/// about the input's size; `decompress` adds the raw size of every FLAC-filtered dataset.
fn check_space(input: &Path, output: &Path, job: &Job) -> Result<()> {
    let size = std::fs::metadata(input).map(|m| m.len()).unwrap_or(0);
    let need = match job {
        Job::Compress { .. } => size,
        Job::Decompress => {
            let grow: u64 = crate::info::run(input)?
                .iter()
                .filter(|e| e.kind == crate::info::Kind::FlacDataset)
                .map(|e| e.raw.saturating_sub(e.stored))
                .sum();
            size + grow
        }
    };
    let need = need + need / 100 + (1 << 20);
    let dir = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let c = std::ffi::CString::new(dir.as_os_str().as_encoded_bytes())
        .map_err(|_| format!("{}: a path with a NUL byte", dir.display()))?;
    // SAFETY: statvfs is plain data, for which all zeroes is a valid value.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: a NUL-terminated path and a statvfs struct to fill.
    if unsafe { libc::statvfs(c.as_ptr(), &mut st) } != 0 {
        return Err(format!("{}: no such directory", dir.display()));
    }
    let free = st.f_bavail as u64 * st.f_frsize as u64;
    if free < need {
        return Err(format!(
            "not enough space in {}: the output needs up to {:.1} MB, {:.1} MB are free",
            dir.display(),
            need as f64 / 1e6,
            free as f64 / 1e6
        ));
    }
    Ok(())
}

fn walk(src: &Group, dst: &Group, path: &str, ctx: &mut Ctx<'_>) -> Result<()> {
    let names = h5raw::member_names(src.id())
        .map_err(|e| format!("{}: {e}", if path.is_empty() { "/" } else { path }))?;
    for name in names {
        let full = format!("{path}/{name}");
        if let Err(e) = member(src, dst, &name, &full, ctx) {
            // Leave the object out (with whatever part of it was made) and go on.
            h5raw::unlink(dst.id(), &name);
            ctx.skipped.push((full, e));
        }
    }
    Ok(())
}

/// Copy the link `name` of `src` (at path `full`) to `dst`.
fn member(src: &Group, dst: &Group, name: &str, full: &str, ctx: &mut Ctx<'_>) -> Result<()> {
    let link = h5raw::link(src.id(), name)?;
    let addr = match &link {
        Link::Group(a) | Link::Dataset(a) | Link::Other(a) => Some(*a),
        _ => None,
    };
    if let Some(first) = addr.and_then(|a| ctx.seen.get(&a)) {
        return h5raw::hard_link(dst.id(), first, name);
    }
    match link {
        Link::Group(a) => {
            let g = src.group(name).map_err(|e| e.to_string())?;
            h5raw::create_group_like(g.id(), dst.id(), name)?;
            let d = dst.group(name).map_err(|e| e.to_string())?;
            h5raw::copy_attributes(g.id(), d.id())?;
            ctx.seen.insert(a, full.to_string());
            walk(&g, &d, full, ctx)?;
        }
        Link::Dataset(a) => {
            let ds = src.dataset(name).map_err(|e| e.to_string())?;
            dataset(&ds, dst, name, full, ctx)?;
            ctx.seen.insert(a, full.to_string());
        }
        Link::Other(a) => {
            h5raw::copy_object(src.id(), dst.id(), name, &[])?;
            ctx.seen.insert(a, full.to_string());
        }
        Link::Soft(_) | Link::External(..) => h5raw::make_link(dst.id(), name, &link)?,
    }
    Ok(())
}

/// The chunk shape: `k` streams along the second-to-last axis (1 along the others), whole
/// streams along the last (cut only when one stream exceeds 256 MiB).
fn chunk_shape(shape: &[usize], elem: usize, k: Option<usize>) -> Vec<usize> {
    let n = shape.len();
    let last = shape[n - 1].min(((256usize << 20) / elem).max(1));
    let mut chunk = vec![1; n];
    chunk[n - 1] = last;
    if n >= 2 {
        let auto = ((4usize << 20) / (last * elem)).max(1);
        chunk[n - 2] = k.unwrap_or(auto).clamp(1, shape[n - 2]);
    }
    chunk
}

fn dataset(ds: &Dataset, dst: &Group, name: &str, full: &str, ctx: &mut Ctx<'_>) -> Result<()> {
    let dtype = ds.dtype().map_err(|e| e.to_string())?;
    let desc = dtype.to_descriptor().ok();
    let shape = ds.shape();
    let elem = dtype.size();
    let raw = shape.iter().product::<usize>() as u64 * elem as u64;
    let stored_in = h5raw::storage_size(ds.id());
    let numeric = matches!(
        desc,
        Some(TypeDescriptor::Integer(_) | TypeDescriptor::Unsigned(_) | TypeDescriptor::Float(_))
    );
    let is_float = matches!(desc, Some(TypeDescriptor::Float(_)));
    let flac = h5raw::filter_cd_values(ds.id(), FILTER_ID).is_some();
    let mut row = Row {
        path: full.to_string(),
        dtype: desc
            .as_ref()
            .map(type_name)
            .unwrap_or_else(|| "other".into()),
        shape: shape.clone(),
        action: String::new(),
        rewritten: false,
        raw,
        stored_in,
        stored_out: None,
    };
    let committed = h5raw::committed_type_addr(ds.id()).and_then(|a| ctx.seen.get(&a).cloned());
    // Datasets are re-created and their values (chunks as stored) copied, rather than
    // copied with H5Ocopy: HDF5 1.10's object copy corrupts variable-length fill values
    // (netCDF-4 strings have one) and crashes on dense variable-length attributes.
    let copy = |row: &mut Row, why: &str| -> Result<()> {
        h5raw::create_dataset_like(
            ds.id(),
            dst.id(),
            name,
            h5raw::Filters::Keep,
            committed.as_deref(),
        )?;
        let out = dst.dataset(name).map_err(|e| e.to_string())?;
        match h5raw::storage(ds.id()) {
            h5raw::Storage::Chunked => h5raw::copy_chunks(ds, &out)?,
            h5raw::Storage::Plain => copy_values(ds, &out, &[1], |_| ())?,
            h5raw::Storage::Elsewhere => {}
        }
        h5raw::copy_attributes(ds.id(), out.id())?;
        row.action = why.to_string();
        Ok(())
    };
    match ctx.job {
        Job::Compress {
            params,
            patterns,
            chunk_streams,
        } => {
            let float_quantization = params.quantization();
            let wanted = if patterns.is_empty() {
                shape.len() >= 2
            } else {
                patterns.iter().any(|p| glob(p, full))
            };
            if !wanted || shape.is_empty() || shape.contains(&0) {
                copy(&mut row, "copied")?;
            } else if !numeric {
                copy(&mut row, "copied (not numeric)")?;
            } else if flac {
                copy(&mut row, "copied (already FLAC)")?;
            } else if is_float && *float_quantization == Quantization::None {
                copy(&mut row, "copied (float: give --quanta or --precision)")?;
            } else {
                let params = if is_float {
                    params.clone()
                } else {
                    FilterParams::lossless(params.level())
                };
                let chunk = chunk_shape(&shape, elem, *chunk_streams);
                let cd = params.to_cd_values();
                h5raw::create_dataset_like(
                    ds.id(),
                    dst.id(),
                    name,
                    h5raw::Filters::Only {
                        id: FILTER_ID,
                        chunk: &chunk,
                        cd: &cd,
                    },
                    None,
                )?;
                let out = dst.dataset(name).map_err(|e| e.to_string())?;
                rewrite(ds, &out, &chunk, full, ctx)?;
                h5raw::copy_attributes(ds.id(), out.id())?;
                row.action = format!("FLAC level {}, chunks {chunk:?}", params.level());
                row.rewritten = true;
                if is_float {
                    row.action += &format!(", {float_quantization}");
                }
            }
        }
        Job::Decompress => {
            if !flac {
                copy(&mut row, "copied")?;
            } else {
                h5raw::create_dataset_like(
                    ds.id(),
                    dst.id(),
                    name,
                    h5raw::Filters::Without(FILTER_ID),
                    committed.as_deref(),
                )?;
                let out = dst.dataset(name).map_err(|e| e.to_string())?;
                let chunk = ds.chunk().unwrap_or_else(|| vec![1]);
                rewrite(ds, &out, &chunk, full, ctx)?;
                h5raw::copy_attributes(ds.id(), out.id())?;
                row.action = "FLAC removed".into();
                row.rewritten = true;
            }
        }
    }
    if !row.rewritten {
        ctx.bar.inc(stored_in);
    }
    ctx.rows.push(row);
    Ok(())
}

/// Copy the values of `src` to `dst` in blocks of whole rows of the first axis, a whole
/// number of chunks (`chunk[0]` rows) each, about 64 MiB at a time, with a progress bar.
fn rewrite(
    src: &Dataset,
    dst: &Dataset,
    chunk: &[usize],
    full: &str,
    ctx: &mut Ctx<'_>,
) -> Result<()> {
    let stored = h5raw::storage_size(src.id());
    let rows = src.shape().first().copied().unwrap_or(1).max(1) as u64;
    ctx.bar.set_message(full.to_string());
    let bar = &ctx.bar;
    let progress = |done: usize| bar.inc(stored * done as u64 / rows);
    // FLAC-only chunks in this machine's byte order: many at once on the filter's threads,
    // moved as stored (flacarray::h5z::chunk_io); otherwise through HDF5, chunk by chunk.
    let same_type = src.dtype().ok() == dst.dtype().ok();
    // Each block's reading (and decoding) overlaps the writing (and encoding) of the one
    // before: HDF5's own I/O, which stays on one thread at a time, runs beside the codec.
    // The blocks' memory goes round (a block written is the next one read): fresh memory
    // for each would cost page faults on every byte.
    let blocks = row_blocks(src, chunk);
    let spare = Mutex::new(Vec::<Vec<u8>>::new());
    let take = || {
        spare
            .lock()
            .map(|mut s| s.pop())
            .ok()
            .flatten()
            .unwrap_or_default()
    };
    let give = |block| {
        if let Ok(mut s) = spare.lock() {
            s.push(block);
        }
    };
    // Checked first: a FLAC source whose stored parameters do not describe its chunks is
    // refused whichever way it would be read.
    let src_direct = DirectChunks::of(src).map_err(|e| e.to_string())?;
    let dst_direct = DirectChunks::of(dst).map_err(|e| e.to_string())?;
    if let Some(d) = dst_direct.filter(|_| same_type) {
        let load = |r: &Range<usize>| {
            let mut block = take();
            d.read_plain(src, r.clone(), &mut block)?;
            Ok(block)
        };
        let store = |r: Range<usize>, block: Vec<u8>| {
            d.write_rows(dst, &block, r.start)?;
            give(block);
            progress(r.len());
            Ok(())
        };
        return overlapped(blocks, load, store).map_err(|e| e.to_string());
    }
    if let Some(d) = src_direct.filter(|_| same_type) {
        let load = |r: &Range<usize>| {
            let mut block = take();
            d.decoded_rows(src, r.clone(), &mut block)?;
            Ok(block)
        };
        let store = |r: Range<usize>, block: Vec<u8>| {
            d.write_plain(dst, r.clone(), &block)?;
            give(block);
            progress(r.len());
            Ok(())
        };
        return overlapped(blocks, load, store).map_err(|e| e.to_string());
    }
    copy_values(src, dst, chunk, progress)
}

/// Copy the values of `src` to `dst` (as [`rewrite`]); `progress` is told the rows copied
/// after each block.
fn copy_values(
    src: &Dataset,
    dst: &Dataset,
    chunk: &[usize],
    progress: impl Fn(usize),
) -> Result<()> {
    let shape = src.shape();
    if shape.is_empty() {
        return h5raw::copy_block(src.id(), dst.id(), &[], &[]);
    }
    let copy = |r: Range<usize>| {
        let mut start = vec![0u64; shape.len()];
        let mut count: Vec<u64> = shape.iter().map(|&d| d as u64).collect();
        start[0] = r.start as u64;
        count[0] = r.len() as u64;
        h5raw::copy_block(src.id(), dst.id(), &start, &count)
    };
    copy_rows(src, chunk, copy, progress)
}

/// Run `op` on blocks of whole rows of `src`'s first axis ([`row_blocks`]) in turn;
/// `progress` is told the rows done.
fn copy_rows(
    src: &Dataset,
    chunk: &[usize],
    op: impl Fn(Range<usize>) -> Result<()>,
    progress: impl Fn(usize),
) -> Result<()> {
    for r in row_blocks(src, chunk) {
        op(r.clone())?;
        progress(r.len());
    }
    Ok(())
}

/// Blocks of whole rows of `src`'s first axis, a whole number of chunks (`chunk[0]` rows)
/// each, about 64 MiB at a time.
fn row_blocks(src: &Dataset, chunk: &[usize]) -> Vec<Range<usize>> {
    let shape = src.shape();
    let Some(&n) = shape.first() else {
        return Vec::new();
    };
    let row_bytes =
        shape[1..].iter().product::<usize>() * src.dtype().map(|t| t.size()).unwrap_or(1);
    let step = chunk[0].max(1);
    let rows = (((64usize << 20) / row_bytes.max(1)) / step).max(1) * step;
    (0..n)
        .step_by(rows)
        .map(|at| at..(at + rows).min(n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("tod/*", "/tod/det1"));
        assert!(glob("*", "/a/b"));
        assert!(glob("/a/?", "/a/b"));
        assert!(!glob("a/?", "/a/bc"));
        assert!(!glob("tod", "/tod2"));
    }

    #[test]
    fn chunks_hold_whole_streams() {
        assert_eq!(chunk_shape(&[100, 10_000], 4, None), vec![100, 10_000]);
        assert_eq!(chunk_shape(&[1000, 100_000], 4, None), vec![10, 100_000]);
        assert_eq!(chunk_shape(&[4, 3, 1000], 8, Some(2)), vec![1, 2, 1000]);
        assert_eq!(chunk_shape(&[5000], 4, None), vec![5000]);
    }
}
