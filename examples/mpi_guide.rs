//! The MPI page's example (docs/mpi.md), run as a program: `scripts/test.sh` runs it under
//! `mpirun -n 2` and `-n 3` and checks that the page shows the code between the `guide`
//! lines below (tests/docs/check_examples_shown.py), so the page's code is what runs.
//!
//! Each rank holds three rows of 1000 samples; the program writes them as a distributed
//! `FlacArray`, as a group (MPI-IO) and as a FLAC-filtered dataset, reads them back and checks
//! every value against the quanta.
//!
//! `mpirun -n 2 target/mpi/release/examples/mpi_guide` (built with `--features mpi` against
//! the OpenMPI HDF5; see docs/mpi.md), in the folder where `tod.h5` may be written.

use flacarray::mpi::rsmpi::traits::*;
use ndarray::ArrayD;

/// Values no further than `quanta / 2` (and a rounding's width) from each other.
fn close(a: &ArrayD<f64>, b: &ArrayD<f64>, quanta: f64) -> bool {
    let near = |(x, y): (&f64, &f64)| (x - y).abs() <= quanta * 0.5001;
    a.shape() == b.shape() && a.iter().zip(b).all(near)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // This rank's rows: a different slow wave on each row of each rank (the rank from the
    // launcher, OpenMPI's or MPICH's variable, since the page's part starts MPI).
    let rank: usize = ["OMPI_COMM_WORLD_RANK", "PMI_RANK"]
        .iter()
        .find_map(|v| std::env::var(v).ok()?.parse().ok())
        .unwrap_or(0);
    let local = ArrayD::from_shape_fn(vec![3, 1000], |ix| {
        let row = (3 * rank + ix[0]) as f64;
        (ix[1] as f64 * 0.01 * (1.0 + row)).sin() * 10.0 + row
    });

    // guide: begin
    use flacarray::h5z::FilterParams;
    use flacarray::mpi::{self, create_mpio, read_filtered_mpi, write_filtered_mpi};
    use flacarray::{CompressOptions, FlacArray, ReadOptions};
    use ndarray::ArrayD;

    let universe = flacarray::mpi::rsmpi::initialize().unwrap();
    let world = universe.world();
    let opts = CompressOptions::default().quanta(1e-3);
    // local: this rank's rows, shape (rows, ..., n); a rank without data passes (0, ..., n).
    let fa = FlacArray::from_array_mpi(local.view(), &opts, &world)?;
    let (first, last) = fa.mpi_dist()[fa.mpi_rank()]; // of fa.global_shape()[0] rows

    // Group format, parallel: every rank opens the file through MPI-IO and writes its own rows.
    let file = create_mpio("tod.h5", &world)?;
    mpi::write_array(local.view(), Some(&file), &opts, &world)?;
    // ... or gathered: only rank 0 has the file (pass None elsewhere), as with a serial h5py.
    // Reads: each rank gets its rows (an even split, or mpi_dist = [(first, last), ...] a rank),
    // with keep and stream_slice as in the serial API.
    let mine: ArrayD<f64> = mpi::read_array(Some(&file), &ReadOptions::default(), None, &world)?;
    let fa = FlacArray::read_mpi(Some(&file), None, Some(fa.mpi_dist()), &world)?;

    // The filter under parallel HDF5: a chunked FLAC dataset written in one collective write,
    // chunks cut so that each lies within one rank's rows.
    let params = FilterParams::quanta(5, 1e-3);
    let ds = write_filtered_mpi(&file, "tod_filtered", local.view(), params, None, &world)?;
    let back: ArrayD<f64> = read_filtered_mpi(&ds, None, &world)?;
    // guide: end

    let size = world.size() as usize;
    let checks = [
        ("the launcher's rank", world.rank() as usize == rank),
        ("its rows", (first, last) == (3 * rank, 3 * rank + 3)),
        ("the global shape", fa.global_shape() == [3 * size, 1000]),
        ("the group read", close(&mine, &local, 1e-3)),
        ("the filtered read", close(&back, &local, 1e-3)),
        (
            "read_mpi",
            close(&fa.to_array(&ReadOptions::default())?, &local, 1e-3),
        ),
    ];
    for (what, ok) in checks {
        assert!(ok, "rank {rank}: {what} differs");
    }
    world.barrier();
    if rank == 0 {
        println!("mpi_guide: {size} ranks wrote and read tod.h5, every value within quanta/2");
    }
    Ok(())
}
