//! Pure, I/O-free decoders for the packets ICMP Doctor sees: IPv4 and IPv6 headers, ICMPv4
//! and ICMPv6 messages, and the *quoted original packet* inside ICMP errors.
//!
//! # Contract
//! - **Decoders never panic**, whatever the input: every public function returns a value or a
//!   typed [`WireError`]. A test feeds a million random and mutated packets through each of
//!   them to keep it that way.
//! - The zero-copy `Packet` wrappers ([`ipv4::Packet`], [`ipv6::Packet`], [`icmpv4::Packet`],
//!   [`icmpv6::Packet`]) follow smoltcp's discipline: `new_checked` is the only door for
//!   untrusted bytes, and once `check_len()` has succeeded no accessor panics. `new_unchecked`
//!   is for buffers the caller has sized itself (e.g. to build a packet).
//! - Checksums are verified only when asked ([`DecodeOptions::verify_checksum`]): the Linux
//!   kernel already verified what a ping socket hands us, while captures and raw sockets may
//!   deserve a check.
//! - Quoted packets are usually truncated (routers often quote only the IP header and 8 more
//!   bytes); that is never a reason to reject the error that carries them. The quote is
//!   decoded as far as it goes — see [`Quoted`] and [`QuotedTransport`].
//! - `Truncated` lengths count from the start of the structure the error names: "ICMPv4
//!   header truncated: needs at least 8 bytes, got 5" means 5 bytes followed the IP header.
//!
//! # Entry points
//! - [`decode_ip_packet`]: a whole packet, outer IPv4/IPv6 header included (raw sockets,
//!   macOS datagram sockets, pcap captures).
//! - [`decode_icmp`]: a bare ICMP message (what a Linux ping socket's `recvmsg` returns).
//! - [`parse_echo`]: only the echo header and payload, for the engine's hot path.
//! - [`describe`]: name and human text of a type/code, e.g. from `sock_extended_err`.
//!
//! This module has no dependencies beyond `std` and contains no `unsafe` code.

#[macro_use]
mod macros;

mod bytes;
pub mod checksum;
mod decode_icmp;
mod decode_packet;
mod describe;
mod error;
pub mod icmpv4;
pub mod icmpv6;
mod info;
pub mod ipv4;
pub mod ipv6;
mod ipv6_ext;
mod quoted;

#[cfg(test)]
mod tests;

pub use self::decode_icmp::{decode_icmp, parse_echo};
pub use self::decode_packet::decode_ip_packet;
pub use self::describe::describe;
pub use self::error::WireError;
pub use self::info::{
    Decoded, Description, Echo, EchoInfo, IcmpClass, IcmpInfo, IpHeaderInfo, Quoted, QuotedTransport,
};

use std::fmt;
use std::net::Ipv6Addr;

/// The IP version a packet or ICMP message belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// IPv4, carrying ICMPv4.
    V4,
    /// IPv6, carrying ICMPv6.
    V6,
}

impl Family {
    /// The IP version number: 4 or 6.
    pub fn number(self) -> u8 {
        match self {
            Family::V4 => 4,
            Family::V6 => 6,
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Family::V4 => "IPv4",
            Family::V6 => "IPv6",
        })
    }
}

/// How strict decoding should be; the default decodes without verifying checksums.
#[derive(Debug, Clone, Copy, Default)]
pub struct DecodeOptions {
    /// Verify the IPv4 header checksum and the ICMP checksum, failing with
    /// [`WireError::BadChecksum`] on a mismatch. A message that is incomplete (a fragment,
    /// or cut short by the capture) cannot be verified and reports `checksum_ok: None`.
    pub verify_checksum: bool,
    /// For a bare ICMPv6 message, the IPv6 pseudo-header addresses needed to verify its checksum.
    /// Without them a bare ICMPv6 checksum is not verified (`checksum_ok: None`). Whole packets
    /// use their own IPv6 header instead.
    pub pseudo_header: Option<(Ipv6Addr, Ipv6Addr)>,
}
