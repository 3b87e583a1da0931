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

/// The user and groups this process runs as: what `ping_group_range` is checked against.
/// One type for every platform; Windows has no uid/gid, so its `identity()` gives all 0 and
/// no groups (the capability report says ping_group_range does not apply there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub uid: u32,
    pub euid: u32,
    pub gid: u32,
    pub egid: u32,
    pub groups: Vec<u32>,
}
