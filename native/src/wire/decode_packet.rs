//! Decodes whole packets: the outer IPv4 or IPv6 header, then the ICMP message it carries
//! (raw-socket reads, macOS datagram sockets, pcap captures).

use super::decode_icmp::{decode_icmpv4, decode_icmpv6};
use super::error::WireError;
use super::info::Decoded;
use super::{ipv4, ipv6, ipv6_ext, DecodeOptions};

/// Decodes a whole packet: an outer IPv4 or IPv6 header (the version comes from the first
/// nibble; IPv6 hop-by-hop, routing, fragment and destination-options headers are skipped)
/// carrying ICMPv4 or ICMPv6. Other protocols, and fragments after the first, are
/// `Unsupported`.
///
/// The ICMP message ends where the IP header says the packet ends, or with the buffer if
/// that comes first: a capture cut short still decodes, but cannot have its ICMP checksum
/// verified (`checksum_ok: None`). The ICMPv6 checksum uses the outer header's addresses.
pub fn decode_ip_packet(bytes: &[u8], opts: DecodeOptions) -> Result<Decoded, WireError> {
    let first = match bytes.first() {
        Some(&first) => first,
        None => {
            return Err(WireError::truncated("IP header", ipv4::HEADER_LEN, 0));
        }
    };
    match first >> 4 {
        4 => decode_v4(bytes, opts),
        6 => decode_v6(bytes, opts),
        version => Err(WireError::Unsupported { what: "IP version", value: version.into() }),
    }
}

fn decode_v4(bytes: &[u8], opts: DecodeOptions) -> Result<Decoded, WireError> {
    let packet = ipv4::Packet::new_checked(bytes)?;
    let outer = packet.info();
    if outer.total_len < outer.header_len {
        return Err(WireError::Malformed {
            what: "IPv4 header",
            reason: "the total length is shorter than the header",
        });
    }
    if opts.verify_checksum {
        packet.check_checksum()?;
    }
    if outer.protocol != ipv4::PROTOCOL_ICMP {
        return Err(WireError::Unsupported {
            what: "IPv4 protocol (only ICMP is decoded)",
            value: outer.protocol.into(),
        });
    }
    if outer.fragment_offset != 0 {
        return Err(WireError::Unsupported {
            what: "IPv4 fragment offset (only a first fragment holds the ICMP header)",
            value: outer.fragment_offset.into(),
        });
    }
    let complete = !outer.more_fragments && outer.total_len <= bytes.len();
    let icmp = decode_icmpv4(packet.payload(), opts.verify_checksum && complete)?;
    Ok(Decoded { outer, icmp })
}

fn decode_v6(bytes: &[u8], opts: DecodeOptions) -> Result<Decoded, WireError> {
    let packet = ipv6::Packet::new_checked(bytes)?;
    let payload = packet.payload();
    let chain = ipv6_ext::walk(packet.next_header(), payload);
    if let Some(error) = chain.incomplete {
        return Err(error);
    }
    let outer = packet.info(&chain);
    if outer.fragment_offset != 0 {
        return Err(WireError::Unsupported {
            what: "IPv6 fragment offset (only a first fragment holds the ICMPv6 header)",
            value: outer.fragment_offset.into(),
        });
    }
    if outer.protocol != ipv6::NEXT_HEADER_ICMPV6 {
        return Err(WireError::Unsupported {
            what: "IPv6 next header (only ICMPv6 is decoded)",
            value: outer.protocol.into(),
        });
    }
    let complete = packet.is_complete() && !outer.more_fragments;
    let verify_with = (opts.verify_checksum && complete).then(|| (packet.src_addr(), packet.dst_addr()));
    let icmp = decode_icmpv6(&payload[chain.len..], verify_with)?;
    Ok(Decoded { outer, icmp })
}
