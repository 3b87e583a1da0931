//! The decoder against tshark 4.0.17: every field tshark printed for every vector
//! (`testdata/tshark-fields.txt`, from `testdata/tshark-check.sh`) must agree with what the
//! decoder says, and `testdata/confirmed-vectors.txt` must hold exactly the test vectors.

use std::collections::HashMap;

use super::super::{decode_ip_packet, DecodeOptions, Decoded, Family, IpHeaderInfo, QuotedTransport};
use super::vectors::ALL;

const TSHARK_FIELDS: &str = include_str!("../testdata/tshark-fields.txt");
const CONFIRMED_VECTORS: &str = include_str!("../testdata/confirmed-vectors.txt");

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
}

fn vector(name: &str) -> &'static [u8] {
    ALL.iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("no vector {name}")).1
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

#[test]
fn confirmed_vectors_file_matches_the_statics() {
    let mut names = Vec::new();
    for line in lines(CONFIRMED_VECTORS) {
        let (name, bytes) = line.split_once(' ').unwrap();
        assert_eq!(hex(bytes.trim()), vector(name), "{name}");
        names.push(name);
    }
    assert_eq!(names, ALL.iter().map(|(n, _)| *n).collect::<Vec<_>>());
}

/// tshark's value for a number: decimal, or hex with 0x.
fn number(text: &str) -> u64 {
    match text.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).unwrap(),
        None => text.parse().unwrap(),
    }
}

fn flag(value: bool) -> u64 {
    u64::from(value)
}

/// The value of an IP-layer field for the outer header (occurrence 0) or the quote (1).
fn ip_field(field: &str, ip: &IpHeaderInfo) -> Option<String> {
    let n = |v: u64| Some(v.to_string());
    match field {
        "src" => Some(ip.src.to_string()),
        "dst" => Some(ip.dst.to_string()),
        "proto" => n(ip.protocol.into()),
        "ttl" | "hlim" => n(ip.ttl.into()),
        "id" => n(ip.identification.unwrap().into()),
        "hdr_len" => n(ip.header_len as u64),
        "len" => n(ip.total_len as u64),
        "plen" => n(ip.total_len as u64 - 40),
        "flags.df" => n(flag(ip.dont_fragment)),
        "flags.mf" => n(flag(ip.more_fragments)),
        "frag_offset" => n(ip.fragment_offset.into()),
        // tshark names the first next header; the decoder the last one.
        "nxt" if ip.header_len == 40 => n(ip.protocol.into()),
        "nxt" => None,
        "fraghdr.ident" => n(ip.identification.unwrap().into()),
        "fraghdr.more" => n(flag(ip.more_fragments)),
        other => panic!("unhandled IP field {other}"),
    }
}

fn normalise(value: &str) -> String {
    match value.parse::<std::net::IpAddr>() {
        Ok(addr) => addr.to_string(),
        Err(_) if value.starts_with("0x") => number(value).to_string(),
        Err(_) => value.to_string(),
    }
}

/// Checks one tshark field (all its occurrences) against the decoded packet.
fn check_field(name: &str, field: &str, values: &[&str], decoded: &Decoded) {
    let icmp = &decoded.icmp;
    let quote = icmp.original.as_ref();
    let echo_ids = || match (icmp.echo, quote.map(|q| &q.transport)) {
        (Some(echo), _) => Some((echo.id, echo.seq)),
        (None, Some(QuotedTransport::IcmpEcho { id, seq, .. })) => Some((*id, *seq)),
        _ => None,
    };
    let context = format!("{name} {field}={}", values.join(","));
    let first = normalise(values[0]);
    match field {
        f if f.starts_with("ip.") || f.starts_with("ipv6.") => {
            // Occurrences follow the headers that have the field: outer, then quoted. (A third
            // comes from inside a quoted tunnel, which the decoder does not open.)
            let (prefix, key) = f.split_once('.').unwrap();
            let family = if prefix == "ip" { Family::V4 } else { Family::V6 };
            let headers = [Some(&decoded.outer), quote.map(|q| &q.ip)]
                .into_iter()
                .flatten()
                .filter(|ip| ip.family == family)
                .filter(|ip| !key.starts_with("fraghdr") || ip.identification.is_some());
            let mut compared = 0;
            for (ip, value) in headers.zip(values) {
                if let Some(ours) = ip_field(key, ip) {
                    assert_eq!(ours, normalise(value), "{context}");
                }
                compared += 1;
            }
            assert!(compared > 0, "{context}: no decoded header has this field");
        }
        "icmp.type" | "icmpv6.type" => {
            assert_eq!(icmp.icmp_type.to_string(), first, "{context}");
            if let Some(value) = values.get(1) {
                match &quote.unwrap().transport {
                    QuotedTransport::IcmpEcho { icmp_type, .. } | QuotedTransport::Icmp { icmp_type, .. } => {
                        assert_eq!(icmp_type.to_string(), *value, "{context}")
                    }
                    other => panic!("{context}: quoted transport {other:?}"),
                }
            }
        }
        "icmp.code" | "icmpv6.code" => {
            assert_eq!(icmp.code.to_string(), first, "{context}");
            if let Some(value) = values.get(1) {
                match &quote.unwrap().transport {
                    QuotedTransport::IcmpEcho { code, .. } | QuotedTransport::Icmp { code, .. } => {
                        assert_eq!(code.to_string(), *value, "{context}")
                    }
                    other => panic!("{context}: quoted transport {other:?}"),
                }
            }
        }
        "icmp.checksum" | "icmpv6.checksum" => {
            assert_eq!(icmp.checksum.to_string(), first, "{context}")
        }
        // 1 = good for the outer message; 2 = not checked for the quote, as ours.
        "icmp.checksum.status" | "icmpv6.checksum.status" => {
            assert_eq!(values[0], "1", "{context}");
            assert_eq!(icmp.checksum_ok, Some(true), "{context}");
        }
        "icmp.mtu" => assert_eq!(icmp.mtu.unwrap_or(0).to_string(), first, "{context}"),
        "icmpv6.mtu" => assert_eq!(icmp.mtu.map(|m| m.to_string()), Some(first), "{context}"),
        // tshark shows the pointer byte for every code; the decoder only where it means something.
        "icmp.pointer" => match icmp.pointer {
            Some(pointer) => assert_eq!(pointer.to_string(), first, "{context}"),
            None => assert_ne!(icmp.code, 0, "{context}"),
        },
        "icmpv6.pointer" => assert_eq!(icmp.pointer.map(|p| p.to_string()), Some(first), "{context}"),
        "icmp.redir_gw" => assert_eq!(icmp.gateway.map(|g| g.to_string()), Some(first), "{context}"),
        "icmp.ident" | "icmpv6.echo.identifier" | "icmp.seq" | "icmpv6.echo.sequence_number" => {
            match echo_ids() {
                Some((id, seq)) => {
                    let ours = if field.ends_with("ident") || field.ends_with("identifier") { id } else { seq };
                    assert_eq!(ours.to_string(), first, "{context}");
                }
                // tshark also reads id/seq of timestamps; the decoder only of echoes.
                None => assert!(
                    icmp.echo.is_none()
                        && !matches!(quote, Some(q) if !matches!(q.transport, QuotedTransport::Icmp { .. })),
                    "{context}"
                ),
            }
        }
        // RFC 4884 length: honoured when it fits in the message, ignored otherwise.
        "icmp.length.original_datagram" | "icmpv6.length" => {
            let unit = if field == "icmpv6.length" { 8 } else { 1 };
            let declared = number(values[0]) as usize * unit;
            let quote = quote.unwrap();
            if declared <= decoded.outer.total_len - decoded.outer.header_len - 8 {
                assert_eq!(quote.quoted_len, declared, "{context}");
            } else {
                assert!(quote.quoted_len < declared, "{context}");
            }
        }
        "udp.srcport" | "udp.dstport" | "udp.length" => match &quote.unwrap().transport {
            QuotedTransport::Udp { src_port, dst_port, length } => {
                let ours = match field {
                    "udp.srcport" => Some(*src_port),
                    "udp.dstport" => Some(*dst_port),
                    _ => *length,
                };
                assert_eq!(ours.map(|v| v.to_string()), Some(first), "{context}");
            }
            other => panic!("{context}: quoted transport {other:?}"),
        },
        "tcp.srcport" | "tcp.dstport" => match &quote.unwrap().transport {
            QuotedTransport::Tcp { src_port, dst_port, .. } => {
                let ours = if field == "tcp.srcport" { src_port } else { dst_port };
                assert_eq!(ours.to_string(), first, "{context}");
            }
            other => panic!("{context}: quoted transport {other:?}"),
        },
        other => panic!("{name}: unhandled tshark field {other}"),
    }
}

#[test]
fn decoder_agrees_with_tshark_field_by_field() {
    let mut checked = 0;
    for line in lines(TSHARK_FIELDS) {
        let mut parts = line.split('\t');
        let name = parts.next().unwrap();
        let decoded = decode_ip_packet(vector(name), DecodeOptions { verify_checksum: true, pseudo_header: None })
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let fields: HashMap<&str, Vec<&str>> = parts
            .map(|part| {
                let (field, values) = part.split_once('=').unwrap();
                (field, values.split(',').collect())
            })
            .collect();
        let family_field = match decoded.outer.family {
            Family::V4 => "icmp.type",
            Family::V6 => "icmpv6.type",
        };
        assert!(fields.contains_key(family_field), "{name}: tshark did not dissect the ICMP layer");
        for (field, values) in &fields {
            check_field(name, field, values, &decoded);
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} fields checked");
}
