//! What Windows' ICMP API hands back, decoded without Windows: the `IP_*` status of an echo
//! and the reply structures `IcmpSendEcho2Ex` / `Icmp6SendEcho2` leave in the reply buffer.
//!
//! Pure code on byte slices, compiled and tested on every platform (the Windows socket in
//! `windows.rs` is its only user). Layouts, from ipexport.h (all little-endian):
//!
//! - `ICMP_ECHO_REPLY32` (28 bytes; what an asynchronous echo fills in a 64-bit process):
//!   Address u32 @0 (network order), Status u32 @4, RoundTripTime u32 @8 (ms),
//!   DataSize u16 @12, Reserved u16 @14, Data u32 @16, Options @20 { Ttl u8, Tos u8,
//!   Flags u8, OptionsSize u8, OptionsData u32 }.
//! - `ICMP_ECHO_REPLY` (40 bytes, 64-bit pointers): the same up to DataSize/Reserved, then
//!   Data u64 @16, Options @24 { Ttl, Tos, Flags, OptionsSize, 4 bytes padding,
//!   OptionsData u64 }.
//! - `ICMPV6_ECHO_REPLY` (36 bytes): Address `IPV6_ADDRESS_EX` (packed: sin6_port u16 @0,
//!   sin6_flowinfo u32 @2, sin6_addr 16 bytes @6, sin6_scope_id u32 @22), Status u32 @28,
//!   RoundTripTime u32 @32 (ms); the echoed data follows at 36. No TTL: Windows does not
//!   report the hop limit of IPv6 replies.
//!
//! Which v4 layout a buffer holds is told by its Data pointer: it points into the buffer.

use super::{ErrorOrigin, Incoming};
use crate::wire::Family;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

pub const ECHO_REPLY32_LEN: usize = 28;
pub const ECHO_REPLY64_LEN: usize = 40;
pub const ECHO_REPLY6_LEN: usize = 36;

/// `IP_SUCCESS` and the `IP_*` statuses (ipexport.h) we tell apart.
pub mod status {
    pub const SUCCESS: u32 = 0;
    pub const BUF_TOO_SMALL: u32 = 11001;
    pub const DEST_NET_UNREACHABLE: u32 = 11002;
    pub const DEST_HOST_UNREACHABLE: u32 = 11003;
    /// v4: protocol unreachable; v6 (`IP_DEST_PROHIBITED`): administratively prohibited.
    pub const DEST_PROT_UNREACHABLE: u32 = 11004;
    pub const DEST_PORT_UNREACHABLE: u32 = 11005;
    pub const NO_RESOURCES: u32 = 11006;
    pub const BAD_OPTION: u32 = 11007;
    pub const HW_ERROR: u32 = 11008;
    pub const PACKET_TOO_BIG: u32 = 11009;
    pub const REQ_TIMED_OUT: u32 = 11010;
    pub const BAD_REQ: u32 = 11011;
    pub const BAD_ROUTE: u32 = 11012;
    pub const TTL_EXPIRED_TRANSIT: u32 = 11013;
    pub const TTL_EXPIRED_REASSEM: u32 = 11014;
    pub const PARAM_PROBLEM: u32 = 11015;
    pub const SOURCE_QUENCH: u32 = 11016;
    pub const OPTION_TOO_BIG: u32 = 11017;
    pub const BAD_DESTINATION: u32 = 11018;
    /// v6 only: the address is unreachable (ICMPv6 type 1 code 3); v4's 11019 means "deleted".
    pub const DEST_UNREACHABLE: u32 = 11040;
    pub const TIME_EXCEEDED: u32 = 11041;
    pub const BAD_HEADER: u32 = 11042;
    pub const UNRECOGNIZED_NEXT_HEADER: u32 = 11043;
    pub const ICMP_ERROR: u32 = 11044;
    pub const DEST_SCOPE_MISMATCH: u32 = 11045;
    pub const GENERAL_FAILURE: u32 = 11050;
}

/// What an `IP_*` status means for a probe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusMeaning {
    /// An echo reply.
    Reply,
    /// No answer within the timeout (the engine's own timeout reports it).
    TimedOut,
    /// A node on the path answered with this ICMP error (type and code of `family`).
    IcmpError { icmp_type: u8, code: u8 },
    /// This host did not send or could not finish the echo; the status says why.
    Local,
}

/// Maps an `IP_*` status onto the ICMP message it stands for. Windows folds several codes
/// into one status (e.g. admin-prohibited arrives as host unreachable on v4), so the type
/// and code are the most specific ones the status allows.
pub fn status_meaning(family: Family, status: u32) -> StatusMeaning {
    use status::*;
    let error = |icmp_type, code| StatusMeaning::IcmpError { icmp_type, code };
    match (family, status) {
        (_, SUCCESS) => StatusMeaning::Reply,
        (_, REQ_TIMED_OUT) => StatusMeaning::TimedOut,
        (Family::V4, DEST_NET_UNREACHABLE) => error(3, 0),
        (Family::V4, DEST_HOST_UNREACHABLE) => error(3, 1),
        (Family::V4, DEST_PROT_UNREACHABLE) => error(3, 2),
        (Family::V4, DEST_PORT_UNREACHABLE) => error(3, 3),
        (Family::V4, PACKET_TOO_BIG) => error(3, 4),
        (Family::V4, TTL_EXPIRED_TRANSIT) => error(11, 0),
        (Family::V4, TTL_EXPIRED_REASSEM) => error(11, 1),
        (Family::V4, PARAM_PROBLEM) => error(12, 0),
        (Family::V4, SOURCE_QUENCH) => error(4, 0),
        (Family::V6, DEST_NET_UNREACHABLE) => error(1, 0),
        (Family::V6, DEST_PROT_UNREACHABLE) => error(1, 1),
        (Family::V6, DEST_HOST_UNREACHABLE | DEST_UNREACHABLE) => error(1, 3),
        (Family::V6, DEST_PORT_UNREACHABLE) => error(1, 4),
        (Family::V6, DEST_SCOPE_MISMATCH) => error(1, 2),
        (Family::V6, PACKET_TOO_BIG) => error(2, 0),
        (Family::V6, TTL_EXPIRED_TRANSIT | TIME_EXCEEDED) => error(3, 0),
        (Family::V6, TTL_EXPIRED_REASSEM) => error(3, 1),
        (Family::V6, PARAM_PROBLEM | BAD_HEADER) => error(4, 0),
        (Family::V6, UNRECOGNIZED_NEXT_HEADER) => error(4, 1),
        _ => StatusMeaning::Local,
    }
}

/// The `IP_*` name of a status, for local errors ("IP_BAD_DESTINATION").
pub fn status_name(status: u32) -> Option<&'static str> {
    use status::*;
    Some(match status {
        SUCCESS => "IP_SUCCESS",
        BUF_TOO_SMALL => "IP_BUF_TOO_SMALL",
        DEST_NET_UNREACHABLE => "IP_DEST_NET_UNREACHABLE",
        DEST_HOST_UNREACHABLE => "IP_DEST_HOST_UNREACHABLE",
        DEST_PROT_UNREACHABLE => "IP_DEST_PROT_UNREACHABLE",
        DEST_PORT_UNREACHABLE => "IP_DEST_PORT_UNREACHABLE",
        NO_RESOURCES => "IP_NO_RESOURCES",
        BAD_OPTION => "IP_BAD_OPTION",
        HW_ERROR => "IP_HW_ERROR",
        PACKET_TOO_BIG => "IP_PACKET_TOO_BIG",
        REQ_TIMED_OUT => "IP_REQ_TIMED_OUT",
        BAD_REQ => "IP_BAD_REQ",
        BAD_ROUTE => "IP_BAD_ROUTE",
        TTL_EXPIRED_TRANSIT => "IP_TTL_EXPIRED_TRANSIT",
        TTL_EXPIRED_REASSEM => "IP_TTL_EXPIRED_REASSEM",
        PARAM_PROBLEM => "IP_PARAM_PROBLEM",
        SOURCE_QUENCH => "IP_SOURCE_QUENCH",
        OPTION_TOO_BIG => "IP_OPTION_TOO_BIG",
        BAD_DESTINATION => "IP_BAD_DESTINATION",
        DEST_UNREACHABLE => "IP_DEST_UNREACHABLE",
        TIME_EXCEEDED => "IP_TIME_EXCEEDED",
        BAD_HEADER => "IP_BAD_HEADER",
        UNRECOGNIZED_NEXT_HEADER => "IP_UNRECOGNIZED_NEXT_HEADER",
        ICMP_ERROR => "IP_ICMP_ERROR",
        DEST_SCOPE_MISMATCH => "IP_DEST_SCOPE_MISMATCH",
        GENERAL_FAILURE => "IP_GENERAL_FAILURE",
        _ => return None,
    })
}

/// One decoded reply structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EchoReply<'a> {
    /// Who answered: the target for a reply, the router for an error.
    pub address: IpAddr,
    pub status: u32,
    /// Windows measures in whole milliseconds.
    pub rtt_ms: u32,
    /// IPv4 only: the reply's TTL.
    pub ttl: Option<u8>,
    /// The echoed data (empty for errors).
    pub data: &'a [u8],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplyError {
    /// The buffer is shorter than the structure it must hold.
    Truncated { needed: usize, got: usize },
    /// The Data pointer / DataSize point outside the buffer.
    DataOutOfBounds { offset: u64, size: usize, buffer: usize },
}

impl fmt::Display for ReplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplyError::Truncated { needed, got } => {
                write!(f, "echo reply buffer truncated: needs {needed} bytes, has {got}")
            }
            ReplyError::DataOutOfBounds { offset, size, buffer } => {
                write!(f, "echo reply data ({size} bytes at offset {offset}) lies outside the {buffer}-byte buffer")
            }
        }
    }
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    u64::from(u32_at(bytes, at)) | (u64::from(u32_at(bytes, at + 4)) << 32)
}

/// Decodes the first `ICMP_ECHO_REPLY32` or `ICMP_ECHO_REPLY` in `buffer`, which Windows
/// filled at address `base` (its Data pointer is absolute: 32 bits of it in the 32-bit
/// layout).
pub fn decode_v4(buffer: &[u8], base: usize) -> Result<EchoReply<'_>, ReplyError> {
    if buffer.len() < ECHO_REPLY32_LEN {
        return Err(ReplyError::Truncated { needed: ECHO_REPLY32_LEN, got: buffer.len() });
    }
    let address = IpAddr::V4(Ipv4Addr::new(buffer[0], buffer[1], buffer[2], buffer[3]));
    let status = u32_at(buffer, 4);
    let rtt_ms = u32_at(buffer, 8);
    let size = usize::from(u16_at(buffer, 12));
    // The 64-bit layout's pointer, as an offset into the buffer, when it is one.
    let offset64 = (buffer.len() >= ECHO_REPLY64_LEN)
        .then(|| u64_at(buffer, 16).wrapping_sub(base as u64))
        .filter(|offset| *offset >= ECHO_REPLY64_LEN as u64 && *offset <= buffer.len() as u64);
    let (offset, ttl_at) = match offset64 {
        Some(offset) => (offset, 24),
        None => (u64::from(u32_at(buffer, 16).wrapping_sub(base as u32)), 20),
    };
    let ttl = Some(buffer[ttl_at]);
    let data = if size == 0 {
        &buffer[..0]
    } else {
        let start = usize::try_from(offset).ok().filter(|start| *start >= ECHO_REPLY32_LEN);
        match start.and_then(|start| buffer.get(start..start.checked_add(size)?)) {
            Some(data) => data,
            None => return Err(ReplyError::DataOutOfBounds { offset, size, buffer: buffer.len() }),
        }
    };
    Ok(EchoReply { address, status, rtt_ms, ttl, data })
}

/// Decodes an `ICMPV6_ECHO_REPLY`; the echoed data follows it, `data_len` bytes (what we
/// sent: the structure has no size field), cut to what the buffer holds.
pub fn decode_v6(buffer: &[u8], data_len: usize) -> Result<EchoReply<'_>, ReplyError> {
    if buffer.len() < ECHO_REPLY6_LEN {
        return Err(ReplyError::Truncated { needed: ECHO_REPLY6_LEN, got: buffer.len() });
    }
    let mut octets = [0u8; 16];
    octets.copy_from_slice(&buffer[6..22]);
    let status = u32_at(buffer, 28);
    let data = if status == status::SUCCESS {
        let end = ECHO_REPLY6_LEN.saturating_add(data_len).min(buffer.len());
        &buffer[ECHO_REPLY6_LEN..end]
    } else {
        &buffer[..0]
    };
    Ok(EchoReply { address: IpAddr::V6(Ipv6Addr::from(octets)), status, rtt_ms: u32_at(buffer, 32), ttl: None, data })
}

/// The echo a completion belongs to, as the socket remembered it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EchoSent {
    pub destination: IpAddr,
    /// The engine's sequence number (Windows puts its own on the wire).
    pub seq: u16,
    /// When the socket sent it, CLOCK_REALTIME nanoseconds.
    pub sent_ns: i128,
    /// What stands for the echo id Windows chose.
    pub echo_id: u16,
}

/// One completed echo as what the engine receives: a reply, an error about that echo (its
/// destination and sequence number: Windows matched the error to it), or nothing for a
/// timeout (the engine's own timeout reports those). The receive stamp is the send stamp
/// plus Windows' whole milliseconds.
pub fn incoming<'a>(family: Family, echo: &EchoSent, reply: &EchoReply<'a>) -> Option<Incoming<'a>> {
    let received_ns = Some(echo.sent_ns + i128::from(reply.rtt_ms) * 1_000_000);
    let error = |origin, icmp_type, code, offender| Incoming::Error {
        origin,
        original_destination: Some(echo.destination),
        quoted_id: Some(echo.echo_id),
        quoted_seq: Some(echo.seq),
        quoted: &[],
        icmp_type,
        code,
        info: 0,
        errno: reply.status,
        offender,
        ttl: reply.ttl,
        received_ns,
    };
    match status_meaning(family, reply.status) {
        StatusMeaning::Reply => Some(Incoming::Reply {
            from: reply.address,
            id: echo.echo_id,
            seq: echo.seq,
            bytes: 8 + reply.data.len(),
            payload: reply.data,
            ttl: reply.ttl,
            received_ns,
        }),
        StatusMeaning::TimedOut => None,
        StatusMeaning::IcmpError { icmp_type, code } => {
            Some(error(ErrorOrigin::Icmp, icmp_type, code, Some(reply.address)))
        }
        StatusMeaning::Local => Some(error(ErrorOrigin::Local, 0, 0, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_onto_icmp_messages_per_family() {
        let error = |icmp_type, code| StatusMeaning::IcmpError { icmp_type, code };
        assert_eq!(status_meaning(Family::V4, 0), StatusMeaning::Reply);
        assert_eq!(status_meaning(Family::V6, 0), StatusMeaning::Reply);
        assert_eq!(status_meaning(Family::V4, 11010), StatusMeaning::TimedOut);
        assert_eq!(status_meaning(Family::V4, 11002), error(3, 0));
        assert_eq!(status_meaning(Family::V4, 11003), error(3, 1));
        assert_eq!(status_meaning(Family::V4, 11004), error(3, 2));
        assert_eq!(status_meaning(Family::V4, 11005), error(3, 3));
        assert_eq!(status_meaning(Family::V4, 11009), error(3, 4));
        assert_eq!(status_meaning(Family::V4, 11013), error(11, 0));
        assert_eq!(status_meaning(Family::V4, 11014), error(11, 1));
        assert_eq!(status_meaning(Family::V4, 11015), error(12, 0));
        // The same statuses mean ICMPv6 messages for v6 echoes.
        assert_eq!(status_meaning(Family::V6, 11003), error(1, 3));
        assert_eq!(status_meaning(Family::V6, 11004), error(1, 1)); // IP_DEST_PROHIBITED
        assert_eq!(status_meaning(Family::V6, 11009), error(2, 0));
        assert_eq!(status_meaning(Family::V6, 11013), error(3, 0));
        assert_eq!(status_meaning(Family::V6, 11040), error(1, 3));
        // Statuses about this host, not the path.
        for local in [11001, 11006, 11011, 11012, 11018, 11050, 4242] {
            assert_eq!(status_meaning(Family::V4, local), StatusMeaning::Local, "{local}");
        }
        assert_eq!(status_name(11018), Some("IP_BAD_DESTINATION"));
        assert_eq!(status_name(4242), None);
    }

    #[test]
    fn completions_become_what_the_engine_matches() {
        let echo = EchoSent { destination: "10.200.2.2".parse().unwrap(), seq: 7, sent_ns: 1_000_000_000, echo_id: 0 };
        let router: IpAddr = "10.200.1.1".parse().unwrap();
        let reply =
            |status, address, data: &'static [u8]| EchoReply { address, status, rtt_ms: 3, ttl: Some(63), data };

        match incoming(Family::V4, &echo, &reply(0, echo.destination, b"payload")) {
            Some(Incoming::Reply { from, seq, bytes, payload, ttl, received_ns, .. }) => {
                assert_eq!((from, seq, bytes, payload, ttl), (echo.destination, 7, 15, &b"payload"[..], Some(63)));
                assert_eq!(received_ns, Some(1_003_000_000), "send stamp + 3 ms");
            }
            other => panic!("expected a reply, got {other:?}"),
        }
        match incoming(Family::V4, &echo, &reply(11013, router, b"")) {
            Some(Incoming::Error {
                origin: ErrorOrigin::Icmp,
                original_destination,
                quoted_id,
                quoted_seq,
                icmp_type,
                code,
                errno,
                offender,
                ..
            }) => {
                assert_eq!((original_destination, quoted_id, quoted_seq), (Some(echo.destination), Some(0), Some(7)));
                assert_eq!((icmp_type, code, errno, offender), (11, 0, 11013, Some(router)));
            }
            other => panic!("expected an ICMP error, got {other:?}"),
        }
        assert_eq!(incoming(Family::V4, &echo, &reply(11010, router, b"")), None, "the engine reports timeouts");
        assert!(matches!(
            incoming(Family::V4, &echo, &reply(11018, router, b"")),
            Some(Incoming::Error { origin: ErrorOrigin::Local, errno: 11018, offender: None, quoted_seq: Some(7), .. })
        ));
    }

    /// An ICMP_ECHO_REPLY32 as an asynchronous echo of a 64-bit process leaves it: a reply
    /// from 192.0.2.7 in 3 ms, TTL 61, 4 data bytes right after the structure.
    #[test]
    fn decodes_the_32_bit_reply_layout() {
        let base = 0x7ff0_1234_5000usize;
        let mut buffer = vec![0u8; 64];
        buffer[0..4].copy_from_slice(&[192, 0, 2, 7]);
        buffer[4..8].copy_from_slice(&0u32.to_le_bytes());
        buffer[8..12].copy_from_slice(&3u32.to_le_bytes());
        buffer[12..14].copy_from_slice(&4u16.to_le_bytes());
        buffer[16..20].copy_from_slice(&((base + 28) as u32).to_le_bytes());
        buffer[20] = 61;
        buffer[28..32].copy_from_slice(b"ping");
        let reply = decode_v4(&buffer, base).unwrap();
        assert_eq!(reply.address, "192.0.2.7".parse::<IpAddr>().unwrap());
        assert_eq!((reply.status, reply.rtt_ms, reply.ttl), (0, 3, Some(61)));
        assert_eq!(reply.data, b"ping");
    }

    #[test]
    fn decodes_the_64_bit_reply_layout() {
        let base = 0x0000_0200_0000_1000usize;
        let mut buffer = vec![0u8; 80];
        buffer[0..4].copy_from_slice(&[198, 51, 100, 1]);
        buffer[4..8].copy_from_slice(&11013u32.to_le_bytes());
        buffer[8..12].copy_from_slice(&12u32.to_le_bytes());
        buffer[12..14].copy_from_slice(&2u16.to_le_bytes());
        buffer[16..24].copy_from_slice(&((base + 40) as u64).to_le_bytes());
        buffer[24] = 254;
        buffer[40..42].copy_from_slice(b"ok");
        let reply = decode_v4(&buffer, base).unwrap();
        assert_eq!(reply.address, "198.51.100.1".parse::<IpAddr>().unwrap());
        assert_eq!((reply.status, reply.rtt_ms, reply.ttl), (11013, 12, Some(254)));
        assert_eq!(reply.data, b"ok");
    }

    #[test]
    fn rejects_short_buffers_and_wild_data_pointers() {
        assert_eq!(decode_v4(&[0; 27], 0), Err(ReplyError::Truncated { needed: 28, got: 27 }));
        let mut buffer = vec![0u8; 40];
        buffer[12..14].copy_from_slice(&100u16.to_le_bytes()); // 100 bytes cannot fit
        buffer[16..20].copy_from_slice(&28u32.to_le_bytes());
        assert!(matches!(decode_v4(&buffer, 0), Err(ReplyError::DataOutOfBounds { size: 100, .. })));
        assert_eq!(decode_v6(&[0; 35], 8), Err(ReplyError::Truncated { needed: 36, got: 35 }));
    }

    /// An ICMPV6_ECHO_REPLY: the packed IPV6_ADDRESS_EX puts the address at 6, not 8, and
    /// Status at 28 after padding; data follows at 36.
    #[test]
    fn decodes_the_ipv6_reply_layout() {
        let mut buffer = vec![0u8; 36 + 8];
        buffer[0..2].copy_from_slice(&0u16.to_le_bytes()); // sin6_port
        buffer[2..6].copy_from_slice(&0u32.to_le_bytes()); // sin6_flowinfo
        let from: Ipv6Addr = "2001:db8::2a".parse().unwrap();
        buffer[6..22].copy_from_slice(&from.octets());
        buffer[22..26].copy_from_slice(&5u32.to_le_bytes()); // sin6_scope_id
        buffer[28..32].copy_from_slice(&0u32.to_le_bytes());
        buffer[32..36].copy_from_slice(&7u32.to_le_bytes());
        buffer[36..44].copy_from_slice(b"abcdefgh");
        let reply = decode_v6(&buffer, 8).unwrap();
        assert_eq!(reply.address, IpAddr::V6(from));
        assert_eq!((reply.status, reply.rtt_ms, reply.ttl), (0, 7, None));
        assert_eq!(reply.data, b"abcdefgh");

        // An error: a router's address, the status, and no data.
        buffer[28..32].copy_from_slice(&11013u32.to_le_bytes());
        let error = decode_v6(&buffer, 8).unwrap();
        assert_eq!((error.status, error.data.len()), (11013, 0));
        assert_eq!(status_meaning(Family::V6, error.status), StatusMeaning::IcmpError { icmp_type: 3, code: 0 });
    }
}
