//! What the engine reports: one event per resolved probe, one when a job ends.

use crate::socket::ErrorOrigin;
use crate::wire::Family;
use std::net::IpAddr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProbeStatus {
    /// An echo reply came back.
    Reply,
    /// Nothing came back before the probe's timeout.
    Timeout,
    /// A node on the path answered with an ICMP error about the probe.
    IcmpError,
    /// This host refused to send it (no route, message too long, firewall…).
    LocalError,
}

impl ProbeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ProbeStatus::Reply => "reply",
            ProbeStatus::Timeout => "timeout",
            ProbeStatus::IcmpError => "icmp-error",
            ProbeStatus::LocalError => "local-error",
        }
    }
}

/// The probe an error quotes, as far as the quote and the kernel tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginalProbe {
    /// Our source address for that destination (the kernel's route choice): ping sockets
    /// hand us the quoted ICMP message, not the quoted IP header.
    pub src: Option<IpAddr>,
    pub dst: IpAddr,
    pub id: Option<u16>,
    pub seq: Option<u16>,
    /// Bytes of the quoted ICMP message we received.
    pub quoted_bytes: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeError {
    pub family: Family,
    pub origin: ErrorOrigin,
    /// ICMP type and code (`None` for local errors).
    pub icmp_type: Option<u8>,
    pub code: Option<u8>,
    pub name: String,
    pub message: String,
    /// Who sent the ICMP error (the offender).
    pub from: Option<IpAddr>,
    pub mtu: Option<u32>,
    pub pointer: Option<u32>,
    /// The errno the kernel associates with the error.
    pub errno: Option<i32>,
    pub original: Option<OriginalProbe>,
    /// The error quotes our probe (echo id and seq) but a destination it was not sent to, or
    /// the other address family: a gateway rewrote the destination and did not translate
    /// the error back (only sockets that see errors inline can tell). `original.dst` is the
    /// quoted destination; the event's target is where the probe went.
    pub untranslated: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProbeEvent {
    pub job: u32,
    /// 1-based probe number within the job.
    pub seq: u64,
    /// The sequence number on the wire (16 bits, per destination).
    pub wire_seq: u16,
    pub target: IpAddr,
    pub status: ProbeStatus,
    /// Who answered: the replying host, or the node that sent the error.
    pub address: Option<IpAddr>,
    /// Kernel receive timestamp minus send time.
    pub rtt_ns: Option<i64>,
    pub ttl: Option<u8>,
    /// ICMP bytes received (header and payload), like `ping`'s "64 bytes from".
    pub bytes: usize,
    /// When the probe was sent, CLOCK_REALTIME nanoseconds.
    pub sent_at_ns: i128,
    /// Boxed: most events are replies, and the error is by far the largest part.
    pub error: Option<Box<ProbeError>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct JobSummary {
    pub job: u32,
    pub target: IpAddr,
    pub sent: u64,
    pub received: u64,
    pub errors: u64,
    pub timeouts: u64,
    pub cancelled: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Probe(ProbeEvent),
    Done(JobSummary),
    /// The engine stopped and will report nothing more (an internal failure).
    Fatal {
        message: String,
    },
}
