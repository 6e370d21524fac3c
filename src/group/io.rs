//! The serial transport: whole groups read and written by one process, for every store.
//! These are the functions [`crate::hdf5`] and [`crate::zarr`] export.

use ndarray::{ArrayD, ArrayViewD};

use crate::array::compress::CompressOptions;
use crate::array::dtype::Element;
use crate::array::FlacArray;
use crate::array::ReadOptions;
use crate::error::{Error, Result};
use crate::group::store::{GroupWriter, NewGroup, Slab, Store};
use crate::group::{read_with_indices, to_flacarray, GroupSummary};

/// The summary of the flacarray data in `group`; `None` if the group holds none (no
/// `flacarray_format_version` attribute), an error if it is damaged.
pub fn group_summary<G: Store>(group: &G) -> Result<Option<GroupSummary>> {
    let Some(format) = group.format_version()? else {
        return Ok(None);
    };
    Ok(Some(group.read_info()?.summary(format)))
}

/// Compress an array and write it to `group` (Python's `flacarray.hdf5.write_array` and
/// `flacarray.zarr.write_array`); the group must not already hold one.
///
/// ```no_run
/// use flacarray::{hdf5, CompressOptions};
/// let file = hdf5_metno::File::create("tod.h5").unwrap();
/// let data = ndarray::ArrayD::<f64>::zeros(vec![4, 10_000]);
/// hdf5::write_array(data.view(), &file, &CompressOptions::default().quanta(1e-6))?;
/// let back: ndarray::ArrayD<f64> = hdf5::read_array(&file, &Default::default())?;
/// # Ok::<(), flacarray::Error>(())
/// ```
pub fn write_array<T: Element, G: Store>(
    arr: ArrayViewD<'_, T>,
    group: &G,
    opts: &CompressOptions,
) -> Result<()> {
    write_group(&FlacArray::from_array(arr, opts)?, group)
}

/// Read (part of) the array stored in `group` (Python's `read_array`). `T` must be the stored
/// type.
pub fn read_array<T: Element, G: Store>(group: &G, opts: &ReadOptions<'_>) -> Result<ArrayD<T>> {
    Ok(read_array_with_indices(group, opts)?.0)
}

/// [`read_array`] that also returns the leading index of each kept stream (Python's
/// `keep_indices=True`); the list is empty without `keep`.
pub fn read_array_with_indices<T: Element, G: Store>(
    group: &G,
    opts: &ReadOptions<'_>,
) -> Result<(ArrayD<T>, Vec<Vec<usize>>)> {
    read_with_indices(&group.read_info()?, opts)
}

/// Write `fa` (not distributed) to `group`: the structure first, on disk; then the values;
/// then the attributes, the version last. A writer killed on the way leaves the rest of the
/// file readable and this group without a version: reported as holding no FlacArray, never
/// half-read.
pub(crate) fn write_group<G: Store>(fa: &FlacArray, group: &G) -> Result<()> {
    if fa.mpi_size() > 1 {
        return Err(Error::Mpi(
            "this FlacArray is distributed over MPI ranks: write it with FlacArray::write_mpi"
                .into(),
        ));
    }
    group.check_target()?;
    let writer = group.create(&NewGroup::of(fa), false)?;
    let starts = fa.global_stream_starts();
    let slab = Slab::of(fa, starts.as_slice().expect("standard layout"));
    let result = writer
        .check(&slab)
        .and_then(|()| writer.flush())
        .and_then(|()| writer.write(&slab))
        .and_then(|()| writer.flush())
        .and_then(|()| writer.finish());
    if result.is_err() {
        writer.abort();
    }
    result
}

/// Read the FlacArray stored in `group`, only the kept streams' bytes with `keep`; `reader`
/// names the function that reads what a FlacArray cannot hold.
pub(crate) fn read_group<G: Store>(
    group: &G,
    keep: Option<ArrayViewD<'_, bool>>,
    reader: &str,
) -> Result<FlacArray> {
    to_flacarray(&group.read_info()?, keep, reader)
}
