//! How a probe ended: the one value every resolution path hands the scheduler.

use super::{OriginalProbe, ProbeError, ProbeStatus};
use crate::socket::{errno_name, ErrorOrigin};
use crate::wire::{self, Family};
use std::io;
use std::net::IpAddr;

/// How a probe in flight ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// An echo reply from `from`.
    Reply { from: IpAddr, rtt_ns: Option<i64>, ttl: Option<u8>, bytes: usize },
    /// Nothing came back before the deadline.
    Timeout,
    /// A node on the path answered with an ICMP error (`error.from` sent it).
    IcmpError { error: Box<ProbeError>, rtt_ns: Option<i64>, ttl: Option<u8> },
    /// This host refused the probe: the send failed, or the stack queued a local error.
    LocalError { error: Box<ProbeError>, address: Option<IpAddr>, rtt_ns: Option<i64>, ttl: Option<u8> },
}

/// What a probe event reports about its outcome, field by field.
pub struct Reported {
    pub status: ProbeStatus,
    pub address: Option<IpAddr>,
    pub rtt_ns: Option<i64>,
    pub ttl: Option<u8>,
    pub bytes: usize,
    pub error: Option<Box<ProbeError>>,
}

impl Outcome {
    pub fn into_reported(self) -> Reported {
        match self {
            Outcome::Reply { from, rtt_ns, ttl, bytes } => {
                Reported { status: ProbeStatus::Reply, address: Some(from), rtt_ns, ttl, bytes, error: None }
            }
            Outcome::Timeout => {
                Reported { status: ProbeStatus::Timeout, address: None, rtt_ns: None, ttl: None, bytes: 0, error: None }
            }
            Outcome::IcmpError { error, rtt_ns, ttl } => Reported {
                status: ProbeStatus::IcmpError,
                address: error.from,
                rtt_ns,
                ttl,
                bytes: 0,
                error: Some(error),
            },
            Outcome::LocalError { error, address, rtt_ns, ttl } => {
                Reported { status: ProbeStatus::LocalError, address, rtt_ns, ttl, bytes: 0, error: Some(error) }
            }
        }
    }
}

/// An ICMP error about one of our probes, described the way `ping` words it.
pub struct IcmpErrorFacts {
    pub family: Family,
    pub icmp_type: u8,
    pub code: u8,
    pub info: u32,
    pub errno: u32,
    pub offender: Option<IpAddr>,
    pub original: OriginalProbe,
}

pub fn icmp_error(facts: IcmpErrorFacts) -> ProbeError {
    let description = wire::describe(facts.family, facts.icmp_type, facts.code, facts.info);
    ProbeError {
        family: facts.family,
        origin: ErrorOrigin::Icmp,
        icmp_type: Some(facts.icmp_type),
        code: Some(facts.code),
        name: description.name,
        message: description.message,
        from: facts.offender,
        mtu: description.mtu,
        pointer: description.pointer,
        errno: i32::try_from(facts.errno).ok(),
        original: Some(facts.original),
        untranslated: false,
    }
}

/// A local (this host's) error, named after its errno in the way `ping` reports it.
pub fn local_error(family: Family, errno: i32, mtu: Option<u32>, destination: IpAddr, detail: &str) -> ProbeError {
    let text = io::Error::from_raw_os_error(errno).to_string();
    let text = text.split(" (os error").next().unwrap_or(&text).to_owned();
    let mut message = match mtu {
        Some(mtu) => format!("local error: {text}, mtu={mtu}"),
        None => format!("local error: {text}"),
    };
    if !detail.is_empty() {
        message = format!("{message} ({detail})");
    }
    ProbeError {
        family,
        origin: ErrorOrigin::Local,
        icmp_type: None,
        code: None,
        name: local_error_name(errno).to_owned(),
        message,
        from: None,
        mtu,
        pointer: None,
        errno: Some(errno),
        original: Some(OriginalProbe { src: None, dst: destination, id: None, seq: None, quoted_bytes: 0 }),
        untranslated: false,
    }
}

fn local_error_name(errno: i32) -> &'static str {
    match errno {
        libc::EMSGSIZE => "message-too-long",
        libc::EHOSTUNREACH => "no-route-to-host",
        libc::ENETUNREACH => "network-unreachable",
        libc::EACCES => "permission-denied",
        libc::EPERM => "operation-not-permitted",
        libc::ENOBUFS => "no-buffer-space",
        libc::EINVAL => "invalid-argument",
        libc::EAFNOSUPPORT => "address-family-not-supported",
        libc::ECONNREFUSED => "connection-refused",
        libc::EPROTO => "protocol-error",
        _ => errno_name(errno),
    }
}
