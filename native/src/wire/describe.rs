//! Names and human texts of ICMP types and codes, in iputils' wording.
//!
//! The tables live in the `icmpv4` / `icmpv6` enums; this file adds what depends on the
//! message's parameters (MTU, pointer, gateway) and the class.

use std::net::Ipv4Addr;

use super::icmpv4;
use super::icmpv6;
use super::info::{Description, IcmpClass};
use super::Family;

/// Name and human text of an ICMP type/code, as the engine needs for errors read from the
/// Linux error queue (`sock_extended_err` gives `ee_type`, `ee_code` and `ee_info`).
///
/// `info` is the MTU for IPv4 3/4 and IPv6 type 2, and the pointer for parameter problems;
/// it is ignored otherwise. An MTU of 0 means "not given".
pub fn describe(family: Family, icmp_type: u8, code: u8, info: u32) -> Description {
    match family {
        Family::V4 => describe_v4(icmp_type, code, info, None),
        Family::V6 => describe_v6(icmp_type, code, info),
    }
}

/// IPv4; `gateway` is appended to a redirect's message when known.
pub(super) fn describe_v4(icmp_type: u8, code: u8, info: u32, gateway: Option<Ipv4Addr>) -> Description {
    use icmpv4::Message;

    let message = Message::from(icmp_type);
    let class = match message {
        Message::EchoRequest => IcmpClass::EchoRequest,
        Message::EchoReply => IcmpClass::EchoReply,
        Message::DstUnreachable
        | Message::SourceQuench
        | Message::Redirect
        | Message::TimeExceeded
        | Message::ParamProblem => IcmpClass::Error,
        Message::Unknown(_) => IcmpClass::Informational,
    };
    let mut mtu = None;
    let mut pointer = None;
    let (name, text) = match message {
        Message::DstUnreachable => {
            let code = icmpv4::DstUnreachable::from(code);
            let mut text = code.to_string();
            if code == icmpv4::DstUnreachable::FragRequired && info != 0 {
                mtu = Some(info);
                text = format!("{text} (mtu = {info})");
            }
            (code.name(), text)
        }
        Message::Redirect => {
            let code = icmpv4::Redirect::from(code);
            let text = match gateway {
                Some(gateway) => format!("{code} (New nexthop: {gateway})"),
                None => code.to_string(),
            };
            (code.name(), text)
        }
        Message::TimeExceeded => {
            let code = icmpv4::TimeExceeded::from(code);
            (code.name(), code.to_string())
        }
        Message::ParamProblem => {
            let code = icmpv4::ParamProblem::from(code);
            if code == icmpv4::ParamProblem::AtPointer {
                pointer = Some(info);
                (code.name(), format!("Parameter problem: pointer = {info}"))
            } else {
                (code.name(), code.to_string())
            }
        }
        // Echo and source quench have no codes worth naming.
        other => (other.name(), other.to_string()),
    };
    Description { name, message: text, class, mtu, pointer }
}

pub(super) fn describe_v6(icmp_type: u8, code: u8, info: u32) -> Description {
    use icmpv6::Message;

    let message = Message::from(icmp_type);
    let class = match message {
        Message::EchoRequest => IcmpClass::EchoRequest,
        Message::EchoReply => IcmpClass::EchoReply,
        other if other.is_error() => IcmpClass::Error,
        _ => IcmpClass::Informational,
    };
    let mut mtu = None;
    let mut pointer = None;
    let (name, text) = match message {
        Message::DstUnreachable => {
            let code = icmpv6::DstUnreachable::from(code);
            (code.name(), code.to_string())
        }
        Message::PktTooBig => {
            let text = if info != 0 {
                mtu = Some(info);
                format!("Packet too big: mtu={info}")
            } else {
                String::from("Packet too big")
            };
            (message.name(), text)
        }
        Message::TimeExceeded => {
            let code = icmpv6::TimeExceeded::from(code);
            (code.name(), code.to_string())
        }
        Message::ParamProblem => {
            let code = icmpv6::ParamProblem::from(code);
            pointer = Some(info);
            (code.name(), format!("{code} at byte {info}"))
        }
        other => (other.name(), other.to_string()),
    };
    Description { name, message: text, class, mtu, pointer }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(family: Family, t: u8, c: u8, info: u32, name: &str, message: &str) {
        let d = describe(family, t, c, info);
        assert_eq!((d.name.as_str(), d.message.as_str()), (name, message), "{family} {t}/{c}");
    }

    /// Checks one family's table: the destination-unreachable codes in order (type
    /// `unreachable_type`, each with `unreachable_info`), then `(type, code, info, name,
    /// message)` rows.
    fn check_table(
        family: Family,
        unreachable_type: u8,
        unreachable_info: u32,
        unreachable: &[(&str, &str)],
        rows: &[(u8, u8, u32, &str, &str)],
    ) {
        for (code, (name, message)) in unreachable.iter().enumerate() {
            check(family, unreachable_type, code as u8, unreachable_info, name, message);
        }
        for &(t, c, info, name, message) in rows {
            check(family, t, c, info, name, message);
        }
    }

    // One row per case reads better as a table than as rustfmt's one-argument-per-line.
    #[rustfmt::skip]
    #[test]
    fn v4_table() {
        // Every code gets info 1400; only fragmentation-needed may turn it into an MTU.
        let unreachable = [
            ("net-unreachable", "Destination Net Unreachable"),
            ("host-unreachable", "Destination Host Unreachable"),
            ("protocol-unreachable", "Destination Protocol Unreachable"),
            ("port-unreachable", "Destination Port Unreachable"),
            ("fragmentation-needed", "Frag needed and DF set (mtu = 1400)"),
            ("source-route-failed", "Source Route Failed"),
            ("destination-network-unknown", "Destination Net Unknown"),
            ("destination-host-unknown", "Destination Host Unknown"),
            ("source-host-isolated", "Source Host Isolated"),
            ("network-administratively-prohibited", "Destination Net Prohibited"),
            ("host-administratively-prohibited", "Destination Host Prohibited"),
            ("network-unreachable-for-tos", "Destination Net Unreachable for Type of Service"),
            ("host-unreachable-for-tos", "Destination Host Unreachable for Type of Service"),
            ("communication-administratively-prohibited", "Packet filtered"),
            ("host-precedence-violation", "Precedence Violation"),
            ("precedence-cutoff-in-effect", "Precedence Cutoff"),
        ];
        check_table(Family::V4, 3, 1400, &unreachable, &[
            (0, 0, 0, "echo-reply", "Echo Reply"),
            (8, 0, 0, "echo-request", "Echo Request"),
            (3, 4, 0, "fragmentation-needed", "Frag needed and DF set"),
            (3, 16, 0, "destination-unreachable-code-16", "Dest Unreachable, Bad Code: 16"),
            (4, 0, 0, "source-quench", "Source Quench"),
            (5, 0, 0, "redirect-network", "Redirect Network"),
            (5, 1, 0, "redirect-host", "Redirect Host"),
            (5, 2, 0, "redirect-tos-network", "Redirect Type of Service and Network"),
            (5, 3, 0, "redirect-tos-host", "Redirect Type of Service and Host"),
            (5, 4, 0, "redirect-code-4", "Redirect, Bad Code: 4"),
            (11, 0, 0, "ttl-exceeded", "Time to live exceeded"),
            (11, 1, 0, "fragment-reassembly-time-exceeded", "Frag reassembly time exceeded"),
            (11, 2, 0, "time-exceeded-code-2", "Time exceeded, Bad Code: 2"),
            (12, 0, 20, "pointer-indicates-error", "Parameter problem: pointer = 20"),
            (12, 1, 0, "missing-required-option", "Parameter problem: missing required option"),
            (12, 2, 0, "bad-length", "Parameter problem: bad length"),
            (12, 3, 0, "parameter-problem-code-3", "Parameter problem: unknown code 3"),
            (13, 0, 0, "icmp-type-13", "Bad ICMP type: 13"),
            (255, 255, 0, "icmp-type-255", "Bad ICMP type: 255"),
        ]);
    }

    #[rustfmt::skip]
    #[test]
    fn v6_table() {
        let unreachable = [
            ("no-route", "Destination unreachable: No route"),
            ("administratively-prohibited", "Destination unreachable: Administratively prohibited"),
            ("beyond-scope", "Destination unreachable: Beyond scope of source address"),
            ("address-unreachable", "Destination unreachable: Address unreachable"),
            ("port-unreachable", "Destination unreachable: Port unreachable"),
            ("source-address-failed-policy", "Destination unreachable: Source address failed ingress/egress policy"),
            ("reject-route", "Destination unreachable: Reject route to destination"),
        ];
        check_table(Family::V6, 1, 0, &unreachable, &[
            (128, 0, 0, "echo-request", "Echo Request"),
            (129, 0, 0, "echo-reply", "Echo Reply"),
            (1, 7, 0, "destination-unreachable-code-7", "Destination unreachable: unknown code 7"),
            (2, 0, 1280, "packet-too-big", "Packet too big: mtu=1280"),
            (2, 0, 0, "packet-too-big", "Packet too big"),
            (3, 0, 0, "hop-limit-exceeded", "Time exceeded: Hop limit"),
            (3, 1, 0, "fragment-reassembly-time-exceeded", "Time exceeded: Defragmentation failure"),
            (4, 0, 4, "erroneous-header-field", "Parameter problem: Erroneous header field at byte 4"),
            (4, 1, 6, "unrecognized-next-header", "Parameter problem: Unrecognized Next Header at byte 6"),
            (4, 2, 42, "unrecognized-ipv6-option", "Parameter problem: Unrecognized IPv6 option at byte 42"),
            (4, 9, 7, "parameter-problem-code-9", "Parameter problem: unknown code 9 at byte 7"),
            (100, 0, 0, "icmpv6-type-100", "Unknown ICMPv6 type 100"),
            (133, 0, 0, "icmpv6-type-133", "Unknown ICMPv6 type 133"),
        ]);
    }

    #[test]
    fn classes_mtu_and_pointer() {
        let d = describe(Family::V4, 3, 4, 1400);
        assert_eq!((d.class, d.mtu, d.pointer), (IcmpClass::Error, Some(1400), None));
        let d = describe(Family::V4, 3, 4, 0);
        assert_eq!(d.mtu, None);
        let d = describe(Family::V4, 3, 1, 1400);
        assert_eq!(d.mtu, None, "only fragmentation-needed carries an MTU");
        let d = describe(Family::V4, 12, 0, 20);
        assert_eq!((d.class, d.pointer), (IcmpClass::Error, Some(20)));
        assert_eq!(describe(Family::V4, 12, 1, 20).pointer, None);
        assert_eq!(describe(Family::V4, 5, 1, 0).class, IcmpClass::Error);
        assert_eq!(describe(Family::V4, 8, 0, 0).class, IcmpClass::EchoRequest);
        assert_eq!(describe(Family::V4, 0, 0, 0).class, IcmpClass::EchoReply);
        assert_eq!(describe(Family::V4, 13, 0, 0).class, IcmpClass::Informational);
        let d = describe(Family::V6, 2, 0, 1280);
        assert_eq!((d.class, d.mtu), (IcmpClass::Error, Some(1280)));
        assert_eq!(describe(Family::V6, 4, 1, 6).pointer, Some(6));
        assert_eq!(describe(Family::V6, 100, 0, 0).class, IcmpClass::Error);
        assert_eq!(describe(Family::V6, 133, 0, 0).class, IcmpClass::Informational);
        assert_eq!(describe(Family::V6, 128, 0, 0).class, IcmpClass::EchoRequest);
        assert_eq!(describe(Family::V6, 129, 0, 0).class, IcmpClass::EchoReply);
    }

    #[test]
    fn redirect_names_its_gateway() {
        let d = describe_v4(5, 1, 0, Some(Ipv4Addr::new(192, 0, 2, 1)));
        assert_eq!(d.message, "Redirect Host (New nexthop: 192.0.2.1)");
    }
}
