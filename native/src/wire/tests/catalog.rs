//! One vector for every type/code the decoder names, in both families, with everything the
//! decoder must say about it: name, message, MTU/pointer/gateway and the quoted packet.

use std::net::IpAddr;

use super::super::{
    decode_icmp, decode_ip_packet, describe, DecodeOptions, EchoInfo, Family, IcmpClass, IcmpInfo, IpHeaderInfo,
    Quoted, QuotedTransport,
};
use super::vectors::*;
use super::{family_of, icmp_part, verify};

struct Expect {
    vector: &'static [u8],
    icmp_type: u8,
    code: u8,
    name: &'static str,
    message: &'static str,
    class: IcmpClass,
    mtu: Option<u32>,
    pointer: Option<u32>,
    gateway: Option<&'static str>,
    echo: Option<EchoInfo>,
    quote: Option<Quoted>,
}

/// An error by default; the builder methods below add the rest.
fn e(vector: &'static [u8], icmp_type: u8, code: u8, name: &'static str, message: &'static str) -> Expect {
    Expect {
        vector,
        icmp_type,
        code,
        name,
        message,
        class: IcmpClass::Error,
        mtu: None,
        pointer: None,
        gateway: None,
        echo: None,
        quote: None,
    }
}

impl Expect {
    fn class(self, class: IcmpClass) -> Self {
        Expect { class, ..self }
    }
    fn mtu(self, mtu: u32) -> Self {
        Expect { mtu: Some(mtu), ..self }
    }
    fn pointer(self, pointer: u32) -> Self {
        Expect { pointer: Some(pointer), ..self }
    }
    fn gateway(self, gateway: &'static str) -> Self {
        Expect { gateway: Some(gateway), ..self }
    }
    fn echo(self, id: u16, seq: u16, payload_len: usize) -> Self {
        Expect { echo: Some(EchoInfo { id, seq, payload_len }), ..self }
    }
    fn quote(self, quote: Quoted) -> Self {
        Expect { quote: Some(quote), ..self }
    }
}

fn addr(text: &str) -> IpAddr {
    text.parse().unwrap()
}

#[allow(clippy::too_many_arguments)]
fn ip4(
    src: &str,
    dst: &str,
    protocol: u8,
    ttl: u8,
    ident: u32,
    df: bool,
    header_len: usize,
    total_len: usize,
) -> IpHeaderInfo {
    IpHeaderInfo {
        family: Family::V4,
        src: addr(src),
        dst: addr(dst),
        protocol,
        ttl,
        header_len,
        total_len,
        dont_fragment: df,
        identification: Some(ident),
        fragment_offset: 0,
        more_fragments: false,
    }
}

fn ip6(src: &str, dst: &str, protocol: u8, hop_limit: u8, header_len: usize, total_len: usize) -> IpHeaderInfo {
    IpHeaderInfo {
        family: Family::V6,
        src: addr(src),
        dst: addr(dst),
        protocol,
        ttl: hop_limit,
        header_len,
        total_len,
        dont_fragment: false,
        identification: None,
        fragment_offset: 0,
        more_fragments: false,
    }
}

/// Our IPv4 echo request as a router sees it (one hop on, TTL 63 unless said otherwise).
fn probe4(ttl: u8, total_len: usize) -> IpHeaderInfo {
    ip4("192.0.2.10", "198.51.100.7", 1, ttl, 0xa1b2, true, 20, total_len)
}

fn probe6(hop_limit: u8, total_len: usize) -> IpHeaderInfo {
    ip6("2001:db8::10", "2001:db8:1::7", 58, hop_limit, 40, total_len)
}

fn echo4(seq: u16) -> QuotedTransport {
    QuotedTransport::IcmpEcho { icmp_type: 8, code: 0, id: 0x1234, seq }
}

fn echo6(seq: u16) -> QuotedTransport {
    QuotedTransport::IcmpEcho { icmp_type: 128, code: 0, id: 0x1234, seq }
}

fn q(ip: IpHeaderInfo, transport: QuotedTransport, quoted_len: usize) -> Quoted {
    Quoted { truncated: quoted_len < ip.total_len, quoted_len, ip, transport }
}

/// The usual router quote: our echo request's IP header and 8 bytes of ICMP.
fn router4(seq: u16) -> Quoted {
    q(probe4(63, 44), echo4(seq), 28)
}

fn router6(seq: u16) -> Quoted {
    q(probe6(63, 64), echo6(seq), 48)
}

// One row per vector reads better as a table than as rustfmt's one-argument-per-line.
#[rustfmt::skip]
fn table() -> Vec<Expect> {
    use IcmpClass::{EchoReply, EchoRequest, Informational};
    use QuotedTransport::{Icmp, Missing, Other, Tcp, Udp};
    let (host4, target4) = ("192.0.2.10", "198.51.100.7");
    let (host6, target6) = ("2001:db8::10", "2001:db8:1::7");
    let fragment4 = IpHeaderInfo { dont_fragment: false, more_fragments: true, ..probe4(63, 44) };
    let fragment6 = IpHeaderInfo {
        header_len: 48,
        identification: Some(0xdead_beef),
        more_fragments: true,
        ..probe6(63, 64)
    };
    vec![
        // ICMPv4
        e(&V4_ECHO_REQUEST, 8, 0, "echo-request", "Echo Request").class(EchoRequest).echo(0x1234, 1, 16),
        e(&V4_ECHO_REPLY, 0, 0, "echo-reply", "Echo Reply").class(EchoReply).echo(0x1234, 1, 16),
        e(&V4_NET_UNREACHABLE, 3, 0, "net-unreachable", "Destination Net Unreachable").quote(router4(1)),
        e(&V4_HOST_UNREACHABLE, 3, 1, "host-unreachable", "Destination Host Unreachable")
            .quote(q(probe4(63, 44), Missing, 20)),
        e(&V4_PROTOCOL_UNREACHABLE, 3, 2, "protocol-unreachable", "Destination Protocol Unreachable")
            .quote(q(ip4(host4, target4, 47, 63, 0x0777, true, 20, 28), Other { protocol: 47 }, 28)),
        e(&V4_PORT_UNREACHABLE, 3, 3, "port-unreachable", "Destination Port Unreachable").quote(q(
            ip4(host4, target4, 17, 1, 0x5a5a, false, 20, 40),
            Udp { src_port: 40001, dst_port: 33434, length: Some(20) },
            40,
        )),
        e(&V4_FRAG_NEEDED, 3, 4, "fragmentation-needed", "Frag needed and DF set (mtu = 1400)")
            .mtu(1400)
            .quote(q(probe4(63, 1500), echo4(4), 28)),
        e(&V4_FRAG_NEEDED_NO_MTU, 3, 4, "fragmentation-needed", "Frag needed and DF set")
            .quote(q(probe4(63, 1500), echo4(4), 28)),
        e(&V4_SOURCE_ROUTE_FAILED, 3, 5, "source-route-failed", "Source Route Failed").quote(router4(5)),
        e(&V4_NET_UNKNOWN, 3, 6, "destination-network-unknown", "Destination Net Unknown").quote(q(
            ip4(host4, target4, 1, 63, 0x1111, true, 20, 40),
            Icmp { icmp_type: 13, code: 0 },
            28,
        )),
        e(&V4_HOST_UNKNOWN, 3, 7, "destination-host-unknown", "Destination Host Unknown")
            .quote(q(probe4(63, 44), echo4(7), 44)),
        e(&V4_HOST_ISOLATED, 3, 8, "source-host-isolated", "Source Host Isolated").quote(router4(8)),
        e(&V4_NET_PROHIBITED, 3, 9, "network-administratively-prohibited", "Destination Net Prohibited")
            .quote(q(
                ip4(host4, target4, 6, 63, 0x2222, true, 20, 40),
                Tcp { src_port: 51000, dst_port: 443, seq: None },
                24,
            )),
        e(&V4_HOST_PROHIBITED, 3, 10, "host-administratively-prohibited", "Destination Host Prohibited")
            .quote(q(
                ip4(host4, target4, 6, 63, 0x2222, true, 20, 40),
                Tcp { src_port: 51000, dst_port: 443, seq: Some(0x0102_0304) },
                28,
            )),
        e(&V4_NET_UNREACHABLE_TOS, 3, 11, "network-unreachable-for-tos", "Destination Net Unreachable for Type of Service")
            .quote(router4(11)),
        e(&V4_HOST_UNREACHABLE_TOS, 3, 12, "host-unreachable-for-tos", "Destination Host Unreachable for Type of Service")
            .quote(q(
                ip4(host4, target4, 17, 63, 0x3333, false, 20, 32),
                Udp { src_port: 40002, dst_port: 53, length: None },
                24,
            )),
        e(&V4_PACKET_FILTERED, 3, 13, "communication-administratively-prohibited", "Packet filtered")
            .quote(q(probe4(63, 44), echo4(13), 44)),
        e(&V4_PRECEDENCE_VIOLATION, 3, 14, "host-precedence-violation", "Precedence Violation").quote(router4(14)),
        e(&V4_PRECEDENCE_CUTOFF, 3, 15, "precedence-cutoff-in-effect", "Precedence Cutoff").quote(router4(15)),
        e(&V4_UNREACHABLE_CODE_99, 3, 99, "destination-unreachable-code-99", "Dest Unreachable, Bad Code: 99")
            .quote(router4(99)),
        e(&V4_SOURCE_QUENCH, 4, 0, "source-quench", "Source Quench").quote(router4(16)),
        e(&V4_REDIRECT_NETWORK, 5, 0, "redirect-network", "Redirect Network (New nexthop: 192.0.2.1)")
            .gateway("192.0.2.1")
            .quote(router4(20)),
        e(&V4_REDIRECT_HOST, 5, 1, "redirect-host", "Redirect Host (New nexthop: 192.0.2.1)")
            .gateway("192.0.2.1")
            .quote(router4(21)),
        e(&V4_REDIRECT_TOS_NETWORK, 5, 2, "redirect-tos-network", "Redirect Type of Service and Network (New nexthop: 192.0.2.1)")
            .gateway("192.0.2.1")
            .quote(router4(22)),
        e(&V4_REDIRECT_TOS_HOST, 5, 3, "redirect-tos-host", "Redirect Type of Service and Host (New nexthop: 192.0.2.1)")
            .gateway("192.0.2.1")
            .quote(router4(23)),
        e(&V4_TTL_EXCEEDED, 11, 0, "ttl-exceeded", "Time to live exceeded").quote(q(probe4(1, 44), echo4(30), 28)),
        e(&V4_REASSEMBLY_EXCEEDED, 11, 1, "fragment-reassembly-time-exceeded", "Frag reassembly time exceeded")
            .quote(q(fragment4, echo4(31), 28)),
        e(&V4_PARAM_POINTER, 12, 0, "pointer-indicates-error", "Parameter problem: pointer = 20")
            .pointer(20)
            .quote(q(ip4(host4, target4, 1, 63, 0xa1b2, true, 24, 48), echo4(32), 32)),
        e(&V4_PARAM_MISSING_OPTION, 12, 1, "missing-required-option", "Parameter problem: missing required option")
            .quote(router4(33)),
        e(&V4_PARAM_BAD_LENGTH, 12, 2, "bad-length", "Parameter problem: bad length").quote(router4(34)),
        e(&V4_TIMESTAMP, 13, 0, "icmp-type-13", "Bad ICMP type: 13").class(Informational),
        e(&V4_TTL_EXCEEDED_RFC4884, 11, 0, "ttl-exceeded", "Time to live exceeded")
            .quote(q(probe4(1, 44), echo4(40), 128)),
        e(&V4_HOST_UNREACHABLE_BAD_RFC4884, 3, 1, "host-unreachable", "Destination Host Unreachable")
            .quote(router4(41)),
        // ICMPv6
        e(&V6_ECHO_REQUEST, 128, 0, "echo-request", "Echo Request").class(EchoRequest).echo(0x1234, 1, 16),
        e(&V6_ECHO_REPLY, 129, 0, "echo-reply", "Echo Reply").class(EchoReply).echo(0x1234, 1, 16),
        e(&V6_NO_ROUTE, 1, 0, "no-route", "Destination unreachable: No route").quote(q(probe6(63, 64), echo6(1), 64)),
        e(&V6_ADMIN_PROHIBITED, 1, 1, "administratively-prohibited", "Destination unreachable: Administratively prohibited")
            .quote(q(probe6(63, 64), echo6(2), 64)),
        e(&V6_BEYOND_SCOPE, 1, 2, "beyond-scope", "Destination unreachable: Beyond scope of source address").quote(router6(3)),
        e(&V6_ADDRESS_UNREACHABLE, 1, 3, "address-unreachable", "Destination unreachable: Address unreachable")
            .quote(q(probe6(63, 64), echo6(4), 64)),
        e(&V6_PORT_UNREACHABLE, 1, 4, "port-unreachable", "Destination unreachable: Port unreachable").quote(q(
            ip6(host6, target6, 17, 1, 40, 60),
            Udp { src_port: 40001, dst_port: 33434, length: Some(20) },
            60,
        )),
        e(&V6_SOURCE_POLICY, 1, 5, "source-address-failed-policy", "Destination unreachable: Source address failed ingress/egress policy")
            .quote(q(probe6(63, 64), Missing, 40)),
        e(&V6_REJECT_ROUTE, 1, 6, "reject-route", "Destination unreachable: Reject route to destination").quote(q(
            ip6(host6, target6, 17, 63, 40, 52),
            Udp { src_port: 40002, dst_port: 53, length: None },
            44,
        )),
        e(&V6_UNREACHABLE_CODE_99, 1, 99, "destination-unreachable-code-99", "Destination unreachable: unknown code 99")
            .quote(router6(8)),
        e(&V6_PACKET_TOO_BIG, 2, 0, "packet-too-big", "Packet too big: mtu=1280")
            .mtu(1280)
            .quote(q(probe6(63, 1500), echo6(9), 48)),
        e(&V6_HOP_LIMIT_EXCEEDED, 3, 0, "hop-limit-exceeded", "Time exceeded: Hop limit")
            .quote(q(probe6(1, 64), echo6(10), 64)),
        e(&V6_REASSEMBLY_EXCEEDED, 3, 1, "fragment-reassembly-time-exceeded", "Time exceeded: Defragmentation failure")
            .quote(q(fragment6, echo6(11), 56)),
        e(&V6_ERRONEOUS_HEADER, 4, 0, "erroneous-header-field", "Parameter problem: Erroneous header field at byte 4")
            .pointer(4)
            .quote(router6(12)),
        e(&V6_UNRECOGNIZED_NEXT_HEADER, 4, 1, "unrecognized-next-header", "Parameter problem: Unrecognized Next Header at byte 6")
            .pointer(6)
            .quote(q(ip6(host6, target6, 253, 63, 40, 48), Other { protocol: 253 }, 48)),
        e(&V6_UNRECOGNIZED_OPTION, 4, 2, "unrecognized-ipv6-option", "Parameter problem: Unrecognized IPv6 option at byte 42")
            .pointer(42)
            .quote(q(ip6(host6, target6, 58, 63, 48, 72), echo6(13), 56)),
        e(&V6_PARAM_CODE_9, 4, 9, "parameter-problem-code-9", "Parameter problem: unknown code 9 at byte 7")
            .pointer(7)
            .quote(router6(14)),
        e(&V6_UNKNOWN_ERROR_TYPE, 100, 0, "icmpv6-type-100", "Unknown ICMPv6 type 100").quote(router6(15)),
        e(&V6_ROUTER_SOLICITATION, 133, 0, "icmpv6-type-133", "Unknown ICMPv6 type 133").class(Informational),
        e(&V6_HOP_LIMIT_EXCEEDED_RFC4884, 3, 0, "hop-limit-exceeded", "Time exceeded: Hop limit")
            .quote(q(probe6(1, 64), echo6(16), 128)),
    ]
}

fn check(expect: &Expect) -> IcmpInfo {
    let family = family_of(expect.vector);
    let decoded = decode_ip_packet(expect.vector, verify()).unwrap();
    let label = expect.name;

    // The outer header: nothing unusual in these vectors.
    assert_eq!(decoded.outer.family, family, "{label}");
    assert_eq!(decoded.outer.protocol, if family == Family::V4 { 1 } else { 58 }, "{label}");
    assert_eq!(decoded.outer.total_len, expect.vector.len(), "{label}");
    assert_eq!(decoded.outer.header_len, expect.vector.len() - icmp_part(expect.vector).len(), "{label}");

    let icmp = decoded.icmp;
    assert_eq!(icmp.family, family, "{label}");
    assert_eq!((icmp.icmp_type, icmp.code), (expect.icmp_type, expect.code), "{label}");
    assert_eq!(icmp.name, expect.name);
    assert_eq!(icmp.message, expect.message, "{label}");
    assert_eq!(icmp.class, expect.class, "{label}");
    assert_eq!(icmp.checksum_ok, Some(true), "{label}");
    assert_eq!(icmp.mtu, expect.mtu, "{label}");
    assert_eq!(icmp.pointer, expect.pointer, "{label}");
    assert_eq!(icmp.gateway, expect.gateway.map(addr), "{label}");
    assert_eq!(icmp.echo, expect.echo, "{label}");
    assert_eq!(icmp.original, expect.quote, "{label}");
    icmp
}

#[test]
fn every_message_kind_decodes_as_documented() {
    let table = table();
    // Every vector appears in the table once.
    assert_eq!(table.len(), ALL.len());
    for (name, bytes) in ALL {
        assert!(table.iter().any(|e| std::ptr::eq(e.vector, *bytes)), "{name} has no expectation");
    }
    for expect in &table {
        check(expect);
    }
}

#[test]
fn bare_messages_decode_like_whole_packets() {
    for expect in &table() {
        let whole = check(expect);
        let family = family_of(expect.vector);
        let bare = decode_icmp(family, icmp_part(expect.vector), DecodeOptions::default()).unwrap();
        assert_eq!(bare, IcmpInfo { checksum_ok: None, ..whole }, "{}", expect.name);
    }
}

#[test]
fn describe_agrees_with_decoding() {
    for expect in &table() {
        let family = family_of(expect.vector);
        let info = expect.mtu.or(expect.pointer).unwrap_or(0);
        let described = describe(family, expect.icmp_type, expect.code, info);
        assert_eq!(described.name, expect.name);
        assert_eq!(described.class, expect.class, "{}", expect.name);
        assert_eq!((described.mtu, described.pointer), (expect.mtu, expect.pointer), "{}", expect.name);
        if expect.gateway.is_none() {
            assert_eq!(described.message, expect.message);
        } else {
            // The error queue does not carry the gateway, so the text stops before it.
            assert!(expect.message.starts_with(&described.message), "{}", expect.name);
        }
    }
}

#[test]
fn quoted_packets_cover_every_transport_kind() {
    let table = table();
    let kinds: Vec<&QuotedTransport> = table.iter().filter_map(|e| e.quote.as_ref()).map(|q| &q.transport).collect();
    assert!(kinds.iter().any(|t| matches!(t, QuotedTransport::IcmpEcho { .. })));
    assert!(kinds.iter().any(|t| matches!(t, QuotedTransport::Icmp { .. })));
    assert!(kinds.iter().any(|t| matches!(t, QuotedTransport::Udp { length: Some(_), .. })));
    assert!(kinds.iter().any(|t| matches!(t, QuotedTransport::Udp { length: None, .. })));
    assert!(kinds.iter().any(|t| matches!(t, QuotedTransport::Tcp { seq: Some(_), .. })));
    assert!(kinds.iter().any(|t| matches!(t, QuotedTransport::Tcp { seq: None, .. })));
    assert!(kinds.iter().any(|t| matches!(t, QuotedTransport::Other { .. })));
    assert!(kinds.iter().any(|t| matches!(t, QuotedTransport::Missing)));
}
