//! Helpers shared by integration tests. Each test uses some of them.
#![allow(dead_code, unused_imports)]

pub mod backend;
pub mod compat;

/// The group functions, generic over the store (the same in `hdf5` and `zarr`).
#[cfg(feature = "hdf5")]
pub use flacarray::hdf5 as store_fns;
#[cfg(all(feature = "zarr", not(feature = "hdf5")))]
pub use flacarray::zarr as store_fns;
