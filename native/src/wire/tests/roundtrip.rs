//! Property test: every echo request or reply the engine can build parses back to itself,
//! bare and inside an IP header, with a checksum that verifies.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::super::{decode_icmp, decode_ip_packet, icmpv4, icmpv6, ipv4, ipv6, parse_echo};
use super::super::{DecodeOptions, Family, IcmpClass};
use super::rng::Rng;
use super::verify;

/// Random cases per test; each is named by its index in a failure, and the seed is fixed.
const CASES: usize = 3000;

/// Runs `check` on `CASES` random cases; a failing case panics with its index.
fn each_case(seed: u64, mut check: impl FnMut(&mut Rng)) {
    let mut rng = Rng(seed);
    for case in 0..CASES {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&mut rng)));
        if let Err(panic) = result {
            eprintln!("round-trip case {case} (seed {seed:#x}) failed");
            std::panic::resume_unwind(panic);
        }
    }
}

/// A payload of 0 to 1499 random bytes, with the empty and the short ones well represented.
fn payload(rng: &mut Rng) -> Vec<u8> {
    let len = if rng.chance(8) { rng.below(9) } else { rng.below(1500) };
    rng.bytes(len)
}

/// An echo reply or request of `icmpv4` or `icmpv6`: the same variants on different types.
macro_rules! echo_repr {
    ($icmp:ident, $reply:expr, $ident:expr, $seq_no:expr, $data:expr) => {
        if $reply {
            $icmp::Repr::EchoReply { ident: $ident, seq_no: $seq_no, data: $data }
        } else {
            $icmp::Repr::EchoRequest { ident: $ident, seq_no: $seq_no, data: $data }
        }
    };
}

#[test]
fn icmpv4_echo_round_trips() {
    each_case(0x1c4f_0004, |rng| {
        let (reply, ident, seq_no) = (rng.chance(2), rng.next() as u16, rng.next() as u16);
        let (payload, dst, ttl) = (payload(rng), rng.array::<4>(), rng.byte());
        let repr = echo_repr!(icmpv4, reply, ident, seq_no, &payload);
        let message = repr.to_vec();
        assert_eq!(message.len(), repr.buffer_len());
        let packet = icmpv4::Packet::new_checked(&message[..]).unwrap();
        assert_eq!(icmpv4::Repr::parse(&packet).unwrap(), repr);

        let echo = parse_echo(Family::V4, &message).unwrap();
        assert_eq!((echo.icmp_type, echo.code, echo.id, echo.seq), (if reply { 0 } else { 8 }, 0, ident, seq_no));
        assert_eq!(echo.payload, &payload[..]);

        let info = decode_icmp(Family::V4, &message, verify()).unwrap();
        assert_eq!(info.checksum_ok, Some(true));
        assert_eq!(info.class, if reply { IcmpClass::EchoReply } else { IcmpClass::EchoRequest });
        let echo_info = info.echo.unwrap();
        assert_eq!((echo_info.id, echo_info.seq, echo_info.payload_len), (ident, seq_no, payload.len()));

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
        ip.emit(&mut ipv4::Packet::new_unchecked(&mut whole[..])).unwrap();
        whole.extend_from_slice(&message);
        let decoded = decode_ip_packet(&whole, verify()).unwrap();
        assert_eq!(decoded.outer.dst, IpAddr::V4(Ipv4Addr::from(dst)));
        assert_eq!((decoded.outer.ttl, decoded.outer.dont_fragment), (ttl, reply));
        assert_eq!(decoded.outer.total_len, whole.len());
        assert_eq!(decoded.icmp, info);
        let header = ipv4::Packet::new_checked(&whole[..]).unwrap();
        assert_eq!(ipv4::Repr::parse(&header).unwrap(), ip);
    });
}

#[test]
fn icmpv6_echo_round_trips() {
    each_case(0x1c4f_0006, |rng| {
        let (reply, ident, seq_no) = (rng.chance(2), rng.next() as u16, rng.next() as u16);
        let (payload, src, dst) = (payload(rng), rng.array::<16>(), rng.array::<16>());
        let (src, dst) = (Ipv6Addr::from(src), Ipv6Addr::from(dst));
        let repr = echo_repr!(icmpv6, reply, ident, seq_no, &payload);
        let message = repr.to_vec(Some((src, dst)));
        assert_eq!(message.len(), repr.buffer_len());
        let packet = icmpv6::Packet::new_checked(&message[..]).unwrap();
        assert_eq!(icmpv6::Repr::parse(&packet).unwrap(), repr);
        assert!(packet.verify_checksum(&src, &dst));

        let echo = parse_echo(Family::V6, &message).unwrap();
        assert_eq!((echo.icmp_type, echo.id, echo.seq), (if reply { 129 } else { 128 }, ident, seq_no));
        assert_eq!(echo.payload, &payload[..]);

        let with_addresses = DecodeOptions { pseudo_header: Some((src, dst)), ..verify() };
        let info = decode_icmp(Family::V6, &message, with_addresses).unwrap();
        assert_eq!(info.checksum_ok, Some(true));
        assert_eq!(info.echo.unwrap().payload_len, payload.len());

        let ip = ipv6::Repr {
            src_addr: src,
            dst_addr: dst,
            next_header: ipv6::NEXT_HEADER_ICMPV6,
            hop_limit: 64,
            payload_len: message.len(),
        };
        let mut whole = vec![0xa5; ip.buffer_len()];
        ip.emit(&mut ipv6::Packet::new_unchecked(&mut whole[..])).unwrap();
        whole.extend_from_slice(&message);
        let decoded = decode_ip_packet(&whole, verify()).unwrap();
        assert_eq!((decoded.outer.src, decoded.outer.dst), (IpAddr::V6(src), IpAddr::V6(dst)));
        assert_eq!(decoded.icmp, info);
        let header = ipv6::Packet::new_checked(&whole[..]).unwrap();
        assert_eq!(ipv6::Repr::parse(&header).unwrap(), ip);
    });
}
