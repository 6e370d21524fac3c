//! The FLAC filter under parallel HDF5 (feature `mpi`): every rank writes its rows of a
//! chunked, FLAC-filtered dataset in one collective write, and reads its rows back.
//!
//! Parallel HDF5 refuses independent writes to filtered datasets (hdf5-metno's own writes
//! are independent), so [`write_filtered_mpi`] writes with a collective transfer property
//! list, every rank taking part (ranks without rows with an empty selection). Chunks are cut
//! so that each lies within one rank's rows: no chunk is shared, so no rank ships pieces of
//! a chunk to another before compressing it.

use ::mpi::traits::*;
use hdf5_metno::{Dataset, Group, H5Type};
use ndarray::{ArrayD, ArrayViewD, IxDyn};

use crate::array::dtype::Element;
use crate::error::{Error, Result};
use crate::h5raw::{check, read_block, rows_block, write_block};
use crate::h5raw::{is_mpio, Collective};
use crate::h5z::register::{incomplete_name, plain_name};
use crate::h5z::{FilterParams, FlacFilterExt};
use crate::mpi::{agree, global_array_properties, rank_size};
use crate::mpi::{distribute, MpiDist};

/// The chunk size aimed at when the chunk shape is chosen here (uncompressed bytes).
const TARGET_CHUNK_BYTES: usize = 8 << 20;

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// The chunk shape for a dataset of shape `global` (elements of `elem` bytes) distributed as
/// `dist`: a given shape is checked (its first extent must divide every rank's first row, so
/// that no chunk spans two ranks); otherwise whole streams (up to 8 MiB a chunk) and as many
/// rows as divide every rank's first row and fit in about 8 MiB.
pub fn chunk_shape_mpi(
    global: &[usize],
    dist: &[(usize, usize)],
    elem: usize,
    given: Option<&[usize]>,
) -> Result<Vec<usize>> {
    if let Some(c) = given {
        if c.len() != global.len() || c.iter().zip(global).any(|(&c, &d)| c == 0 || c > d) {
            return Err(Error::InvalidParameter(format!(
                "chunk shape {c:?} does not fit the dataset shape {global:?}"
            )));
        }
        if let Some(p) = dist.iter().position(|&(first, _)| first % c[0] != 0) {
            return Err(Error::InvalidParameter(format!(
                "chunks of {} rows would span ranks: rank {p} starts at row {} (the chunk's \
                 first extent must divide every rank's first row)",
                c[0], dist[p].0
            )));
        }
        return Ok(c.to_vec());
    }
    let g = dist.iter().fold(global[0], |g, &(first, _)| gcd(g, first));
    let mut chunk = global.to_vec();
    let row: usize = global[1..].iter().product::<usize>() * elem;
    // Rows: the largest divisor of g that keeps the chunk within the target.
    chunk[0] = (1..=g)
        .rev()
        .find(|&r| g % r == 0 && r * row <= TARGET_CHUNK_BYTES)
        .unwrap_or(1);
    // A single row too large: one stream at a time, cut along the samples.
    if chunk[0] * row > TARGET_CHUNK_BYTES {
        let last = chunk.len() - 1;
        for d in &mut chunk[1..last] {
            *d = 1;
        }
        chunk[last] = global[last].min((TARGET_CHUNK_BYTES / elem).max(1));
    }
    Ok(chunk)
}

/// Write this rank's rows of a distributed array into a new chunked dataset `name` of
/// `group`, compressed with the FLAC filter and `params`, in one collective write; all or
/// nothing, as [`crate::h5z::write_filtered`] (written under a temporary name, renamed when on disk).
/// Collective: every rank passes its local array (first axis 0 when it has no rows) and a
/// group of a file opened through MPI-IO ([`super::create_mpio`]). `chunk` overrides
/// the chunk shape of [`chunk_shape_mpi`].
///
/// ```no_run
/// use flacarray::h5z::FilterParams;
/// use flacarray::mpi::write_filtered_mpi;
/// let universe = flacarray::mpi::rsmpi::initialize().unwrap();
/// let world = universe.world();
/// let file = flacarray::mpi::create_mpio("tod.h5", &world)?;
/// let local = ndarray::ArrayD::<f64>::zeros(vec![64, 100_000]);
/// write_filtered_mpi(&file, "tod", local.view(), FilterParams::quanta(5, 1e-6), None, &world)?;
/// # Ok::<(), flacarray::Error>(())
/// ```
pub fn write_filtered_mpi<T: Element + H5Type, C: Communicator>(
    group: &Group,
    name: &str,
    local: ArrayViewD<'_, T>,
    params: FilterParams,
    chunk: Option<&[usize]>,
    comm: &C,
) -> Result<Dataset> {
    let (rank, _) = rank_size(comm);
    let mpio = if is_mpio(group) {
        Ok(())
    } else {
        Err(Error::Mpi(
            "filtered datasets are written collectively: open the file through MPI-IO on \
             every rank (flacarray::mpi::create_mpio / open_mpio)"
                .into(),
        ))
    };
    agree(comm, mpio)?;
    agree(comm, plain_name(name))?;
    let tmp = incomplete_name(name);
    let exists = if group.link_exists(name) {
        Err(Error::Hdf5(format!(
            "`{name}` already exists in the group; write to a new name"
        )))
    } else {
        Ok(())
    };
    agree(comm, exists)?;
    if group.link_exists(&tmp) {
        // Left by a job that was killed: it never became `name`.
        agree(
            comm,
            group.unlink(&tmp).map_err(|e| Error::Hdf5(e.to_string())),
        )?;
    }
    let (global, dist) = global_array_properties(local.shape(), T::DTYPE, comm)?;
    let chunk = agree(
        comm,
        chunk_shape_mpi(&global, &dist, std::mem::size_of::<T>(), chunk),
    )?;
    let ds = (|| {
        group
            .new_dataset::<T>()
            .shape(global.clone())
            .chunk(chunk)
            .fill_time(hdf5_metno::plist::dataset_create::FillTime::Never)
            .flac(params)?
            .create(tmp.as_str())
            .map_err(|e| Error::Hdf5(format!("cannot create `{name}`: {e}")))
    })();
    let ds = agree(comm, ds)?;
    let result = (|| {
        let xfer = agree(comm, Collective::new())?;
        let data = local.as_standard_layout();
        let (start, count) = rows_block(&global, dist[rank].0..dist[rank].1);
        let values = data.as_slice().expect("standard layout");
        agree(comm, check(&ds, &start, &count, values.len()))?;
        agree(comm, write_block(&ds, &start, &count, values, xfer.id()))?;
        // All or nothing: the dataset gets its name only once it is on disk.
        let h5 = |e: hdf5_metno::Error| Error::Hdf5(format!("writing `{name}`: {e}"));
        let file = agree(comm, group.file().map_err(h5))?;
        agree(comm, file.flush().map_err(h5))?;
        agree(comm, group.relink(&tmp, name).map_err(h5))?;
        agree(comm, file.flush().map_err(h5))
    })();
    drop(ds);
    if let Err(e) = result {
        let _ = group.unlink(&tmp);
        return Err(e);
    }
    agree(
        comm,
        group.dataset(name).map_err(|e| Error::Hdf5(e.to_string())),
    )
}

/// Read this rank's rows of a dataset (FLAC-filtered or not), distributed along its first
/// axis: `mpi_dist` gives each rank's `(first, last)` rows, else rows are spread evenly.
/// Collective (with collective I/O when the file is open through MPI-IO).
pub fn read_filtered_mpi<T: H5Type + Default + Clone, C: Communicator>(
    ds: &Dataset,
    mpi_dist: Option<&[(usize, usize)]>,
    comm: &C,
) -> Result<ArrayD<T>> {
    let (rank, size) = rank_size(comm);
    let shape = ds.shape();
    let dist: MpiDist = agree(
        comm,
        if shape.is_empty() {
            Err(Error::Shape("cannot distribute a scalar dataset".into()))
        } else {
            distribute(shape[0], size, mpi_dist)
        },
    )?;
    let rows = dist[rank].0..dist[rank].1;
    let collective = agree(comm, Ok(is_mpio(ds)))?;
    let all_mpio = crate::mpi::all_gather_u64(comm, u64::from(collective))
        .iter()
        .all(|&m| m == 1);
    let result = (|| {
        let (start, count) = rows_block(&shape, rows.clone());
        let values = if all_mpio {
            let xfer = Collective::new()?;
            read_block::<T>(ds, &start, &count, xfer.id())?
        } else {
            read_block::<T>(ds, &start, &count, hdf5_sys::h5p::H5P_DEFAULT)?
        };
        let mut local = shape.clone();
        local[0] = rows.len();
        Ok(ArrayD::from_shape_vec(IxDyn(&local), values).expect("sized by the read"))
    })();
    agree(comm, result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_stay_within_ranks() {
        // 512 rows over two ranks: 256 rows each; f64 rows of 100000 samples = 800 kB.
        let c = chunk_shape_mpi(&[512, 100_000], &[(0, 256), (256, 512)], 8, None).unwrap();
        assert_eq!(c, vec![8, 100_000]);
        // Uneven ranks: 5 and 7 rows share no divisor but 1.
        let c = chunk_shape_mpi(&[12, 1000], &[(0, 5), (5, 12)], 4, None).unwrap();
        assert_eq!(c, vec![1, 1000]);
        // A rank without rows changes nothing.
        let c = chunk_shape_mpi(&[12, 3, 1000], &[(0, 6), (6, 6), (6, 12)], 4, None).unwrap();
        assert_eq!(c, vec![6, 3, 1000]);
        // Streams too long for one chunk are cut along the samples.
        let c = chunk_shape_mpi(&[4, 5, 10_000_000], &[(0, 4)], 8, None).unwrap();
        assert_eq!(c, vec![1, 1, 1 << 20]);
        // Given shapes are checked.
        assert!(chunk_shape_mpi(&[12, 1000], &[(0, 6), (6, 12)], 4, Some(&[4, 1000])).is_err());
        assert!(chunk_shape_mpi(&[12, 1000], &[(0, 6), (6, 12)], 4, Some(&[3, 1001])).is_err());
        assert_eq!(
            chunk_shape_mpi(&[12, 1000], &[(0, 6), (6, 12)], 4, Some(&[3, 500])).unwrap(),
            vec![3, 500]
        );
    }
}
