//! `decodePacket(bytes, options)` and `describeIcmp(family, type, code, info)`.
//!
//! Malformed input is an answer, not an exception: `{ ok: false, code, message }` with the
//! decoder's typed error. Only wrong argument types throw.

use super::options::Options;
use super::values::{family_number, set_bool, set_number, set_optional_address, set_optional_number, set_string};
use crate::ffi::napi::{CallContext, Env, JsError, JsResult, Value};
use crate::wire::{self, DecodeOptions, Family, IcmpClass, IcmpInfo, IpHeaderInfo, Quoted, QuotedTransport};
use std::net::{IpAddr, Ipv6Addr};

fn family_from(number: u64, what: &str) -> JsResult<Family> {
    match number {
        4 => Ok(Family::V4),
        6 => Ok(Family::V6),
        _ => Err(JsError::range_error("ERR_OUT_OF_RANGE", format!("{what} must be 4 or 6, got {number}"))),
    }
}

/// `decodePacket(bytes, { layer: 'ip' | 'icmp', family, verifyChecksum, pseudoHeader })`.
pub fn decode_packet(context: &CallContext) -> JsResult<Value> {
    let env = context.env();
    let bytes = env.to_bytes(context.arg(0), "bytes")?;
    let options = Options::new(env, context.arg(1), "options")?;
    let layer = options.string("layer")?.unwrap_or_else(|| "ip".to_owned());
    let mut decode_options =
        DecodeOptions { verify_checksum: options.boolean("verifyChecksum")?.unwrap_or(false), pseudo_header: None };
    let result = match layer.as_str() {
        "ip" => wire::decode_ip_packet(&bytes, decode_options).map(|decoded| (Some(decoded.outer), decoded.icmp)),
        "icmp" => {
            let family = match options.integer("family", 0, 255)? {
                Some(family) => family,
                None => {
                    return Err(JsError::type_error(
                        "ERR_MISSING_ARGS",
                        "options.family (4 or 6) is required when options.layer is 'icmp'",
                    ));
                }
            };
            let family = family_from(family, "options.family")?;
            decode_options.pseudo_header = pseudo_header(&options)?;
            wire::decode_icmp(family, &bytes, decode_options).map(|icmp| (None, icmp))
        }
        other => {
            return Err(JsError::range_error(
                "ERR_INVALID_ARG_VALUE",
                format!("options.layer must be 'ip' or 'icmp', got {other:?}"),
            ))
        }
    };
    let answer = env.object()?;
    match result {
        Ok((outer, icmp)) => {
            set_bool(env, answer, "ok", true)?;
            let value = env.object()?;
            let outer = match outer {
                Some(header) => ip_header_to_js(env, &header)?,
                None => env.null()?,
            };
            env.define(value, "outer", outer)?;
            env.define(value, "icmp", icmp_to_js(env, &icmp)?)?;
            env.define(answer, "value", value)?;
        }
        Err(error) => {
            set_bool(env, answer, "ok", false)?;
            set_string(env, answer, "code", error.code())?;
            set_string(env, answer, "message", &error.to_string())?;
        }
    }
    Ok(answer)
}

/// `options.pseudoHeader: { src, dst }` (IPv6 addresses) for verifying a bare ICMPv6 checksum.
fn pseudo_header(options: &Options) -> JsResult<Option<(Ipv6Addr, Ipv6Addr)>> {
    let header = options.nested("pseudoHeader", "options.pseudoHeader")?;
    match (header.address("src")?, header.address("dst")?) {
        (None, None) => Ok(None),
        (Some(IpAddr::V6(src)), Some(IpAddr::V6(dst))) => Ok(Some((src, dst))),
        _ => Err(JsError::type_error(
            "ERR_INVALID_IP_ADDRESS",
            "options.pseudoHeader needs both src and dst, as IPv6 addresses",
        )),
    }
}

/// `describeIcmp(family, type, code, info = 0)`: the names and messages the decoder uses.
pub fn describe_icmp(context: &CallContext) -> JsResult<Value> {
    let env = context.env();
    let number = |index: usize, what: &str, max: f64| -> JsResult<u64> {
        let value = env.to_f64(context.arg(index), what)?;
        if value.fract() != 0.0 || !(0.0..=max).contains(&value) {
            return Err(JsError::range_error(
                "ERR_OUT_OF_RANGE",
                format!("{what} must be an integer from 0 to {max}, got {value}"),
            ));
        }
        Ok(value as u64)
    };
    let family = family_from(number(0, "family", 255.0)?, "family")?;
    let icmp_type = number(1, "type", 255.0)? as u8;
    let code = number(2, "code", 255.0)? as u8;
    let info = if env.is_nullish(context.arg(3))? { 0 } else { number(3, "info", u32::MAX as f64)? as u32 };
    let description = wire::describe(family, icmp_type, code, info);
    let result = env.object()?;
    set_string(env, result, "name", &description.name)?;
    set_string(env, result, "message", &description.message)?;
    set_string(env, result, "class", class_name(description.class))?;
    set_optional_number(env, result, "mtu", description.mtu.map(f64::from))?;
    set_optional_number(env, result, "pointer", description.pointer.map(f64::from))?;
    Ok(result)
}

fn class_name(class: IcmpClass) -> &'static str {
    match class {
        IcmpClass::EchoRequest => "echo-request",
        IcmpClass::EchoReply => "echo-reply",
        IcmpClass::Error => "error",
        IcmpClass::Informational => "informational",
    }
}

fn protocol_name(protocol: u8) -> Option<&'static str> {
    match protocol {
        1 => Some("icmp"),
        6 => Some("tcp"),
        17 => Some("udp"),
        58 => Some("icmpv6"),
        _ => None,
    }
}

fn ip_header_to_js(env: Env, header: &IpHeaderInfo) -> JsResult<Value> {
    let object = env.object()?;
    set_number(env, object, "family", family_number(header.family))?;
    set_string(env, object, "src", &header.src.to_string())?;
    set_string(env, object, "dst", &header.dst.to_string())?;
    set_number(env, object, "protocol", f64::from(header.protocol))?;
    let name = match protocol_name(header.protocol) {
        Some(name) => env.string(name)?,
        None => env.null()?,
    };
    env.define(object, "protocolName", name)?;
    set_number(env, object, "ttl", f64::from(header.ttl))?;
    set_number(env, object, "headerLength", header.header_len as f64)?;
    set_number(env, object, "totalLength", header.total_len as f64)?;
    set_bool(env, object, "dontFragment", header.dont_fragment)?;
    set_optional_number(env, object, "identification", header.identification.map(f64::from))?;
    set_number(env, object, "fragmentOffset", f64::from(header.fragment_offset))?;
    set_bool(env, object, "moreFragments", header.more_fragments)?;
    Ok(object)
}

fn icmp_to_js(env: Env, icmp: &IcmpInfo) -> JsResult<Value> {
    let object = env.object()?;
    set_number(env, object, "family", family_number(icmp.family))?;
    set_number(env, object, "type", f64::from(icmp.icmp_type))?;
    set_number(env, object, "code", f64::from(icmp.code))?;
    set_number(env, object, "checksum", f64::from(icmp.checksum))?;
    let checksum_ok = match icmp.checksum_ok {
        Some(ok) => env.boolean(ok)?,
        None => env.null()?,
    };
    env.define(object, "checksumOk", checksum_ok)?;
    set_string(env, object, "class", class_name(icmp.class))?;
    set_string(env, object, "name", &icmp.name)?;
    set_string(env, object, "message", &icmp.message)?;
    set_optional_number(env, object, "mtu", icmp.mtu.map(f64::from))?;
    set_optional_number(env, object, "pointer", icmp.pointer.map(f64::from))?;
    set_optional_address(env, object, "gateway", icmp.gateway)?;
    let echo = match &icmp.echo {
        Some(echo) => {
            let value = env.object()?;
            set_number(env, value, "id", f64::from(echo.id))?;
            set_number(env, value, "seq", f64::from(echo.seq))?;
            set_number(env, value, "payloadLength", echo.payload_len as f64)?;
            value
        }
        None => env.null()?,
    };
    env.define(object, "echo", echo)?;
    let original = match &icmp.original {
        Some(quoted) => quoted_to_js(env, quoted)?,
        None => env.null()?,
    };
    env.define(object, "original", original)?;
    Ok(object)
}

fn quoted_to_js(env: Env, quoted: &Quoted) -> JsResult<Value> {
    let object = env.object()?;
    env.define(object, "ip", ip_header_to_js(env, &quoted.ip)?)?;
    let transport = env.object()?;
    match &quoted.transport {
        QuotedTransport::IcmpEcho { icmp_type, code, id, seq } => {
            set_string(env, transport, "kind", "icmp-echo")?;
            set_number(env, transport, "icmpType", f64::from(*icmp_type))?;
            set_number(env, transport, "icmpCode", f64::from(*code))?;
            set_number(env, transport, "id", f64::from(*id))?;
            set_number(env, transport, "seq", f64::from(*seq))?;
        }
        QuotedTransport::Icmp { icmp_type, code } => {
            set_string(env, transport, "kind", "icmp")?;
            set_number(env, transport, "icmpType", f64::from(*icmp_type))?;
            set_number(env, transport, "icmpCode", f64::from(*code))?;
        }
        QuotedTransport::Udp { src_port, dst_port, length } => {
            set_string(env, transport, "kind", "udp")?;
            set_number(env, transport, "srcPort", f64::from(*src_port))?;
            set_number(env, transport, "dstPort", f64::from(*dst_port))?;
            set_optional_number(env, transport, "length", length.map(f64::from))?;
        }
        QuotedTransport::Tcp { src_port, dst_port, seq } => {
            set_string(env, transport, "kind", "tcp")?;
            set_number(env, transport, "srcPort", f64::from(*src_port))?;
            set_number(env, transport, "dstPort", f64::from(*dst_port))?;
            set_optional_number(env, transport, "seq", seq.map(f64::from))?;
        }
        QuotedTransport::Other { protocol } => {
            set_string(env, transport, "kind", "other")?;
            set_number(env, transport, "protocol", f64::from(*protocol))?;
        }
        QuotedTransport::Missing => set_string(env, transport, "kind", "missing")?,
    }
    env.define(object, "transport", transport)?;
    set_bool(env, object, "truncated", quoted.truncated)?;
    set_number(env, object, "quotedLength", quoted.quoted_len as f64)?;
    Ok(object)
}
