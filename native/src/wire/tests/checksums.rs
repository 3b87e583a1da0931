//! Checksum verification through the entry points: a flipped bit is caught and reported
//! with the expected and actual values; a correct packet passes; nothing is verified unless
//! asked.

use std::net::Ipv6Addr;

use super::super::{checksum, decode_icmp, decode_ip_packet, DecodeOptions, Family, WireError};
use super::vectors::{ALL, V4_ECHO_REQUEST, V6_ADMIN_PROHIBITED, V6_ECHO_REPLY};
use super::{icmp_part, verify, HOST6, TARGET6};

#[test]
fn correct_packets_pass() {
    for (name, packet) in ALL {
        let decoded = decode_ip_packet(packet, verify()).unwrap();
        assert_eq!(decoded.icmp.checksum_ok, Some(true), "{name}");
        let unverified = decode_ip_packet(packet, DecodeOptions::default()).unwrap();
        assert_eq!(unverified.icmp.checksum_ok, None, "{name}");
    }
}

#[test]
fn a_flipped_bit_in_icmpv4_is_caught() {
    let mut packet = V4_ECHO_REQUEST;
    packet[30] ^= 0x04; // inside the payload
    let mut zeroed = packet[20..].to_vec();
    zeroed[2..4].fill(0);
    let expected = checksum::internet(&zeroed);
    let bad = WireError::BadChecksum { what: "ICMPv4 message", expected, actual: 0x789e };
    assert_eq!(decode_ip_packet(&packet, verify()), Err(bad.clone()));
    assert_eq!(decode_icmp(Family::V4, &packet[20..], verify()), Err(bad));
    // Not asked, not checked.
    assert_eq!(decode_ip_packet(&packet, DecodeOptions::default()).unwrap().icmp.checksum_ok, None);
}

#[test]
fn a_flipped_bit_in_the_ipv4_header_is_caught() {
    let mut packet = V4_ECHO_REQUEST;
    packet[8] ^= 0x01; // TTL 64 -> 65
    let mut zeroed = packet[..20].to_vec();
    zeroed[10..12].fill(0);
    let expected = checksum::internet(&zeroed);
    let actual = u16::from_be_bytes([packet[10], packet[11]]);
    assert_eq!(
        decode_ip_packet(&packet, verify()),
        Err(WireError::BadChecksum { what: "IPv4 header", expected, actual })
    );
}

#[test]
fn a_flipped_bit_in_icmpv6_is_caught() {
    let mut packet = V6_ADMIN_PROHIBITED;
    packet[100] ^= 0x80; // inside the quote
    let message = &packet[40..];
    let mut zeroed = message.to_vec();
    zeroed[2..4].fill(0);
    let router: Ipv6Addr = "2001:db8:ffff::1".parse().unwrap();
    let expected = checksum::icmpv6(&router, &HOST6, &zeroed);
    let actual = u16::from_be_bytes([message[2], message[3]]);
    assert_eq!(
        decode_ip_packet(&packet, verify()),
        Err(WireError::BadChecksum { what: "ICMPv6 message", expected, actual })
    );
}

#[test]
fn bare_icmpv6_needs_the_pseudo_header() {
    let message = icmp_part(&V6_ECHO_REPLY);
    let right = DecodeOptions { verify_checksum: true, pseudo_header: Some((TARGET6, HOST6)) };
    assert_eq!(decode_icmp(Family::V6, message, right).unwrap().checksum_ok, Some(true));
    // Without addresses there is nothing to verify against.
    assert_eq!(decode_icmp(Family::V6, message, verify()).unwrap().checksum_ok, None);
    // Addresses given but verification not asked: still not verified.
    let unasked = DecodeOptions { verify_checksum: false, ..right };
    assert_eq!(decode_icmp(Family::V6, message, unasked).unwrap().checksum_ok, None);
    // The wrong addresses make a right message look corrupt.
    let wrong = DecodeOptions { verify_checksum: true, pseudo_header: Some((HOST6, HOST6)) };
    assert_eq!(decode_icmp(Family::V6, message, wrong).unwrap_err().code(), "BAD_CHECKSUM");
}

#[test]
fn incomplete_messages_are_not_verified() {
    // A first fragment: the checksum covers bytes this packet does not hold.
    let mut fragment = V4_ECHO_REQUEST;
    fragment[6] = 0x20; // MF, no DF
    fragment[10..12].fill(0);
    let header_sum = checksum::internet(&fragment[..20]);
    fragment[10..12].copy_from_slice(&header_sum.to_be_bytes());
    fragment[30] ^= 0xff; // as if the rest were elsewhere
    assert_eq!(decode_ip_packet(&fragment, verify()).unwrap().icmp.checksum_ok, None);
    // A capture cut short.
    assert_eq!(decode_ip_packet(&V4_ECHO_REQUEST[..40], verify()).unwrap().icmp.checksum_ok, None);
}
