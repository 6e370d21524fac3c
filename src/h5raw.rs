//! Hyperslab reads and writes through the HDF5 C API, for what hdf5-metno does not offer:
//! a chosen transfer property list (collective MPI-IO) and empty selections on ranks with
//! nothing to transfer.

use hdf5_metno::{Dataset, H5Type};
use hdf5_sys::h5i::hid_t;
use hdf5_sys::h5s::{
    H5S_seloper_t, H5Sclose, H5Screate_simple, H5Sselect_hyperslab, H5Sselect_none,
};

use crate::error::{Error, Result};

/// A dataspace closed on drop.
struct Space(hid_t);

impl Drop for Space {
    fn drop(&mut self) {
        // SAFETY: the id was returned by HDF5 and is closed once.
        unsafe { H5Sclose(self.0) };
    }
}

/// The file and memory dataspaces of the block `start`/`count` of `ds` (both empty
/// selections when the block has no element).
fn spaces(ds: &Dataset, start: &[u64], count: &[u64]) -> Result<(Space, Space)> {
    let n: u64 = count.iter().product();
    // SAFETY: plain HDF5 calls on a valid dataset id; the arrays hold one value per dimension
    // of the dataset (checked by the callers) and outlive the calls.
    unsafe {
        let file = Space(hdf5_sys::h5d::H5Dget_space(ds.id()));
        // The memory space has the block's own shape: with a 1-D one, HDF5 maps a chunked
        // dataset's selection onto chunks element by element.
        let mem = if n == 0 {
            Space(H5Screate_simple(1, [1u64].as_ptr(), std::ptr::null()))
        } else {
            Space(H5Screate_simple(
                count.len() as i32,
                count.as_ptr(),
                std::ptr::null(),
            ))
        };
        if file.0 < 0 || mem.0 < 0 {
            return Err(Error::Hdf5(
                "cannot make the dataspaces of a hyperslab".into(),
            ));
        }
        let ok = if n == 0 {
            H5Sselect_none(file.0) >= 0 && H5Sselect_none(mem.0) >= 0
        } else {
            H5Sselect_hyperslab(
                file.0,
                H5S_seloper_t::H5S_SELECT_SET,
                start.as_ptr(),
                std::ptr::null(),
                count.as_ptr(),
                std::ptr::null(),
            ) >= 0
        };
        if !ok {
            return Err(Error::Hdf5(format!(
                "cannot select the block at {start:?} of {count:?}"
            )));
        }
        Ok((file, mem))
    }
}

/// Check that `len` values fill the block at `start` of extent `count` of `ds`. Under
/// collective I/O every rank checks before any rank writes, so that a bad block is an error
/// on every rank rather than a rank missing from a collective call.
pub(crate) fn check(ds: &Dataset, start: &[u64], count: &[u64], len: usize) -> Result<()> {
    let shape = ds.shape();
    let n: u64 = count.iter().product();
    if start.len() != shape.len()
        || count.len() != shape.len()
        || n as usize != len
        || start
            .iter()
            .zip(count)
            .zip(&shape)
            .any(|((&s, &c), &d)| n > 0 && s + c > d as u64)
    {
        return Err(Error::Shape(format!(
            "block at {start:?} of {count:?} ({len} values) does not fit a dataset of shape {shape:?}"
        )));
    }
    Ok(())
}

/// Write `data` (C order) to the block of `ds` at `start` of extent `count`, with transfer
/// property list `dxpl` (`H5P_DEFAULT` or a collective one). The memory type is the file
/// type of `T`, so no conversion takes place (which collective I/O requires).
pub(crate) fn write_block<T: H5Type>(
    ds: &Dataset,
    start: &[u64],
    count: &[u64],
    data: &[T],
    dxpl: hid_t,
) -> Result<()> {
    check(ds, start, count, data.len())?;
    let dtype = hdf5_metno::Datatype::from_type::<T>().map_err(|e| Error::Hdf5(e.to_string()))?;
    hdf5_metno::sync::sync(|| {
        let (file, mem) = spaces(ds, start, count)?;
        // SAFETY: the memory selection has `data.len()` elements of T (or none), and `data`
        // is valid for reads for that many.
        let status = unsafe {
            hdf5_sys::h5d::H5Dwrite(
                ds.id(),
                dtype.id(),
                mem.0,
                file.0,
                dxpl,
                data.as_ptr() as *const std::ffi::c_void,
            )
        };
        if status < 0 {
            return Err(Error::Hdf5(format!(
                "writing {} values to `{}` failed",
                data.len(),
                ds.name()
            )));
        }
        Ok(())
    })
}

/// Read the block of `ds` at `start` of extent `count` (C order) with transfer property list
/// `dxpl`.
#[cfg(feature = "mpi")]
pub(crate) fn read_block<T: H5Type + Default + Clone>(
    ds: &Dataset,
    start: &[u64],
    count: &[u64],
    dxpl: hid_t,
) -> Result<Vec<T>> {
    let n: u64 = count.iter().product();
    let mut out = vec![T::default(); n as usize];
    check(ds, start, count, out.len())?;
    let dtype = hdf5_metno::Datatype::from_type::<T>().map_err(|e| Error::Hdf5(e.to_string()))?;
    hdf5_metno::sync::sync(|| {
        let (file, mem) = spaces(ds, start, count)?;
        // SAFETY: the memory selection has `out.len()` elements of T (or none), and `out` is
        // valid for writes for that many.
        let status = unsafe {
            hdf5_sys::h5d::H5Dread(
                ds.id(),
                dtype.id(),
                mem.0,
                file.0,
                dxpl,
                out.as_mut_ptr() as *mut std::ffi::c_void,
            )
        };
        if status < 0 {
            return Err(Error::Hdf5(format!(
                "reading {n} values from `{}` failed (a corrupt or unreadable chunk?)",
                ds.name()
            )));
        }
        Ok(())
    })?;
    Ok(out)
}

/// The block of whole rows `rows` of a dataset of shape `shape`: its start and count.
pub(crate) fn rows_block(shape: &[usize], rows: std::ops::Range<usize>) -> (Vec<u64>, Vec<u64>) {
    let mut start = vec![0u64; shape.len()];
    let mut count: Vec<u64> = shape.iter().map(|&d| d as u64).collect();
    start[0] = rows.start as u64;
    count[0] = rows.len() as u64;
    (start, count)
}

#[cfg(feature = "mpi")]
mod collective {
    //! Collective MPI-IO transfers and the MPI-IO test.
    use hdf5_sys::h5i::hid_t;

    use crate::error::{Error, Result};

    /// A dataset transfer property list for collective MPI-IO, closed on drop.
    pub(crate) struct Collective(hid_t);

    impl Collective {
        pub(crate) fn new() -> Result<Collective> {
            use hdf5_sys::h5p::{H5FD_mpio_xfer_t, H5Pclose, H5Pcreate, H5Pset_dxpl_mpio};
            hdf5_metno::sync::sync(|| {
                // SAFETY: plain HDF5 calls; the list is closed here on failure, else on drop.
                unsafe {
                    let id = H5Pcreate(*hdf5_metno::globals::H5P_DATASET_XFER);
                    if id < 0 {
                        return Err(Error::Hdf5("cannot create a transfer property list".into()));
                    }
                    if H5Pset_dxpl_mpio(id, H5FD_mpio_xfer_t::H5FD_MPIO_COLLECTIVE) < 0 {
                        H5Pclose(id);
                        return Err(Error::Hdf5(
                            "cannot ask for collective MPI-IO (is HDF5 built with MPI?)".into(),
                        ));
                    }
                    Ok(Collective(id))
                }
            })
        }

        pub(crate) fn id(&self) -> hid_t {
            self.0
        }
    }

    impl Drop for Collective {
        fn drop(&mut self) {
            // SAFETY: the id was created in `new` and is closed once.
            hdf5_metno::sync::sync(|| unsafe { hdf5_sys::h5p::H5Pclose(self.0) });
        }
    }

    /// Whether the file of `loc` is open through the MPI-IO driver.
    ///
    /// Asked through `H5Fget_mpi_atomicity`, which only MPI-IO files answer and which is local to
    /// the rank: the file's access property list would tell too, but getting it duplicates the
    /// file's communicator, a collective call.
    pub(crate) fn is_mpio(loc: &hdf5_metno::Location) -> bool {
        use hdf5_sys::h5f::{H5Fclose, H5Fget_mpi_atomicity};
        use hdf5_sys::h5i::H5Iget_file_id;
        hdf5_metno::sync::sync(|| {
            // SAFETY: HDF5 calls on a valid object id; the file id is closed here. HDF5's error
            // printing is off (hdf5-metno), so a non-MPI-IO file only returns a negative status.
            unsafe {
                let fid = H5Iget_file_id(loc.id());
                if fid < 0 {
                    return false;
                }
                let mut flag = 0;
                let mpio = H5Fget_mpi_atomicity(fid, &mut flag) >= 0;
                H5Fclose(fid);
                mpio
            }
        })
    }
}
#[cfg(feature = "mpi")]
pub(crate) use collective::{is_mpio, Collective};
