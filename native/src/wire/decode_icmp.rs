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
pub fn decode_icmp(
    family: Family,
    bytes: &[u8],
    opts: DecodeOptions,
) -> Result<IcmpInfo, WireError> {
    match family {
        Family::V4 => decode_icmpv4(bytes, opts.verify_checksum),
        Family::V6 => decode_icmpv6(bytes, opts.pseudo_header.filter(|_| opts.verify_checksum)),
    }
}

/// Just the echo header and payload, for the engine's hot path: no allocation, no checksum.
/// Accepts echo requests (what the error queue returns: our own quoted probe) and replies;
/// any other type is `Unsupported`.
pub fn parse_echo(family: Family, bytes: &[u8]) -> Result<Echo<'_>, WireError> {
    match family {
        Family::V4 => {
            let packet = icmpv4::Packet::new_checked(bytes)?;
            let (icmpv4::Repr::EchoRequest {
                ident,
                seq_no,
                data,
            }
            | icmpv4::Repr::EchoReply {
                ident,
                seq_no,
                data,
            }) = icmpv4::Repr::parse(&packet)?;
            let icmp_type = packet.msg_type().into();
            Ok(Echo {
                icmp_type,
                code: packet.msg_code(),
                id: ident,
                seq: seq_no,
                payload: data,
            })
        }
        Family::V6 => {
            let packet = icmpv6::Packet::new_checked(bytes)?;
            let (icmpv6::Repr::EchoRequest {
                ident,
                seq_no,
                data,
            }
            | icmpv6::Repr::EchoReply {
                ident,
                seq_no,
                data,
            }) = icmpv6::Repr::parse(&packet)?;
            let icmp_type = packet.msg_type().into();
            Ok(Echo {
                icmp_type,
                code: packet.msg_code(),
                id: ident,
                seq: seq_no,
                payload: data,
            })
        }
    }
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
    let icmp_type = u8::from(packet.msg_type());
    let code = packet.msg_code();
    let description = describe_v4(icmp_type, code, info, gateway);
    let echo = echo_info(
        description.class,
        packet.echo_ident(),
        packet.echo_seq_no(),
        packet.data(),
    );
    let original = match description.class {
        IcmpClass::Error => quoted::decode(packet.original_datagram()),
        _ => None,
    };
    Ok(IcmpInfo {
        family: Family::V4,
        icmp_type,
        code,
        checksum: packet.checksum(),
        checksum_ok,
        class: description.class,
        name: description.name,
        message: description.message,
        mtu: description.mtu,
        pointer: description.pointer,
        gateway: gateway.map(IpAddr::V4),
        echo,
        original,
    })
}

/// Decodes an ICMPv6 message, verifying its checksum when a pseudo-header is given.
pub(super) fn decode_icmpv6(
    bytes: &[u8],
    verify_with: Option<(Ipv6Addr, Ipv6Addr)>,
) -> Result<IcmpInfo, WireError> {
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
    let icmp_type = u8::from(packet.msg_type());
    let code = packet.msg_code();
    let description = describe_v6(icmp_type, code, info);
    let echo = echo_info(
        description.class,
        packet.echo_ident(),
        packet.echo_seq_no(),
        packet.data(),
    );
    let original = match description.class {
        IcmpClass::Error => quoted::decode(packet.original_datagram()),
        _ => None,
    };
    Ok(IcmpInfo {
        family: Family::V6,
        icmp_type,
        code,
        checksum: packet.checksum(),
        checksum_ok,
        class: description.class,
        name: description.name,
        message: description.message,
        mtu: description.mtu,
        pointer: description.pointer,
        gateway: None,
        echo,
        original,
    })
}

fn echo_info(class: IcmpClass, id: u16, seq: u16, payload: &[u8]) -> Option<EchoInfo> {
    match class {
        IcmpClass::EchoRequest | IcmpClass::EchoReply => Some(EchoInfo {
            id,
            seq,
            payload_len: payload.len(),
        }),
        _ => None,
    }
}
