//! Every direct call of the HDF5 C API that the library and the command make, for what
//! hdf5-metno does not offer, with one guard type for the ids they open ([`Id`]):
//! hyperslab reads and writes with a chosen transfer property list (collective MPI-IO) and
//! empty selections on ranks with nothing to transfer, reads of byte ranges, the blocks
//! `verify` reads through the filter pipeline, and in [`objects`] what the command needs to
//! copy whole files (links, object copies, attributes of any type, datasets re-created like
//! others). The filter plugin does not use this module: it links no HDF5 and resolves its
//! few functions at run time (`h5z::api`).
//!
//! Hidden from the documentation: for this crate and its command, not part of the API.

pub mod objects;
pub mod refs;

use hdf5_metno::{Dataset, H5Type};
use hdf5_sys::h5i::hid_t;
use hdf5_sys::h5s::{H5S_seloper_t, H5Screate_simple, H5Sselect_hyperslab, H5Sselect_none};

use crate::error::{Error, Result};

/// An HDF5 id of any kind (dataspace, type, property list, file, object), released on drop.
pub struct Id(pub hid_t);

impl Drop for Id {
    fn drop(&mut self) {
        if self.0 >= 0 {
            // SAFETY: an id returned by HDF5, released once.
            unsafe { hdf5_sys::h5i::H5Idec_ref(self.0) };
        }
    }
}

/// The file and memory dataspaces of the block `start`/`count` of `ds` (both empty
/// selections when the block has no element).
pub(crate) fn spaces(ds: hid_t, start: &[u64], count: &[u64]) -> Result<(Id, Id)> {
    let n: u64 = count.iter().product();
    // SAFETY: plain HDF5 calls on a valid dataset id; the arrays hold one value per dimension
    // of the dataset (checked by the callers) and outlive the calls.
    unsafe {
        let file = Id(hdf5_sys::h5d::H5Dget_space(ds));
        // The memory space has the block's own shape: with a 1-D one, HDF5 maps a chunked
        // dataset's selection onto chunks element by element.
        let mem = if n == 0 {
            Id(H5Screate_simple(1, [1u64].as_ptr(), std::ptr::null()))
        } else {
            Id(H5Screate_simple(
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
        let (file, mem) = spaces(ds.id(), start, count)?;
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
        let (file, mem) = spaces(ds.id(), start, count)?;
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

/// A dataset transfer property list for collective MPI-IO.
#[cfg(feature = "mpi")]
pub(crate) struct Collective(Id);

#[cfg(feature = "mpi")]
impl Collective {
    pub(crate) fn new() -> Result<Collective> {
        use hdf5_sys::h5p::{H5FD_mpio_xfer_t, H5Pcreate, H5Pset_dxpl_mpio};
        hdf5_metno::sync::sync(|| {
            // SAFETY: plain HDF5 calls; the list is released by `Id`.
            unsafe {
                let id = Id(H5Pcreate(*hdf5_metno::globals::H5P_DATASET_XFER));
                if id.0 < 0 {
                    return Err(Error::Hdf5("cannot create a transfer property list".into()));
                }
                if H5Pset_dxpl_mpio(id.0, H5FD_mpio_xfer_t::H5FD_MPIO_COLLECTIVE) < 0 {
                    return Err(Error::Hdf5(
                        "cannot ask for collective MPI-IO (is HDF5 built with MPI?)".into(),
                    ));
                }
                Ok(Collective(id))
            }
        })
    }

    pub(crate) fn id(&self) -> hid_t {
        self.0 .0
    }
}

/// Whether the file of `loc` is open through the MPI-IO driver.
///
/// Asked through `H5Fget_mpi_atomicity`, which only MPI-IO files answer and which is local to
/// the rank: the file's access property list would tell too, but getting it duplicates the
/// file's communicator, a collective call.
#[cfg(feature = "mpi")]
pub(crate) fn is_mpio(loc: &hdf5_metno::Location) -> bool {
    use hdf5_sys::h5f::H5Fget_mpi_atomicity;
    use hdf5_sys::h5i::H5Iget_file_id;
    hdf5_metno::sync::sync(|| {
        // SAFETY: HDF5 calls on a valid object id; the file id is released by `Id`. HDF5's
        // error printing is off (hdf5-metno), so a non-MPI-IO file only returns a negative
        // status.
        unsafe {
            let fid = Id(H5Iget_file_id(loc.id()));
            let mut flag = 0;
            fid.0 >= 0 && H5Fget_mpi_atomicity(fid.0, &mut flag) >= 0
        }
    })
}

/// Register a filter class with the linked HDF5 (`H5Zregister`); whether it took.
pub(crate) fn register_filter(class: *const std::ffi::c_void) -> bool {
    hdf5_metno::sync::sync(|| {
        // SAFETY: `class` points to a static `H5Z_class2_t`, which H5Zregister copies.
        unsafe { hdf5_sys::h5z::H5Zregister(class) >= 0 }
    })
}

/// The numbers a dataset's file type holds, as HDF5 describes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ValueType {
    /// A float (else an integer).
    pub float: bool,
    /// Signed (integers).
    pub signed: bool,
    /// Bytes per value.
    pub size: usize,
    /// Stored big-endian.
    pub big_endian: bool,
}

/// The integer or float type of `ds`'s values in the file; `None` for any other class
/// (strings, compounds, ...) or byte order.
pub(crate) fn value_type(ds: &Dataset) -> Option<ValueType> {
    use hdf5_sys::h5d::H5Dget_type;
    use hdf5_sys::h5t::{
        H5T_class_t, H5T_order_t, H5T_sign_t, H5Tget_class, H5Tget_order, H5Tget_sign, H5Tget_size,
    };
    hdf5_metno::sync::sync(|| {
        // SAFETY: type queries on the type of a valid dataset id, released by `Id`.
        unsafe {
            let t = Id(H5Dget_type(ds.id()));
            if t.0 < 0 {
                return None;
            }
            let float = match H5Tget_class(t.0) {
                H5T_class_t::H5T_INTEGER => false,
                H5T_class_t::H5T_FLOAT => true,
                _ => return None,
            };
            let big_endian = match H5Tget_order(t.0) {
                H5T_order_t::H5T_ORDER_LE => false,
                H5T_order_t::H5T_ORDER_BE => true,
                _ => return None,
            };
            Some(ValueType {
                float,
                signed: H5Tget_sign(t.0) != H5T_sign_t::H5T_SGN_NONE,
                size: H5Tget_size(t.0),
                big_endian,
            })
        }
    })
}

/// What a read or write of the block at `start` of extent `count` of `ds` in the native form
/// of its type needs: that memory type, the file and memory spaces, and the block's bytes.
/// Call it under hdf5-metno's lock.
fn native_block(ds: &Dataset, start: &[u64], count: &[u64]) -> Result<(Id, Id, Id, usize)> {
    use hdf5_sys::h5d::H5Dget_type;
    use hdf5_sys::h5t::{H5T_direction_t, H5Tget_native_type, H5Tget_size};
    // SAFETY: HDF5 calls on a valid dataset id; every id made here is released by `Id`; the
    // arrays hold one value per dimension (checked by `spaces`' callers).
    unsafe {
        let ftype = Id(H5Dget_type(ds.id()));
        let mtype = Id(H5Tget_native_type(
            ftype.0,
            H5T_direction_t::H5T_DIR_DEFAULT,
        ));
        if [ftype.0, mtype.0].iter().any(|&i| i < 0) {
            return Err(Error::Hdf5(
                "cannot get the native type of the dataset".into(),
            ));
        }
        let (fs, mem) = spaces(ds.id(), start, count)?;
        let n: u64 = count.iter().product();
        let bytes = n as usize * H5Tget_size(mtype.0).max(1);
        Ok((mtype, fs, mem, bytes))
    }
}

/// Read the block at `start` of extent `count` of `ds` through HDF5 (every filter of the
/// pipeline), in the native form of its type, as bytes.
pub(crate) fn read_native(ds: &Dataset, start: &[u64], count: &[u64]) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    read_native_into(ds, start, count, &mut buf)?;
    Ok(buf)
}

/// [`read_native`] into `buf`, whose memory is used again when it is large enough.
pub(crate) fn read_native_into(
    ds: &Dataset,
    start: &[u64],
    count: &[u64],
    buf: &mut Vec<u8>,
) -> Result<()> {
    hdf5_metno::sync::sync(|| {
        let (mtype, fs, mem, len) = native_block(ds, start, count)?;
        crate::alloc::reuse_bytes(buf, len)
            .map_err(|_| Error::Hdf5("cannot allocate the block".into()))?;
        // SAFETY: a valid dataset id and the ids just made; `buf` holds the selected values
        // of the memory type.
        hdf5_metno::h5check(unsafe {
            hdf5_sys::h5d::H5Dread(
                ds.id(),
                mtype.0,
                mem.0,
                fs.0,
                hdf5_sys::h5p::H5P_DEFAULT,
                buf.as_mut_ptr().cast(),
            )
        })
        .map_err(|e| Error::Hdf5(format!("HDF5 cannot read it: {e}")))?;
        Ok(())
    })
}

/// Write `bytes` (values of the native form of `ds`'s type) to the block at `start` of
/// extent `count` of `ds`, through HDF5 (every filter of the pipeline).
pub(crate) fn write_native(ds: &Dataset, start: &[u64], count: &[u64], bytes: &[u8]) -> Result<()> {
    hdf5_metno::sync::sync(|| {
        let (mtype, fs, mem, len) = native_block(ds, start, count)?;
        if bytes.len() != len {
            return Err(Error::Hdf5(format!(
                "{} bytes for a block of {len}",
                bytes.len()
            )));
        }
        // SAFETY: a valid dataset id and the ids just made; `bytes` holds the selected
        // values of the memory type (checked above).
        hdf5_metno::h5check(unsafe {
            hdf5_sys::h5d::H5Dwrite(
                ds.id(),
                mtype.0,
                mem.0,
                fs.0,
                hdf5_sys::h5p::H5P_DEFAULT,
                bytes.as_ptr().cast(),
            )
        })
        .map_err(|e| Error::Hdf5(format!("HDF5 cannot write it: {e}")))?;
        Ok(())
    })
}

/// The stored (compressed) bytes of the chunk at `offset` of `ds`, `size` of them (as
/// `H5Dget_chunk_info` reported), without running the filters.
pub(crate) fn read_chunk(ds: &Dataset, offset: &[u64], size: u64) -> Result<Vec<u8>> {
    let mut bytes = crate::alloc::zeroed_vec::<u8>(size as usize)?;
    let mut mask = 0u32;
    // SAFETY: a valid dataset id; `offset` has one value per dimension and `bytes` holds the
    // chunk's stored size.
    let st = hdf5_metno::sync::sync(|| unsafe {
        hdf5_sys::h5d::H5Dread_chunk(
            ds.id(),
            hdf5_sys::h5p::H5P_DEFAULT,
            offset.as_ptr(),
            &mut mask,
            bytes.as_mut_ptr().cast(),
        )
    });
    if st < 0 {
        return Err(Error::Hdf5(format!(
            "{}: cannot read the chunk at {offset:?}",
            ds.name()
        )));
    }
    Ok(bytes)
}

/// The stored bytes of the chunk at `offset` of `ds` and its filter mask (bit `i` set: filter
/// `i` was skipped), or `None` if the chunk was never written.
pub(crate) fn read_stored_chunk(ds: &Dataset, offset: &[u64]) -> Result<Option<(Vec<u8>, u32)>> {
    let (mut mask, mut addr, mut size) = (0u32, 0u64, 0u64);
    // SAFETY: a valid dataset id; `offset` has one value per dimension; HDF5 writes the three
    // values given.
    let st = hdf5_metno::sync::sync(|| unsafe {
        hdf5_sys::h5d::H5Dget_chunk_info_by_coord(
            ds.id(),
            offset.as_ptr(),
            &mut mask,
            &mut addr,
            &mut size,
        )
    });
    if st < 0 {
        return Err(Error::Hdf5(format!(
            "{}: no information on the chunk at {offset:?}",
            ds.name()
        )));
    }
    if size == 0 || addr == u64::MAX {
        return Ok(None);
    }
    read_chunk(ds, offset, size).map(|bytes| Some((bytes, mask)))
}

/// Write `bytes` as the stored chunk at `offset` of `ds`, every filter applied (mask 0).
pub(crate) fn write_stored_chunk(ds: &Dataset, offset: &[u64], bytes: &[u8]) -> Result<()> {
    // SAFETY: a valid dataset id; `offset` has one value per dimension and `bytes` the
    // chunk's stored bytes, which HDF5 copies into the file.
    let st = hdf5_metno::sync::sync(|| unsafe {
        hdf5_sys::h5d::H5Dwrite_chunk(
            ds.id(),
            hdf5_sys::h5p::H5P_DEFAULT,
            0,
            offset.as_ptr(),
            bytes.len(),
            bytes.as_ptr().cast(),
        )
    });
    if st < 0 {
        return Err(Error::Hdf5(format!(
            "{}: cannot write the chunk at {offset:?}",
            ds.name()
        )));
    }
    Ok(())
}

/// Where the bytes of a contiguous dataset can be read from directly: the file descriptor
/// of HDF5's default (sec2) driver and the dataset's address in the file.
pub(crate) fn direct_source(ds: &Dataset) -> Option<(std::ffi::c_int, u64)> {
    #[cfg(feature = "mpi")]
    if is_mpio(ds) {
        return None; // read through MPI-IO; and the lookup below would be collective
    }
    use hdf5_sys::h5d::H5Dget_offset;
    use hdf5_sys::h5f::{H5F_scope_t, H5Fflush, H5Fget_access_plist, H5Fget_vfd_handle};
    use hdf5_sys::h5i::H5Iget_file_id;
    use hdf5_sys::h5p::H5Pget_driver;
    hdf5_metno::sync::sync(|| {
        // SAFETY: HDF5 calls under hdf5-metno's lock on valid identifiers; the file id and
        // property list obtained here are released by `Id`; the sec2 driver's handle is a
        // pointer to its file descriptor, which stays open as long as the dataset (held by
        // the caller).
        unsafe {
            let offset = H5Dget_offset(ds.id());
            if offset == u64::MAX {
                return None;
            }
            let fid = Id(H5Iget_file_id(ds.id()));
            if fid.0 < 0 {
                return None;
            }
            let fapl = Id(H5Fget_access_plist(fid.0));
            let mut handle: *mut std::ffi::c_void = std::ptr::null_mut();
            let ok = fapl.0 >= 0
                && H5Pget_driver(fapl.0) == *hdf5_metno::globals::H5FD_SEC2
                // Data written through this handle may still sit in HDF5's caches.
                && H5Fflush(fid.0, H5F_scope_t::H5F_SCOPE_LOCAL) >= 0
                && H5Fget_vfd_handle(fid.0, fapl.0, &mut handle) >= 0
                && !handle.is_null();
            ok.then(|| (*(handle as *const std::ffi::c_int), offset))
        }
    })
}

/// The bytes `merged` (sorted, disjoint ranges) of the 1-D u8 dataset `ds`, back to back,
/// `total` of them. With `direct` ([`direct_source`]) they are read from the file at the
/// dataset's address (HDF5's own reads of scattered small pieces go through a 64 KiB sieve
/// buffer each, which would read most of the file for a sample slice); otherwise with one
/// HDF5 read of the union of the ranges.
pub(crate) fn read_byte_ranges(
    ds: &Dataset,
    direct: Option<(std::ffi::c_int, u64)>,
    merged: &[std::ops::Range<u64>],
    total: u64,
) -> Result<Vec<u8>> {
    let mut buf = crate::alloc::zeroed_vec::<u8>(total as usize)?;
    let fail = |what: String| Error::Hdf5(format!("reading `{}`: {what}", ds.name()));
    if total > 0 {
        if let Some((fd, base)) = direct {
            let mut at = 0usize;
            for r in merged {
                let mut done = 0usize;
                let len = (r.end - r.start) as usize;
                while done < len {
                    let dst = &mut buf[at + done..at + len];
                    // SAFETY: `dst` is writable for its length; pread does not move the
                    // descriptor's offset, so HDF5's own use of it is unaffected.
                    let n = unsafe {
                        libc::pread(
                            fd,
                            dst.as_mut_ptr() as *mut std::ffi::c_void,
                            dst.len(),
                            (base + r.start + done as u64) as libc::off_t,
                        )
                    };
                    if n <= 0 {
                        return Err(fail(format!(
                            "the file ends before byte {}",
                            r.start + done as u64
                        )));
                    }
                    done += n as usize;
                }
                at += len;
            }
        } else {
            hdf5_metno::sync::sync(|| -> Result<()> {
                // SAFETY: plain HDF5 calls under hdf5-metno's lock; every dataspace made here
                // is released by `Id`; the selection covers exactly `total` bytes, the size
                // of `buf`.
                unsafe {
                    let fspace = Id(hdf5_sys::h5d::H5Dget_space(ds.id()));
                    if fspace.0 < 0 {
                        return Err(fail("H5Dget_space failed".into()));
                    }
                    let mut ok = H5Sselect_none(fspace.0) >= 0;
                    for r in merged {
                        let start = [r.start];
                        let count = [r.end - r.start];
                        ok &= H5Sselect_hyperslab(
                            fspace.0,
                            H5S_seloper_t::H5S_SELECT_OR,
                            start.as_ptr(),
                            std::ptr::null(),
                            count.as_ptr(),
                            std::ptr::null(),
                        ) >= 0;
                    }
                    let mspace = Id(H5Screate_simple(1, [total].as_ptr(), std::ptr::null()));
                    ok &= mspace.0 >= 0
                        && hdf5_sys::h5d::H5Dread(
                            ds.id(),
                            *hdf5_metno::globals::H5T_NATIVE_UINT8,
                            mspace.0,
                            fspace.0,
                            hdf5_sys::h5p::H5P_DEFAULT,
                            buf.as_mut_ptr() as *mut std::ffi::c_void,
                        ) >= 0;
                    if ok {
                        Ok(())
                    } else {
                        Err(fail("H5Dread failed".into()))
                    }
                }
            })?;
        }
    }
    Ok(buf)
}
