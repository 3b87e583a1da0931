//! The plain data the entry points return: owned, comparable, ready to hand to JavaScript.

use std::fmt;
use std::net::IpAddr;

use super::Family;

/// A whole packet: the outer IP header and the ICMP message it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub outer: IpHeaderInfo,
    pub icmp: IcmpInfo,
}

/// An IPv4 or IPv6 header as decoded (outer, or quoted inside an error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IpHeaderInfo {
    pub family: Family,
    pub src: IpAddr,
    pub dst: IpAddr,
    /// The IPv4 protocol, or the IPv6 next header after the extension headers. If a quote
    /// ends inside the extension headers, the type of the header that did not fit.
    pub protocol: u8,
    /// TTL (IPv4) or hop limit (IPv6).
    pub ttl: u8,
    /// Header length in bytes: IPv4 options and IPv6 extension headers included.
    pub header_len: usize,
    /// The length the header declares: IPv4 total length; IPv6 40 + payload length.
    pub total_len: usize,
    /// The IPv4 DF bit; always false for IPv6 (which never fragments in flight).
    pub dont_fragment: bool,
    /// The IPv4 identification; the IPv6 fragment header's identification when present.
    pub identification: Option<u32>,
    /// The fragment offset, in bytes.
    pub fragment_offset: u16,
    pub more_fragments: bool,
}

/// What kind of message an ICMP type is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IcmpClass {
    EchoRequest,
    EchoReply,
    /// An error, which quotes the packet that caused it (IPv4 redirects count here too).
    Error,
    /// Anything else (router solicitations, timestamps, unknown types).
    Informational,
}

impl IcmpClass {
    /// A stable kebab-case name: `echo-request`, `echo-reply`, `error`, `informational`.
    pub fn as_str(self) -> &'static str {
        match self {
            IcmpClass::EchoRequest => "echo-request",
            IcmpClass::EchoReply => "echo-reply",
            IcmpClass::Error => "error",
            IcmpClass::Informational => "informational",
        }
    }
}

/// An ICMPv4 or ICMPv6 message as decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcmpInfo {
    pub family: Family,
    pub icmp_type: u8,
    pub code: u8,
    pub checksum: u16,
    /// `Some(true)` when verified; `None` when not asked for or not possible (a fragment,
    /// a message cut short, a bare ICMPv6 message without pseudo-header addresses). A bad
    /// checksum is an error, never `Some(false)`.
    pub checksum_ok: Option<bool>,
    pub class: IcmpClass,
    /// Stable kebab-case name, e.g. `communication-administratively-prohibited`.
    pub name: String,
    /// Human text in iputils' wording, e.g. "Packet filtered".
    pub message: String,
    /// IPv4 3/4 next-hop MTU (`None` if the router sent 0); IPv6 packet-too-big MTU.
    pub mtu: Option<u32>,
    /// Parameter problem pointer (IPv4 code 0; every IPv6 code).
    pub pointer: Option<u32>,
    /// The new gateway of an IPv4 redirect.
    pub gateway: Option<IpAddr>,
    /// Identifier, sequence and payload length of an echo request or reply.
    pub echo: Option<EchoInfo>,
    /// The quoted original packet of an error (redirects included). `None` when the error
    /// quotes nothing, or too little to hold an IP header (fewer than 20 bytes for IPv4 or
    /// its IHL, 40 for IPv6), or something that is not an IP header; the error itself is
    /// still returned.
    pub original: Option<Quoted>,
}

impl fmt::Display for IcmpInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The echo fields of an echo request or reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EchoInfo {
    pub id: u16,
    pub seq: u16,
    pub payload_len: usize,
}

/// The original packet an ICMP error quotes, decoded as far as the quote goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quoted {
    /// The quoted IP header as decoded.
    pub ip: IpHeaderInfo,
    pub transport: QuotedTransport,
    /// The quote ends before `ip.total_len`.
    pub truncated: bool,
    /// Bytes of quote present, from the IP header on (after any RFC 4884 trimming).
    pub quoted_len: usize,
}

/// The first bytes of the quoted packet's payload, as far as they were quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuotedTransport {
    /// An ICMP echo request or reply (needs 8 bytes).
    IcmpEcho { icmp_type: u8, code: u8, id: u16, seq: u16 },
    /// Quoted ICMP that is not an echo, or an echo quoted with fewer than 8 bytes.
    Icmp { icmp_type: u8, code: u8 },
    /// UDP ports (4 bytes); the length when 6 bytes were quoted.
    Udp { src_port: u16, dst_port: u16, length: Option<u16> },
    /// TCP ports (4 bytes); the sequence number when 8 bytes were quoted.
    Tcp { src_port: u16, dst_port: u16, seq: Option<u32> },
    /// Another protocol, or a non-first fragment (whose payload has no transport header).
    Other { protocol: u8 },
    /// The quote ends before 4 transport bytes.
    Missing,
}

/// Name and human text of an ICMP type and code, with the MTU or pointer they carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Description {
    pub name: String,
    pub message: String,
    pub class: IcmpClass,
    pub mtu: Option<u32>,
    pub pointer: Option<u32>,
}

impl fmt::Display for Description {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The echo header and payload, borrowed from the buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Echo<'a> {
    pub icmp_type: u8,
    pub code: u8,
    pub id: u16,
    pub seq: u16,
    pub payload: &'a [u8],
}
