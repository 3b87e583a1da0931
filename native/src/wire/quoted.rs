//! Decodes the original packet an ICMP error quotes, as far as the quote goes.
//!
//! Routers often quote only the IP header and 8 more bytes; Linux quotes up to 576 (IPv4)
//! or 1280 (IPv6) bytes in all. Nothing here fails: what is missing is reported as missing.

use super::bytes::{be_u16, be_u32};
use super::icmpv4;
use super::icmpv6;
use super::info::{IpHeaderInfo, Quoted, QuotedTransport};
use super::ipv4;
use super::ipv6;
use super::ipv6_ext;

const PROTOCOL_TCP: u8 = 6;
const PROTOCOL_UDP: u8 = 17;
/// Ports are the first 4 bytes of TCP and UDP; fewer than that and nothing is decodable.
const MIN_TRANSPORT_LEN: usize = 4;

/// Decodes a quote, sniffing the IP version from its first nibble. `None` when the quote is
/// empty, shorter than an IP header (20 bytes or the IHL for IPv4, 40 for IPv6), or not an
/// IPv4/IPv6 header at all.
pub(super) fn decode(quote: &[u8]) -> Option<Quoted> {
    let (ip, payload) = match quote.first()? >> 4 {
        4 => {
            let packet = ipv4::Packet::new_checked(quote).ok()?;
            (packet.info(), packet.payload())
        }
        6 => {
            let packet = ipv6::Packet::new_checked(quote).ok()?;
            let payload = packet.payload();
            let chain = ipv6_ext::walk(packet.next_header(), payload);
            let ip = packet.info(&chain);
            if chain.incomplete.is_some() {
                return Some(finish(quote, ip, QuotedTransport::Missing));
            }
            (ip, &payload[chain.len..])
        }
        _ => return None,
    };
    let transport = transport(&ip, payload);
    Some(finish(quote, ip, transport))
}

fn finish(quote: &[u8], ip: IpHeaderInfo, transport: QuotedTransport) -> Quoted {
    Quoted { truncated: quote.len() < ip.total_len, quoted_len: quote.len(), ip, transport }
}

/// The transport header's first bytes, as far as they were quoted.
fn transport(ip: &IpHeaderInfo, bytes: &[u8]) -> QuotedTransport {
    if ip.fragment_offset != 0 {
        // The middle of a payload: there is no transport header to read.
        return QuotedTransport::Other { protocol: ip.protocol };
    }
    if bytes.len() < MIN_TRANSPORT_LEN {
        return QuotedTransport::Missing;
    }
    match ip.protocol {
        ipv4::PROTOCOL_ICMP => icmpv4_transport(bytes),
        ipv6::NEXT_HEADER_ICMPV6 => icmpv6_transport(bytes),
        PROTOCOL_UDP => QuotedTransport::Udp {
            src_port: be_u16(&bytes[0..2]),
            dst_port: be_u16(&bytes[2..4]),
            length: bytes.get(4..6).map(be_u16),
        },
        PROTOCOL_TCP => QuotedTransport::Tcp {
            src_port: be_u16(&bytes[0..2]),
            dst_port: be_u16(&bytes[2..4]),
            seq: bytes.get(4..8).map(be_u32),
        },
        protocol => QuotedTransport::Other { protocol },
    }
}

/// Quoted ICMPv4: an echo when its id and sequence were quoted, otherwise type and code.
fn icmpv4_transport(bytes: &[u8]) -> QuotedTransport {
    use icmpv4::Message::{EchoReply, EchoRequest};
    let echo = match icmpv4::Packet::new_checked(bytes) {
        Ok(p) if matches!(p.msg_type(), EchoRequest | EchoReply) => Some((p.echo_ident(), p.echo_seq_no())),
        _ => None,
    };
    icmp_transport(bytes, echo)
}

/// Quoted ICMPv6: an echo when its id and sequence were quoted, otherwise type and code.
fn icmpv6_transport(bytes: &[u8]) -> QuotedTransport {
    use icmpv6::Message::{EchoReply, EchoRequest};
    let echo = match icmpv6::Packet::new_checked(bytes) {
        Ok(p) if matches!(p.msg_type(), EchoRequest | EchoReply) => Some((p.echo_ident(), p.echo_seq_no())),
        _ => None,
    };
    icmp_transport(bytes, echo)
}

/// `bytes` holds at least the 4 bytes every quoted transport needs.
fn icmp_transport(bytes: &[u8], echo: Option<(u16, u16)>) -> QuotedTransport {
    let (icmp_type, code) = (bytes[0], bytes[1]);
    match echo {
        Some((id, seq)) => QuotedTransport::IcmpEcho { icmp_type, code, id, seq },
        None => QuotedTransport::Icmp { icmp_type, code },
    }
}
