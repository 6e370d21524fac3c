//! Temporary
pub mod codec;
pub mod convert;
pub mod dtype;
pub mod error;
pub mod frames;
