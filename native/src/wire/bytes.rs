//! Byte ranges and big-endian access shared by the `Packet` wrappers.
//!
//! Callers slice with a `field` range first, so every helper sees exactly the bytes it needs;
//! the wrappers' `check_len` is what makes that slicing safe.

use std::net::{Ipv4Addr, Ipv6Addr};
use std::ops::{Range, RangeFrom};

/// A fixed byte range inside a header.
pub(super) type Field = Range<usize>;
/// Everything from an offset to the end of the buffer.
pub(super) type Rest = RangeFrom<usize>;

pub(super) fn be_u16(b: &[u8]) -> u16 {
    u16::from_be_bytes([b[0], b[1]])
}

pub(super) fn be_u32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

pub(super) fn set_be_u16(b: &mut [u8], value: u16) {
    b[..2].copy_from_slice(&value.to_be_bytes());
}

pub(super) fn set_be_u32(b: &mut [u8], value: u32) {
    b[..4].copy_from_slice(&value.to_be_bytes());
}

pub(super) fn ipv4_addr(b: &[u8]) -> Ipv4Addr {
    Ipv4Addr::new(b[0], b[1], b[2], b[3])
}

pub(super) fn ipv6_addr(b: &[u8]) -> Ipv6Addr {
    let mut octets = [0u8; 16];
    octets.copy_from_slice(&b[..16]);
    Ipv6Addr::from(octets)
}
