//! The one place with `unsafe` code: bindings to Node-API, the Linux system calls (`os.rs`)
//! and the Windows ones (`windows.rs`).
//!
//! Everything exported from here is a safe interface; the rest of the crate is compiled
//! with `#![deny(unsafe_code)]`. Keep this module small and every `unsafe` block commented
//! with why it is sound.

#[cfg(target_os = "linux")]
mod fault;
pub mod napi;
#[cfg(target_os = "linux")]
pub mod os;
#[cfg(windows)]
pub mod windows;
