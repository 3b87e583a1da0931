//! The Internet checksum (RFC 1071), for ICMPv4, IPv4 headers and ICMPv6 (RFC 4443 §2.3).
//!
//! Both functions return the value to store in a checksum field: compute it over the message
//! with that field zeroed. Over a message whose field is already filled in, [`internet`]
//! returns 0 exactly when the checksum is right. Whether to verify is the caller's policy.

use std::net::Ipv6Addr;

/// The ICMPv6 next-header value, used in the IPv6 pseudo-header.
const NEXT_HEADER_ICMPV6: u8 = 58;

/// The one's-complement checksum of `data` (an odd last byte is padded with zero).
pub fn internet(data: &[u8]) -> u16 {
    !fold(accumulate(0, data))
}

/// The ICMPv6 checksum of `data` sent from `src` to `dst` (the pseudo-header is included).
pub fn icmpv6(src: &Ipv6Addr, dst: &Ipv6Addr, data: &[u8]) -> u16 {
    !fold(accumulate(pseudo_header_sum(src, dst, data.len()), data))
}

/// Adds `data` as big-endian 16-bit words to a running sum. A 64-bit sum cannot overflow
/// for any buffer that fits in memory.
pub(super) fn accumulate(mut sum: u64, data: &[u8]) -> u64 {
    let mut words = data.chunks_exact(2);
    for word in &mut words {
        sum += u64::from(u16::from_be_bytes([word[0], word[1]]));
    }
    if let [last] = words.remainder() {
        sum += u64::from(*last) << 8;
    }
    sum
}

/// Folds the carries back in until the sum fits in 16 bits.
pub(super) fn fold(mut sum: u64) -> u16 {
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    sum as u16
}

/// The sum of the IPv6 pseudo-header for an ICMPv6 message of `len` bytes.
pub(super) fn pseudo_header_sum(src: &Ipv6Addr, dst: &Ipv6Addr, len: usize) -> u64 {
    // The upper-layer length is 32 bits; a longer buffer cannot be a real message anyway.
    let len = u32::try_from(len).unwrap_or(u32::MAX);
    let mut sum = accumulate(0, &src.octets());
    sum = accumulate(sum, &dst.octets());
    sum = accumulate(sum, &len.to_be_bytes());
    sum + u64::from(NEXT_HEADER_ICMPV6)
}

/// Checks the checksum field at `field_at` (an even offset) of `data`, whose sum starts at
/// `initial` (0, or a pseudo-header sum). `Err((expected, actual))` on a mismatch.
pub(super) fn check(initial: u64, data: &[u8], field_at: usize) -> Result<(), (u16, u16)> {
    if fold(accumulate(initial, data)) == 0xffff {
        return Ok(());
    }
    let field = field_at..field_at + 2;
    let actual = u16::from_be_bytes([data[field.start], data[field.start + 1]]);
    let without_field = accumulate(accumulate(initial, &data[..field.start]), &data[field.end..]);
    Err((!fold(without_field), actual))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc1071_example() {
        // RFC 1071 §3: these words sum to 0xddf2, so the checksum is its complement.
        let data = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7];
        assert_eq!(fold(accumulate(0, &data)), 0xddf2);
        assert_eq!(internet(&data), 0x220d);
    }

    #[test]
    fn odd_length_pads_with_zero() {
        assert_eq!(internet(&[0x12, 0x34, 0x56]), internet(&[0x12, 0x34, 0x56, 0x00]));
        assert_eq!(internet(&[]), 0xffff);
    }

    #[test]
    fn ipv4_header_known_answer() {
        // The classic Wikipedia example header; its checksum field holds 0xb861.
        let mut header = [
            0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8,
            0x00, 0xc7,
        ];
        assert_eq!(internet(&header), 0xb861);
        header[10..12].copy_from_slice(&0xb861u16.to_be_bytes());
        assert_eq!(internet(&header), 0);
        assert_eq!(check(0, &header, 10), Ok(()));
        header[10] ^= 0x01;
        assert_eq!(check(0, &header, 10), Err((0xb861, 0xb961)));
    }

    #[test]
    fn icmpv6_known_answer() {
        // An echo request 2001:db8::10 -> 2001:db8:1::7, id 0x1234, seq 1, payload
        // "ICMP Doctor 0001"; tshark 4.0.17 reports its checksum 0xa4c1 as good.
        let src: Ipv6Addr = "2001:db8::10".parse().unwrap();
        let dst: Ipv6Addr = "2001:db8:1::7".parse().unwrap();
        let mut message = b"\x80\x00\x00\x00\x12\x34\x00\x01ICMP Doctor 0001".to_vec();
        assert_eq!(icmpv6(&src, &dst, &message), 0xa4c1);
        message[2..4].copy_from_slice(&0xa4c1u16.to_be_bytes());
        assert_eq!(icmpv6(&src, &dst, &message), 0);
        assert_eq!(check(pseudo_header_sum(&src, &dst, message.len()), &message, 2), Ok(()));
        // Swapping the addresses does not change a one's-complement sum; changing one does.
        assert_eq!(icmpv6(&dst, &src, &message), 0);
        let other: Ipv6Addr = "2001:db8::11".parse().unwrap();
        assert_ne!(icmpv6(&other, &dst, &message), 0);
    }

    #[test]
    fn fold_handles_many_carries() {
        let data = vec![0xff; 200_000];
        assert_eq!(internet(&data), 0x0000);
    }
}
