//! The `flacarray` command: a demo, HDF5 files compressed and decompressed with the FLAC
//! filter, a listing of what a file holds, and plots (feature `cli`).

#![deny(clippy::undocumented_unsafe_blocks)]

mod copy;
mod demo;
mod info;
mod plot;
mod verify;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use clap::{Parser, Subcommand};
use flacarray::h5z::FilterParams;

const AFTER_HELP: &str = "\
Examples:
  flacarray demo --out demo_out
  flacarray compress tod.h5 tod_flac.h5 --quanta 1e-6
  flacarray compress raw.h5 small.h5 --dataset '/detectors/*' --level 8
  flacarray decompress tod_flac.h5 tod_plain.h5
  flacarray info tod_flac.h5
  flacarray verify tod_flac.h5
  flacarray plot tod_flac.h5 /detectors/tod --out tod.png --streams 0:4 --samples 0:2000

Programs that read the compressed files (h5py, h5dump, ...) need the filter plugin:
  export HDF5_PLUGIN_PATH=<directory of libh5zflac.so>";

/// FLAC compression for arrays of time-streams in HDF5 files.
#[derive(Parser)]
#[command(version, about, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Threads encoding and decoding chunks (compress, decompress, verify; 0: every core this
    /// process may use; on a node shared with other jobs, give your share).
    #[arg(long, global = true, default_value_t = 0)]
    threads: usize,
}

#[derive(Subcommand)]
enum Command {
    /// Make fake time-streams, write them as a flacarray group and as a FLAC-filtered
    /// dataset, read both back, check them, and print sizes and speeds; plot a few streams.
    #[command(after_help = "Example:\n  flacarray demo --out demo_out --shape 16,100000")]
    Demo {
        /// Directory for demo.h5 and demo.png (created if missing).
        #[arg(long, default_value = "flacarray_demo")]
        out: PathBuf,
        /// Shape of the data, comma-separated; the last axis holds the streams' samples.
        #[arg(long, default_value = "16,100000", value_parser = parse_shape)]
        shape: Shape,
    },
    /// Copy an HDF5 file, rewriting numeric datasets of 2+ dimensions (or those named with
    /// --dataset) with the FLAC filter, chunked in whole streams along the last axis.
    /// Groups, attributes, links and other datasets are copied as they are. Floats are
    /// compressed only with --quanta or --precision.
    #[command(
        after_help = "Examples:\n  flacarray compress tod.h5 tod_flac.h5\n  flacarray compress tod.h5 tod_flac.h5 --quanta 1e-6 --dataset '/obs*/signal'"
    )]
    Compress {
        /// The HDF5 file to read.
        input: PathBuf,
        /// The file to write (written beside it under a temporary name, renamed when complete).
        output: PathBuf,
        /// FLAC level, 0 (fastest) to 8 as in libFLAC, then 9 to 11 with blocks of 16384
        /// samples (9: smaller than 8 at level 5's speed; 11: the smallest, slow to write).
        #[arg(long, default_value_t = 5, value_parser = parse_level)]
        level: u32,
        /// Floats: the value of one integer step (values come back within half of it).
        #[arg(long, conflicts_with = "precision", allow_negative_numbers = true)]
        quanta: Option<f64>,
        /// Floats: decimal digits kept below each stream's RMS.
        #[arg(long, allow_negative_numbers = true)]
        precision: Option<i32>,
        /// Compress only datasets whose path matches (`*` and `?` wildcards); repeatable.
        #[arg(long = "dataset", value_name = "PATTERN")]
        datasets: Vec<String>,
        /// Streams per chunk (default: about 4 MiB of raw data per chunk).
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
        chunk_streams: Option<u64>,
    },
    /// Copy an HDF5 file, rewriting every FLAC-filtered dataset without the filter.
    #[command(after_help = "Example:\n  flacarray decompress tod_flac.h5 tod_plain.h5")]
    Decompress {
        /// The HDF5 file to read.
        input: PathBuf,
        /// The file to write.
        output: PathBuf,
    },
    /// List every FLAC-filtered dataset and flacarray group: dtype, shape, chunks, filter
    /// parameters, stored and raw bytes, ratio.
    #[command(after_help = "Example:\n  flacarray info tod_flac.h5")]
    Info {
        /// The HDF5 file.
        file: PathBuf,
    },
    /// Decode every FLAC-filtered dataset and flacarray group, and list chunks never
    /// written (a writer stopped midway leaves them, and HDF5 reads them as the fill value).
    /// Exits with status 1 when anything is missing or damaged.
    #[command(after_help = "Example:\n  flacarray verify tod_flac.h5")]
    Verify {
        /// The HDF5 file.
        file: PathBuf,
    },
    /// Plot streams of a dataset or flacarray group to a PNG: one panel for 1-D data, one
    /// per row for 2-D, a grid of (second axis) rows by (first axis) columns for 3-D.
    #[command(
        after_help = "Example:\n  flacarray plot tod.h5 /detectors/tod --out tod.png --streams 0:4 --samples 1000:3000"
    )]
    Plot {
        /// The HDF5 file.
        file: PathBuf,
        /// Path of a dataset or of a flacarray group in the file.
        path: String,
        /// The PNG to write.
        #[arg(long)]
        out: PathBuf,
        /// Rows A:B of the first axis to plot (default: the first 8).
        #[arg(long, value_parser = parse_range)]
        streams: Option<(Option<usize>, Option<usize>)>,
        /// Samples A:B of every stream (default: all).
        #[arg(long, value_parser = parse_range)]
        samples: Option<(Option<usize>, Option<usize>)>,
    },
}

/// An array shape given as `16,100000`.
#[derive(Clone, Debug)]
struct Shape(Vec<usize>);

fn parse_shape(s: &str) -> Result<Shape, String> {
    let v: Vec<usize> = s
        .split(',')
        .map(|x| x.trim().parse::<usize>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("{s:?} is not a shape such as 16,100000"))?;
    if v.is_empty() || v.len() > 3 || v.contains(&0) {
        return Err(format!(
            "{s:?}: give 1 to 3 positive sizes, such as 16,100000"
        ));
    }
    Ok(Shape(v))
}

fn parse_range(s: &str) -> Result<(Option<usize>, Option<usize>), String> {
    let (a, b) = s
        .split_once(':')
        .ok_or_else(|| format!("{s:?} is not a range such as 0:100"))?;
    let num = |x: &str| -> Result<Option<usize>, String> {
        if x.trim().is_empty() {
            Ok(None)
        } else {
            x.trim()
                .parse()
                .map(Some)
                .map_err(|_| format!("{s:?} is not a range such as 0:100"))
        }
    };
    Ok((num(a)?, num(b)?))
}

/// The temporary output being written, removed if the user interrupts.
static TEMP: Mutex<Option<PathBuf>> = Mutex::new(None);

fn mb(bytes: u64) -> String {
    format!("{:.2}", bytes as f64 / 1e6)
}

fn shape_str(s: &[usize]) -> String {
    format!(
        "({})",
        s.iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Print rows as an aligned table.
fn table(head: &[&str], rows: &[Vec<String>]) {
    let mut w: Vec<usize> = head.iter().map(|h| h.len()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(c.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let s: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c:<width$}", width = w[i]))
            .collect();
        println!("{}", s.join("  ").trim_end());
    };
    line(head.iter().map(|h| h.to_string()).collect());
    line(w.iter().map(|&n| "-".repeat(n)).collect());
    for r in rows {
        line(r.clone());
    }
}

/// A FLAC level, by the library's rule.
fn parse_level(text: &str) -> Result<u32, String> {
    let level: u32 = text.parse().map_err(|e| format!("{e}"))?;
    FilterParams::new(level, flacarray::Quantization::None).map_err(|e| e.to_string())?;
    Ok(level)
}

fn run(cli: Cli) -> Result<(), String> {
    flacarray::h5z::set_threads(Some(cli.threads));
    match cli.command {
        Command::Demo { out, shape } => demo::run(&out, &shape.0),
        Command::Compress {
            input,
            output,
            level,
            quanta,
            precision,
            datasets,
            chunk_streams,
        } => {
            if let Some(q) = quanta {
                if !(q.is_finite() && q > 0.0) {
                    return Err(format!("--quanta {q}: give a positive number"));
                }
            }
            let params = match (quanta, precision) {
                (Some(q), _) => FilterParams::quanta(level, q),
                (_, Some(p)) => FilterParams::precision(level, p),
                _ => FilterParams::lossless(level),
            };
            let job = copy::Job::Compress {
                params,
                patterns: datasets,
                chunk_streams: chunk_streams.map(|k| k as usize),
            };
            copy_command(&input, &output, &job)
        }
        Command::Decompress { input, output } => {
            copy_command(&input, &output, &copy::Job::Decompress)
        }
        Command::Info { file } => {
            let entries = info::run(&file)?;
            if entries.is_empty() {
                println!(
                    "{}: no FLAC-filtered dataset and no flacarray group",
                    file.display()
                );
                return Ok(());
            }
            let rows: Vec<Vec<String>> = entries
                .iter()
                .map(|e| {
                    if e.kind == info::Kind::Unreadable {
                        let dash = || "-".to_string();
                        return vec![
                            e.path.clone(),
                            e.kind.to_string(),
                            dash(),
                            dash(),
                            dash(),
                            e.params.clone(),
                            dash(),
                            dash(),
                            dash(),
                        ];
                    }
                    vec![
                        e.path.clone(),
                        e.kind.to_string(),
                        e.dtype.clone(),
                        shape_str(&e.shape),
                        e.chunk
                            .as_deref()
                            .map(shape_str)
                            .unwrap_or_else(|| "-".into()),
                        e.params.clone(),
                        mb(e.stored),
                        mb(e.raw),
                        format!("{:.3}", e.stored as f64 / e.raw.max(1) as f64),
                    ]
                })
                .collect();
            table(
                &[
                    "path",
                    "kind",
                    "dtype",
                    "shape",
                    "chunks",
                    "parameters",
                    "stored MB",
                    "raw MB",
                    "ratio",
                ],
                &rows,
            );
            let bad = entries
                .iter()
                .filter(|e| e.kind == info::Kind::Unreadable)
                .count();
            if bad > 0 {
                return Err(format!(
                    "{}: {bad} objects could not be read (kind \"{}\" above); the rest is listed",
                    file.display(),
                    info::Kind::Unreadable
                ));
            }
            Ok(())
        }
        Command::Verify { file } => {
            let checked = verify::run(&file)?;
            if checked.is_empty() {
                println!(
                    "{}: no FLAC-filtered dataset or flacarray group",
                    file.display()
                );
                return Ok(());
            }
            let rows: Vec<Vec<String>> = checked
                .iter()
                .map(|c| vec![c.path.clone(), c.kind.to_string(), c.status.clone()])
                .collect();
            table(&["path", "kind", "result"], &rows);
            let bad = checked.iter().filter(|c| !c.ok).count();
            if bad > 0 {
                return Err(format!(
                    "{}: {bad} of {} objects incomplete or damaged",
                    file.display(),
                    checked.len()
                ));
            }
            Ok(())
        }
        Command::Plot {
            file,
            path,
            out,
            streams,
            samples,
        } => plot::command(&file, &path, &out, streams, samples),
    }
}

fn copy_command(input: &Path, output: &Path, job: &copy::Job) -> Result<(), String> {
    let t0 = std::time::Instant::now();
    let copied = copy::run(input, output, job, &TEMP)?;
    let rows = &copied.rows;
    let secs = t0.elapsed().as_secs_f64();
    let table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.path.clone(),
                r.dtype.clone(),
                shape_str(&r.shape),
                mb(r.raw),
                mb(r.stored_in),
                mb(r.stored_out.unwrap_or(0)),
                if r.rewritten {
                    format!(
                        "{:.3}",
                        r.stored_out.unwrap_or(0) as f64 / r.raw.max(1) as f64
                    )
                } else {
                    "-".into()
                },
                r.action.clone(),
            ]
        })
        .collect();
    table(
        &[
            "dataset", "dtype", "shape", "raw MB", "in MB", "out MB", "out/raw", "action",
        ],
        &table_rows,
    );
    let (a, b) = (
        std::fs::metadata(input).map(|m| m.len()).unwrap_or(0),
        std::fs::metadata(output).map(|m| m.len()).unwrap_or(0),
    );
    println!(
        "{} ({} MB) -> {} ({} MB) in {secs:.2} s",
        input.display(),
        mb(a),
        output.display(),
        mb(b)
    );
    for (path, why) in &copied.skipped {
        eprintln!("flacarray: {path}: not copied: {why}");
    }
    if copied.dangling > 0 {
        eprintln!(
            "flacarray: {} references point at objects that are not in the output (set to null)",
            copied.dangling
        );
    }
    if !copied.skipped.is_empty() {
        return Err(format!(
            "{} of the input's objects could not be read and are not in {} (listed above); \
             everything else was copied",
            copied.skipped.len(),
            output.display()
        ));
    }
    Ok(())
}

/// The signals that stop the command and that it can catch: Ctrl-C and Ctrl-\\, a closed
/// terminal, what `kill`, `timeout`, systemd and batch schedulers send (Slurm sends SIGTERM
/// at the time limit, or a signal chosen with --signal), and CPU or file-size limits.
const STOP_SIGNALS: [i32; 9] = [
    libc::SIGINT,
    libc::SIGTERM,
    libc::SIGHUP,
    libc::SIGQUIT,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
    libc::SIGXCPU,
    libc::SIGXFSZ,
];

/// On any of [`STOP_SIGNALS`] during a copy: remove the partial output, then stop with
/// status 128 + the signal, as a shell reports a process the signal ended.
fn handle_stop_signals() {
    let Ok(mut signals) = signal_hook::iterator::Signals::new(STOP_SIGNALS) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            if let Some(p) = TEMP.lock().ok().and_then(|t| t.clone()) {
                let _ = std::fs::remove_file(p);
            }
            eprintln!("flacarray: stopped by signal {sig}; no output written");
            // SAFETY: _exit ends the process at once, without running HDF5's exit handlers
            // while the main thread may be inside an HDF5 call.
            unsafe { libc::_exit(128 + sig) };
        }
    });
}

/// The command moves gigabytes through buffers of a few MiB each (encoded chunks, their
/// frames). glibc would give each of those a fresh mapping, or hand the heap back between
/// chunks, and every byte written would then cost a page fault (a compress of 1 GB took 178k
/// of them against 3k): buffers up to 32 MiB come from the heap, which is not trimmed below
/// 256 MiB.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_buffers_on_the_heap() {
    // SAFETY: mallopt only sets glibc's allocation parameters; called before any thread
    // starts, and a value it refuses leaves the default.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_buffers_on_the_heap() {}

fn main() -> ExitCode {
    keep_buffers_on_the_heap();
    handle_stop_signals();
    let cli = Cli::parse();
    // A panic is a bug: report it in one line like any other error.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("flacarray: internal error: {info}");
    }));
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("flacarray: {e}");
            ExitCode::FAILURE
        }
        Err(_) => {
            if let Some(p) = TEMP.lock().ok().and_then(|t| t.clone()) {
                let _ = std::fs::remove_file(p);
            }
            ExitCode::FAILURE
        }
    }
}
