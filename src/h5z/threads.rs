//! How many threads the filter codes one chunk's streams on. HDF5 calls a filter one chunk at
//! a time, so the filter's own threads are the only way one HDF5 read or write uses several
//! cores: the streams of each chunk are encoded and decoded on a pool of that many threads.
//!
//! The count comes from [`set_threads`] (the `h5flac` package's `set_nthreads`, the C function
//! `flacarray_set_threads`) or else from the environment variable [`THREADS_ENV`], read at
//! each chunk: unset or empty = 1 (no threads), `N` = N threads, `0` or `auto` = the cores this
//! process may use. Under MPI with one rank per core, leave it at 1.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rayon::{ThreadPool, ThreadPoolBuilder};

/// The environment variable with the filter's thread count (like `BLOSC_NTHREADS`).
pub const THREADS_ENV: &str = "FLACARRAY_FILTER_THREADS";

/// The most threads the filter uses, whatever is asked.
pub const MAX_THREADS: usize = 256;

/// Set by [`set_threads`]; 0: not set, the environment decides.
static OVERRIDE: AtomicUsize = AtomicUsize::new(0);

/// The cores this process may use (its CPU affinity and cgroup quota): the thread count that
/// `0` or `auto` asks for.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The thread count a value of [`THREADS_ENV`] asks for.
pub fn parse(value: Option<&str>) -> Result<usize, String> {
    let v = value.map(str::trim).unwrap_or("");
    let n = match v {
        "" => 1,
        "0" | "auto" => cores(),
        _ => v.parse::<usize>().map_err(|_| {
            format!("{THREADS_ENV}={v:?} is not a thread count: use a number, 0 or auto")
        })?,
    };
    Ok(n.clamp(1, MAX_THREADS))
}

/// Set the filter's thread count for this process (`Some(0)`: the cores it may use), or go
/// back to the environment variable (`None`).
pub fn set_threads(n: Option<usize>) {
    let n = match n {
        None => 0,
        Some(0) => cores(),
        Some(n) => n.min(MAX_THREADS),
    };
    OVERRIDE.store(n, Ordering::Relaxed);
}

/// The thread count for the next chunk. A value of the environment variable that is not a
/// count gives 1, with one message on stderr.
pub fn threads() -> usize {
    match OVERRIDE.load(Ordering::Relaxed) {
        0 => parse(std::env::var(THREADS_ENV).ok().as_deref()).unwrap_or_else(|msg| {
            static WARNED: AtomicBool = AtomicBool::new(false);
            if !WARNED.swap(true, Ordering::Relaxed) {
                eprintln!("flacarray filter: {msg}; using 1 thread");
            }
            1
        }),
        n => n,
    }
}

/// The pool the filter codes on: one at a time, of the size last asked for, in the process
/// that made it.
struct Current {
    pid: u32,
    size: usize,
    pool: Arc<ThreadPool>,
}

static CURRENT: Mutex<Option<Current>> = Mutex::new(None);

/// A pool of `n` threads; `None` if no thread can be started. The pool is kept while
/// the count stays the same. A new count replaces it (its threads end once the chunks coded
/// on it are done), so a program that asks for many counts holds one pool's threads, not
/// one pool per count. In a process forked from the one that made it (multiprocessing, dask's
/// process workers) the pool's threads do not exist: a new pool is made there, and the old
/// one's memory left alone (ending threads the child does not have would wait forever).
pub(crate) fn pool(n: usize) -> Option<Arc<ThreadPool>> {
    let pid = std::process::id();
    {
        let mut current = CURRENT.lock().unwrap_or_else(|e| e.into_inner());
        match current.as_ref() {
            Some(c) if c.pid != pid => std::mem::forget(current.take()),
            Some(c) if c.size == n => return Some(c.pool.clone()),
            _ => {}
        }
    }
    // Made outside the lock: a fork while another thread starts threads cannot leave the
    // lock held in the child.
    let pool = Arc::new(
        ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(|i| format!("flacarray-filter-{i}"))
            .build()
            .ok()?,
    );
    let mut current = CURRENT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(c) = current.as_ref().filter(|c| c.pid == pid && c.size == n) {
        // Another thread made one of this size meanwhile: use it, drop ours.
        return Some(c.pool.clone());
    }
    if current.as_ref().is_some_and(|c| c.pid != pid) {
        std::mem::forget(current.take());
    }
    *current = Some(Current {
        pid,
        size: n,
        pool: pool.clone(),
    });
    Some(pool)
}

/// Run `f` with the streams of a chunk to be coded on `n` threads: `f(true)` inside a pool of
/// `n` threads, or `f(false)` on the calling thread when `n` is 1 (or no pool can be made).
pub fn with_threads<R: Send>(n: usize, f: impl FnOnce(bool) -> R + Send) -> R {
    match (n > 1).then(|| pool(n)).flatten() {
        Some(p) => p.install(|| f(true)),
        None => f(false),
    }
}

/// Held by the unit tests that change or count the filter's pool, one at a time.
#[cfg(test)]
pub(crate) static TEST_LOCK: Mutex<()> = Mutex::new(());

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_from_the_environment_value() {
        assert_eq!(parse(None), Ok(1));
        assert_eq!(parse(Some("")), Ok(1));
        assert_eq!(parse(Some("1")), Ok(1));
        assert_eq!(parse(Some(" 3 ")), Ok(3));
        assert_eq!(parse(Some("0")), Ok(cores()));
        assert_eq!(parse(Some("auto")), Ok(cores()));
        assert_eq!(parse(Some("100000")), Ok(MAX_THREADS));
        let e = parse(Some("yes")).unwrap_err();
        assert!(e.contains("not a thread count"), "{e}");
    }

    #[test]
    fn one_pool_at_a_time_of_the_size_asked() {
        let _one = TEST_LOCK.lock().unwrap_or_else(|e| e.into_inner());
        let inside = with_threads(3, |t| (t, rayon::current_num_threads()));
        assert_eq!(inside, (true, 3));
        assert!(!with_threads(1, |t| t));
        let a = pool(3).unwrap();
        assert!(
            Arc::ptr_eq(&a, &pool(3).unwrap()),
            "kept while the count stays"
        );
        // Many counts: the pools replaced are dropped once unused, their threads end.
        let weak = Arc::downgrade(&a);
        drop(a);
        for n in 2..40 {
            assert_eq!(with_threads(n, |_| rayon::current_num_threads()), n);
        }
        assert!(weak.upgrade().is_none(), "the pool of 3 was freed");
        let held = pool(39).unwrap();
        assert_eq!(
            Arc::strong_count(&held),
            2,
            "one pool kept: the current one"
        );
    }
}
