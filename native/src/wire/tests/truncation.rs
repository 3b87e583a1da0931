//! Every prefix of every vector, through every entry point: a value or a typed error, with
//! the right lengths, and never a rejected error because its quote was cut short.

use super::super::{decode_icmp, decode_ip_packet, parse_echo, DecodeOptions, Family, IcmpClass, WireError};
use super::vectors::{ALL, V4_PACKET_FILTERED, V6_ADMIN_PROHIBITED};
use super::{family_of, icmp_part, verify};

#[test]
fn every_prefix_of_every_whole_packet() {
    for (name, packet) in ALL {
        let family = family_of(packet);
        let (ip_header, ip_what, icmp_what) = match family {
            Family::V4 => (20, "IPv4 header", "ICMPv4 header"),
            Family::V6 => (40, "IPv6 header", "ICMPv6 header"),
        };
        let full = decode_ip_packet(packet, verify()).unwrap();
        for len in 0..=packet.len() {
            let prefix = &packet[..len];
            let result = decode_ip_packet(prefix, verify());
            let expected_error = if len == 0 {
                Some(WireError::truncated("IP header", 20, 0))
            } else if len < ip_header {
                Some(WireError::truncated(ip_what, ip_header, len))
            } else if len < ip_header + 8 {
                Some(WireError::truncated(icmp_what, 8, len - ip_header))
            } else {
                None
            };
            match (expected_error, result) {
                (Some(expected), Err(actual)) => assert_eq!(actual, expected, "{name}[..{len}]"),
                (None, Ok(decoded)) => {
                    let icmp = decoded.icmp;
                    assert_eq!(
                        (icmp.icmp_type, icmp.code, &icmp.name),
                        (full.icmp.icmp_type, full.icmp.code, &full.icmp.name)
                    );
                    // A cut capture cannot be verified, and is not rejected for it.
                    let whole = len == packet.len();
                    assert_eq!(icmp.checksum_ok, whole.then_some(true), "{name}[..{len}]");
                    check_quote_prefix(name, &full.icmp, &icmp, len - ip_header - 8);
                }
                (expected, actual) => {
                    panic!("{name}[..{len}]: expected {expected:?}, got {actual:?}")
                }
            }
        }
    }
}

/// What the quote of an error cut to `body_len` bytes after the ICMP header must say,
/// compared with the whole error's quote.
fn check_quote_prefix(name: &str, full: &super::super::IcmpInfo, cut: &super::super::IcmpInfo, body_len: usize) {
    let full_quote = match &full.original {
        Some(full_quote) => full_quote,
        None => {
            assert_eq!(cut.original, None, "{name}");
            return;
        }
    };
    let min_header = match full_quote.ip.family {
        Family::V4 => full_quote.ip.header_len,
        Family::V6 => 40,
    };
    let quote = match &cut.original {
        Some(quote) => quote,
        None => {
            assert!(body_len < min_header, "{name}: quote of {body_len} bytes dropped");
            return;
        }
    };
    assert!(body_len >= min_header, "{name}: {body_len} bytes cannot hold an IP header");
    // An RFC 4884 length is honoured only while the quote still reaches it.
    let expected_len = if body_len >= full_quote.quoted_len { full_quote.quoted_len } else { body_len };
    assert_eq!(quote.quoted_len, expected_len, "{name} body {body_len}");
    assert_eq!(quote.truncated, expected_len < quote.ip.total_len, "{name}");
    assert_eq!(
        (quote.ip.src, quote.ip.dst, quote.ip.total_len),
        (full_quote.ip.src, full_quote.ip.dst, full_quote.ip.total_len)
    );
    if body_len >= full_quote.ip.header_len {
        assert_eq!(quote.ip, full_quote.ip, "{name} body {body_len}");
        let transport_len = body_len.min(full_quote.ip.total_len) - full_quote.ip.header_len;
        if transport_len >= 8 {
            assert_eq!(quote.transport, full_quote.transport, "{name} body {body_len}");
        } else if transport_len < 4 {
            assert_eq!(quote.transport, super::super::QuotedTransport::Missing, "{name} body {body_len}");
        }
    }
}

#[test]
fn every_prefix_of_every_bare_message() {
    for (name, packet) in ALL {
        let family = family_of(packet);
        let message = icmp_part(packet);
        let what = match family {
            Family::V4 => "ICMPv4 header",
            Family::V6 => "ICMPv6 header",
        };
        let is_echo = matches!(message[0], 0 | 8 | 128 | 129);
        for len in 0..=message.len() {
            let prefix = &message[..len];
            for fam in [Family::V4, Family::V6] {
                // The wrong family must not panic either.
                let _ = decode_icmp(fam, prefix, DecodeOptions::default());
                let _ = parse_echo(fam, prefix);
            }
            let decoded = decode_icmp(family, prefix, DecodeOptions::default());
            let echo = parse_echo(family, prefix);
            if len < 8 {
                assert_eq!(decoded, Err(WireError::truncated(what, 8, len)), "{name}[..{len}]");
                assert_eq!(echo, Err(WireError::truncated(what, 8, len)), "{name}[..{len}]");
                continue;
            }
            let decoded = decoded.unwrap();
            if is_echo {
                let echo = echo.unwrap();
                assert_eq!((echo.id, echo.seq, echo.payload.len()), (0x1234, 1, len - 8));
                assert_eq!(decoded.echo.unwrap().payload_len, len - 8);
            } else {
                assert_eq!(echo.unwrap_err().code(), "UNSUPPORTED", "{name}");
            }
        }
    }
}

#[test]
fn quotes_cut_short_still_return_the_error() {
    for packet in [&V4_PACKET_FILTERED[..], &V6_ADMIN_PROHIBITED[..]] {
        let family = family_of(packet);
        let message = icmp_part(packet);
        let min_header = if family == Family::V4 { 20 } else { 40 };
        for body in 0..=message.len() - 8 {
            let info = decode_icmp(family, &message[..8 + body], DecodeOptions::default()).unwrap();
            assert_eq!(info.class, IcmpClass::Error);
            // Empty, or too short for an IP header: the error without its original.
            assert_eq!(info.original.is_some(), body >= min_header, "{family} body {body}");
        }
    }
}

#[test]
fn a_quote_that_is_not_ip_is_dropped_not_fatal() {
    let mut message = icmp_part(&V4_PACKET_FILTERED).to_vec();
    message[8] = 0x55; // version 5 in the quote
    let info = decode_icmp(Family::V4, &message, DecodeOptions::default()).unwrap();
    assert_eq!((info.name.as_str(), info.original), ("communication-administratively-prohibited", None));
    message[8] = 0x43; // IHL 3
    assert_eq!(decode_icmp(Family::V4, &message, DecodeOptions::default()).unwrap().original, None);
}

#[test]
fn outer_header_errors() {
    let mut packet = V4_PACKET_FILTERED.to_vec();
    packet[0] = 0x55;
    assert_eq!(
        decode_ip_packet(&packet, DecodeOptions::default()),
        Err(WireError::Unsupported { what: "IP version", value: 5 })
    );
    packet[0] = 0x44;
    assert_eq!(decode_ip_packet(&packet, DecodeOptions::default()).unwrap_err().code(), "MALFORMED");
    packet[0] = 0x45;
    packet[2..4].copy_from_slice(&19u16.to_be_bytes());
    assert_eq!(decode_ip_packet(&packet, DecodeOptions::default()).unwrap_err().code(), "MALFORMED");
    let mut packet = V4_PACKET_FILTERED.to_vec();
    packet[9] = 17;
    let error = decode_ip_packet(&packet, DecodeOptions::default()).unwrap_err();
    assert_eq!(error.code(), "UNSUPPORTED");
    assert_eq!(error.to_string(), "unsupported IPv4 protocol (only ICMP is decoded): 17");
    let error = decode_ip_packet(&V4_PACKET_FILTERED[..25], DecodeOptions::default()).unwrap_err();
    assert_eq!(error.to_string(), "ICMPv4 header truncated: needs at least 8 bytes, got 5");
}

#[test]
fn outer_ipv6_extension_headers_are_skipped() {
    // Insert a destination-options header and a first-fragment header before the ICMPv6.
    let packet = &V6_ADMIN_PROHIBITED;
    let mut with_ext = packet[..40].to_vec();
    with_ext[6] = 60;
    with_ext.extend_from_slice(&[44, 0, 1, 4, 0, 0, 0, 0]); // PadN
    with_ext.extend_from_slice(&[58, 0, 0, 0, 0, 0, 0, 9]); // fragment id 9, offset 0, last
    with_ext.extend_from_slice(&packet[40..]);
    let payload_len = u16::try_from(with_ext.len() - 40).unwrap();
    with_ext[4..6].copy_from_slice(&payload_len.to_be_bytes());
    let decoded = decode_ip_packet(&with_ext, verify()).unwrap();
    assert_eq!(decoded.outer.header_len, 56);
    assert_eq!(decoded.outer.protocol, 58);
    assert_eq!(decoded.outer.identification, Some(9));
    assert_eq!(decoded.icmp.name, "administratively-prohibited");
    assert_eq!(decoded.icmp.checksum_ok, Some(true));

    // A later fragment has no ICMPv6 header to decode.
    let mut later = with_ext.clone();
    later[50..52].copy_from_slice(&0x05c8u16.to_be_bytes());
    assert_eq!(decode_ip_packet(&later, verify()).unwrap_err().code(), "UNSUPPORTED");
    // A chain cut short is truncated, counted from the header that does not fit.
    let cut = &with_ext[..52];
    assert_eq!(
        decode_ip_packet(cut, DecodeOptions::default()),
        Err(WireError::truncated("IPv6 extension header", 8, 4))
    );
    // Another upper layer is not decoded.
    let mut udp = packet.to_vec();
    udp[6] = 17;
    assert_eq!(
        decode_ip_packet(&udp, DecodeOptions::default()),
        Err(WireError::Unsupported { what: "IPv6 next header (only ICMPv6 is decoded)", value: 17 })
    );
}

#[test]
fn error_codes_and_messages() {
    let cases = [
        (
            WireError::truncated("ICMPv4 header", 8, 5),
            "TRUNCATED",
            "ICMPv4 header truncated: needs at least 8 bytes, got 5",
        ),
        (WireError::Unsupported { what: "IP version", value: 5 }, "UNSUPPORTED", "unsupported IP version: 5"),
        (
            WireError::Malformed { what: "IPv4 header", reason: "the total length is shorter than the header" },
            "MALFORMED",
            "malformed IPv4 header: the total length is shorter than the header",
        ),
    ];
    for (error, code, text) in cases {
        assert_eq!(error.code(), code);
        assert_eq!(error.to_string(), text);
    }
    let bad = WireError::BadChecksum { what: "ICMPv4 message", expected: 0x1234, actual: 0xabcd };
    assert_eq!(bad.code(), "BAD_CHECKSUM");
    assert!(bad
        .to_string()
        .starts_with("ICMPv4 message checksum mismatch: the packet carries 0xabcd, its contents call for 0x1234;"));
    let _: &dyn std::error::Error = &bad;
}
