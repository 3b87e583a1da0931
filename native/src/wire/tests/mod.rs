//! Tests of the wire decoders as a whole; each protocol file also tests its own wrapper.

mod catalog;
mod checksums;
mod fuzz;
mod rng;
mod roundtrip;
mod truncation;
mod tshark;
pub(super) mod vectors;

use std::net::Ipv6Addr;

use super::{DecodeOptions, Family};

/// The IPv6 addresses of the vectors: our host, and the target it pings.
pub(super) const HOST6: Ipv6Addr = Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x10);
pub(super) const TARGET6: Ipv6Addr = Ipv6Addr::new(0x2001, 0xdb8, 1, 0, 0, 0, 0, 7);

/// Options that verify checksums (a bare ICMPv6 message's only with a pseudo-header added).
fn verify() -> DecodeOptions {
    DecodeOptions { verify_checksum: true, pseudo_header: None }
}

/// The family of a whole-packet vector, from its first nibble.
fn family_of(packet: &[u8]) -> Family {
    if packet[0] >> 4 == 4 {
        Family::V4
    } else {
        Family::V6
    }
}

/// The bare ICMP message inside a whole-packet vector (none of them has IPv4 options or
/// IPv6 extension headers in its outer header).
fn icmp_part(packet: &[u8]) -> &[u8] {
    match family_of(packet) {
        Family::V4 => &packet[usize::from(packet[0] & 0x0f) * 4..],
        Family::V6 => &packet[40..],
    }
}
