//! The HDF5 C calls the command needs to copy whole files: object kinds and addresses,
//! links, committed-type copies, attributes of any type, files, groups and datasets
//! re-created like others, chunks copied as stored.
//!
//! The object and link queries use the HDF5 1.10 forms (`H5Oget_info1`, `H5Lget_info1`),
//! which every HDF5 from 1.10 on provides (deprecated in name only from 1.12).
#![allow(deprecated)]

use std::ffi::{CStr, CString};
use std::path::Path;

use hdf5_sys::h5::hsize_t;
use hdf5_sys::h5i::hid_t;
use hdf5_sys::h5p::H5P_DEFAULT;
use hdf5_sys::h5z::H5Z_filter_t;

mod datasets;

pub use super::Id;
pub use datasets::{
    copy_block, copy_chunks, create_dataset_like, create_file_like, create_group_like, has_vlen,
    member_names, read_f64, storage, storage_size, unlink, Filters, Storage,
};

/// The command's errors are messages.
pub type Result<T> = std::result::Result<T, String>;

fn cstr(s: &str) -> Result<CString> {
    CString::new(s).map_err(|_| format!("the name {s:?} contains a NUL byte"))
}

/// What a link in a group points to.
#[derive(Debug, Clone, PartialEq)]
pub enum Link {
    /// A group, with its address in the file (to recognise further hard links to it).
    Group(u64),
    /// A dataset, with its address.
    Dataset(u64),
    /// A committed datatype or another object HDF5 copies as it is.
    Other(u64),
    /// A soft link and its target path.
    Soft(String),
    /// An external link (file, object path).
    External(String, String),
}

/// The kind of the link `name` in the group `loc`.
pub fn link(loc: hid_t, name: &str) -> Result<Link> {
    use hdf5_sys::h5l::{H5L_info1_t, H5L_type_t, H5Lget_info1, H5Lget_val};
    use hdf5_sys::h5o::{H5O_info1_t, H5O_type_t, H5Oget_info_by_name1};
    let c = cstr(name)?;
    hdf5_metno::sync::sync(|| {
        // SAFETY: valid ids and NUL-terminated names; the output structs are plain data and
        // the value buffer is as long as HDF5 says the link value is.
        unsafe {
            let mut li = H5L_info1_t::default();
            if H5Lget_info1(loc, c.as_ptr(), &mut li, H5P_DEFAULT) < 0 {
                return Err(format!("cannot read the link {name:?}"));
            }
            match li.type_ {
                H5L_type_t::H5L_TYPE_HARD => {
                    let mut oi = H5O_info1_t::default();
                    if H5Oget_info_by_name1(loc, c.as_ptr(), &mut oi, H5P_DEFAULT) < 0 {
                        return Err(format!("cannot read the object {name:?}"));
                    }
                    Ok(match oi.type_ {
                        H5O_type_t::H5O_TYPE_GROUP => Link::Group(oi.addr),
                        H5O_type_t::H5O_TYPE_DATASET => Link::Dataset(oi.addr),
                        _ => Link::Other(oi.addr),
                    })
                }
                H5L_type_t::H5L_TYPE_SOFT | H5L_type_t::H5L_TYPE_EXTERNAL => {
                    let size = *li.u.val_size();
                    let mut buf = vec![0u8; size.max(1)];
                    if H5Lget_val(
                        loc,
                        c.as_ptr(),
                        buf.as_mut_ptr().cast(),
                        buf.len(),
                        H5P_DEFAULT,
                    ) < 0
                    {
                        return Err(format!("cannot read the link value of {name:?}"));
                    }
                    if li.type_ == H5L_type_t::H5L_TYPE_SOFT {
                        let target = CStr::from_bytes_until_nul(&buf)
                            .map(|s| s.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        return Ok(Link::Soft(target));
                    }
                    // External: a flags byte, then the file name and the object path.
                    let rest = buf.get(1..).unwrap_or_default();
                    let mut parts = rest.split(|&b| b == 0);
                    let file = String::from_utf8_lossy(parts.next().unwrap_or_default());
                    let path = String::from_utf8_lossy(parts.next().unwrap_or_default());
                    Ok(Link::External(file.into_owned(), path.into_owned()))
                }
                _ => Err(format!(
                    "the link {name:?} has a kind this tool cannot copy"
                )),
            }
        }
    })
}

/// Copy object `name` of group `src` to `dst` under the same name, as it is (H5Ocopy:
/// data, layout, filters and attributes; no decoding). `types`: paths in the output of the
/// committed (named) datatypes the object may use, which it then shares, as netCDF-4's
/// user-defined types need, rather than getting a private copy.
pub fn copy_object(src: hid_t, dst: hid_t, name: &str, types: &[String]) -> Result<()> {
    use hdf5_sys::h5o::{H5O_mcdt_search_ret_t, H5O_COPY_MERGE_COMMITTED_DTYPE_FLAG};
    use hdf5_sys::h5p::H5Pset_mcdt_search_cb;
    use hdf5_sys::h5p::{H5Padd_merge_committed_dtype_path, H5Pcreate, H5Pset_copy_object};
    /// Look only at the paths given: HDF5 1.10's search of the whole output file crashes.
    unsafe extern "C" fn listed_paths_only(_: *mut std::ffi::c_void) -> H5O_mcdt_search_ret_t {
        H5O_mcdt_search_ret_t::H5O_MCDT_SEARCH_STOP
    }
    let c = cstr(name)?;
    let paths: Vec<CString> = types.iter().map(|t| cstr(t)).collect::<Result<_>>()?;
    // SAFETY: valid group ids and NUL-terminated names; the property list is closed by `Id`.
    let status = hdf5_metno::sync::sync(|| unsafe {
        let ocpypl = Id(H5Pcreate(*hdf5_metno::globals::H5P_OBJECT_COPY));
        if ocpypl.0 < 0 {
            return Err("cannot make an object copy property list".to_string());
        }
        if !paths.is_empty()
            && (H5Pset_copy_object(ocpypl.0, H5O_COPY_MERGE_COMMITTED_DTYPE_FLAG) < 0
                || H5Pset_mcdt_search_cb(ocpypl.0, Some(listed_paths_only), std::ptr::null_mut())
                    < 0
                || paths
                    .iter()
                    .any(|p| H5Padd_merge_committed_dtype_path(ocpypl.0, p.as_ptr()) < 0))
        {
            return Err("cannot set up the copy of committed datatypes".to_string());
        }
        hdf5_metno::h5check(hdf5_sys::h5o::H5Ocopy(
            src,
            c.as_ptr(),
            dst,
            c.as_ptr(),
            ocpypl.0,
            H5P_DEFAULT,
        ))
        .map_err(|e| e.to_string())
    });
    status
        .map(|_| ())
        .map_err(|e| format!("cannot copy {name:?}: {e}"))
}

/// The address in its file of the object `id` (a file id gives its root group's).
pub fn object_addr(id: hid_t) -> Result<u64> {
    use hdf5_sys::h5o::{H5O_info1_t, H5Oget_info1};
    hdf5_metno::sync::sync(|| {
        let mut oi = H5O_info1_t::default();
        // SAFETY: a query on a valid id into a plain struct.
        (unsafe { H5Oget_info1(id, &mut oi) } >= 0)
            .then_some(oi.addr)
            .ok_or_else(|| "cannot read an object's address".to_string())
    })
}

/// The address of the committed datatype dataset `ds` uses, if its type is committed.
pub fn committed_type_addr(ds: hid_t) -> Option<u64> {
    use hdf5_sys::h5o::{H5O_info1_t, H5Oget_info1};
    hdf5_metno::sync::sync(|| {
        // SAFETY: queries on a valid dataset id; the type id is closed by `Id`.
        unsafe {
            let t = Id(hdf5_sys::h5d::H5Dget_type(ds));
            let mut oi = H5O_info1_t::default();
            (t.0 >= 0 && hdf5_sys::h5t::H5Tcommitted(t.0) > 0 && H5Oget_info1(t.0, &mut oi) >= 0)
                .then_some(oi.addr)
        }
    })
}

/// Make `name` in `dst` another hard link to the object at `target` (a path in `dst`'s file).
pub fn hard_link(dst: hid_t, target: &str, name: &str) -> Result<()> {
    let (t, c) = (cstr(target)?, cstr(name)?);
    // SAFETY: valid group id and NUL-terminated names.
    let status = hdf5_metno::sync::sync(|| unsafe {
        hdf5_sys::h5l::H5Lcreate_hard(dst, t.as_ptr(), dst, c.as_ptr(), H5P_DEFAULT, H5P_DEFAULT)
    });
    (status >= 0)
        .then_some(())
        .ok_or_else(|| format!("cannot link {name:?} to {target:?}"))
}

/// Re-create a soft or external link.
pub fn make_link(dst: hid_t, name: &str, link: &Link) -> Result<()> {
    let c = cstr(name)?;
    // SAFETY: valid group id and NUL-terminated strings.
    let status = hdf5_metno::sync::sync(|| unsafe {
        match link {
            Link::Soft(target) => {
                let t = cstr(target)?;
                Ok(hdf5_sys::h5l::H5Lcreate_soft(
                    t.as_ptr(),
                    dst,
                    c.as_ptr(),
                    H5P_DEFAULT,
                    H5P_DEFAULT,
                ))
            }
            Link::External(file, path) => {
                let (f, p) = (cstr(file)?, cstr(path)?);
                Ok(hdf5_sys::h5l::H5Lcreate_external(
                    f.as_ptr(),
                    p.as_ptr(),
                    dst,
                    c.as_ptr(),
                    H5P_DEFAULT,
                    H5P_DEFAULT,
                ))
            }
            _ => Err("not a soft or external link".to_string()),
        }
    })?;
    (status >= 0)
        .then_some(())
        .ok_or_else(|| format!("cannot create the link {name:?}"))
}

/// Copy every attribute of object `src` to object `dst`, whatever its type (strings of
/// either kind, compounds, arrays): read with the native form of its own type, written with
/// the stored type.
pub fn copy_attributes(src: hid_t, dst: hid_t) -> Result<()> {
    use hdf5_sys::h5::{H5_index_t, H5_iter_order_t};
    use hdf5_sys::h5a::{H5Acreate2, H5Aget_name, H5Aget_space, H5Aget_type, H5Aopen_by_idx};
    use hdf5_sys::h5a::{H5Aread, H5Awrite};
    use hdf5_sys::h5o::{H5O_info1_t, H5Oget_info1};
    use hdf5_sys::h5s::H5Sget_simple_extent_npoints;
    use hdf5_sys::h5t::{H5T_direction_t, H5Tget_native_type, H5Tget_size};
    hdf5_metno::sync::sync(|| {
        // SAFETY: HDF5 calls on valid ids; every id opened here is closed by `Id`; the
        // buffer holds `npoints` values of the memory type, and variable-length data HDF5
        // allocated in it is released with H5Dvlen_reclaim.
        unsafe {
            let mut oi = H5O_info1_t::default();
            if H5Oget_info1(src, &mut oi) < 0 {
                return Err("cannot read an object's attributes".to_string());
            }
            let dot = c".";
            for i in 0..oi.num_attrs as hsize_t {
                let a = Id(H5Aopen_by_idx(
                    src,
                    dot.as_ptr(),
                    H5_index_t::H5_INDEX_CRT_ORDER,
                    H5_iter_order_t::H5_ITER_INC,
                    i,
                    H5P_DEFAULT,
                    H5P_DEFAULT,
                ));
                let a = if a.0 < 0 {
                    // Creation order is not tracked: name order.
                    Id(H5Aopen_by_idx(
                        src,
                        dot.as_ptr(),
                        H5_index_t::H5_INDEX_NAME,
                        H5_iter_order_t::H5_ITER_INC,
                        i,
                        H5P_DEFAULT,
                        H5P_DEFAULT,
                    ))
                } else {
                    a
                };
                if a.0 < 0 {
                    return Err(format!("cannot open attribute {i}"));
                }
                let len = H5Aget_name(a.0, 0, std::ptr::null_mut());
                let mut name = vec![0u8; len.max(0) as usize + 1];
                H5Aget_name(a.0, name.len(), name.as_mut_ptr().cast());
                let ftype = Id(H5Aget_type(a.0));
                let space = Id(H5Aget_space(a.0));
                let mtype = Id(H5Tget_native_type(
                    ftype.0,
                    H5T_direction_t::H5T_DIR_DEFAULT,
                ));
                if ftype.0 < 0 || space.0 < 0 || mtype.0 < 0 {
                    return Err("cannot read an attribute's type".to_string());
                }
                let n = H5Sget_simple_extent_npoints(space.0).max(0) as usize;
                let mut buf = vec![0u8; n.max(1) * H5Tget_size(mtype.0)];
                if H5Aread(a.0, mtype.0, buf.as_mut_ptr().cast()) < 0 {
                    return Err(format!(
                        "cannot read the attribute {}",
                        String::from_utf8_lossy(&name[..len.max(0) as usize])
                    ));
                }
                let b = Id(H5Acreate2(
                    dst,
                    name.as_ptr().cast(),
                    ftype.0,
                    space.0,
                    H5P_DEFAULT,
                    H5P_DEFAULT,
                ));
                let ok = b.0 >= 0 && H5Awrite(b.0, mtype.0, buf.as_ptr().cast()) >= 0;
                hdf5_sys::h5d::H5Dvlen_reclaim(
                    mtype.0,
                    space.0,
                    H5P_DEFAULT,
                    buf.as_mut_ptr().cast(),
                );
                if !ok {
                    return Err(format!(
                        "cannot write the attribute {}",
                        String::from_utf8_lossy(&name[..len.max(0) as usize])
                    ));
                }
            }
            Ok(())
        }
    })
}

/// The cd_values of filter `id` in a dataset's pipeline, if it has the filter.
pub fn filter_cd_values(ds: hid_t, id: H5Z_filter_t) -> Option<Vec<u32>> {
    use hdf5_sys::h5p::H5Pget_filter_by_id2;
    hdf5_metno::sync::sync(|| {
        // SAFETY: HDF5 calls on a valid dataset id; the buffers are as long as told to HDF5;
        // the property list is released by `Id`.
        unsafe {
            let dcpl = Id(hdf5_sys::h5d::H5Dget_create_plist(ds));
            if dcpl.0 < 0 {
                return None;
            }
            let mut flags = 0u32;
            let mut n: usize = 32;
            let mut cd = vec![0u32; n];
            let mut name = [0i8; 64];
            let mut config = 0u32;
            let status = H5Pget_filter_by_id2(
                dcpl.0,
                id,
                &mut flags,
                &mut n,
                cd.as_mut_ptr(),
                name.len(),
                name.as_mut_ptr(),
                &mut config,
            );
            (status >= 0).then(|| {
                cd.truncate(n.min(32));
                cd
            })
        }
    })
}
