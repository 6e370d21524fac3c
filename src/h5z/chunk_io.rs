//! Many chunks at once. HDF5 runs a filter on one chunk at a time, on the calling thread;
//! here the chunks of a block of rows are encoded (or decoded) on the filter's threads
//! ([`filter_threads`](crate::h5z::filter_threads)) and moved as they are stored with
//! `H5Dwrite_chunk` / `H5Dread_chunk`: the bytes the filter would have written, with every
//! core at work. Used by [`write_filtered`](crate::h5z::write_filtered),
//! [`read_filtered`](crate::h5z::read_filtered), [`verify`](crate::h5z::verify) (its
//! `pipeline`) and the command's `compress`/`decompress`.

use std::sync::atomic::{AtomicBool, Ordering};

use hdf5_metno::filters::Filter;
use hdf5_metno::Dataset;

use crate::chunk::{decode_chunk, ElementType};
use crate::error::{Error, Result};
use crate::h5raw;
use crate::h5z::{encode_stored, stored_for_dataset, threads, Stored, CD_MAGIC, FILTER_ID};

/// The stored parameters of a dataset's FLAC filter, checked against the dataset's type and
/// chunk shape ([`stored_for_dataset`]); `None` where the dataset has no FLAC filter or HDF5
/// did not apply it (its parameters are the user's: `set_local` never ran). An error names
/// the dataset and both layouts.
pub fn checked_params(ds: &Dataset) -> Result<Option<Stored>> {
    checked_among(ds, &filters(ds))
}

/// The dataset's filter pipeline (empty if it cannot be read).
fn filters(ds: &Dataset) -> Vec<Filter> {
    ds.dcpl().map(|p| p.filters()).unwrap_or_default()
}

/// [`checked_params`] with the dataset's `filters` already read.
fn checked_among(ds: &Dataset, filters: &[Filter]) -> Result<Option<Stored>> {
    let Some(cd) = filters.iter().find_map(|f| match f {
        Filter::User(id, cd) if *id == FILTER_ID => Some(cd),
        _ => None,
    }) else {
        return Ok(None);
    };
    if cd.first() != Some(&CD_MAGIC) {
        return Ok(None);
    }
    let v = h5raw::value_type(ds);
    let elem = v.and_then(|v| ElementType::from_parts(v.float, v.signed, v.size));
    let big_endian = v.is_some_and(|v| v.big_endian);
    let chunk: Vec<u64> = ds
        .chunk()
        .unwrap_or_default()
        .iter()
        .map(|&c| c as u64)
        .collect();
    stored_for_dataset(cd, elem, big_endian, &chunk)
        .map(Some)
        .map_err(|e| Error::Hdf5(format!("{}: {e}", ds.name())))
}

/// A FLAC dataset whose chunks can be moved as stored: FLAC is its only filter, `set_local`
/// ran (the parameters are in their stored form), the file's element type is in this
/// machine's byte order and the file is not open through MPI-IO. Otherwise
/// [`DirectChunks::of`] gives `None`, and HDF5's own path (the filter, one chunk at a time)
/// is the way.
pub struct DirectChunks {
    stored: Stored,
    shape: Vec<usize>,
    chunk: Vec<usize>,
    elem: usize,
}

impl DirectChunks {
    /// The dataset's chunk geometry and stored parameters, if its chunks can be moved raw
    /// (`None`: go through HDF5). An error for stored parameters that do not describe the
    /// dataset's chunks ([`stored_for_dataset`]): they would size every decoded chunk.
    pub fn of(ds: &Dataset) -> Result<Option<DirectChunks>> {
        // Under MPI-IO, chunks go through HDF5's collective path (`write_filtered_mpi`).
        #[cfg(feature = "mpi")]
        if h5raw::is_mpio(ds) {
            return Ok(None);
        }
        let filters = filters(ds);
        let Some(stored) = checked_among(ds, &filters)? else {
            return Ok(None);
        };
        let (Some(chunk), 1) = (ds.chunk(), filters.len()) else {
            return Ok(None);
        };
        let shape = ds.shape();
        let fits =
            stored.layout.big_endian == cfg!(target_endian = "big") && shape.len() == chunk.len();
        let elem = stored.layout.elem.size();
        Ok(fits.then_some(DirectChunks {
            elem,
            stored,
            shape,
            chunk,
        }))
    }

    /// Bytes of one element.
    pub fn elem_size(&self) -> usize {
        self.elem
    }

    /// Rows (first axis) per chunk.
    pub fn chunk_rows(&self) -> usize {
        self.chunk.first().copied().unwrap_or(1)
    }

    /// The dataset's shape.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// Offsets (in elements) of the chunks holding rows `rows` (which start on a chunk
    /// boundary), in the order of the file's chunk index.
    fn offsets(&self, rows: std::ops::Range<usize>) -> Vec<Vec<u64>> {
        let d = self.shape.len();
        let mut first = vec![0usize; d];
        first[0] = rows.start;
        let mut out = Vec::new();
        if d == 0 || rows.is_empty() {
            return out;
        }
        let mut at = first.clone();
        loop {
            out.push(at.iter().map(|&v| v as u64).collect());
            // The next chunk origin, last axis fastest.
            let mut axis = d;
            loop {
                if axis == 0 {
                    return out;
                }
                axis -= 1;
                at[axis] += self.chunk[axis];
                let end = if axis == 0 {
                    rows.end
                } else {
                    self.shape[axis]
                };
                if at[axis] < end {
                    break;
                }
                at[axis] = first[axis];
            }
        }
    }

    /// For the chunk at `origin`, each run of whole elements it shares with the block of
    /// rows starting at `row0` (every other axis whole): (offset in the chunk, offset in the
    /// block, length), in elements; runs that follow on in both are one. A chunk holding
    /// whole rows is a single run.
    fn runs(&self, origin: &[u64], row0: usize) -> Vec<(usize, usize, usize)> {
        let d = self.shape.len();
        let last = d - 1;
        let n = (self.shape[last] - origin[last] as usize).min(self.chunk[last]);
        let mut runs = Vec::new();
        let mut idx = vec![0usize; last];
        loop {
            // Element `idx` (all axes but the last) of the chunk, if inside the extent.
            let inside = (0..last).all(|a| origin[a] as usize + idx[a] < self.shape[a]);
            if inside {
                let (mut c, mut b) = (0usize, 0usize);
                for a in 0..last {
                    c = c * self.chunk[a] + idx[a];
                    let coord = origin[a] as usize + idx[a] - if a == 0 { row0 } else { 0 };
                    b = b * self.shape[a] + coord;
                }
                // On a 1-D dataset the last axis is the rows' axis.
                let col = origin[last] as usize - if last == 0 { row0 } else { 0 };
                let run = (c * self.chunk[last], b * self.shape[last] + col, n);
                // A run that continues the one before, in the chunk and in the block, joins it.
                match runs.last_mut() {
                    Some((c0, b0, len)) if *c0 + *len == run.0 && *b0 + *len == run.1 => {
                        *len += n;
                    }
                    _ => runs.push(run),
                }
            }
            let mut a = last;
            loop {
                if a == 0 {
                    return runs;
                }
                a -= 1;
                idx[a] += 1;
                if idx[a] < self.chunk[a] {
                    break;
                }
                idx[a] = 0;
            }
        }
    }

    fn chunk_bytes(&self) -> usize {
        self.chunk.iter().product::<usize>() * self.elem
    }

    /// Write rows `row0..` of the dataset from `block` (those rows with every other axis
    /// whole, in the file type's bytes; `row0` on a chunk boundary): the chunks are encoded
    /// on the filter's threads while this thread writes them, in order, as they come.
    pub fn write_rows(&self, ds: &Dataset, block: &[u8], row0: usize) -> Result<()> {
        let row_bytes = self.shape[1..].iter().product::<usize>() * self.elem;
        let rows = block.len() / row_bytes.max(1);
        let e = self.elem;
        // Each chunk is gathered into a buffer of its own even when it lies whole in the
        // block: freeing the first such buffer raises glibc's thresholds (fresh mappings,
        // heap trimming) above the encoder's own buffers, which then reuse heap memory;
        // encoding straight from the block cost a page fault per 4 KiB of output.
        let encode = |origin: &Vec<u64>| -> Result<Vec<u8>> {
            let mut raw = crate::alloc::zeroed_vec::<u8>(self.chunk_bytes())?;
            for (c, b, len) in self.runs(origin, row0) {
                raw[c * e..(c + len) * e].copy_from_slice(&block[b * e..(b + len) * e]);
            }
            encode_stored(&self.stored, &raw, false).map_err(Error::InvalidParameter)
        };
        let offsets = self.offsets(row0..row0 + rows);
        for window in offsets.chunks(self.window()) {
            let mut pending = std::collections::BTreeMap::new();
            let mut next = 0;
            pipeline(window, Ok, encode, |i, coded| {
                pending.insert(i, coded);
                while let Some(coded) = pending.remove(&next) {
                    h5raw::write_stored_chunk(ds, &window[next], &coded?)?;
                    next += 1;
                }
                Ok(())
            })?;
        }
        Ok(())
    }

    /// Read rows `rows` (starting on a chunk boundary) into `block` (those rows with every
    /// other axis whole, native bytes): this thread reads the stored chunks while the filter's
    /// threads decode them; chunks holding whole rows are decoded where they lie in the block.
    /// A chunk never written, or stored without FLAC, is read through HDF5 (fill values,
    /// other filters).
    pub fn read_rows(
        &self,
        ds: &Dataset,
        block: &mut [u8],
        rows: std::ops::Range<usize>,
    ) -> Result<()> {
        let e = self.elem;
        let offsets = self.offsets(rows.clone());
        for window in offsets.chunks(self.window()) {
            if let Some(places) = self.places(window, rows.start, block) {
                pipeline(
                    window.iter().zip(places),
                    |(origin, place)| {
                        Ok(self
                            .load_into(ds, origin, place)?
                            .map(|bytes| (bytes, place)))
                    },
                    |loaded| match loaded {
                        Some((bytes, place)) => self.decode_into(ds, &bytes, place),
                        None => Ok(()),
                    },
                    |_, done| done,
                )?;
                continue;
            }
            let load = |origin: &Vec<u64>| self.load_coded(ds, origin);
            let decode = |coded: Option<Vec<u8>>| {
                let Some(bytes) = coded else { return Ok(None) };
                let mut raw = crate::alloc::zeroed_vec::<u8>(self.chunk_bytes())?;
                self.decode_into(ds, &bytes, &mut raw)?;
                Ok(Some(raw))
            };
            pipeline(window, load, decode, |i, raw| {
                let runs = self.runs(&window[i], rows.start);
                match raw? {
                    Some(raw) => {
                        for (c, b, len) in runs {
                            block[b * e..(b + len) * e].copy_from_slice(&raw[c * e..(c + len) * e]);
                        }
                        Ok(())
                    }
                    None => self.read_through_hdf5(ds, &window[i], &runs, block),
                }
            })?;
        }
        Ok(())
    }

    /// The stored bytes of the chunk at `origin` if FLAC coded it; `None` for a chunk never
    /// written or stored without FLAC.
    fn load_coded(&self, ds: &Dataset, origin: &[u64]) -> Result<Option<Vec<u8>>> {
        Ok(match h5raw::read_stored_chunk(ds, origin)? {
            Some((bytes, 0)) => Some(bytes),
            _ => None,
        })
    }

    /// Decode a stored chunk into `place`: the whole chunk, or its first `place.len()` bytes
    /// (an edge chunk's rows inside the extent).
    fn decode_into(&self, ds: &Dataset, bytes: &[u8], place: &mut [u8]) -> Result<()> {
        let layout = &self.stored.layout;
        if place.len() == self.chunk_bytes() {
            return decode_chunk(bytes, layout, place).map_err(|err| corrupt(ds, err));
        }
        let mut raw = crate::alloc::zeroed_vec::<u8>(self.chunk_bytes())?;
        decode_chunk(bytes, layout, &mut raw).map_err(|err| corrupt(ds, err))?;
        place.copy_from_slice(&raw[..place.len()]);
        Ok(())
    }

    /// Where each chunk of `window` lies in the block of rows starting at `row0`, if every
    /// one is a single stretch that starts the chunk (chunks holding whole rows, an edge
    /// chunk its first rows): the stretches, in order and apart.
    fn places<'b>(
        &self,
        window: &[Vec<u64>],
        row0: usize,
        block: &'b mut [u8],
    ) -> Option<Vec<&'b mut [u8]>> {
        let e = self.elem;
        let mut places = Vec::with_capacity(window.len());
        let (mut rest, mut at) = (block, 0usize);
        for origin in window {
            let runs = self.runs(origin, row0);
            let &[(0, b, len)] = runs.as_slice() else {
                return None;
            };
            let (start, end) = (b * e, (b + len) * e);
            if start < at || end - at > rest.len() {
                return None;
            }
            let (_, tail) = std::mem::take(&mut rest).split_at_mut(start - at);
            let (place, tail) = tail.split_at_mut(end - start);
            places.push(place);
            (rest, at) = (tail, end);
        }
        Some(places)
    }

    /// The stored bytes of the chunk at `origin`, to be decoded into `place` (its elements
    /// inside the extent); a chunk never written or stored without FLAC is read through HDF5
    /// into `place` here, and gives `None`.
    fn load_into(&self, ds: &Dataset, origin: &[u64], place: &mut [u8]) -> Result<Option<Vec<u8>>> {
        if let Some(bytes) = self.load_coded(ds, origin)? {
            return Ok(Some(bytes));
        }
        let part = h5raw::read_native(ds, origin, &self.count_at(origin))?;
        if part.len() != place.len() {
            return Err(Error::Hdf5(format!(
                "{}: HDF5 read {} bytes of the chunk at {origin:?}, {} expected",
                ds.name(),
                part.len(),
                place.len()
            )));
        }
        place.copy_from_slice(&part);
        Ok(None)
    }

    /// The extent of the chunk at `origin` inside the dataset.
    fn count_at(&self, origin: &[u64]) -> Vec<u64> {
        (0..self.shape.len())
            .map(|a| (self.shape[a] as u64 - origin[a]).min(self.chunk[a] as u64))
            .collect()
    }

    /// Chunks handled in one go: a few per thread, at most about 256 MiB of raw data (what
    /// waits to be written when the first chunk is slow).
    fn window(&self) -> usize {
        (2 * threads::threads()).max((256 << 20) / self.chunk_bytes().max(1))
    }

    /// The part of the chunk at `origin` inside the extent, read by HDF5 itself.
    fn read_through_hdf5(
        &self,
        ds: &Dataset,
        origin: &[u64],
        runs: &[(usize, usize, usize)],
        block: &mut [u8],
    ) -> Result<()> {
        let part = h5raw::read_native(ds, origin, &self.count_at(origin))?;
        let e = self.elem;
        // `part` holds the runs one after another, in the same order.
        let mut at = 0;
        for &(_, b, len) in runs {
            block[b * e..(b + len) * e].copy_from_slice(&part[at * e..(at + len) * e]);
            at += len;
        }
        Ok(())
    }

    /// Rows `rows` of `src`, a dataset of this one's shape and element type, read through
    /// HDF5 (native bytes) into `block` (its memory used again): the block
    /// [`DirectChunks::write_rows`] takes.
    pub fn read_plain(
        &self,
        src: &Dataset,
        rows: std::ops::Range<usize>,
        block: &mut Vec<u8>,
    ) -> Result<()> {
        let (start, count) = h5raw::rows_block(&self.shape, rows);
        h5raw::read_native_into(src, &start, &count, block)
    }

    /// Rows `rows` of this dataset `src`, decoded (see [`DirectChunks::read_rows`]) into
    /// `block` (its memory used again).
    pub fn decoded_rows(
        &self,
        src: &Dataset,
        rows: std::ops::Range<usize>,
        block: &mut Vec<u8>,
    ) -> Result<()> {
        let (_, count) = h5raw::rows_block(&self.shape, rows.clone());
        let n = count.iter().product::<u64>() as usize;
        crate::alloc::reuse_bytes(block, n * self.elem)?;
        self.read_rows(src, block, rows)
    }

    /// Write `block`, rows `rows` of a dataset of this one's shape and element type, to
    /// `dst` through HDF5, a band of chunk rows at a time (so that other threads' HDF5 calls
    /// get their turn between the bands).
    pub fn write_plain(
        &self,
        dst: &Dataset,
        rows: std::ops::Range<usize>,
        block: &[u8],
    ) -> Result<()> {
        let row_bytes = self.shape[1..].iter().product::<usize>() * self.elem;
        let step = self.chunk_rows().max(1);
        let mut at = rows.start;
        while at < rows.end {
            let band = at..(at + step).min(rows.end);
            let (start, count) = h5raw::rows_block(&self.shape, band.clone());
            let bytes = (band.start - rows.start) * row_bytes..(band.end - rows.start) * row_bytes;
            h5raw::write_native(dst, &start, &count, &block[bytes])?;
            at = band.end;
        }
        Ok(())
    }
}

/// A chunk of `ds` that does not decode, as an error naming the dataset.
fn corrupt(ds: &Dataset, err: Error) -> Error {
    Error::Hdf5(format!("{}: {err}", ds.name()))
}

/// `load` each item in turn on this thread and `store` what it gave on a second thread, the
/// loading of one item overlapping the storing of the one before (at most two loaded values
/// alive at once). Stops at the first error, after the store under way ends.
pub fn overlapped<I: Send, T: Send>(
    items: impl IntoIterator<Item = I>,
    mut load: impl FnMut(&I) -> Result<T>,
    store: impl Fn(I, T) -> Result<()> + Sync,
) -> Result<()> {
    std::thread::scope(|s| {
        let store = &store;
        let join = |h: std::thread::ScopedJoinHandle<'_, Result<()>>| {
            h.join()
                .unwrap_or_else(|_| Err(Error::Hdf5("a storing thread panicked".into())))
        };
        let mut pending = None;
        for item in items {
            let loaded = load(&item);
            if let Some(h) = pending.take() {
                join(h)?;
            }
            let value = loaded?;
            pending = Some(s.spawn(move || store(item, value)));
        }
        pending.map_or(Ok(()), join)
    })
}

/// `load` each item in turn on this thread, `work` on what it gave on the filter's threads,
/// and `take` each result, with the item's index, on this thread as it comes. Every HDF5 call
/// belongs in `load` or `take`: a pool thread waiting for hdf5-metno's lock could wait for
/// ever, as the thread holding it may be inside HDF5's filter call, waiting for the same pool.
/// At most a few items per thread are loaded and not yet taken. The first error of `load` or
/// `take` is returned once the work under way ends (loaded items not yet started are skipped).
pub(crate) fn pipeline<I, L: Send, R: Send>(
    items: impl IntoIterator<Item = I>,
    mut load: impl FnMut(I) -> Result<L>,
    work: impl Fn(L) -> Result<R> + Sync,
    mut take: impl FnMut(usize, Result<R>) -> Result<()>,
) -> Result<()> {
    let n = threads::threads();
    let pool = (n > 1).then(|| threads::pool(n)).flatten();
    let Some(pool) = pool else {
        for (i, item) in items.into_iter().enumerate() {
            take(i, work(load(item)?))?;
        }
        return Ok(());
    };
    let stop = AtomicBool::new(false);
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Option<Result<R>>)>();
    // This thread stays outside the pool: it loads and takes while the pool's threads work.
    pool.in_place_scope(|s| {
        let (work, stop) = (&work, &stop);
        let mut result = Ok(());
        let mut waiting = 0usize;
        let mut got = |(i, r): (usize, Option<Result<R>>), result: &mut Result<()>| {
            if let (Some(r), true) = (r, result.is_ok()) {
                *result = take(i, r);
                if result.is_err() {
                    stop.store(true, Ordering::Relaxed);
                }
            }
        };
        for (i, item) in items.into_iter().enumerate() {
            while waiting >= 4 * n {
                let Ok(msg) = rx.recv() else { break };
                waiting -= 1;
                got(msg, &mut result);
            }
            if result.is_err() {
                break;
            }
            let loaded = match load(item) {
                Ok(loaded) => loaded,
                Err(e) => {
                    result = Err(e);
                    stop.store(true, Ordering::Relaxed);
                    break;
                }
            };
            let tx = tx.clone();
            waiting += 1;
            s.spawn(move |_| {
                // Every item sends one message, so that this thread counts them home; a panic
                // in `work` becomes an error.
                let r = (!stop.load(Ordering::Relaxed)).then(|| {
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(loaded)))
                        .unwrap_or_else(|_| Err(Error::Hdf5("a coding thread panicked".into())))
                });
                let _ = tx.send((i, r));
            });
            while let Ok(msg) = rx.try_recv() {
                waiting -= 1;
                got(msg, &mut result);
            }
        }
        while waiting > 0 {
            let Ok(msg) = rx.recv() else { break };
            waiting -= 1;
            got(msg, &mut result);
        }
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// Loads and takes happen on the calling thread, work on the pool's, every result is
    /// taken once; an error of `load`, `work` (a panic too) or `take` is returned.
    #[test]
    fn pipeline_loads_and_takes_on_the_calling_thread() {
        let _one = threads::TEST_LOCK.lock().unwrap_or_else(|e| e.into_inner());
        let _ = threads::pool(3);
        threads::set_threads(Some(3));
        let me = std::thread::current().id();
        let worked_on = Mutex::new(std::collections::HashSet::new());
        let mut taken = Vec::new();
        let load = |i: usize| {
            assert_eq!(std::thread::current().id(), me);
            Ok(i * 2)
        };
        let work = |v: usize| {
            worked_on
                .lock()
                .unwrap()
                .insert(std::thread::current().id());
            std::thread::sleep(std::time::Duration::from_millis(1));
            Ok(v + 1)
        };
        pipeline(0..100, load, work, |i, r| {
            assert_eq!(std::thread::current().id(), me);
            taken.push((i, r?));
            Ok(())
        })
        .unwrap();
        taken.sort();
        assert_eq!(taken, (0..100).map(|i| (i, i * 2 + 1)).collect::<Vec<_>>());
        assert!(!worked_on.lock().unwrap().contains(&me));

        let load = |i: usize| {
            if i == 50 {
                Err(Error::Hdf5("load 50".into()))
            } else {
                Ok(i)
            }
        };
        let e = pipeline(0..100, load, Ok, |_, r| r.map(drop)).unwrap_err();
        assert!(e.to_string().contains("load 50"), "{e}");
        let work = |v: usize| {
            if v == 7 {
                panic!("work 7");
            }
            Ok(v)
        };
        let e = pipeline(0..20, Ok, work, |_, r| r.map(drop)).unwrap_err();
        assert!(e.to_string().contains("panicked"), "{e}");
        let mut takes = 0;
        let e = pipeline(0..100, Ok, Ok, |_, _| {
            takes += 1;
            Err(Error::Hdf5("take".into()))
        })
        .unwrap_err();
        assert!(e.to_string().contains("take") && takes == 1, "{e}");
        threads::set_threads(None);
    }

    #[test]
    fn overlapped_stores_every_item_in_order_and_stops_at_an_error() {
        let stored = Mutex::new(Vec::new());
        let store = |i: usize, v: usize| {
            stored.lock().unwrap().push((i, v));
            Ok(())
        };
        overlapped(0..5, |&i| Ok(i * 10), store).unwrap();
        assert_eq!(
            *stored.lock().unwrap(),
            vec![(0, 0), (1, 10), (2, 20), (3, 30), (4, 40)]
        );

        // A failed load: the store under way finishes, nothing after it runs.
        stored.lock().unwrap().clear();
        let load = |&i: &usize| {
            if i == 2 {
                Err(Error::Hdf5("load 2".into()))
            } else {
                Ok(i)
            }
        };
        let e = overlapped(0..5, load, store).unwrap_err();
        assert!(e.to_string().contains("load 2"), "{e}");
        assert_eq!(*stored.lock().unwrap(), vec![(0, 0), (1, 1)]);

        // A failed store is reported after the next load, and nothing more is stored.
        let loads = Mutex::new(0);
        let load = |&i: &usize| {
            *loads.lock().unwrap() += 1;
            Ok(i)
        };
        let store = |i: usize, _| {
            if i == 1 {
                Err(Error::Hdf5("store 1".into()))
            } else {
                Ok(())
            }
        };
        let e = overlapped(0..5, load, store).unwrap_err();
        assert!(e.to_string().contains("store 1"), "{e}");
        assert_eq!(*loads.lock().unwrap(), 3);
    }
}
