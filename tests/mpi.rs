//! MPI tests, run under `mpirun -n 1|2|3` by scripts/test.sh (feature `mpi`, no libtest
//! harness: every rank runs every test in the same order, since each one is collective).
//!
//! `mpi <dir>`: the suite; files go to `<dir>`, including `rust_mpi.h5` (group format and
//! FLAC-filtered datasets next to the raw values) for the Python checks.
//! `mpi <dir> --read-python <file>`: read a file written by Python flacarray with mpi4py.
//! `mpi <dir> --fail`: rank 1 holds a NaN; every rank must report an error and exit 2.
//!
//! Rank `p` holds `ROWS[p % 3]` rows (3, 0, 5): with 2 and 3 ranks one rank has no data.

use std::path::{Path, PathBuf};

use flacarray::hdf5;
use flacarray::mpi::{self as fmpi, create_mpio, open_mpio};

use flacarray::mpi::rsmpi::topology::SimpleCommunicator;
use flacarray::mpi::rsmpi::traits::*;
use flacarray::mpi::{read_filtered_mpi, write_filtered_mpi};
use flacarray::{CompressOptions, Error, FlacArray, ReadOptions, Slice};
use ndarray::{ArrayD, IxDyn};

mod mpi_suite;

use mpi_suite::*;

/// Zarr under MPI (features `mpi` and `zarr`): rank 0 gathers and writes, reads and sends,
/// as in Python; keep, stream slices, uneven distributions and FlacArray reads; a missing
/// group on rank 0 is an error on every rank.
#[cfg(feature = "zarr")]
fn zarr_round_trip<T: Value>(s: &Suite) -> Result<(), String> {
    use flacarray::zarr::{self, ZarrGroup};
    let dir = s.dir.join(format!("zarr-{}-n{}.zarr", T::DTYPE, s.size));
    let group = if s.rank == 0 {
        let _ = std::fs::remove_dir_all(&dir);
        Some(ZarrGroup::create_dir(&dir).map_err(e2s)?)
    } else {
        None
    };
    let local = s.local::<T>();
    fmpi::write_array(local.view(), group.as_ref(), &T::opts(), &s.world).map_err(e2s)?;
    s.world.barrier();
    let rows = s.global_rows();
    // Serially, on every rank: the whole array.
    let all: ArrayD<T> = zarr::read_array(
        &ZarrGroup::open_dir(&dir).map_err(e2s)?,
        &Default::default(),
    )
    .map_err(e2s)?;
    close("serial read", &all, &expected::<T>(0..rows, 0..N))?;
    // Distributed reads: even, and uneven with an empty rank.
    let uneven: Vec<(usize, usize)> = (0..s.size)
        .map(|p| match (p, s.size) {
            (_, 1) => (0, rows),
            (0, _) => (0, 1),
            (p, n) if p == n - 1 => (1, rows),
            _ => (1, 1),
        })
        .collect();
    for dist in [None, Some(uneven.as_slice())] {
        let mine = match dist {
            Some(d) => d[s.rank],
            None => flacarray::mpi::distribute(rows, s.size, None).map_err(e2s)?[s.rank],
        };
        let got: ArrayD<T> =
            fmpi::read_array(group.as_ref(), &Default::default(), dist, &s.world).map_err(e2s)?;
        close(
            "distributed read",
            &got,
            &expected::<T>(mine.0..mine.1, 0..N),
        )?;
        let opts = ReadOptions {
            stream_slice: Some(Slice::new(Some(1000), Some(1500), None)),
            ..Default::default()
        };
        let got: ArrayD<T> =
            fmpi::read_array(group.as_ref(), &opts, dist, &s.world).map_err(e2s)?;
        close("slice", &got, &expected::<T>(mine.0..mine.1, 1000..1500))?;
        // Keep the streams of row 0's second half only: each rank gets its kept ones.
        let keep = ArrayD::from_shape_fn(IxDyn(&[rows, MID]), |ix| ix[1] == 1);
        let opts = ReadOptions {
            keep: Some(keep.view()),
            ..Default::default()
        };
        let (got, idx) =
            fmpi::read_array_with_indices::<T, _, _>(group.as_ref(), &opts, dist, &s.world)
                .map_err(e2s)?;
        let n = mine.1 - mine.0;
        if got.shape() != [n, N] || idx.len() != n || idx.iter().any(|i| i[1] != 1) {
            return Err(format!("keep: shape {:?}, indices {idx:?}", got.shape()));
        }
        let fa = FlacArray::read_mpi(group.as_ref(), None, dist, &s.world).map_err(e2s)?;
        let back: ArrayD<T> = fa.to_array(&ReadOptions::default()).map_err(e2s)?;
        close("FlacArray", &back, &expected::<T>(mine.0..mine.1, 0..N))?;
        if dist.is_none() {
            // Written again from the distributed FlacArray: the same compressed bytes.
            let again = dir.with_extension("again.zarr");
            let g2 = if s.rank == 0 {
                let _ = std::fs::remove_dir_all(&again);
                Some(ZarrGroup::create_dir(&again).map_err(e2s)?)
            } else {
                None
            };
            fa.write_mpi(g2.as_ref(), &s.world).map_err(e2s)?;
            if s.rank == 0 {
                let a = FlacArray::read_zarr(group.as_ref().unwrap(), None).map_err(e2s)?;
                let b = FlacArray::read_zarr(g2.as_ref().unwrap(), None).map_err(e2s)?;
                if a != b {
                    return Err("re-written FlacArray differs".into());
                }
            }
        }
    }
    // Rank 0 without a group: an error on every rank, nobody waits.
    match fmpi::read_array::<T, ZarrGroup, _>(None, &Default::default(), None, &s.world) {
        Err(e) if e.to_string().contains("pass it on rank 0") || s.rank != 0 => Ok(()),
        other => Err(format!(
            "missing group on rank 0: {:?}",
            other.map(|a| a.shape().to_vec())
        )),
    }
}

/// FlacArray::from_array_mpi: the global properties (B4: all of them work).
fn global_properties<T: Value>(s: &Suite) -> Result<(), String> {
    let local = s.local::<T>();
    let fa = FlacArray::from_array_mpi(local.view(), &T::opts(), &s.world).map_err(e2s)?;
    let rows = s.global_rows();
    let want_dist: Vec<(usize, usize)> = (0..s.size).map(rows_of).collect();
    let before: usize = fa.global_process_nbytes()[..s.rank].iter().sum();
    let nbytes = fa.global_process_nbytes();
    let mut sum = 0u64;
    s.world.all_reduce_into(
        &(fa.nbytes() as u64),
        &mut sum,
        flacarray::mpi::rsmpi::collective::SystemOperation::sum(),
    );
    let checks = [
        (fa.global_shape() == [rows, MID, N], "global_shape"),
        (
            fa.global_leading_shape() == [rows, MID],
            "global_leading_shape",
        ),
        (fa.global_nstreams() == rows * MID, "global_nstreams"),
        (fa.nstreams() == ROWS[s.rank % 3] * MID, "nstreams"),
        (fa.mpi_dist() == want_dist.as_slice(), "mpi_dist"),
        (
            fa.mpi_rank() == s.rank && fa.mpi_size() == s.size,
            "rank/size",
        ),
        (
            nbytes.len() == s.size && nbytes[s.rank] == fa.nbytes(),
            "global_process_nbytes",
        ),
        (fa.global_nbytes() as u64 == sum, "global_nbytes"),
        (
            fa.global_stream_starts() == fa.stream_starts().mapv(|v| v + before as i64),
            "global_stream_starts",
        ),
        (
            fa.global_stream_nbytes() == fa.stream_nbytes(),
            "global_stream_nbytes",
        ),
    ];
    if let Some((_, what)) = checks.iter().find(|(ok, _)| !ok) {
        return Err(format!("{what} is wrong: {fa}, dist {:?}", fa.mpi_dist()));
    }
    let back: ArrayD<T> = fa.to_array(&ReadOptions::default()).map_err(e2s)?;
    close("to_array", &back, &local)
}

/// Write with `parallel` (MPI-IO on every rank) or gathered (rank 0 only), then read back
/// every way.
fn round_trip<T: Value>(s: &Suite, parallel: bool) -> Result<(), String> {
    let tag = format!("{}-{}", T::DTYPE, if parallel { "mpio" } else { "gather" });
    let path = s.path(&tag);
    let local = s.local::<T>();
    if parallel {
        let file = create_mpio(&path, &s.world).map_err(e2s)?;
        fmpi::write_array(local.view(), Some(&file), &T::opts(), &s.world).map_err(e2s)?;
    } else {
        let file = if s.rank == 0 {
            Some(hdf5_metno::File::create(&path).map_err(|e| e.to_string())?)
        } else {
            None
        };
        let group = file.as_ref().map(|f| f.as_group().expect("root group"));
        fmpi::write_array(local.view(), group.as_ref(), &T::opts(), &s.world).map_err(e2s)?;
    }
    s.world.barrier();
    let rows = s.global_rows();
    let mut failures = Vec::new();
    let mut check = |what: &str, r: Result<(), String>| {
        if let Err(e) = r {
            failures.push(format!("{tag} {what}: {e}"));
        }
    };
    // Serial read of the whole file on every rank.
    {
        let file = hdf5_metno::File::open(&path).map_err(|e| e.to_string())?;
        let all: ArrayD<T> = hdf5::read_array(&file, &ReadOptions::default()).map_err(e2s)?;
        check(
            "serial read",
            close("serial", &all, &expected::<T>(0..rows, 0..N)),
        );
    }
    // Two distributions: the default even one and an uneven one with an empty rank.
    let uneven: Vec<(usize, usize)> = (0..s.size)
        .map(|p| match (p, s.size) {
            (_, 1) => (0, rows),
            (0, _) => (0, 1),
            (p, n) if p == n - 1 => (1, rows),
            _ => (1, 1),
        })
        .collect();
    for (label, dist) in [("even", None), ("uneven", Some(uneven.as_slice()))] {
        let even = flacarray::mpi::distribute(rows, s.size, None).map_err(e2s)?;
        let (a, b) = dist.map(|d| d[s.rank]).unwrap_or(even[s.rank]);
        for every_rank in [true, false] {
            let how = format!("{label} {}", if every_rank { "mpio" } else { "gathered" });
            let file = if every_rank {
                Some(open_mpio(&path, false, &s.world).map_err(e2s)?)
            } else if s.rank == 0 {
                Some(hdf5_metno::File::open(&path).map_err(|e| e.to_string())?)
            } else {
                None
            };
            let group = file.as_ref().map(|f| f.as_group().expect("root group"));
            let g = group.as_ref();
            // Everything.
            let got: ArrayD<T> =
                fmpi::read_array(g, &ReadOptions::default(), dist, &s.world).map_err(e2s)?;
            check(&how, close(&how, &got, &expected::<T>(a..b, 0..N)));
            // A stream slice.
            let opts = ReadOptions {
                stream_slice: Some(Slice::new(Some(1000), Some(1100), None)),
                ..Default::default()
            };
            let got: ArrayD<T> = fmpi::read_array(g, &opts, dist, &s.world).map_err(e2s)?;
            check(
                &format!("{how} slice"),
                close(&how, &got, &expected::<T>(a..b, 1000..1100)),
            );
            // keep: the second stream of every even row.
            let keep =
                ArrayD::from_shape_fn(IxDyn(&[rows, MID]), |ix| ix[0] % 2 == 0 && ix[1] == 1);
            let opts = ReadOptions {
                keep: Some(keep.view()),
                stream_slice: Some(Slice::new(Some(-50), None, None)),
                ..Default::default()
            };
            let (got, idx): (ArrayD<T>, _) =
                fmpi::read_array_with_indices(g, &opts, dist, &s.world).map_err(e2s)?;
            let kept: Vec<usize> = (a..b).filter(|r| r % 2 == 0).collect();
            let want = ArrayD::from_shape_fn(IxDyn(&[kept.len(), 50]), |ix| {
                T::at(kept[ix[0]], 1, N - 50 + ix[1])
            });
            check(&format!("{how} keep"), close(&how, &got, &want));
            let want_idx: Vec<Vec<usize>> = kept.iter().map(|&r| vec![r - a, 1]).collect();
            if idx != want_idx {
                check(
                    &format!("{how} keep indices"),
                    Err(format!("{idx:?}, expected {want_idx:?}")),
                );
            }
            // FlacArray::read_mpi.
            let fa = FlacArray::read_mpi(g, None, dist, &s.world).map_err(e2s)?;
            let got: ArrayD<T> = fa.to_array(&ReadOptions::default()).map_err(e2s)?;
            check(
                &format!("{how} FlacArray"),
                close(&how, &got, &expected::<T>(a..b, 0..N)),
            );
            if fa.global_shape() != [rows, MID, N] || fa.mpi_dist()[s.rank] != (a, b) {
                check(
                    &format!("{how} FlacArray layout"),
                    Err(format!("{fa} {:?} {:?}", fa.global_shape(), fa.mpi_dist())),
                );
            }
            // A FlacArray read distributed writes back (gathered) to an equal file.
            let copy = s.path(&format!("{tag}-copy"));
            let out = if s.rank == 0 {
                Some(hdf5_metno::File::create(&copy).map_err(|e| e.to_string())?)
            } else {
                None
            };
            let og = out.as_ref().map(|f| f.as_group().expect("root group"));
            fa.write_mpi(og.as_ref(), &s.world).map_err(e2s)?;
            drop(og);
            drop(out);
            s.world.barrier();
            let back = hdf5_metno::File::open(&copy).map_err(|e| e.to_string())?;
            let all: ArrayD<T> = hdf5::read_array(&back, &ReadOptions::default()).map_err(e2s)?;
            check(
                &format!("{how} rewrite"),
                close("rewrite", &all, &expected::<T>(0..rows, 0..N)),
            );
            drop(back);
            s.world.barrier();
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("; "))
    }
}

/// The FLAC filter under parallel HDF5: collective writes of a chunked, filtered dataset.
fn filtered<T: Value>(s: &Suite, file: &hdf5_metno::File) -> Result<(), String> {
    let name = format!("filtered_{}", T::DTYPE);
    let local = s.local::<T>();
    let ds =
        write_filtered_mpi(file, &name, local.view(), T::filter(), None, &s.world).map_err(e2s)?;
    // The raw values beside it, for the h5py check.
    let raw = format!("raw_{}", T::DTYPE);
    write_filtered_plain::<T>(s, file, &raw, &local)?;
    let chunk = ds.chunk().unwrap_or_default();
    let rows = s.global_rows();
    let got: ArrayD<T> = read_filtered_mpi(&ds, None, &s.world).map_err(e2s)?;
    let even = flacarray::mpi::distribute(rows, s.size, None).map_err(e2s)?;
    let (a, b) = even[s.rank];
    close("filtered read", &got, &expected::<T>(a..b, 0..N))?;
    // Each chunk within one rank's rows.
    if (0..s.size).any(|p| !rows_of(p).0.is_multiple_of(chunk[0])) {
        return Err(format!("chunk {chunk:?} spans ranks"));
    }
    Ok(())
}

/// An unfiltered copy of the global array (collective contiguous write).
fn write_filtered_plain<T: Value>(
    s: &Suite,
    file: &hdf5_metno::File,
    name: &str,
    local: &ArrayD<T>,
) -> Result<(), String> {
    let rows = s.global_rows();
    let ds = file
        .new_dataset::<T>()
        .shape([rows, MID, N])
        .create(name)
        .map_err(|e| e.to_string())?;
    let (a, b) = rows_of(s.rank);
    ds.as_writer()
        .write_slice(local, ndarray::s![a..b, .., ..])
        .map_err(|e| e.to_string())
}

/// Errors: every rank gets one, and no rank is left waiting.
fn errors(s: &Suite) -> Result<(), String> {
    let mut problems = Vec::new();
    // NaN on the last rank with data.
    let mut local = s.local::<f64>();
    let bad_rank = if s.size == 2 { 0 } else { s.size - 1 };
    if s.rank == bad_rank {
        local[[0, 0, 5]] = f64::NAN;
    }
    match FlacArray::from_array_mpi(local.view(), &<f64 as Value>::opts(), &s.world) {
        Ok(_) => problems.push("NaN: no error".to_string()),
        Err(Error::NonFinite { .. }) if s.rank == bad_rank => {}
        Err(Error::OtherRank { rank, .. }) if s.rank != bad_rank && rank == bad_rank => {}
        Err(e) => problems.push(format!("NaN: unexpected error {e}")),
    }
    // Element types that differ between ranks.
    let r = if s.rank == 0 {
        FlacArray::from_array_mpi(s.local::<i32>().view(), &Default::default(), &s.world)
    } else {
        FlacArray::from_array_mpi(s.local::<i64>().view(), &Default::default(), &s.world)
    };
    match r {
        Err(Error::Mpi(m)) if m.contains("element types") || s.size < 3 => {}
        Ok(_) if s.size < 3 => {} // one rank, or rank 1 without data: nothing to disagree
        other => problems.push(format!("type mismatch: {other:?}")),
    }
    // Trailing dimensions that differ.
    let odd = ArrayD::<i32>::zeros(IxDyn(&[ROWS[s.rank % 3], MID + s.rank, 10]));
    match FlacArray::from_array_mpi(odd.view(), &Default::default(), &s.world) {
        Err(Error::Mpi(m)) if m.contains("dimensions") => {}
        Ok(_) if s.size < 3 => {}
        other => problems.push(format!("shape mismatch: {other:?}")),
    }
    // A bad distribution on read, and writing over an existing array.
    let path = s.path("errors");
    let file = create_mpio(&path, &s.world).map_err(e2s)?;
    fmpi::write_array(
        s.local::<i32>().view(),
        Some(&file),
        &Default::default(),
        &s.world,
    )
    .map_err(e2s)?;
    let bad = vec![(0, 1); s.size];
    let r: Result<ArrayD<i32>, _> =
        fmpi::read_array(Some(&file), &ReadOptions::default(), Some(&bad), &s.world);
    if s.size > 1 && r.is_ok() {
        problems.push("bad mpi_dist: no error".into());
    }
    let r = fmpi::write_array(
        s.local::<i32>().view(),
        Some(&file),
        &Default::default(),
        &s.world,
    );
    if r.is_ok() {
        problems.push("overwrite: no error".into());
    }
    // A type mismatch on read.
    let r: Result<ArrayD<f32>, _> =
        fmpi::read_array(Some(&file), &ReadOptions::default(), None, &s.world);
    if !matches!(
        r,
        Err(Error::DTypeMismatch { .. }) | Err(Error::OtherRank { .. })
    ) {
        problems.push(format!("dtype mismatch on read: {r:?}"));
    }
    // Rank 0 must pass a group.
    let g = if s.rank == 0 {
        None
    } else {
        Some(file.as_group().expect("root"))
    };
    let r: Result<ArrayD<i32>, _> =
        fmpi::read_array(g.as_ref(), &ReadOptions::default(), None, &s.world);
    if s.size > 1 && !matches!(&r, Err(Error::Mpi(m)) if m.contains("rank 0")) {
        problems.push(format!("no group on rank 0: {r:?}"));
    }
    // Rank 0's file is open through MPI-IO but the others pass no group: refused, not a hang
    // (HDF5 calls on that file are collective).
    let g = (s.rank == 0).then(|| file.as_group().expect("root"));
    let r: Result<ArrayD<i32>, _> =
        fmpi::read_array(g.as_ref(), &ReadOptions::default(), None, &s.world);
    if s.size > 1 && !matches!(&r, Err(Error::Mpi(m)) if m.contains("every rank must pass")) {
        problems.push(format!("MPI-IO file on rank 0 only: {r:?}"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// Message pieces: the gathered paths with a tiny piece size.
fn pieces(s: &Suite) -> Result<(), String> {
    std::env::set_var("FLACARRAY_MPI_MAX_MESSAGE", "4093");
    let r = round_trip::<f64>(s, false);
    std::env::remove_var("FLACARRAY_MPI_MAX_MESSAGE");
    r
}

/// A file written by Python flacarray with mpi4py (group `fa`, raw values in `raw`), read
/// here distributed.
fn read_python(s: &Suite, path: &Path) -> Result<(), String> {
    let mut problems = Vec::new();
    let expect = {
        let f = hdf5_metno::File::open(path).map_err(|e| e.to_string())?;
        f.dataset("raw")
            .and_then(|d| d.read_dyn::<f64>())
            .map_err(|e| e.to_string())?
    };
    let rows = expect.shape()[0];
    let even = flacarray::mpi::distribute(rows, s.size, None).map_err(e2s)?;
    let (a, b) = even[s.rank];
    for every_rank in [true, false] {
        let file = if every_rank || s.rank == 0 {
            Some(hdf5_metno::File::open(path).map_err(|e| e.to_string())?)
        } else {
            None
        };
        let group = file.as_ref().map(|f| f.group("fa").expect("group fa"));
        let got: ArrayD<f64> =
            fmpi::read_array(group.as_ref(), &ReadOptions::default(), None, &s.world)
                .map_err(e2s)?;
        let want = expect.slice(ndarray::s![a..b, ..]).to_owned().into_dyn();
        let worst = got
            .iter()
            .zip(&want)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f64::max);
        if got.shape() != want.shape() || worst > 0.5 * QUANTA + 1e-9 {
            problems.push(format!(
                "every_rank={every_rank}: shape {:?} vs {:?}, error {worst}",
                got.shape(),
                want.shape()
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

fn main() {
    let universe = flacarray::mpi::rsmpi::initialize().expect("MPI initialises once");
    let world = universe.world();
    let args: Vec<String> = std::env::args().collect();
    let dir = PathBuf::from(
        args.get(1)
            .cloned()
            .unwrap_or_else(|| "target/mpi-tests".into()),
    );
    std::fs::create_dir_all(&dir).expect("a work directory");
    let rank = world.rank() as usize;
    let size = world.size() as usize;
    if args.get(2).map(String::as_str) == Some("--large") {
        let code = large_messages(&world, &dir);
        drop(world);
        drop(universe);
        std::process::exit(code);
    }
    if args.get(2).map(String::as_str) == Some("--fail") {
        let code = fail_demo(&world, &dir);
        drop(world);
        drop(universe); // MPI_Finalize before exiting
        std::process::exit(code);
    }
    let mut s = Suite {
        world,
        rank,
        size,
        dir,
        passed: 0,
        failed: 0,
    };
    if args.get(2).map(String::as_str) == Some("--read-python") {
        let path = PathBuf::from(&args[3]);
        s.run("read_python_mpi4py_file", |s| read_python(s, &path));
    } else {
        s.run("global_properties_i32", global_properties::<i32>);
        s.run("global_properties_i64", global_properties::<i64>);
        s.run("global_properties_f32", global_properties::<f32>);
        s.run("global_properties_f64", global_properties::<f64>);
        for parallel in [true, false] {
            let how = if parallel { "mpio" } else { "gathered" };
            s.run(&format!("round_trip_{how}_i32"), |s| {
                round_trip::<i32>(s, parallel)
            });
            s.run(&format!("round_trip_{how}_i64"), |s| {
                round_trip::<i64>(s, parallel)
            });
            s.run(&format!("round_trip_{how}_f32"), |s| {
                round_trip::<f32>(s, parallel)
            });
            s.run(&format!("round_trip_{how}_f64"), |s| {
                round_trip::<f64>(s, parallel)
            });
        }
        #[cfg(feature = "zarr")]
        {
            s.run("zarr_i32", zarr_round_trip::<i32>);
            s.run("zarr_i64", zarr_round_trip::<i64>);
            s.run("zarr_f32", zarr_round_trip::<f32>);
            s.run("zarr_f64", zarr_round_trip::<f64>);
        }
        s.run("gathered_in_small_pieces", pieces);
        s.run("errors_reach_every_rank", errors);
        // One file for the Python checks: the group format under /fa, the filtered datasets
        // and the raw values.
        let path = s.dir.join(format!("rust_mpi-n{}.h5", s.size));
        match create_mpio(&path, &s.world) {
            Ok(file) => {
                s.run("filtered_i32", |s| filtered::<i32>(s, &file));
                s.run("filtered_i64", |s| filtered::<i64>(s, &file));
                s.run("filtered_f32", |s| filtered::<f32>(s, &file));
                s.run("filtered_f64", |s| filtered::<f64>(s, &file));
                s.run("group_format_for_python", |s| {
                    let g = file.create_group("fa").map_err(|e| e.to_string())?;
                    fmpi::write_array(
                        s.local::<f64>().view(),
                        Some(&g),
                        &<f64 as Value>::opts(),
                        &s.world,
                    )
                    .map_err(e2s)
                });
            }
            Err(e) => {
                s.failed += 1;
                eprintln!("cannot create {}: {e}", path.display());
            }
        }
    }
    if s.rank == 0 {
        println!(
            "mpi (n={}): {} passed, {} failed",
            s.size, s.passed, s.failed
        );
    }
    let code = i32::from(s.failed > 0);
    drop(s);
    drop(universe); // MPI_Finalize before exiting
    std::process::exit(code);
}

/// Gathered I/O with a rank whose compressed bytes exceed 2 GiB (MPI's 32-bit counts): its
/// 8 streams of 70 million random int32 (incompressible) go to rank 0 and back.
fn large_messages(world: &SimpleCommunicator, dir: &Path) -> i32 {
    const SAMPLES: usize = 70_000_000;
    let (rank, size) = (world.rank() as usize, world.size() as usize);
    let rows = |p: usize| if p == 0 { 1 } else { 8 };
    let first: usize = (0..rank).map(rows).sum();
    let make = |row: usize| {
        let mut x = 0x9E37_79B9_7F4A_7C15u64 ^ (row as u64 + 1);
        ArrayD::from_shape_simple_fn(IxDyn(&[SAMPLES]), || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as i32
        })
    };
    let mut local = ArrayD::<i32>::zeros(IxDyn(&[rows(rank), SAMPLES]));
    for (r, mut row) in local.outer_iter_mut().enumerate() {
        row.assign(&make(first + r));
    }
    let path = dir.join(format!("large-n{size}.h5"));
    let result = (|| -> Result<usize, Error> {
        let file = (rank == 0).then(|| hdf5_metno::File::create(&path).expect("create"));
        let group = file.as_ref().map(|f| f.as_group().expect("root"));
        let opts = CompressOptions::default().level(0);
        let fa = FlacArray::from_array_mpi(local.view(), &opts, world)?;
        let nbytes = fa.nbytes();
        fa.write_mpi(group.as_ref(), world)?;
        drop(fa);
        let dist: Vec<(usize, usize)> = (0..size)
            .map(|p| {
                let a: usize = (0..p).map(rows).sum();
                (a, a + rows(p))
            })
            .collect();
        let back: ArrayD<i32> =
            fmpi::read_array(group.as_ref(), &ReadOptions::default(), Some(&dist), world)?;
        if back != local {
            return Err(Error::Mpi("values differ after the round trip".into()));
        }
        Ok(nbytes)
    })();
    let _ = std::fs::remove_file(&path);
    match result {
        Ok(nbytes) => {
            println!(
                "rank {rank}: {nbytes} compressed bytes ({:.2} GiB) written and read back through rank 0",
                nbytes as f64 / (1u64 << 30) as f64
            );
            0
        }
        Err(e) => {
            println!("rank {rank}: error: {e}");
            1
        }
    }
}

/// A job whose last rank with data holds an infinity: every rank reports an error (exit
/// code 2) and the job ends.
fn fail_demo(world: &SimpleCommunicator, dir: &Path) -> i32 {
    let (rank, size) = (world.rank() as usize, world.size() as usize);
    let bad = (0..size).rev().find(|&p| ROWS[p % 3] > 0).unwrap_or(0);
    let (a, b) = rows_of(rank);
    let mut local = expected::<f64>(a..b, 0..N);
    if rank == bad {
        local[[0, 0, 7]] = f64::INFINITY;
    }
    let path = dir.join(format!("fail-n{size}.h5"));
    let file = (rank == 0).then(|| hdf5_metno::File::create(&path).expect("create"));
    let group = file.as_ref().map(|f| f.as_group().expect("root"));
    let r = fmpi::write_array(
        local.view(),
        group.as_ref(),
        &CompressOptions::default().quanta(QUANTA),
        world,
    );
    match r {
        Ok(()) => {
            println!("rank {rank}: no error");
            0
        }
        Err(e) => {
            println!("rank {rank}: error: {e}");
            2
        }
    }
}
