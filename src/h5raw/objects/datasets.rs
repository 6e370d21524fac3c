//! Datasets and files: storage, blocks of values, chunks copied as stored, and files,
//! groups and datasets re-created like others.

use super::*;

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
            // A scalar (or null) dataspace has no hyperslab: the whole dataset is copied.
            let whole = count.is_empty();
            let (mem_s, in_s, out_s) = if whole {
                (
                    hdf5_sys::h5s::H5S_ALL,
                    hdf5_sys::h5s::H5S_ALL,
                    hdf5_sys::h5s::H5S_ALL,
                )
            } else {
                (mem.0, fs_in.0, fs_out.0)
            };
            for fs in [fs_in.0, fs_out.0].into_iter().filter(|_| !whole) {
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
                mem_s,
                in_s,
                H5P_DEFAULT,
                buf.as_mut_ptr().cast(),
            ) < 0
            {
                return Err(format!(
                    "cannot read the block at {start:?} (a corrupt chunk, or a filter that is not available?)"
                ));
            }
            let written = H5Dwrite(dst, mtype.0, mem_s, out_s, H5P_DEFAULT, buf.as_ptr().cast());
            if has_vlen(mtype.0) {
                // Variable-length values point to memory HDF5 allocated while reading.
                let space = if whole { fs_in.0 } else { mem.0 };
                hdf5_sys::h5d::H5Dvlen_reclaim(
                    mtype.0,
                    space,
                    H5P_DEFAULT,
                    buf.as_mut_ptr().cast(),
                );
            }
            if written < 0 {
                return Err(format!(
                    "cannot write the block at {start:?} (disk full, or a value the filter refuses?)"
                ));
            }
            Ok(())
        }
    })
}

/// Whether values of type `t` hold variable-length data (sequences or strings).
pub fn has_vlen(t: hid_t) -> bool {
    use hdf5_sys::h5t::{H5T_class_t, H5Tdetect_class, H5Tis_variable_str};
    // SAFETY: type queries on a valid type id.
    unsafe { H5Tdetect_class(t, H5T_class_t::H5T_VLEN) > 0 || H5Tis_variable_str(t) > 0 }
}

/// Read the block at `start` of extent `count` of a numeric dataset as f64.
pub fn read_f64(ds: hid_t, start: &[u64], count: &[u64]) -> Result<Vec<f64>> {
    use hdf5_sys::h5d::H5Dread;
    let n: u64 = count.iter().product();
    let mut out = vec![0f64; n as usize];
    if n == 0 {
        return Ok(out);
    }
    hdf5_metno::sync::sync(|| {
        // SAFETY: HDF5 calls on a valid dataset id; ids made here are closed by `Id`; `out`
        // holds the `n` selected values as doubles.
        unsafe {
            let (fs, mem) = crate::h5raw::spaces(ds, start, count)
                .map_err(|_| "cannot select the samples to read".to_string())?;
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

/// Create a new HDF5 file at `path` with the creation properties of the open file `like`
/// (sizes, userblock, the root group's link and attribute creation-order tracking) and
/// object formats from HDF5 1.8 on, which large (dense) attributes and creation order need.
/// The file is closed again; open it with hdf5-metno.
pub fn create_file_like(like: hid_t, path: &Path) -> Result<()> {
    use hdf5_sys::h5f::{H5F_libver_t, H5Fcreate, H5Fget_create_plist, H5F_ACC_EXCL};
    use hdf5_sys::h5p::{H5Pcreate, H5Pset_libver_bounds};
    let c = cstr(&path.to_string_lossy())?;
    hdf5_metno::sync::sync(|| {
        // SAFETY: HDF5 calls on a valid file id and new property lists, each closed by `Id`;
        // the path is NUL-terminated.
        unsafe {
            use hdf5_sys::h5p::{H5Pget_attr_creation_order, H5Pget_link_creation_order};
            use hdf5_sys::h5p::{H5Pset_attr_creation_order, H5Pset_link_creation_order};
            let fcpl = Id(H5Fget_create_plist(like));
            let fapl = Id(H5Pcreate(*hdf5_metno::globals::H5P_FILE_ACCESS));
            // The root group's creation-order tracking is not part of an open file's
            // creation properties: take it from the root group.
            let root = Id(hdf5_sys::h5g::H5Gopen2(like, c"/".as_ptr(), H5P_DEFAULT));
            let gcpl = Id(hdf5_sys::h5g::H5Gget_create_plist(root.0));
            let (mut links, mut attrs, mut times) = (0u32, 0u32, 0);
            if gcpl.0 >= 0
                && H5Pget_link_creation_order(gcpl.0, &mut links) >= 0
                && H5Pget_attr_creation_order(gcpl.0, &mut attrs) >= 0
                && hdf5_sys::h5p::H5Pget_obj_track_times(gcpl.0, &mut times) >= 0
            {
                H5Pset_link_creation_order(fcpl.0, links);
                H5Pset_attr_creation_order(fcpl.0, attrs);
                hdf5_sys::h5p::H5Pset_obj_track_times(fcpl.0, times);
            }
            if fcpl.0 < 0
                || fapl.0 < 0
                || H5Pset_libver_bounds(
                    fapl.0,
                    H5F_libver_t::H5F_LIBVER_V18,
                    hdf5_sys::h5f::H5F_LIBVER_LATEST,
                ) < 0
            {
                return Err("cannot read the input file's creation properties".to_string());
            }
            let f = Id(H5Fcreate(c.as_ptr(), H5F_ACC_EXCL, fcpl.0, fapl.0));
            if f.0 < 0 {
                return Err(format!("{}: cannot create", path.display()));
            }
            Ok(())
        }
    })
}

/// The names of the links of group `loc`, in creation order where the group tracks it (as
/// netCDF-4 files do), else in name order.
pub fn member_names(loc: hid_t) -> Result<Vec<String>> {
    use hdf5_sys::h5::{H5_index_t, H5_iter_order_t};
    use hdf5_sys::h5g::{H5G_info_t, H5Gget_info};
    use hdf5_sys::h5l::H5Lget_name_by_idx;
    hdf5_metno::sync::sync(|| {
        // SAFETY: HDF5 calls on a valid group id; each name buffer is as long as HDF5 says
        // the name is, plus its NUL.
        unsafe {
            let mut gi: H5G_info_t = std::mem::zeroed();
            if H5Gget_info(loc, &mut gi) < 0 {
                return Err("cannot list a group".to_string());
            }
            let dot = c".";
            let by = |index: H5_index_t| -> Option<Vec<String>> {
                (0..gi.nlinks)
                    .map(|i| {
                        let get = |buf: *mut std::ffi::c_char, n: usize| {
                            H5Lget_name_by_idx(
                                loc,
                                dot.as_ptr(),
                                index,
                                H5_iter_order_t::H5_ITER_INC,
                                i,
                                buf,
                                n,
                                H5P_DEFAULT,
                            )
                        };
                        let len = get(std::ptr::null_mut(), 0);
                        if len < 0 {
                            return None;
                        }
                        let mut buf = vec![0u8; len as usize + 1];
                        if get(buf.as_mut_ptr().cast(), buf.len()) < 0 {
                            return None;
                        }
                        buf.truncate(len as usize);
                        Some(String::from_utf8_lossy(&buf).into_owned())
                    })
                    .collect()
            };
            by(H5_index_t::H5_INDEX_CRT_ORDER)
                .or_else(|| by(H5_index_t::H5_INDEX_NAME))
                .ok_or_else(|| "cannot list a group".to_string())
        }
    })
}

/// Create group `name` in `dst` with the creation properties of group `like` that users
/// choose: link and attribute creation-order tracking, time tracking, and when link and
/// attribute storage turns dense. (The property list HDF5 1.10 returns for an existing group
/// can carry the address of its link heap, which in another file points at garbage: so the
/// properties are set one by one on a new list.)
pub fn create_group_like(like: hid_t, dst: hid_t, name: &str) -> Result<()> {
    use hdf5_sys::h5g::{H5Gcreate2, H5Gget_create_plist};
    use hdf5_sys::h5p::*;
    let c = cstr(name)?;
    hdf5_metno::sync::sync(|| {
        // SAFETY: HDF5 calls on valid ids; the property lists are closed by `Id`; every
        // output is a plain integer.
        unsafe {
            let old = Id(H5Gget_create_plist(like));
            let gcpl = Id(H5Pcreate(*hdf5_metno::globals::H5P_GROUP_CREATE));
            let (mut links, mut attrs, mut times) = (0u32, 0u32, 0);
            let (mut max_compact, mut min_dense) = (0u32, 0u32);
            let (mut attr_compact, mut attr_dense) = (0u32, 0u32);
            let ok = old.0 >= 0
                && gcpl.0 >= 0
                && H5Pget_link_creation_order(old.0, &mut links) >= 0
                && H5Pget_attr_creation_order(old.0, &mut attrs) >= 0
                && H5Pget_obj_track_times(old.0, &mut times) >= 0
                && H5Pget_link_phase_change(old.0, &mut max_compact, &mut min_dense) >= 0
                && H5Pget_attr_phase_change(old.0, &mut attr_compact, &mut attr_dense) >= 0
                && H5Pset_link_creation_order(gcpl.0, links) >= 0
                && H5Pset_attr_creation_order(gcpl.0, attrs) >= 0
                && H5Pset_obj_track_times(gcpl.0, times) >= 0
                && H5Pset_link_phase_change(gcpl.0, max_compact, min_dense) >= 0
                && H5Pset_attr_phase_change(gcpl.0, attr_compact, attr_dense) >= 0;
            if !ok {
                return Err(format!(
                    "{name}: cannot read the group's creation properties"
                ));
            }
            let g = hdf5_metno::h5check(H5Gcreate2(
                dst,
                c.as_ptr(),
                H5P_DEFAULT,
                gcpl.0,
                H5P_DEFAULT,
            ))
            .map_err(|e| format!("cannot create the group: {e}"))?;
            drop(Id(g));
            Ok(())
        }
    })
}

/// How a rewritten dataset's filters change.
pub enum Filters<'a> {
    /// Kept as they are.
    Keep,
    /// Every filter replaced by filter `id` with these cd_values, in chunks of this shape.
    Only {
        id: H5Z_filter_t,
        chunk: &'a [usize],
        cd: &'a [u32],
    },
    /// Filter `id` removed; the others, the chunks and everything else kept.
    Without(H5Z_filter_t),
}

/// Create dataset `name` in `dst` like dataset `like` (its type, current and maximum shape,
/// fill value, attribute creation order, time tracking and every other creation property)
/// with only its filters (and for FLAC, its chunk shape) changed. `committed`: the path in
/// the output of the committed (named) datatype the dataset uses, if it is there.
pub fn create_dataset_like(
    like: hid_t,
    dst: hid_t,
    name: &str,
    filters: Filters,
    committed: Option<&str>,
) -> Result<()> {
    use hdf5_sys::h5d::{H5Dcreate2, H5Dget_create_plist, H5Dget_space, H5Dget_type};
    use hdf5_sys::h5p::{H5Pcopy, H5Premove_filter, H5Pset_chunk, H5Pset_filter};
    use hdf5_sys::h5t::H5Tcopy;
    use hdf5_sys::h5z::{H5Z_FILTER_ALL, H5Z_FLAG_OPTIONAL};
    let c = cstr(name)?;
    hdf5_metno::sync::sync(|| {
        // SAFETY: HDF5 calls on valid ids, each id opened here closed by `Id`; the chunk
        // dimensions and cd_values are passed with their lengths.
        unsafe {
            let src_dcpl = Id(H5Dget_create_plist(like));
            let dcpl = Id(H5Pcopy(src_dcpl.0));
            let space = Id(H5Dget_space(like));
            let stype = Id(H5Dget_type(like));
            // The output's copy of a committed type (netCDF-4's user-defined types must be
            // shared), else a transient copy of the type.
            let named = committed.and_then(|p| cstr(p).ok());
            let ftype = match &named {
                Some(p) => Id(hdf5_sys::h5t::H5Topen2(dst, p.as_ptr(), H5P_DEFAULT)),
                None => Id(H5Tcopy(stype.0)),
            };
            if [src_dcpl.0, dcpl.0, space.0, stype.0, ftype.0]
                .iter()
                .any(|&i| i < 0)
            {
                return Err(format!(
                    "{name}: cannot read the dataset's creation properties"
                ));
            }
            let ok = match filters {
                Filters::Only { id, chunk, cd } => {
                    let dims: Vec<hsize_t> = chunk.iter().map(|&d| d as hsize_t).collect();
                    // Fails harmlessly when there is no filter to remove.
                    H5Premove_filter(dcpl.0, H5Z_FILTER_ALL);
                    // Optional, as h5py, hdf5plugin and hdf5-metno add filters: HDF5 checks
                    // a mandatory filter without loading plugins (H5Dset_extent fails in a
                    // fresh process), and the filter refuses numbers it cannot code itself.
                    H5Pset_chunk(dcpl.0, dims.len() as i32, dims.as_ptr()) >= 0
                        && H5Pset_filter(dcpl.0, id, H5Z_FLAG_OPTIONAL, cd.len(), cd.as_ptr()) >= 0
                }
                Filters::Without(id) => H5Premove_filter(dcpl.0, id) >= 0,
                Filters::Keep => true,
            };
            if !ok {
                return Err(format!("{name}: cannot set up the dataset's filters"));
            }
            let d = hdf5_metno::h5check(H5Dcreate2(
                dst,
                c.as_ptr(),
                ftype.0,
                space.0,
                H5P_DEFAULT,
                dcpl.0,
                H5P_DEFAULT,
            ))
            .map_err(|e| format!("cannot create the dataset: {e}"))?;
            drop(Id(d));
            Ok(())
        }
    })
}

/// Where a dataset's values live, for a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// In chunks (copied as stored, without decoding).
    Chunked,
    /// Contiguous or compact in the file.
    Plain,
    /// In other files (external storage or a virtual dataset): the definition is copied,
    /// the values stay where they are.
    Elsewhere,
}

/// How dataset `ds` stores its values.
pub fn storage(ds: hid_t) -> Storage {
    use hdf5_sys::h5d::{H5D_layout_t, H5Dget_create_plist};
    use hdf5_sys::h5p::{H5Pget_external_count, H5Pget_layout};
    hdf5_metno::sync::sync(|| {
        // SAFETY: property queries on a valid dataset's creation property list (closed by
        // `Id`).
        unsafe {
            let dcpl = Id(H5Dget_create_plist(ds));
            match H5Pget_layout(dcpl.0) {
                H5D_layout_t::H5D_VIRTUAL => Storage::Elsewhere,
                _ if H5Pget_external_count(dcpl.0) > 0 => Storage::Elsewhere,
                H5D_layout_t::H5D_CHUNKED => Storage::Chunked,
                _ => Storage::Plain,
            }
        }
    })
}

/// Copy every stored chunk of `src` to `dst` (same shape, chunks and filters) as it is:
/// no filter runs, so even chunks of filters this process does not have are copied.
pub fn copy_chunks(src: &hdf5_metno::Dataset, dst: &hdf5_metno::Dataset) -> Result<()> {
    for i in 0..src.num_chunks().unwrap_or(0) {
        let info = src
            .chunk_info(i)
            .ok_or_else(|| format!("no information on chunk {i}"))?;
        let mut buf = vec![0u8; info.size as usize];
        let mut mask = 0u32;
        let done = hdf5_metno::sync::sync(|| {
            // SAFETY: valid dataset ids; `offset` has one value per dimension and `buf` holds
            // the chunk's stored size, as HDF5 reported it.
            unsafe {
                hdf5_sys::h5d::H5Dread_chunk(
                    src.id(),
                    H5P_DEFAULT,
                    info.offset.as_ptr(),
                    &mut mask,
                    buf.as_mut_ptr().cast(),
                ) >= 0
                    && hdf5_sys::h5d::H5Dwrite_chunk(
                        dst.id(),
                        H5P_DEFAULT,
                        mask,
                        info.offset.as_ptr(),
                        buf.len(),
                        buf.as_ptr().cast(),
                    ) >= 0
            }
        });
        if !done {
            return Err(format!("cannot copy the chunk at {:?}", info.offset));
        }
    }
    Ok(())
}

/// Remove link `name` from group `loc`, if there is one (a partial object after a failure).
pub fn unlink(loc: hid_t, name: &str) {
    if let Ok(c) = cstr(name) {
        // SAFETY: a valid group id and a NUL-terminated name.
        hdf5_metno::sync::sync(|| unsafe {
            hdf5_sys::h5l::H5Ldelete(loc, c.as_ptr(), H5P_DEFAULT)
        });
    }
}
