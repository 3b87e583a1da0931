//! Echo requests as we send them, and how we recognise our own replies.
//!
//! The payload starts with a random per-session cookie. The kernel already delivers only
//! replies carrying our socket's echo id, but ids are reused as sockets come and go; the
//! cookie keeps a late reply meant for an earlier session from being counted in this one.

use crate::wire::Family;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

const COOKIE_LEN: usize = 8;
const ICMP_HEADER_LEN: usize = 8;

pub struct Payloads {
    cookie: [u8; COOKIE_LEN],
}

impl Payloads {
    pub fn new() -> Payloads {
        // RandomState is seeded from the OS's randomness: enough to tell sessions apart.
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(std::process::id() as u64);
        Payloads { cookie: hasher.finish().to_be_bytes() }
    }

    /// Writes an echo request (ICMP header + `size` payload bytes) into `packet`. The
    /// kernel fills in the identifier and the checksum.
    pub fn build_request(&self, family: Family, seq: u16, size: usize, packet: &mut Vec<u8>) {
        packet.clear();
        let echo_request = if family == Family::V6 { 128 } else { 8 };
        packet.extend_from_slice(&[echo_request, 0, 0, 0, 0, 0]);
        packet.extend_from_slice(&seq.to_be_bytes());
        let cookie_bytes = size.min(COOKIE_LEN);
        packet.extend_from_slice(&self.cookie[..cookie_bytes]);
        // The rest follows iputils' incrementing pattern, which makes captures easy to read.
        packet.extend((cookie_bytes..size).map(|index| index as u8));
        debug_assert_eq!(packet.len(), ICMP_HEADER_LEN + size);
    }

    /// True when a reply's payload starts with this session's cookie (as far as it reaches).
    pub fn is_ours(&self, payload: &[u8]) -> bool {
        let length = payload.len().min(COOKIE_LEN);
        payload[..length] == self.cookie[..length]
    }
}

/// The echo request on its way out. Consecutive probes of a job differ only in their
/// sequence number, so the packet is rebuilt only when the family or size changes and
/// otherwise just gets its new sequence number.
#[derive(Default)]
pub struct Request {
    packet: Vec<u8>,
    shape: Option<(Family, usize)>,
}

impl Request {
    pub fn build(&mut self, payloads: &Payloads, family: Family, seq: u16, size: usize) -> &[u8] {
        if self.shape == Some((family, size)) {
            self.packet[6..8].copy_from_slice(&seq.to_be_bytes());
        } else {
            payloads.build_request(family, seq, size, &mut self.packet);
            self.shape = Some((family, size));
        }
        &self.packet
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_has_type_seq_cookie_and_pattern() {
        let payloads = Payloads::new();
        let mut packet = Vec::new();
        payloads.build_request(Family::V4, 0x1234, 16, &mut packet);
        assert_eq!(packet.len(), 24);
        assert_eq!(&packet[..8], &[8, 0, 0, 0, 0, 0, 0x12, 0x34]);
        assert!(payloads.is_ours(&packet[8..]));
        assert_eq!(&packet[16..], &[8, 9, 10, 11, 12, 13, 14, 15]);
        payloads.build_request(Family::V6, 1, 0, &mut packet);
        assert_eq!(packet, vec![128, 0, 0, 0, 0, 0, 0, 1]);
    }

    #[test]
    fn foreign_cookie_is_rejected_and_short_payloads_compare_what_they_have() {
        let ours = Payloads::new();
        let theirs = Payloads { cookie: [0xff; 8] };
        let mut packet = Vec::new();
        theirs.build_request(Family::V4, 1, 56, &mut packet);
        assert!(!ours.is_ours(&packet[8..]) || ours.cookie == theirs.cookie);
        ours.build_request(Family::V4, 1, 3, &mut packet);
        assert!(ours.is_ours(&packet[8..]));
        assert!(ours.is_ours(&[]));
    }

    #[test]
    fn a_reused_request_equals_a_fresh_one() {
        let payloads = Payloads::new();
        let mut request = Request::default();
        let mut fresh = Vec::new();
        for (family, seq, size) in [(Family::V4, 1, 56), (Family::V4, 2, 56), (Family::V6, 3, 56), (Family::V6, 4, 0)] {
            payloads.build_request(family, seq, size, &mut fresh);
            assert_eq!(request.build(&payloads, family, seq, size), &fresh[..]);
        }
    }
}
