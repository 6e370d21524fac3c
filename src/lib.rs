//! Temporary
pub mod codec;
pub mod compress;
pub mod convert;
pub mod dtype;
pub mod error;
pub mod frames;
pub use compress::*;
pub use error::{Error, Result};
