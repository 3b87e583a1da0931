//! Decodes bare ICMP messages: what a Linux ping socket's `recvmsg` returns, and the ICMP
//! part of a whole packet.

use std::net::{IpAddr, Ipv6Addr};

use super::describe::{describe_v4, describe_v6};
use super::error::WireError;
use super::icmpv4;
use super::icmpv6;
use super::info::{Echo, EchoInfo, IcmpClass, IcmpInfo};
use super::quoted;
use super::{DecodeOptions, Family};

/// Decodes a bare ICMP message (what a Linux ping socket returns from `recvmsg`, or the
/// data read from its error queue).
///
/// Checksums are verified only when `opts.verify_checksum` is set; an ICMPv6 checksum also
/// needs `opts.pseudo_header`, and is left unverified (`checksum_ok: None`) without it.
pub fn decode_icmp(family: Family, bytes: &[u8], opts: DecodeOptions) -> Result<IcmpInfo, WireError> {
    match family {
        Family::V4 => decode_icmpv4(bytes, opts.verify_checksum),
        Family::V6 => decode_icmpv6(bytes, opts.pseudo_header.filter(|_| opts.verify_checksum)),
    }
}

/// Just the echo header and payload, for the engine's hot path: no allocation, no checksum.
/// Accepts echo requests (what the error queue returns: our own quoted probe) and replies;
/// any other type is `Unsupported`.
pub fn parse_echo(family: Family, bytes: &[u8]) -> Result<Echo<'_>, WireError> {
    let (icmp_type, code, id, seq, payload) = match family {
        Family::V4 => {
            let packet = icmpv4::Packet::new_checked(bytes)?;
            let (message, id, seq, payload) = icmpv4::Repr::parse(&packet)?.parts();
            (u8::from(message), packet.msg_code(), id, seq, payload)
        }
        Family::V6 => {
            let packet = icmpv6::Packet::new_checked(bytes)?;
            let (message, id, seq, payload) = icmpv6::Repr::parse(&packet)?.parts();
            (u8::from(message), packet.msg_code(), id, seq, payload)
        }
    };
    Ok(Echo { icmp_type, code, id, seq, payload })
}

/// The `IcmpInfo` of a checked `icmpv4::Packet` or `icmpv6::Packet` once `description` has
/// classified it: the echo fields of an echo, the decoded quote of an error. A macro, because
/// the two packets share these accessors but not a type. The gateway is left `None`; only an
/// IPv4 redirect has one.
macro_rules! icmp_info {
    ($family:expr, $packet:ident, $description:ident, $checksum_ok:expr) => {
        IcmpInfo {
            family: $family,
            icmp_type: u8::from($packet.msg_type()),
            code: $packet.msg_code(),
            checksum: $packet.checksum(),
            checksum_ok: $checksum_ok,
            class: $description.class,
            echo: echo_info($description.class, $packet.echo_ident(), $packet.echo_seq_no(), $packet.data()),
            original: match $description.class {
                IcmpClass::Error => quoted::decode($packet.original_datagram()),
                _ => None,
            },
            name: $description.name,
            message: $description.message,
            mtu: $description.mtu,
            pointer: $description.pointer,
            gateway: None,
        }
    };
}

/// Decodes an ICMPv4 message, verifying its checksum when `verify` is set.
pub(super) fn decode_icmpv4(bytes: &[u8], verify: bool) -> Result<IcmpInfo, WireError> {
    use icmpv4::Message;

    let packet = icmpv4::Packet::new_checked(bytes)?;
    let checksum_ok = if verify {
        packet.check_checksum()?;
        Some(true)
    } else {
        None
    };
    let (info, gateway) = match packet.msg_type() {
        Message::DstUnreachable => (u32::from(packet.next_hop_mtu()), None),
        Message::ParamProblem => (u32::from(packet.pointer()), None),
        Message::Redirect => (0, Some(packet.gateway())),
        _ => (0, None),
    };
    let description = describe_v4(packet.msg_type().into(), packet.msg_code(), info, gateway);
    Ok(IcmpInfo { gateway: gateway.map(IpAddr::V4), ..icmp_info!(Family::V4, packet, description, checksum_ok) })
}

/// Decodes an ICMPv6 message, verifying its checksum when a pseudo-header is given.
pub(super) fn decode_icmpv6(bytes: &[u8], verify_with: Option<(Ipv6Addr, Ipv6Addr)>) -> Result<IcmpInfo, WireError> {
    use icmpv6::Message;

    let packet = icmpv6::Packet::new_checked(bytes)?;
    let checksum_ok = match verify_with {
        Some((src, dst)) => {
            packet.check_checksum(&src, &dst)?;
            Some(true)
        }
        None => None,
    };
    let info = match packet.msg_type() {
        Message::PktTooBig => packet.mtu(),
        Message::ParamProblem => packet.pointer(),
        _ => 0,
    };
    let description = describe_v6(packet.msg_type().into(), packet.msg_code(), info);
    Ok(icmp_info!(Family::V6, packet, description, checksum_ok))
}

fn echo_info(class: IcmpClass, id: u16, seq: u16, payload: &[u8]) -> Option<EchoInfo> {
    match class {
        IcmpClass::EchoRequest | IcmpClass::EchoReply => Some(EchoInfo { id, seq, payload_len: payload.len() }),
        _ => None,
    }
}
