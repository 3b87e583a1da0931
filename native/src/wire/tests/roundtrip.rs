//! Property test: every echo request or reply the engine can build parses back to itself,
//! bare and inside an IP header, with a checksum that verifies.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::super::{decode_icmp, decode_ip_packet, icmpv4, icmpv6, ipv4, ipv6, parse_echo};
use super::super::{DecodeOptions, Family, IcmpClass};
use super::verify;

fn runner() -> TestRunner {
    // No failure persistence: a failure is printed, never written into the source tree.
    TestRunner::new(Config {
        cases: 3000,
        failure_persistence: None,
        ..Config::default()
    })
}

/// An echo reply or request of `icmpv4` or `icmpv6`: the same variants on different types.
macro_rules! echo_repr {
    ($icmp:ident, $reply:expr, $ident:expr, $seq_no:expr, $data:expr) => {
        if $reply {
            $icmp::Repr::EchoReply {
                ident: $ident,
                seq_no: $seq_no,
                data: $data,
            }
        } else {
            $icmp::Repr::EchoRequest {
                ident: $ident,
                seq_no: $seq_no,
                data: $data,
            }
        }
    };
}

#[test]
fn icmpv4_echo_round_trips() {
    let strategy = (
        any::<bool>(),
        any::<u16>(),
        any::<u16>(),
        vec(any::<u8>(), 0..1500),
        any::<[u8; 4]>(),
        any::<u8>(),
    );
    runner()
        .run(&strategy, |(reply, ident, seq_no, payload, dst, ttl)| {
            let repr = echo_repr!(icmpv4, reply, ident, seq_no, &payload);
            let message = repr.to_vec();
            prop_assert_eq!(message.len(), repr.buffer_len());
            let packet = icmpv4::Packet::new_checked(&message[..]).unwrap();
            prop_assert_eq!(icmpv4::Repr::parse(&packet).unwrap(), repr);

            let echo = parse_echo(Family::V4, &message).unwrap();
            prop_assert_eq!(
                (echo.icmp_type, echo.code, echo.id, echo.seq),
                (if reply { 0 } else { 8 }, 0, ident, seq_no)
            );
            prop_assert_eq!(echo.payload, &payload[..]);

            let info = decode_icmp(Family::V4, &message, verify()).unwrap();
            prop_assert_eq!(info.checksum_ok, Some(true));
            prop_assert_eq!(
                info.class,
                if reply {
                    IcmpClass::EchoReply
                } else {
                    IcmpClass::EchoRequest
                }
            );
            let echo_info = info.echo.unwrap();
            prop_assert_eq!(
                (echo_info.id, echo_info.seq, echo_info.payload_len),
                (ident, seq_no, payload.len())
            );

            // Wrapped in an IPv4 header built by ipv4::Repr.
            let ip = ipv4::Repr {
                src_addr: Ipv4Addr::new(192, 0, 2, 10),
                dst_addr: Ipv4Addr::from(dst),
                protocol: ipv4::PROTOCOL_ICMP,
                ttl,
                ident: seq_no,
                dont_frag: reply,
                payload_len: message.len(),
            };
            let mut whole = vec![0xa5; ip.buffer_len()];
            ip.emit(&mut ipv4::Packet::new_unchecked(&mut whole[..]))
                .unwrap();
            whole.extend_from_slice(&message);
            let decoded = decode_ip_packet(&whole, verify()).unwrap();
            prop_assert_eq!(decoded.outer.dst, IpAddr::V4(Ipv4Addr::from(dst)));
            prop_assert_eq!(
                (decoded.outer.ttl, decoded.outer.dont_fragment),
                (ttl, reply)
            );
            prop_assert_eq!(decoded.outer.total_len, whole.len());
            prop_assert_eq!(decoded.icmp, info);
            let header = ipv4::Packet::new_checked(&whole[..]).unwrap();
            prop_assert_eq!(ipv4::Repr::parse(&header).unwrap(), ip);
            Ok(())
        })
        .unwrap();
}

#[test]
fn icmpv6_echo_round_trips() {
    let strategy = (
        any::<bool>(),
        any::<u16>(),
        any::<u16>(),
        vec(any::<u8>(), 0..1500),
        any::<[u8; 16]>(),
        any::<[u8; 16]>(),
    );
    runner()
        .run(&strategy, |(reply, ident, seq_no, payload, src, dst)| {
            let (src, dst) = (Ipv6Addr::from(src), Ipv6Addr::from(dst));
            let repr = echo_repr!(icmpv6, reply, ident, seq_no, &payload);
            let message = repr.to_vec(Some((src, dst)));
            prop_assert_eq!(message.len(), repr.buffer_len());
            let packet = icmpv6::Packet::new_checked(&message[..]).unwrap();
            prop_assert_eq!(icmpv6::Repr::parse(&packet).unwrap(), repr);
            prop_assert!(packet.verify_checksum(&src, &dst));

            let echo = parse_echo(Family::V6, &message).unwrap();
            prop_assert_eq!(
                (echo.icmp_type, echo.id, echo.seq),
                (if reply { 129 } else { 128 }, ident, seq_no)
            );
            prop_assert_eq!(echo.payload, &payload[..]);

            let with_addresses = DecodeOptions {
                pseudo_header: Some((src, dst)),
                ..verify()
            };
            let info = decode_icmp(Family::V6, &message, with_addresses).unwrap();
            prop_assert_eq!(info.checksum_ok, Some(true));
            prop_assert_eq!(info.echo.unwrap().payload_len, payload.len());

            let ip = ipv6::Repr {
                src_addr: src,
                dst_addr: dst,
                next_header: ipv6::NEXT_HEADER_ICMPV6,
                hop_limit: 64,
                payload_len: message.len(),
            };
            let mut whole = vec![0xa5; ip.buffer_len()];
            ip.emit(&mut ipv6::Packet::new_unchecked(&mut whole[..]))
                .unwrap();
            whole.extend_from_slice(&message);
            let decoded = decode_ip_packet(&whole, verify()).unwrap();
            prop_assert_eq!(
                (decoded.outer.src, decoded.outer.dst),
                (IpAddr::V6(src), IpAddr::V6(dst))
            );
            prop_assert_eq!(decoded.icmp, info);
            let header = ipv6::Packet::new_checked(&whole[..]).unwrap();
            prop_assert_eq!(ipv6::Repr::parse(&header).unwrap(), ip);
            Ok(())
        })
        .unwrap();
}
