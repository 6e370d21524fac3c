//! The few HDF5 C calls the command needs beyond hdf5-metno: object kinds and addresses,
//! links, whole-object copies and a copy of attributes of any type.
//!
//! The object and link queries use the HDF5 1.10 forms (`H5Oget_info1`, `H5Lget_info1`),
//! which every HDF5 from 1.10 on provides (deprecated in name only from 1.12).
#![allow(deprecated)]

use std::ffi::{CStr, CString};

use hdf5_sys::h5::hsize_t;
use hdf5_sys::h5i::hid_t;
use hdf5_sys::h5p::H5P_DEFAULT;

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
/// data, layout, filters and attributes; no decoding).
pub fn copy_object(src: hid_t, dst: hid_t, name: &str) -> Result<()> {
    let c = cstr(name)?;
    // SAFETY: valid group ids and NUL-terminated names.
    let status = hdf5_metno::sync::sync(|| unsafe {
        hdf5_sys::h5o::H5Ocopy(src, c.as_ptr(), dst, c.as_ptr(), H5P_DEFAULT, H5P_DEFAULT)
    });
    if status < 0 {
        return Err(format!("cannot copy {name:?}"));
    }
    Ok(())
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

/// Closes an HDF5 id of any kind on drop.
struct Id(hid_t);

impl Drop for Id {
    fn drop(&mut self) {
        if self.0 >= 0 {
            // SAFETY: an id returned by HDF5, closed once.
            unsafe { hdf5_sys::h5i::H5Idec_ref(self.0) };
        }
    }
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

/// The FLAC filter's stored cd_values of a dataset, if it has the filter.
pub fn flac_cd_values(ds: hid_t) -> Option<Vec<u32>> {
    use hdf5_sys::h5p::{H5Pclose, H5Pget_filter_by_id2};
    hdf5_metno::sync::sync(|| {
        // SAFETY: HDF5 calls on a valid dataset id; the buffers are as long as told to HDF5.
        unsafe {
            let dcpl = hdf5_sys::h5d::H5Dget_create_plist(ds);
            if dcpl < 0 {
                return None;
            }
            let mut flags = 0u32;
            let mut n: usize = 32;
            let mut cd = vec![0u32; n];
            let mut name = [0i8; 64];
            let mut config = 0u32;
            let status = H5Pget_filter_by_id2(
                dcpl,
                flacarray::h5z::FILTER_ID,
                &mut flags,
                &mut n,
                cd.as_mut_ptr(),
                name.len(),
                name.as_mut_ptr(),
                &mut config,
            );
            H5Pclose(dcpl);
            (status >= 0).then(|| {
                cd.truncate(n.min(32));
                cd
            })
        }
    })
}

/// Bytes a dataset occupies in its file.
pub fn storage_size(ds: hid_t) -> u64 {
    // SAFETY: a plain query on a valid dataset id.
    hdf5_metno::sync::sync(|| unsafe { hdf5_sys::h5d::H5Dget_storage_size(ds) })
}

/// Copy the block at `start` of extent `count` from dataset `src` to the same place in
/// dataset `dst` (values in the native form of `src`'s type, converted by HDF5 as needed).
pub fn copy_block(src: hid_t, dst: hid_t, start: &[u64], count: &[u64]) -> Result<()> {
    use hdf5_sys::h5d::{H5Dget_space, H5Dget_type, H5Dread, H5Dwrite};
    use hdf5_sys::h5s::{H5S_seloper_t, H5Screate_simple, H5Sselect_hyperslab};
    use hdf5_sys::h5t::{H5T_direction_t, H5Tget_native_type, H5Tget_size};
    let n: u64 = count.iter().product();
    if n == 0 {
        return Ok(());
    }
    hdf5_metno::sync::sync(|| {
        // SAFETY: HDF5 calls on valid dataset ids; every id made here is closed by `Id`; the
        // buffer holds the `n` selected values of the memory type.
        unsafe {
            let ftype = Id(H5Dget_type(src));
            let mtype = Id(H5Tget_native_type(
                ftype.0,
                H5T_direction_t::H5T_DIR_DEFAULT,
            ));
            let fs_in = Id(H5Dget_space(src));
            let fs_out = Id(H5Dget_space(dst));
            let mem = Id(H5Screate_simple(
                count.len() as i32,
                count.as_ptr(),
                std::ptr::null(),
            ));
            if [ftype.0, mtype.0, fs_in.0, fs_out.0, mem.0]
                .iter()
                .any(|&i| i < 0)
            {
                return Err("cannot prepare a block copy".to_string());
            }
            let mut buf = vec![0u8; n as usize * H5Tget_size(mtype.0)];
            for fs in [fs_in.0, fs_out.0] {
                if H5Sselect_hyperslab(
                    fs,
                    H5S_seloper_t::H5S_SELECT_SET,
                    start.as_ptr(),
                    std::ptr::null(),
                    count.as_ptr(),
                    std::ptr::null(),
                ) < 0
                {
                    return Err(format!("cannot select the block at {start:?}"));
                }
            }
            if H5Dread(
                src,
                mtype.0,
                mem.0,
                fs_in.0,
                H5P_DEFAULT,
                buf.as_mut_ptr().cast(),
            ) < 0
            {
                return Err(format!(
                    "cannot read the block at {start:?} (a corrupt chunk, or a filter that is not available?)"
                ));
            }
            if H5Dwrite(
                dst,
                mtype.0,
                mem.0,
                fs_out.0,
                H5P_DEFAULT,
                buf.as_ptr().cast(),
            ) < 0
            {
                return Err(format!(
                    "cannot write the block at {start:?} (disk full, or a value the filter refuses?)"
                ));
            }
            Ok(())
        }
    })
}

/// Read the block at `start` of extent `count` of a numeric dataset as f64.
pub fn read_f64(ds: hid_t, start: &[u64], count: &[u64]) -> Result<Vec<f64>> {
    use hdf5_sys::h5d::{H5Dget_space, H5Dread};
    use hdf5_sys::h5s::{H5S_seloper_t, H5Screate_simple, H5Sselect_hyperslab};
    let n: u64 = count.iter().product();
    let mut out = vec![0f64; n as usize];
    if n == 0 {
        return Ok(out);
    }
    hdf5_metno::sync::sync(|| {
        // SAFETY: HDF5 calls on a valid dataset id; ids made here are closed by `Id`; `out`
        // holds the `n` selected values as doubles.
        unsafe {
            let fs = Id(H5Dget_space(ds));
            let mem = Id(H5Screate_simple(
                count.len() as i32,
                count.as_ptr(),
                std::ptr::null(),
            ));
            if fs.0 < 0
                || mem.0 < 0
                || H5Sselect_hyperslab(
                    fs.0,
                    H5S_seloper_t::H5S_SELECT_SET,
                    start.as_ptr(),
                    std::ptr::null(),
                    count.as_ptr(),
                    std::ptr::null(),
                ) < 0
            {
                return Err("cannot select the samples to read".to_string());
            }
            let mtype = *hdf5_metno::globals::H5T_NATIVE_DOUBLE;
            if H5Dread(ds, mtype, mem.0, fs.0, H5P_DEFAULT, out.as_mut_ptr().cast()) < 0 {
                return Err(
                    "cannot read the data (a corrupt chunk, or a filter that is not available?)"
                        .to_string(),
                );
            }
            Ok(())
        }
    })?;
    Ok(out)
}
