//! The inline-error receive path: sockets that hand us whole ICMP messages, errors included,
//! rather than sorting errors onto an error queue.
//!
//! Linux raw ICMP sockets (and macOS's datagram ICMP sockets) deliver every ICMP message the
//! host receives. An echo reply is ours when it carries our echo id; an error is ours when
//! the packet it quotes is our echo request (our id). Decoding goes outer IP header (IPv4
//! only: IPv6 raw sockets strip it) → ICMP → quoted IP → quoted ICMP id and seq, through the
//! `wire` decoders. This module is pure and platform-neutral: the sockets feed it bytes and
//! turn what it returns into [`Incoming`](super::Incoming) values.
//!
//! The quoted destination is reported as quoted, whatever its family: a gateway that
//! rewrote the destination (or translated IPv4 to IPv6) and did not translate the error
//! back shows up as an error about an address we never sent to. Matching it to a probe is
//! the engine's business.

use crate::wire::{self, icmpv4, icmpv6, DecodeOptions, Family, QuotedTransport};
use std::net::IpAddr;

/// What the received datagram looks like on this socket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub family: Family,
    /// The datagram starts with the IP header (IPv4 raw sockets, macOS datagram sockets).
    pub ip_header_included: bool,
}

/// An ICMP message that concerns one of our probes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InlineMessage<'a> {
    /// An echo reply carrying our id.
    Reply {
        from: IpAddr,
        seq: u16,
        /// ICMP bytes (header and payload), as `ping` counts them.
        bytes: usize,
        payload: &'a [u8],
        /// From the outer IP header when there is one.
        ttl: Option<u8>,
    },
    /// An ICMP error quoting our echo request.
    Error {
        /// The node that sent the error.
        from: IpAddr,
        icmp_type: u8,
        code: u8,
        /// MTU (fragmentation needed / packet too big) or pointer (parameter problem), else 0.
        info: u32,
        /// The destination of the quoted packet, as quoted (maybe of the other family).
        quoted_destination: IpAddr,
        quoted_seq: u16,
        /// The quoted ICMP message, from its header on (as far as it was quoted).
        quoted: &'a [u8],
        /// From the outer IP header when there is one.
        ttl: Option<u8>,
    },
}

/// ICMPv4 types that are errors about a packet we may have sent.
const V4_ERRORS: [u8; 3] = [3, 11, 12];
/// ICMPv6 error types: destination unreachable, packet too big, time exceeded, parameter problem.
const V6_ERRORS: [u8; 4] = [1, 2, 3, 4];
const ECHO_REPLY_V4: u8 = 0;
const ECHO_REPLY_V6: u8 = 129;

/// Classifies one received datagram. `peer` is the sender the socket reported (`msg_name`);
/// the outer IPv4 header, when included, names it too and wins. Anything that is not about
/// a probe with echo id `our_id` — other hosts' pings, foreign ids, unreadable quotes,
/// malformed packets — is `None`: a raw socket sees every ICMP message on the host.
pub fn classify(layout: Layout, datagram: &[u8], peer: Option<IpAddr>, our_id: u16) -> Option<InlineMessage<'_>> {
    let (icmp, from, ttl) = if layout.ip_header_included {
        let decoded_ip = outer_header(datagram)?;
        (decoded_ip.0, Some(decoded_ip.1), Some(decoded_ip.2))
    } else {
        (datagram, peer, None)
    };
    let from = from?;
    let icmp_type = *icmp.first()?;
    let (reply_type, errors): (u8, &[u8]) = match layout.family {
        Family::V4 => (ECHO_REPLY_V4, &V4_ERRORS),
        Family::V6 => (ECHO_REPLY_V6, &V6_ERRORS),
    };
    if icmp_type == reply_type {
        let echo = wire::parse_echo(layout.family, icmp).ok()?;
        if echo.id != our_id {
            return None;
        }
        return Some(InlineMessage::Reply { from, seq: echo.seq, bytes: icmp.len(), payload: echo.payload, ttl });
    }
    if !errors.contains(&icmp_type) {
        return None;
    }
    let info = wire::decode_icmp(layout.family, icmp, DecodeOptions::default()).ok()?;
    let quoted = info.original?;
    let (quoted_id, quoted_seq) = match quoted.transport {
        QuotedTransport::IcmpEcho { icmp_type: 8, id, seq, .. }
        | QuotedTransport::IcmpEcho { icmp_type: 128, id, seq, .. } => (id, seq),
        _ => return None,
    };
    if quoted_id != our_id {
        return None;
    }
    let quote = original_datagram(layout.family, icmp)?;
    let quoted_icmp = quote.get(quoted.ip.header_len..).unwrap_or(&[]);
    Some(InlineMessage::Error {
        from,
        icmp_type,
        code: info.code,
        info: info.mtu.or(info.pointer).unwrap_or(0),
        quoted_destination: quoted.ip.dst,
        quoted_seq,
        quoted: quoted_icmp,
        ttl,
    })
}

/// The ICMP message inside a whole IPv4/IPv6 packet, its sender and its TTL / hop limit.
fn outer_header(datagram: &[u8]) -> Option<(&[u8], IpAddr, u8)> {
    match datagram.first()? >> 4 {
        4 => {
            let packet = wire::ipv4::Packet::new_checked(datagram).ok()?;
            if packet.protocol() != wire::ipv4::PROTOCOL_ICMP || packet.frag_offset() != 0 {
                return None;
            }
            Some((packet.payload(), IpAddr::V4(packet.src_addr()), packet.ttl()))
        }
        6 => {
            let packet = wire::ipv6::Packet::new_checked(datagram).ok()?;
            // Extension headers never appear on what a socket hands us after the kernel
            // processed them; anything but ICMPv6 directly is not for us.
            if packet.next_header() != wire::ipv6::NEXT_HEADER_ICMPV6 {
                return None;
            }
            Some((packet.payload(), IpAddr::V6(packet.src_addr()), packet.hop_limit()))
        }
        _ => None,
    }
}

/// The bytes an ICMP error quotes, from the quoted IP header on.
fn original_datagram(family: Family, icmp: &[u8]) -> Option<&[u8]> {
    match family {
        Family::V4 => icmpv4::Packet::new_checked(icmp).ok().map(|packet| packet.original_datagram()),
        Family::V6 => icmpv6::Packet::new_checked(icmp).ok().map(|packet| packet.original_datagram()),
    }
}

/// The errno a Linux ping socket pairs with an ICMP error (the kernel's `icmp_err_convert`
/// and `icmpv6_err_convert`), so raw-socket events carry the same `errno` as ping-socket ones.
pub fn errno_for(family: Family, icmp_type: u8, code: u8) -> i32 {
    match (family, icmp_type) {
        (Family::V4, 3) => match code {
            0 | 6 | 9 | 11 => libc::ENETUNREACH,
            2 => libc::ENOPROTOOPT,
            3 => libc::ECONNREFUSED,
            4 => libc::EMSGSIZE,
            5 => libc::EOPNOTSUPP,
            7 => libc::EHOSTDOWN,
            8 => libc::ENONET,
            _ => libc::EHOSTUNREACH,
        },
        (Family::V4, 11) => libc::EHOSTUNREACH,
        (Family::V6, 1) => match code {
            0 => libc::ENETUNREACH,
            1 | 5 | 6 => libc::EACCES,
            4 => libc::ECONNREFUSED,
            _ => libc::EHOSTUNREACH,
        },
        (Family::V6, 2) => libc::EMSGSIZE,
        (Family::V6, 3) => libc::EHOSTUNREACH,
        _ => libc::EPROTO,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::checksum;
    use std::net::{Ipv4Addr, Ipv6Addr};

    const OUR_ID: u16 = 0x4d2;
    const ROUTER: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 1);
    const US: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 2);
    const TARGET: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 7);

    fn v4_layout() -> Layout {
        Layout { family: Family::V4, ip_header_included: true }
    }

    fn v6_layout() -> Layout {
        Layout { family: Family::V6, ip_header_included: false }
    }

    /// An IPv4 header (no options) around `payload`, checksum filled.
    fn ipv4(src: Ipv4Addr, dst: Ipv4Addr, ttl: u8, protocol: u8, payload: &[u8]) -> Vec<u8> {
        let total = (20 + payload.len()) as u16;
        let mut packet = vec![0x45, 0, 0, 0, 0x12, 0x34, 0x40, 0, ttl, protocol, 0, 0];
        packet[2..4].copy_from_slice(&total.to_be_bytes());
        packet.extend_from_slice(&src.octets());
        packet.extend_from_slice(&dst.octets());
        let sum = checksum::internet(&packet);
        packet[10..12].copy_from_slice(&sum.to_be_bytes());
        packet.extend_from_slice(payload);
        packet
    }

    /// An IPv6 header around an ICMPv6 `payload`.
    fn ipv6(src: Ipv6Addr, dst: Ipv6Addr, payload: &[u8]) -> Vec<u8> {
        let mut packet = vec![0x60, 0, 0, 0];
        packet.extend_from_slice(&(payload.len() as u16).to_be_bytes());
        packet.extend_from_slice(&[58, 64]);
        packet.extend_from_slice(&src.octets());
        packet.extend_from_slice(&dst.octets());
        packet.extend_from_slice(payload);
        packet
    }

    fn echo(icmp_type: u8, id: u16, seq: u16, payload: &[u8]) -> Vec<u8> {
        let mut message = vec![icmp_type, 0, 0, 0];
        message.extend_from_slice(&id.to_be_bytes());
        message.extend_from_slice(&seq.to_be_bytes());
        message.extend_from_slice(payload);
        message
    }

    /// An ICMP error of `icmp_type`/`code` with the 4 type-specific bytes `rest`, quoting `quote`.
    fn error(icmp_type: u8, code: u8, rest: [u8; 4], quote: &[u8]) -> Vec<u8> {
        let mut message = vec![icmp_type, code, 0, 0];
        message.extend_from_slice(&rest);
        message.extend_from_slice(quote);
        message
    }

    fn our_request_v4(dst: Ipv4Addr, seq: u16) -> Vec<u8> {
        ipv4(US, dst, 1, 1, &echo(8, OUR_ID, seq, b"cookie!!padding"))
    }

    #[test]
    fn a_v4_reply_with_our_id_is_read_past_the_ip_header() {
        let datagram = ipv4(TARGET, US, 61, 1, &echo(0, OUR_ID, 7, b"cookie!!"));
        let message = classify(v4_layout(), &datagram, None, OUR_ID);
        assert_eq!(
            message,
            Some(InlineMessage::Reply {
                from: IpAddr::V4(TARGET),
                seq: 7,
                bytes: 16,
                payload: b"cookie!!",
                ttl: Some(61)
            })
        );
    }

    #[test]
    fn replies_and_errors_for_foreign_ids_are_ignored() {
        let reply = ipv4(TARGET, US, 61, 1, &echo(0, OUR_ID + 1, 7, b""));
        assert_eq!(classify(v4_layout(), &reply, None, OUR_ID), None);
        let foreign_quote = ipv4(US, TARGET, 1, 1, &echo(8, 999, 7, b""));
        let datagram = ipv4(ROUTER, US, 64, 1, &error(11, 0, [0; 4], &foreign_quote));
        assert_eq!(classify(v4_layout(), &datagram, None, OUR_ID), None);
        // Someone else's echo request (a raw socket sees those too, e.g. on loopback).
        let request = ipv4(US, TARGET, 64, 1, &echo(8, OUR_ID, 7, b""));
        assert_eq!(classify(v4_layout(), &request, None, OUR_ID), None);
        let v6_reply = echo(129, 7, 1, b"");
        assert_eq!(classify(v6_layout(), &v6_reply, Some(IpAddr::V6(Ipv6Addr::LOCALHOST)), OUR_ID), None);
    }

    #[test]
    fn a_v4_time_exceeded_names_router_quoted_destination_and_seq() {
        let quote = our_request_v4(TARGET, 3);
        let datagram = ipv4(ROUTER, US, 64, 1, &error(11, 0, [0; 4], &quote));
        match classify(v4_layout(), &datagram, Some(IpAddr::V4(TARGET)), OUR_ID) {
            Some(InlineMessage::Error { from, icmp_type, code, info, quoted_destination, quoted_seq, quoted, ttl }) => {
                assert_eq!(from, IpAddr::V4(ROUTER), "the outer header's source wins over msg_name");
                assert_eq!((icmp_type, code, info), (11, 0, 0));
                assert_eq!(quoted_destination, IpAddr::V4(TARGET));
                assert_eq!(quoted_seq, 3);
                assert_eq!(&quoted[..8], &echo(8, OUR_ID, 3, b"")[..]);
                assert_eq!(&quoted[8..], b"cookie!!padding");
                assert_eq!(ttl, Some(64));
            }
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn frag_needed_carries_the_mtu_and_a_minimal_quote_still_matches() {
        // RFC 792 routers quote the IP header and 8 bytes: id and seq, no payload.
        let full = our_request_v4(TARGET, 9);
        let quote = &full[..28];
        let datagram = ipv4(ROUTER, US, 64, 1, &error(3, 4, [0, 0, 0x05, 0x00], quote));
        match classify(v4_layout(), &datagram, None, OUR_ID) {
            Some(InlineMessage::Error { code, info, quoted_seq, quoted, .. }) => {
                assert_eq!((code, info, quoted_seq), (4, 1280, 9));
                assert_eq!(quoted.len(), 8);
            }
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn quotes_too_short_for_the_echo_id_are_ignored_without_panicking() {
        let full = our_request_v4(TARGET, 9);
        for cut in [0, 10, 20, 24, 27] {
            let datagram = ipv4(ROUTER, US, 64, 1, &error(3, 1, [0; 4], &full[..cut]));
            assert_eq!(classify(v4_layout(), &datagram, None, OUR_ID), None, "quote of {cut} bytes");
        }
        let datagram = ipv4(ROUTER, US, 64, 1, &error(3, 1, [0; 4], &full));
        for cut in 0..datagram.len() {
            let _ = classify(v4_layout(), &datagram[..cut], None, OUR_ID);
        }
        assert!(classify(v4_layout(), &datagram, None, OUR_ID).is_some());
    }

    #[test]
    fn a_quote_of_another_destination_or_family_is_reported_as_quoted() {
        // A gateway rewrote 192.0.2.7 to 198.51.100.9 and did not translate the error back.
        let rewritten = Ipv4Addr::new(198, 51, 100, 9);
        let quote = our_request_v4(rewritten, 4);
        let datagram = ipv4(ROUTER, US, 64, 1, &error(3, 1, [0; 4], &quote));
        match classify(v4_layout(), &datagram, None, OUR_ID) {
            Some(InlineMessage::Error { quoted_destination, quoted_seq, .. }) => {
                assert_eq!((quoted_destination, quoted_seq), (IpAddr::V4(rewritten), 4));
            }
            other => panic!("expected an error, got {other:?}"),
        }
        // NAT46 left untranslated: an ICMPv4 error quoting the IPv6 packet the gateway made.
        let v6_target: Ipv6Addr = "64:ff9b::c000:207".parse().unwrap();
        let quote = ipv6("fd00::1".parse().unwrap(), v6_target, &echo(128, OUR_ID, 5, b"cookie!!"));
        let datagram = ipv4(ROUTER, US, 64, 1, &error(3, 1, [0; 4], &quote));
        match classify(v4_layout(), &datagram, None, OUR_ID) {
            Some(InlineMessage::Error { quoted_destination, quoted_seq, .. }) => {
                assert_eq!((quoted_destination, quoted_seq), (IpAddr::V6(v6_target), 5));
            }
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn v6_messages_come_without_an_ip_header_and_name_the_peer() {
        let router: Ipv6Addr = "fd00::1".parse().unwrap();
        let target: Ipv6Addr = "fd00:2::7".parse().unwrap();
        let reply = echo(129, OUR_ID, 2, b"cookie!!");
        assert_eq!(
            classify(v6_layout(), &reply, Some(IpAddr::V6(target)), OUR_ID),
            Some(InlineMessage::Reply { from: IpAddr::V6(target), seq: 2, bytes: 16, payload: b"cookie!!", ttl: None })
        );
        let quote = ipv6("fd00::2".parse().unwrap(), target, &echo(128, OUR_ID, 2, b"cookie!!"));
        let too_big = error(2, 0, 1280u32.to_be_bytes(), &quote);
        match classify(v6_layout(), &too_big, Some(IpAddr::V6(router)), OUR_ID) {
            Some(InlineMessage::Error { from, icmp_type, info, quoted_destination, quoted_seq, quoted, .. }) => {
                assert_eq!(from, IpAddr::V6(router));
                assert_eq!((icmp_type, info, quoted_seq), (2, 1280, 2));
                assert_eq!(quoted_destination, IpAddr::V6(target));
                assert_eq!(quoted.len(), 16);
            }
            other => panic!("expected an error, got {other:?}"),
        }
        // Without a peer address there is nobody to attribute it to.
        assert_eq!(classify(v6_layout(), &reply, None, OUR_ID), None);
        // Truncated quotes: shorter than the IPv6 header, or cut inside the echo header.
        for cut in [0, 39, 40, 44, 47] {
            let message = error(1, 3, [0; 4], &quote[..cut]);
            assert_eq!(classify(v6_layout(), &message, Some(IpAddr::V6(router)), OUR_ID), None, "cut {cut}");
        }
    }

    #[test]
    fn errnos_match_what_a_ping_socket_reports() {
        assert_eq!(errno_for(Family::V4, 3, 1), libc::EHOSTUNREACH);
        assert_eq!(errno_for(Family::V4, 3, 4), libc::EMSGSIZE);
        assert_eq!(errno_for(Family::V4, 3, 13), libc::EHOSTUNREACH);
        assert_eq!(errno_for(Family::V4, 11, 0), libc::EHOSTUNREACH);
        assert_eq!(errno_for(Family::V6, 1, 1), libc::EACCES);
        assert_eq!(errno_for(Family::V6, 1, 3), libc::EHOSTUNREACH);
        assert_eq!(errno_for(Family::V6, 2, 0), libc::EMSGSIZE);
        assert_eq!(errno_for(Family::V6, 4, 0), libc::EPROTO);
    }
}
