//! The MPI suite's data (each rank's rows, the values every rank can compute, tolerances)
//! and its runner (a test passes only if it passed on every rank).

use std::path::PathBuf;

use flacarray::h5z::FilterParams;
use flacarray::mpi::rsmpi::topology::SimpleCommunicator;
use flacarray::mpi::rsmpi::traits::*;
use flacarray::{CompressOptions, Element, Error};
use ndarray::{ArrayD, IxDyn};

pub const ROWS: [usize; 3] = [3, 0, 5];
pub const MID: usize = 2;
pub const N: usize = 3000;
pub const QUANTA: f64 = 1e-3;

/// Rows of the global array before rank `p`, and rank `p`'s rows.
pub fn rows_of(p: usize) -> (usize, usize) {
    let first: usize = (0..p).map(|q| ROWS[q % 3]).sum();
    (first, first + ROWS[p % 3])
}

/// The test values, as a function of the global position.
pub trait Value: Element + hdf5_metno::H5Type + Default + Clone + std::fmt::Debug {
    fn at(row: usize, j: usize, k: usize) -> Self;
    /// The largest error allowed after a round trip.
    fn tolerance() -> f64;
    fn as_f64(self) -> f64;
    fn opts() -> CompressOptions {
        if Self::DTYPE.is_float() {
            CompressOptions::default().quanta(QUANTA)
        } else {
            CompressOptions::default()
        }
    }
    fn filter() -> FilterParams {
        if Self::DTYPE.is_float() {
            FilterParams::quanta(5, QUANTA)
        } else {
            FilterParams::lossless(5)
        }
    }
}

pub fn wave(row: usize, j: usize, k: usize) -> f64 {
    let x = k as f64 * 0.01 * (1.0 + row as f64 * 0.1 + j as f64 * 0.05);
    100.0 * x.sin() + (row * 13 + j * 7) as f64 + ((k * 7919 + row * 104_729) % 17) as f64 * 0.01
}

macro_rules! int_value {
    ($t:ty, $scale:expr) => {
        impl Value for $t {
            fn at(row: usize, j: usize, k: usize) -> Self {
                (wave(row, j, k) * $scale) as $t
            }
            fn tolerance() -> f64 {
                0.0
            }
            fn as_f64(self) -> f64 {
                self as f64
            }
        }
    };
}
int_value!(i32, 1000.0);
int_value!(i64, 1.0e9);

macro_rules! float_value {
    ($t:ty) => {
        impl Value for $t {
            fn at(row: usize, j: usize, k: usize) -> Self {
                wave(row, j, k) as $t
            }
            fn tolerance() -> f64 {
                // Half a quanta, plus the type's rounding of values near 100.
                0.5 * QUANTA + 2e-5
            }
            fn as_f64(self) -> f64 {
                self as f64
            }
        }
    };
}
float_value!(f32);
float_value!(f64);

/// Rows `rows` of the global test array, samples `samples`.
pub fn expected<T: Value>(
    rows: std::ops::Range<usize>,
    samples: std::ops::Range<usize>,
) -> ArrayD<T> {
    ArrayD::from_shape_fn(IxDyn(&[rows.len(), MID, samples.len()]), |ix| {
        T::at(rows.start + ix[0], ix[1], samples.start + ix[2])
    })
}

pub fn close<T: Value>(what: &str, got: &ArrayD<T>, want: &ArrayD<T>) -> Result<(), String> {
    if got.shape() != want.shape() {
        return Err(format!(
            "{what}: shape {:?}, expected {:?}",
            got.shape(),
            want.shape()
        ));
    }
    let worst = got
        .iter()
        .zip(want)
        .map(|(&a, &b)| (a.as_f64() - b.as_f64()).abs())
        .fold(0.0, f64::max);
    if worst > T::tolerance() {
        return Err(format!("{what}: error {worst} exceeds {}", T::tolerance()));
    }
    Ok(())
}

pub struct Suite {
    pub world: SimpleCommunicator,
    pub rank: usize,
    pub size: usize,
    pub dir: PathBuf,
    pub passed: usize,
    pub failed: usize,
}

impl Suite {
    pub fn run(&mut self, name: &str, f: impl FnOnce(&Suite) -> Result<(), String>) {
        let result = f(self);
        // A test counts as passed only if it passed on every rank.
        let bad = i32::from(result.is_err());
        let mut all = vec![0i32; self.size];
        self.world.all_gather_into(&bad, &mut all[..]);
        if let Err(e) = &result {
            eprintln!("rank {}: FAIL {name}: {e}", self.rank);
        }
        if all.iter().any(|&b| b != 0) {
            self.failed += 1;
            if self.rank == 0 {
                println!("test {name} ... FAILED");
            }
        } else {
            self.passed += 1;
            if self.rank == 0 {
                println!("test {name} ... ok");
            }
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}-n{}.h5", self.size))
    }

    pub fn local<T: Value>(&self) -> ArrayD<T> {
        let (a, b) = rows_of(self.rank);
        expected::<T>(a..b, 0..N)
    }

    pub fn global_rows(&self) -> usize {
        rows_of(self.size - 1).1
    }
}

pub fn e2s(e: Error) -> String {
    e.to_string()
}
