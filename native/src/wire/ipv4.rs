//! The IPv4 header (RFC 791): a zero-copy view and a representation to build one.

use std::net::{IpAddr, Ipv4Addr};

use super::bytes::{be_u16, ipv4_addr, set_be_u16};
use super::checksum;
use super::error::{require_len, WireError};
use super::info::IpHeaderInfo;
use super::Family;

/// The length of an IPv4 header without options.
pub const HEADER_LEN: usize = 20;
/// The protocol number of ICMPv4.
pub const PROTOCOL_ICMP: u8 = 1;

mod field {
    use super::super::bytes::Field;

    pub const VER_IHL: usize = 0;
    pub const DSCP_ECN: usize = 1;
    pub const LENGTH: Field = 2..4;
    pub const IDENT: Field = 4..6;
    pub const FLG_OFF: Field = 6..8;
    pub const TTL: usize = 8;
    pub const PROTOCOL: usize = 9;
    pub const CHECKSUM: Field = 10..12;
    pub const SRC_ADDR: Field = 12..16;
    pub const DST_ADDR: Field = 16..20;
}

const FLAG_DONT_FRAG: u16 = 0x4000;
const FLAG_MORE_FRAGS: u16 = 0x2000;
const OFFSET_MASK: u16 = 0x1fff;

packet_wrapper! {
    /// A read/write view of an IPv4 header at the start of a buffer.
    ///
    /// `check_len` guarantees the whole header (IHL included) is present; the payload is clipped
    /// to the buffer, because quoted packets and captures are often cut short.
    pub struct Packet;
    new_checked: "Wraps untrusted bytes, failing unless the whole header is present.";
}

impl<T: AsRef<[u8]>> Packet<T> {
    /// Fails unless the buffer holds at least 20 bytes, the IHL is at least 5, and the
    /// buffer holds the whole header the IHL declares. The version is not checked here.
    pub fn check_len(&self) -> Result<(), WireError> {
        let len = self.buffer.as_ref().len();
        require_len("IPv4 header", HEADER_LEN, len)?;
        let header_len = self.header_len();
        if header_len < HEADER_LEN {
            return Err(WireError::Malformed {
                what: "IPv4 header",
                reason: "the header length field (IHL) is below its minimum of 5 words",
            });
        }
        require_len("IPv4 header", header_len, len)
    }

    /// The version field (4 for IPv4).
    pub fn version(&self) -> u8 {
        self.buffer.as_ref()[field::VER_IHL] >> 4
    }

    /// The header length in bytes, options included (IHL × 4).
    pub fn header_len(&self) -> usize {
        usize::from(self.buffer.as_ref()[field::VER_IHL] & 0x0f) * 4
    }

    /// The DSCP and ECN bits (the former type-of-service byte).
    pub fn dscp_ecn(&self) -> u8 {
        self.buffer.as_ref()[field::DSCP_ECN]
    }

    /// The total length of the datagram as declared by the header.
    pub fn total_len(&self) -> u16 {
        be_u16(&self.buffer.as_ref()[field::LENGTH])
    }

    /// The identification field.
    pub fn ident(&self) -> u16 {
        be_u16(&self.buffer.as_ref()[field::IDENT])
    }

    /// The don't-fragment (DF) flag.
    pub fn dont_frag(&self) -> bool {
        be_u16(&self.buffer.as_ref()[field::FLG_OFF]) & FLAG_DONT_FRAG != 0
    }

    /// The more-fragments (MF) flag.
    pub fn more_frags(&self) -> bool {
        be_u16(&self.buffer.as_ref()[field::FLG_OFF]) & FLAG_MORE_FRAGS != 0
    }

    /// The fragment offset, in bytes.
    pub fn frag_offset(&self) -> u16 {
        (be_u16(&self.buffer.as_ref()[field::FLG_OFF]) & OFFSET_MASK) << 3
    }

    /// The time-to-live field.
    pub fn ttl(&self) -> u8 {
        self.buffer.as_ref()[field::TTL]
    }

    /// The protocol of the payload (1 for ICMP).
    pub fn protocol(&self) -> u8 {
        self.buffer.as_ref()[field::PROTOCOL]
    }

    /// The header checksum field.
    pub fn checksum(&self) -> u16 {
        be_u16(&self.buffer.as_ref()[field::CHECKSUM])
    }

    /// The source address.
    pub fn src_addr(&self) -> Ipv4Addr {
        ipv4_addr(&self.buffer.as_ref()[field::SRC_ADDR])
    }

    /// The destination address.
    pub fn dst_addr(&self) -> Ipv4Addr {
        ipv4_addr(&self.buffer.as_ref()[field::DST_ADDR])
    }

    /// Whether the header checksum is right.
    pub fn verify_checksum(&self) -> bool {
        self.check_checksum().is_ok()
    }

    /// Verifies the header checksum, reporting the expected and actual values on a mismatch.
    pub fn check_checksum(&self) -> Result<(), WireError> {
        let header = &self.buffer.as_ref()[..self.header_len()];
        checksum::check(0, header, field::CHECKSUM.start).map_err(|(expected, actual)| WireError::BadChecksum {
            what: "IPv4 header",
            expected,
            actual,
        })
    }

    /// Where the payload ends: at the declared total length when the buffer holds it and it
    /// is sane, otherwise at the end of the buffer.
    fn payload_end(&self) -> usize {
        let len = self.buffer.as_ref().len();
        let total = usize::from(self.total_len());
        if total >= self.header_len() && total <= len {
            total
        } else {
            len
        }
    }

    /// A summary of the header for [`IpHeaderInfo`].
    pub(super) fn info(&self) -> IpHeaderInfo {
        IpHeaderInfo {
            family: Family::V4,
            src: IpAddr::V4(self.src_addr()),
            dst: IpAddr::V4(self.dst_addr()),
            protocol: self.protocol(),
            ttl: self.ttl(),
            header_len: self.header_len(),
            total_len: usize::from(self.total_len()),
            dont_fragment: self.dont_frag(),
            identification: Some(u32::from(self.ident())),
            fragment_offset: self.frag_offset(),
            more_fragments: self.more_frags(),
        }
    }
}

impl<'a, T: AsRef<[u8]> + ?Sized> Packet<&'a T> {
    /// The payload after the header (options skipped), clipped to the buffer and to the
    /// declared total length.
    pub fn payload(&self) -> &'a [u8] {
        let data = self.buffer.as_ref();
        &data[self.header_len()..self.payload_end()]
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> Packet<T> {
    /// Sets the version field.
    pub fn set_version(&mut self, value: u8) {
        let data = self.buffer.as_mut();
        data[field::VER_IHL] = (data[field::VER_IHL] & 0x0f) | (value << 4);
    }

    /// Sets the header length in bytes (a multiple of 4, at most 60).
    pub fn set_header_len(&mut self, value: usize) {
        let data = self.buffer.as_mut();
        let words = (value / 4).min(0x0f) as u8;
        data[field::VER_IHL] = (data[field::VER_IHL] & 0xf0) | words;
    }

    /// Sets the DSCP and ECN bits.
    pub fn set_dscp_ecn(&mut self, value: u8) {
        self.buffer.as_mut()[field::DSCP_ECN] = value;
    }

    /// Sets the total length field.
    pub fn set_total_len(&mut self, value: u16) {
        set_be_u16(&mut self.buffer.as_mut()[field::LENGTH], value);
    }

    /// Sets the identification field.
    pub fn set_ident(&mut self, value: u16) {
        set_be_u16(&mut self.buffer.as_mut()[field::IDENT], value);
    }

    /// Sets the flags and fragment offset (in bytes, a multiple of 8) together.
    pub fn set_fragmentation(&mut self, dont_frag: bool, more_frags: bool, offset: u16) {
        let mut value = (offset >> 3) & OFFSET_MASK;
        if dont_frag {
            value |= FLAG_DONT_FRAG;
        }
        if more_frags {
            value |= FLAG_MORE_FRAGS;
        }
        set_be_u16(&mut self.buffer.as_mut()[field::FLG_OFF], value);
    }

    /// Sets the time-to-live field.
    pub fn set_ttl(&mut self, value: u8) {
        self.buffer.as_mut()[field::TTL] = value;
    }

    /// Sets the protocol field.
    pub fn set_protocol(&mut self, value: u8) {
        self.buffer.as_mut()[field::PROTOCOL] = value;
    }

    /// Sets the header checksum field.
    pub fn set_checksum(&mut self, value: u16) {
        set_be_u16(&mut self.buffer.as_mut()[field::CHECKSUM], value);
    }

    /// Sets the source address.
    pub fn set_src_addr(&mut self, value: Ipv4Addr) {
        self.buffer.as_mut()[field::SRC_ADDR].copy_from_slice(&value.octets());
    }

    /// Sets the destination address.
    pub fn set_dst_addr(&mut self, value: Ipv4Addr) {
        self.buffer.as_mut()[field::DST_ADDR].copy_from_slice(&value.octets());
    }

    /// Computes the header checksum and stores it.
    pub fn fill_checksum(&mut self) {
        self.set_checksum(0);
        let value = checksum::internet(&self.buffer.as_ref()[..self.header_len()]);
        self.set_checksum(value);
    }

    /// The payload after the header, mutable, up to the end of the buffer.
    pub fn payload_mut(&mut self) -> &mut [u8] {
        let start = self.header_len();
        &mut self.buffer.as_mut()[start..]
    }
}

/// A high-level IPv4 header without options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repr {
    pub src_addr: Ipv4Addr,
    pub dst_addr: Ipv4Addr,
    pub protocol: u8,
    pub ttl: u8,
    pub ident: u16,
    pub dont_frag: bool,
    /// The length of the payload that follows the header.
    pub payload_len: usize,
}

impl Repr {
    /// Reads a checked header; options are skipped. Fails on a version other than 4, a
    /// fragment, or a total length shorter than the header.
    pub fn parse<T: AsRef<[u8]> + ?Sized>(packet: &Packet<&T>) -> Result<Repr, WireError> {
        if packet.version() != 4 {
            return Err(WireError::Unsupported { what: "IP version", value: packet.version().into() });
        }
        let total = usize::from(packet.total_len());
        if total < packet.header_len() {
            return Err(WireError::Malformed {
                what: "IPv4 header",
                reason: "the total length is shorter than the header",
            });
        }
        if packet.more_frags() || packet.frag_offset() != 0 {
            return Err(WireError::Unsupported { what: "IPv4 fragment offset", value: packet.frag_offset().into() });
        }
        Ok(Repr {
            src_addr: packet.src_addr(),
            dst_addr: packet.dst_addr(),
            protocol: packet.protocol(),
            ttl: packet.ttl(),
            ident: packet.ident(),
            dont_frag: packet.dont_frag(),
            payload_len: total - packet.header_len(),
        })
    }

    /// The length of the header `emit` writes.
    pub fn buffer_len(&self) -> usize {
        HEADER_LEN
    }

    /// Writes the 20-byte header (checksum included) at the start of `packet`; the payload
    /// is the caller's. Fails if the buffer is shorter than the header or the datagram
    /// would exceed 65535 bytes.
    pub fn emit<T: AsRef<[u8]> + AsMut<[u8]>>(&self, packet: &mut Packet<T>) -> Result<(), WireError> {
        let len = packet.buffer.as_ref().len();
        require_len("IPv4 header buffer", HEADER_LEN, len)?;
        let total = u16::try_from(HEADER_LEN + self.payload_len).map_err(|_| WireError::Malformed {
            what: "IPv4 packet",
            reason: "the total length would exceed 65535 bytes",
        })?;
        packet.set_version(4);
        packet.set_header_len(HEADER_LEN);
        packet.set_dscp_ecn(0);
        packet.set_total_len(total);
        packet.set_ident(self.ident);
        packet.set_fragmentation(self.dont_frag, false, 0);
        packet.set_ttl(self.ttl);
        packet.set_protocol(self.protocol);
        packet.set_src_addr(self.src_addr);
        packet.set_dst_addr(self.dst_addr);
        packet.fill_checksum();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::vectors::V4_ECHO_REQUEST;
    use super::*;

    fn repr() -> Repr {
        Repr {
            src_addr: Ipv4Addr::new(192, 0, 2, 10),
            dst_addr: Ipv4Addr::new(198, 51, 100, 7),
            protocol: PROTOCOL_ICMP,
            ttl: 64,
            ident: 0xa1b2,
            dont_frag: true,
            payload_len: 24,
        }
    }

    #[test]
    fn read() {
        let packet = Packet::new_checked(&V4_ECHO_REQUEST[..]).unwrap();
        assert_eq!(packet.version(), 4);
        assert_eq!(packet.header_len(), 20);
        assert_eq!(packet.dscp_ecn(), 0);
        assert_eq!(packet.total_len(), 44);
        assert_eq!(packet.ident(), 0xa1b2);
        assert!(packet.dont_frag());
        assert!(!packet.more_frags());
        assert_eq!(packet.frag_offset(), 0);
        assert_eq!(packet.ttl(), 64);
        assert_eq!(packet.protocol(), 1);
        assert_eq!(packet.src_addr(), Ipv4Addr::new(192, 0, 2, 10));
        assert_eq!(packet.dst_addr(), Ipv4Addr::new(198, 51, 100, 7));
        assert!(packet.verify_checksum());
        assert_eq!(packet.payload(), &V4_ECHO_REQUEST[20..]);
    }

    #[test]
    fn build() {
        let mut bytes = [0xa5u8; 20];
        let mut packet = Packet::new_unchecked(&mut bytes[..]);
        packet.set_version(4);
        packet.set_header_len(20);
        packet.set_dscp_ecn(0);
        packet.set_total_len(44);
        packet.set_ident(0xa1b2);
        packet.set_fragmentation(true, false, 0);
        packet.set_ttl(64);
        packet.set_protocol(1);
        packet.set_src_addr(Ipv4Addr::new(192, 0, 2, 10));
        packet.set_dst_addr(Ipv4Addr::new(198, 51, 100, 7));
        packet.fill_checksum();
        assert_eq!(&bytes[..], &V4_ECHO_REQUEST[..20]);
    }

    #[test]
    fn parse() {
        let packet = Packet::new_checked(&V4_ECHO_REQUEST[..]).unwrap();
        assert_eq!(Repr::parse(&packet), Ok(repr()));
    }

    #[test]
    fn emit() {
        let mut bytes = [0xa5u8; 24];
        let mut packet = Packet::new_unchecked(&mut bytes[..]);
        repr().emit(&mut packet).unwrap();
        assert_eq!(&bytes[..20], &V4_ECHO_REQUEST[..20]);
        assert_eq!(&bytes[20..], &[0xa5; 4], "emit wrote past the header");
        let mut short = [0u8; 19];
        assert_eq!(
            repr().emit(&mut Packet::new_unchecked(&mut short[..])),
            Err(WireError::truncated("IPv4 header buffer", 20, 19))
        );
    }

    #[test]
    fn check_len_at_every_length() {
        for len in 0..V4_ECHO_REQUEST.len() {
            let result = Packet::new_checked(&V4_ECHO_REQUEST[..len]).map(|_| ());
            if len < 20 {
                assert_eq!(result, Err(WireError::truncated("IPv4 header", 20, len)));
            } else {
                assert_eq!(result, Ok(()));
            }
        }
    }

    #[test]
    fn ihl_below_five_is_malformed() {
        let mut bytes = V4_ECHO_REQUEST;
        bytes[0] = 0x44;
        assert_eq!(Packet::new_checked(&bytes[..]).unwrap_err().code(), "MALFORMED");
    }

    #[test]
    fn options_need_their_bytes() {
        let mut bytes = V4_ECHO_REQUEST;
        bytes[0] = 0x4f; // 60-byte header, but only 44 bytes present
        assert_eq!(Packet::new_checked(&bytes[..]).unwrap_err(), WireError::truncated("IPv4 header", 60, 44));
    }

    #[test]
    fn payload_is_clipped() {
        // Declared longer than the buffer: the payload ends with the buffer.
        let packet = Packet::new_checked(&V4_ECHO_REQUEST[..30]).unwrap();
        assert_eq!(packet.payload().len(), 10);
        // Trailing bytes beyond the total length (link-layer padding) are not payload.
        let mut padded = V4_ECHO_REQUEST.to_vec();
        padded.extend_from_slice(&[0; 6]);
        assert_eq!(Packet::new_checked(&padded[..]).unwrap().payload().len(), 24);
    }
}
