//! References in a copied file. Object and region references hold addresses in the file that
//! holds them; in the copy they would point nowhere. Every reference in an attribute (such as
//! the dimension scales' `DIMENSION_LIST` and `REFERENCE_LIST` that every netCDF-4 file has)
//! or in a dataset, also inside compounds, arrays and variable-length sequences, is rewritten
//! to point at the same object in the output, found by its path.
#![allow(deprecated)]

use std::collections::HashMap;
use std::ffi::{c_void, CString};

use hdf5_sys::h5::{hsize_t, H5_index_t, H5_iter_order_t};
use hdf5_sys::h5i::hid_t;
use hdf5_sys::h5p::H5P_DEFAULT;
use hdf5_sys::h5r::H5R_type_t;
use hdf5_sys::h5t::{H5T_class_t, H5T_direction_t};

use super::objects::{Id, Result};

/// Rewrites references from the input's addresses to the output's objects.
pub struct Fixer<'a> {
    src: hid_t,
    dst: hid_t,
    /// Path of every copied object, by its address in the input.
    paths: &'a HashMap<u64, String>,
    /// References whose target is not in the output (set to null).
    pub dangling: usize,
}

impl<'a> Fixer<'a> {
    /// A fixer from file `src` to file `dst`.
    pub fn new(src: hid_t, dst: hid_t, paths: &'a HashMap<u64, String>) -> Fixer<'a> {
        Fixer {
            src,
            dst,
            paths,
            dangling: 0,
        }
    }

    /// Rewrite the references in the attributes of the object at `path` (the same path in
    /// both files) and, for a dataset, in its values.
    pub fn fix_object(&mut self, path: &str) -> Result<()> {
        use hdf5_sys::h5a::{H5Aget_name, H5Aget_space, H5Aget_type, H5Aopen, H5Aopen_by_idx};
        use hdf5_sys::h5a::{H5Aread, H5Awrite};
        use hdf5_sys::h5d::{H5Dget_space, H5Dget_type, H5Dread, H5Dwrite};
        use hdf5_sys::h5i::{H5I_type_t, H5Iget_type};
        use hdf5_sys::h5o::{H5O_info1_t, H5Oget_info1, H5Oopen};
        use hdf5_sys::h5s::H5S_ALL;
        let c = CString::new(path).map_err(|_| format!("{path}: a NUL byte in the path"))?;
        hdf5_metno::sync::sync(|| {
            // SAFETY: HDF5 calls on valid ids, each id opened here closed by `Id`; buffers hold
            // the values of the memory type HDF5 reads into them, and their variable-length
            // parts are released by `Values`.
            unsafe {
                let s = Id(H5Oopen(self.src, c.as_ptr(), H5P_DEFAULT));
                let d = Id(H5Oopen(self.dst, c.as_ptr(), H5P_DEFAULT));
                if s.0 < 0 || d.0 < 0 {
                    return Err(format!(
                        "{path}: cannot open the object to fix its references"
                    ));
                }
                let mut oi = H5O_info1_t::default();
                if H5Oget_info1(s.0, &mut oi) < 0 {
                    return Err(format!("{path}: cannot read the object"));
                }
                let dot = c".";
                for i in 0..oi.num_attrs as hsize_t {
                    let a = Id(H5Aopen_by_idx(
                        s.0,
                        dot.as_ptr(),
                        H5_index_t::H5_INDEX_NAME,
                        H5_iter_order_t::H5_ITER_INC,
                        i,
                        H5P_DEFAULT,
                        H5P_DEFAULT,
                    ));
                    let ftype = Id(H5Aget_type(a.0));
                    if a.0 < 0 || ftype.0 < 0 {
                        return Err(format!("{path}: cannot read attribute {i}"));
                    }
                    if !has_references(ftype.0) {
                        continue;
                    }
                    let len = H5Aget_name(a.0, 0, std::ptr::null_mut());
                    let mut name = vec![0u8; len.max(0) as usize + 1];
                    H5Aget_name(a.0, name.len(), name.as_mut_ptr().cast());
                    let shown = String::from_utf8_lossy(&name[..len.max(0) as usize]).into_owned();
                    let space = Id(H5Aget_space(a.0));
                    let mut v = Values::new(ftype.0, space.0)
                        .ok_or_else(|| format!("{path}: attribute {shown}: unreadable type"))?;
                    if H5Aread(a.0, v.mtype.0, v.ptr()) < 0 {
                        return Err(format!("{path}: cannot read the attribute {shown}"));
                    }
                    v.filled = true;
                    self.fix_values(&mut v);
                    let b = Id(H5Aopen(d.0, name.as_ptr().cast(), H5P_DEFAULT));
                    if b.0 < 0 || H5Awrite(b.0, v.mtype.0, v.ptr()) < 0 {
                        return Err(format!("{path}: cannot rewrite the attribute {shown}"));
                    }
                }
                if H5Iget_type(s.0) == H5I_type_t::H5I_DATASET {
                    let ftype = Id(H5Dget_type(s.0));
                    if ftype.0 >= 0 && has_references(ftype.0) {
                        let space = Id(H5Dget_space(s.0));
                        let mut v = Values::new(ftype.0, space.0)
                            .ok_or_else(|| format!("{path}: unreadable type"))?;
                        if H5Dread(s.0, v.mtype.0, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.ptr()) < 0 {
                            return Err(format!("{path}: cannot read the references"));
                        }
                        v.filled = true;
                        self.fix_values(&mut v);
                        if H5Dwrite(d.0, v.mtype.0, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.ptr()) < 0 {
                            return Err(format!("{path}: cannot rewrite the references"));
                        }
                    }
                }
                Ok(())
            }
        })
    }

    fn fix_values(&mut self, v: &mut Values) {
        // SAFETY: the buffer holds `n` values of `mtype`, as read by HDF5.
        unsafe {
            let size = hdf5_sys::h5t::H5Tget_size(v.mtype.0);
            let base = v.buf.as_mut_ptr();
            for k in 0..v.n {
                self.fix_element(base.add(k * size), v.mtype.0);
            }
        }
    }

    /// Rewrite the references in one value of memory type `t` at `p`.
    ///
    /// # Safety
    /// `p` points at one value of type `t` in memory HDF5 filled (variable-length parts
    /// included).
    unsafe fn fix_element(&mut self, p: *mut u8, t: hid_t) {
        use hdf5_sys::h5t::*;
        // SAFETY: type queries on a valid type id; `p` and the sequences it points to hold
        // values of the types HDF5 reports.
        unsafe {
            match H5Tget_class(t) {
                H5T_class_t::H5T_REFERENCE => {
                    if H5Tequal(t, *hdf5_metno::globals::H5T_STD_REF_OBJ) > 0 {
                        self.fix_object_ref(p);
                    } else if H5Tequal(t, *hdf5_metno::globals::H5T_STD_REF_DSETREG) > 0 {
                        self.fix_region_ref(p);
                    } else {
                        self.dangling += 1;
                    }
                }
                H5T_class_t::H5T_COMPOUND => {
                    for i in 0..H5Tget_nmembers(t).max(0) as u32 {
                        let mt = Id(H5Tget_member_type(t, i));
                        if mt.0 >= 0 && has_references(mt.0) {
                            self.fix_element(p.add(H5Tget_member_offset(t, i)), mt.0);
                        }
                    }
                }
                H5T_class_t::H5T_ARRAY => {
                    let base = Id(H5Tget_super(t));
                    let rank = H5Tget_array_ndims(t).max(0) as usize;
                    let mut dims = vec![0 as hsize_t; rank];
                    H5Tget_array_dims2(t, dims.as_mut_ptr());
                    let size = H5Tget_size(base.0);
                    for k in 0..dims.iter().product::<hsize_t>() as usize {
                        self.fix_element(p.add(k * size), base.0);
                    }
                }
                H5T_class_t::H5T_VLEN => {
                    let base = Id(H5Tget_super(t));
                    let size = H5Tget_size(base.0);
                    let vl = std::ptr::read_unaligned(p as *const hdf5_sys::h5t::hvl_t);
                    let data = vl.p as *mut u8;
                    if !data.is_null() {
                        for k in 0..vl.len {
                            self.fix_element(data.add(k * size), base.0);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// An object reference (the target's address in the input).
    unsafe fn fix_object_ref(&mut self, p: *mut u8) {
        // SAFETY: `p` holds an 8-byte object reference; H5Rcreate writes one.
        unsafe {
            let addr = std::ptr::read_unaligned(p as *const u64);
            if addr == 0 || addr == u64::MAX {
                return;
            }
            let ok = self.paths.get(&addr).is_some_and(|path| {
                CString::new(path.as_str()).is_ok_and(|c| {
                    hdf5_sys::h5r::H5Rcreate(
                        p as *mut c_void,
                        self.dst,
                        c.as_ptr(),
                        H5R_type_t::H5R_OBJECT,
                        -1,
                    ) >= 0
                })
            });
            if !ok {
                std::ptr::write_unaligned(p as *mut u64, 0);
                self.dangling += 1;
            }
        }
    }

    /// A dataset region reference (held in the input's global heap).
    unsafe fn fix_region_ref(&mut self, p: *mut u8) {
        use hdf5_sys::h5o::{H5O_info1_t, H5Oget_info1};
        use hdf5_sys::h5r::{H5Rcreate, H5Rdereference2, H5Rget_region};
        const LEN: usize = 12;
        // SAFETY: `p` holds a 12-byte region reference; the ids opened are closed by `Id`.
        unsafe {
            if std::slice::from_raw_parts(p, LEN).iter().all(|&b| b == 0) {
                return;
            }
            let kind = H5R_type_t::H5R_DATASET_REGION;
            let obj = Id(H5Rdereference2(
                self.src,
                H5P_DEFAULT,
                kind,
                p as *const c_void,
            ));
            let space = Id(H5Rget_region(self.src, kind, p as *const c_void));
            let mut oi = H5O_info1_t::default();
            let ok = obj.0 >= 0
                && space.0 >= 0
                && H5Oget_info1(obj.0, &mut oi) >= 0
                && self.paths.get(&oi.addr).is_some_and(|path| {
                    CString::new(path.as_str()).is_ok_and(|c| {
                        H5Rcreate(p as *mut c_void, self.dst, c.as_ptr(), kind, space.0) >= 0
                    })
                });
            if !ok {
                std::ptr::write_bytes(p, 0, LEN);
                self.dangling += 1;
            }
        }
    }
}

/// Whether a type holds references anywhere.
fn has_references(t: hid_t) -> bool {
    // SAFETY: a type query on a valid type id.
    unsafe { hdf5_sys::h5t::H5Tdetect_class(t, H5T_class_t::H5T_REFERENCE) > 0 }
}

/// The values of an attribute or dataset in their native memory type.
struct Values {
    mtype: Id,
    space: hid_t,
    n: usize,
    buf: Vec<u8>,
    /// HDF5 has read into `buf` (so variable-length parts must be released).
    filled: bool,
}

impl Values {
    /// A buffer for the values of file type `ftype` over dataspace `space`.
    unsafe fn new(ftype: hid_t, space: hid_t) -> Option<Values> {
        // SAFETY: type and dataspace queries on valid ids.
        unsafe {
            let mtype = Id(hdf5_sys::h5t::H5Tget_native_type(
                ftype,
                H5T_direction_t::H5T_DIR_DEFAULT,
            ));
            if mtype.0 < 0 || space < 0 {
                return None;
            }
            let n = hdf5_sys::h5s::H5Sget_simple_extent_npoints(space).max(0) as usize;
            let size = hdf5_sys::h5t::H5Tget_size(mtype.0);
            Some(Values {
                mtype,
                space,
                n,
                buf: vec![0u8; n.max(1) * size],
                filled: false,
            })
        }
    }

    fn ptr(&mut self) -> *mut c_void {
        self.buf.as_mut_ptr().cast()
    }
}

impl Drop for Values {
    fn drop(&mut self) {
        if self.filled {
            // SAFETY: the buffer was filled by HDF5 with values of `mtype` over `space`.
            unsafe {
                hdf5_sys::h5d::H5Dvlen_reclaim(
                    self.mtype.0,
                    self.space,
                    H5P_DEFAULT,
                    self.buf.as_mut_ptr().cast(),
                );
            }
        }
    }
}
