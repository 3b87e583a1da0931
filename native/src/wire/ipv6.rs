//! The IPv6 fixed header (RFC 8200): a zero-copy view and a representation to build one.
//! Extension headers are walked by `ipv6_ext`.

use std::net::{IpAddr, Ipv6Addr};

use super::bytes::{be_u16, be_u32, ipv6_addr, set_be_u16, set_be_u32};
use super::error::{require_len, WireError};
use super::info::IpHeaderInfo;
use super::ipv6_ext::Chain;
use super::Family;

/// The length of the IPv6 fixed header.
pub const HEADER_LEN: usize = 40;
/// The next-header value of ICMPv6.
pub const NEXT_HEADER_ICMPV6: u8 = 58;

mod field {
    use super::super::bytes::Field;

    pub const VER_TC_FLOW: Field = 0..4;
    pub const LENGTH: Field = 4..6;
    pub const NXT_HDR: usize = 6;
    pub const HOP_LIMIT: usize = 7;
    pub const SRC_ADDR: Field = 8..24;
    pub const DST_ADDR: Field = 24..40;
}

packet_wrapper! {
    /// A read/write view of an IPv6 fixed header at the start of a buffer.
    ///
    /// `check_len` guarantees the 40-byte header is present; the payload is clipped to the
    /// buffer, because quoted packets and captures are often cut short.
    pub struct Packet;
    new_checked: "Wraps untrusted bytes, failing unless the 40-byte header is present.";
}

impl<T: AsRef<[u8]>> Packet<T> {
    /// Fails unless the buffer holds the 40-byte fixed header. The version is not checked.
    pub fn check_len(&self) -> Result<(), WireError> {
        require_len("IPv6 header", HEADER_LEN, self.buffer.as_ref().len())
    }

    fn ver_tc_flow(&self) -> u32 {
        be_u32(&self.buffer.as_ref()[field::VER_TC_FLOW])
    }

    /// The version field (6 for IPv6).
    pub fn version(&self) -> u8 {
        (self.ver_tc_flow() >> 28) as u8
    }

    /// The traffic class (DSCP and ECN).
    pub fn traffic_class(&self) -> u8 {
        (self.ver_tc_flow() >> 20) as u8
    }

    /// The 20-bit flow label.
    pub fn flow_label(&self) -> u32 {
        self.ver_tc_flow() & 0x000f_ffff
    }

    /// The payload length as declared (extension headers included).
    pub fn payload_len(&self) -> u16 {
        be_u16(&self.buffer.as_ref()[field::LENGTH])
    }

    /// The type of the first header after the fixed header.
    pub fn next_header(&self) -> u8 {
        self.buffer.as_ref()[field::NXT_HDR]
    }

    /// The hop limit.
    pub fn hop_limit(&self) -> u8 {
        self.buffer.as_ref()[field::HOP_LIMIT]
    }

    /// The source address.
    pub fn src_addr(&self) -> Ipv6Addr {
        ipv6_addr(&self.buffer.as_ref()[field::SRC_ADDR])
    }

    /// The destination address.
    pub fn dst_addr(&self) -> Ipv6Addr {
        ipv6_addr(&self.buffer.as_ref()[field::DST_ADDR])
    }

    /// 40 + the declared payload length.
    pub fn total_len(&self) -> usize {
        HEADER_LEN + usize::from(self.payload_len())
    }

    /// Whether the buffer holds the whole payload the header declares.
    pub fn is_complete(&self) -> bool {
        self.total_len() <= self.buffer.as_ref().len()
    }

    /// A summary of the header and its extension-header `chain` for [`IpHeaderInfo`].
    pub(super) fn info(&self, chain: &Chain) -> IpHeaderInfo {
        IpHeaderInfo {
            family: Family::V6,
            src: IpAddr::V6(self.src_addr()),
            dst: IpAddr::V6(self.dst_addr()),
            protocol: chain.next_header,
            ttl: self.hop_limit(),
            header_len: HEADER_LEN + chain.len,
            total_len: self.total_len(),
            dont_fragment: false,
            identification: chain.fragment.map(|fragment| fragment.ident),
            fragment_offset: chain.fragment.map_or(0, |fragment| fragment.offset),
            more_fragments: matches!(chain.fragment, Some(fragment) if fragment.more),
        }
    }
}

impl<'a, T: AsRef<[u8]> + ?Sized> Packet<&'a T> {
    /// The payload after the fixed header (extension headers included), clipped to the
    /// buffer and to the declared payload length.
    pub fn payload(&self) -> &'a [u8] {
        let data = self.buffer.as_ref();
        let end = self.total_len().min(data.len());
        &data[HEADER_LEN..end]
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> Packet<T> {
    /// Sets version, traffic class and flow label together.
    pub fn set_ver_tc_flow(&mut self, version: u8, traffic_class: u8, flow_label: u32) {
        let value = (u32::from(version) << 28) | (u32::from(traffic_class) << 20) | (flow_label & 0x000f_ffff);
        set_be_u32(&mut self.buffer.as_mut()[field::VER_TC_FLOW], value);
    }

    /// Sets the payload length field.
    pub fn set_payload_len(&mut self, value: u16) {
        set_be_u16(&mut self.buffer.as_mut()[field::LENGTH], value);
    }

    /// Sets the next-header field.
    pub fn set_next_header(&mut self, value: u8) {
        self.buffer.as_mut()[field::NXT_HDR] = value;
    }

    /// Sets the hop limit.
    pub fn set_hop_limit(&mut self, value: u8) {
        self.buffer.as_mut()[field::HOP_LIMIT] = value;
    }

    /// Sets the source address.
    pub fn set_src_addr(&mut self, value: Ipv6Addr) {
        self.buffer.as_mut()[field::SRC_ADDR].copy_from_slice(&value.octets());
    }

    /// Sets the destination address.
    pub fn set_dst_addr(&mut self, value: Ipv6Addr) {
        self.buffer.as_mut()[field::DST_ADDR].copy_from_slice(&value.octets());
    }

    /// The payload after the fixed header, mutable, up to the end of the buffer.
    pub fn payload_mut(&mut self) -> &mut [u8] {
        &mut self.buffer.as_mut()[HEADER_LEN..]
    }
}

/// A high-level IPv6 fixed header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repr {
    pub src_addr: Ipv6Addr,
    pub dst_addr: Ipv6Addr,
    pub next_header: u8,
    pub hop_limit: u8,
    /// The length of everything after the fixed header.
    pub payload_len: usize,
}

impl Repr {
    /// Reads a checked header; fails on a version other than 6.
    pub fn parse<T: AsRef<[u8]> + ?Sized>(packet: &Packet<&T>) -> Result<Repr, WireError> {
        if packet.version() != 6 {
            return Err(WireError::Unsupported { what: "IP version", value: packet.version().into() });
        }
        Ok(Repr {
            src_addr: packet.src_addr(),
            dst_addr: packet.dst_addr(),
            next_header: packet.next_header(),
            hop_limit: packet.hop_limit(),
            payload_len: usize::from(packet.payload_len()),
        })
    }

    /// The length of the header `emit` writes.
    pub fn buffer_len(&self) -> usize {
        HEADER_LEN
    }

    /// Writes the 40-byte fixed header at the start of `packet`; the payload is the
    /// caller's. Fails if the buffer is too short or the payload exceeds 65535 bytes.
    pub fn emit<T: AsRef<[u8]> + AsMut<[u8]>>(&self, packet: &mut Packet<T>) -> Result<(), WireError> {
        let len = packet.buffer.as_ref().len();
        require_len("IPv6 header buffer", HEADER_LEN, len)?;
        let payload_len = u16::try_from(self.payload_len).map_err(|_| WireError::Malformed {
            what: "IPv6 packet",
            reason: "the payload length would exceed 65535 bytes",
        })?;
        packet.set_ver_tc_flow(6, 0, 0);
        packet.set_payload_len(payload_len);
        packet.set_next_header(self.next_header);
        packet.set_hop_limit(self.hop_limit);
        packet.set_src_addr(self.src_addr);
        packet.set_dst_addr(self.dst_addr);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::vectors::V6_ECHO_REQUEST;
    use super::super::tests::{HOST6, TARGET6};
    use super::*;

    fn repr() -> Repr {
        Repr { src_addr: HOST6, dst_addr: TARGET6, next_header: NEXT_HEADER_ICMPV6, hop_limit: 64, payload_len: 24 }
    }

    #[test]
    fn read() {
        let packet = Packet::new_checked(&V6_ECHO_REQUEST[..]).unwrap();
        assert_eq!(packet.version(), 6);
        assert_eq!(packet.traffic_class(), 0);
        assert_eq!(packet.flow_label(), 0);
        assert_eq!(packet.payload_len(), 24);
        assert_eq!(packet.next_header(), 58);
        assert_eq!(packet.hop_limit(), 64);
        assert_eq!(packet.src_addr(), HOST6);
        assert_eq!(packet.dst_addr(), TARGET6);
        assert_eq!(packet.total_len(), 64);
        assert!(packet.is_complete());
        assert_eq!(packet.payload(), &V6_ECHO_REQUEST[40..]);
    }

    #[test]
    fn build() {
        let mut bytes = [0xa5u8; 40];
        let mut packet = Packet::new_unchecked(&mut bytes[..]);
        packet.set_ver_tc_flow(6, 0, 0);
        packet.set_payload_len(24);
        packet.set_next_header(58);
        packet.set_hop_limit(64);
        packet.set_src_addr(HOST6);
        packet.set_dst_addr(TARGET6);
        assert_eq!(&bytes[..], &V6_ECHO_REQUEST[..40]);
    }

    #[test]
    fn traffic_class_and_flow_label() {
        let mut bytes = [0u8; 40];
        let mut packet = Packet::new_unchecked(&mut bytes[..]);
        packet.set_ver_tc_flow(6, 0xb8, 0xabcde);
        assert_eq!(packet.version(), 6);
        assert_eq!(packet.traffic_class(), 0xb8);
        assert_eq!(packet.flow_label(), 0xabcde);
    }

    #[test]
    fn parse() {
        let packet = Packet::new_checked(&V6_ECHO_REQUEST[..]).unwrap();
        assert_eq!(Repr::parse(&packet), Ok(repr()));
    }

    #[test]
    fn emit() {
        let mut bytes = [0xa5u8; 44];
        repr().emit(&mut Packet::new_unchecked(&mut bytes[..])).unwrap();
        assert_eq!(&bytes[..40], &V6_ECHO_REQUEST[..40]);
        assert_eq!(&bytes[40..], &[0xa5; 4], "emit wrote past the header");
    }

    #[test]
    fn check_len_at_every_length() {
        for len in 0..V6_ECHO_REQUEST.len() {
            let result = Packet::new_checked(&V6_ECHO_REQUEST[..len]).map(|_| ());
            if len < 40 {
                assert_eq!(result, Err(WireError::truncated("IPv6 header", 40, len)));
            } else {
                assert_eq!(result, Ok(()));
            }
        }
    }

    #[test]
    fn payload_is_clipped() {
        let packet = Packet::new_checked(&V6_ECHO_REQUEST[..50]).unwrap();
        assert!(!packet.is_complete());
        assert_eq!(packet.payload().len(), 10);
    }
}
