//! ICMPv6 messages (RFC 4443, RFC 4884): type and code tables, a zero-copy view, and a
//! representation of echo requests and replies.

use std::net::Ipv6Addr;

use super::bytes::{be_u32, set_be_u32};
use super::checksum;
use super::error::WireError;

/// Every ICMPv6 message ICMP Doctor decodes starts with 8 bytes: type, code, checksum and
/// 4 type-specific bytes (RFC 4443 defines no shorter message).
pub const HEADER_LEN: usize = 8;

icmp_enum! {
    /// The ICMPv6 message type. Types below 128 are errors (RFC 4443 §2.1).
    pub enum Message {
        DstUnreachable = 1 => "destination-unreachable", "Destination unreachable";
        PktTooBig = 2 => "packet-too-big", "Packet too big";
        TimeExceeded = 3 => "time-exceeded", "Time exceeded";
        ParamProblem = 4 => "parameter-problem", "Parameter problem";
        EchoRequest = 128 => "echo-request", "Echo Request";
        EchoReply = 129 => "echo-reply", "Echo Reply";
    }
    unknown => "icmpv6-type-{}", "Unknown ICMPv6 type {}";
}

impl Message {
    /// Whether the type is an error, which quotes the packet that caused it.
    pub fn is_error(self) -> bool {
        u8::from(self) < 128
    }
}

icmp_enum! {
    /// Codes of Destination Unreachable (type 1).
    pub enum DstUnreachable {
        NoRoute = 0 => "no-route", "Destination unreachable: No route";
        AdminProhibit = 1 => "administratively-prohibited", "Destination unreachable: Administratively prohibited";
        BeyondScope = 2 => "beyond-scope", "Destination unreachable: Beyond scope of source address";
        AddrUnreachable = 3 => "address-unreachable", "Destination unreachable: Address unreachable";
        PortUnreachable = 4 => "port-unreachable", "Destination unreachable: Port unreachable";
        FailedPolicy = 5 => "source-address-failed-policy", "Destination unreachable: Source address failed ingress/egress policy";
        RejectRoute = 6 => "reject-route", "Destination unreachable: Reject route to destination";
    }
    unknown => "destination-unreachable-code-{}", "Destination unreachable: unknown code {}";
}

icmp_enum! {
    /// Codes of Time Exceeded (type 3).
    pub enum TimeExceeded {
        HopLimitExceeded = 0 => "hop-limit-exceeded", "Time exceeded: Hop limit";
        FragReassemExceeded = 1 => "fragment-reassembly-time-exceeded", "Time exceeded: Defragmentation failure";
    }
    unknown => "time-exceeded-code-{}", "Time exceeded: unknown code {}";
}

icmp_enum! {
    /// Codes of Parameter Problem (type 4); the pointer is in bytes 4..8.
    pub enum ParamProblem {
        ErroneousHdrField = 0 => "erroneous-header-field", "Parameter problem: Erroneous header field";
        UnrecognizedNxtHdr = 1 => "unrecognized-next-header", "Parameter problem: Unrecognized Next Header";
        UnrecognizedOption = 2 => "unrecognized-ipv6-option", "Parameter problem: Unrecognized IPv6 option";
    }
    unknown => "parameter-problem-code-{}", "Parameter problem: unknown code {}";
}

/// The byte map: `icmp_packet!` reads TYPE to ECHO_SEQNO and DATA, the same in ICMPv4 and
/// ICMPv6; the type-specific fields reinterpret bytes 4..8.
mod field {
    use super::super::bytes::{Field, Rest};

    pub const TYPE: usize = 0;
    pub const CODE: usize = 1;
    pub const CHECKSUM: Field = 2..4;
    pub const ECHO_IDENT: Field = 4..6;
    pub const ECHO_SEQNO: Field = 6..8;
    /// Packet too big: the MTU of the next-hop link.
    pub const MTU: Field = 4..8;
    /// Parameter problem: the offset of the offending byte in the quoted packet.
    pub const POINTER: Field = 4..8;
    /// RFC 4884: the length of the quoted packet in 64-bit words (types 1 and 3).
    pub const ORIGINAL_LEN: usize = 4;
    pub const DATA: Rest = 8..;
}

icmp_packet! {
    /// A read/write view of an ICMPv6 message.
    ///
    /// `check_len` guarantees the 8-byte header; every accessor reads inside it, so none can
    /// panic afterwards. Type-specific accessors (e.g. `mtu`) simply reinterpret bytes 4..8.
    pub struct Packet;

    /// An echo request or reply, the only ICMPv6 messages ICMP Doctor builds.
    pub enum Repr;

    header: "ICMPv6 header",
    echo_buffer: "ICMPv6 echo buffer",
    not_echo: "ICMPv6 type (expected echo request 128 or echo reply 129)",
    display: "ICMPv6",
}

impl<T: AsRef<[u8]>> Packet<T> {
    /// The MTU of a packet-too-big message.
    pub fn mtu(&self) -> u32 {
        be_u32(&self.buffer.as_ref()[field::MTU])
    }

    /// The pointer of a parameter problem.
    pub fn pointer(&self) -> u32 {
        be_u32(&self.buffer.as_ref()[field::POINTER])
    }

    /// The RFC 4884 length of the quoted packet in 64-bit words (0: not given).
    pub fn original_len_words(&self) -> u8 {
        self.buffer.as_ref()[field::ORIGINAL_LEN]
    }

    /// Whether the checksum is right for a message sent from `src` to `dst`.
    pub fn verify_checksum(&self, src: &Ipv6Addr, dst: &Ipv6Addr) -> bool {
        self.check_checksum(src, dst).is_ok()
    }

    /// Verifies the checksum with the pseudo-header of `src` and `dst`, reporting the
    /// expected and actual values on a mismatch.
    pub fn check_checksum(&self, src: &Ipv6Addr, dst: &Ipv6Addr) -> Result<(), WireError> {
        let data = self.buffer.as_ref();
        let pseudo = checksum::pseudo_header_sum(src, dst, data.len());
        checksum::check(pseudo, data, field::CHECKSUM.start).map_err(|(expected, actual)| WireError::BadChecksum {
            what: "ICMPv6 message",
            expected,
            actual,
        })
    }
}

impl<'a, T: AsRef<[u8]> + ?Sized> Packet<&'a T> {
    /// The quoted original packet of an error. Honours the RFC 4884 length for the types
    /// that carry one (1, 3) when it is non-zero and fits; otherwise all the data.
    pub fn original_datagram(&self) -> &'a [u8] {
        let data = self.data();
        let carries_length = matches!(self.msg_type(), Message::DstUnreachable | Message::TimeExceeded);
        let declared = usize::from(self.original_len_words()) * 8;
        if carries_length && declared != 0 && declared <= data.len() {
            &data[..declared]
        } else {
            data
        }
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> Packet<T> {
    /// Sets the MTU of a packet-too-big message.
    pub fn set_mtu(&mut self, value: u32) {
        set_be_u32(&mut self.buffer.as_mut()[field::MTU], value);
    }

    /// Sets the pointer of a parameter problem.
    pub fn set_pointer(&mut self, value: u32) {
        set_be_u32(&mut self.buffer.as_mut()[field::POINTER], value);
    }

    /// Sets the RFC 4884 length of the quoted packet, in 64-bit words.
    pub fn set_original_len_words(&mut self, value: u8) {
        self.buffer.as_mut()[field::ORIGINAL_LEN] = value;
    }

    /// Computes the checksum over the whole buffer for a message from `src` to `dst`.
    pub fn fill_checksum(&mut self, src: &Ipv6Addr, dst: &Ipv6Addr) {
        self.set_checksum(0);
        let value = checksum::icmpv6(src, dst, self.buffer.as_ref());
        self.set_checksum(value);
    }
}

impl Repr<'_> {
    /// Writes the message into the first `buffer_len()` bytes of `packet`; bytes after those
    /// are left alone. The checksum needs the IPv6 pseudo-header `(src, dst)`; with `None`
    /// it is left 0, which a Linux ping socket fills in itself. Fails if the buffer is shorter.
    pub fn emit<T: AsRef<[u8]> + AsMut<[u8]>>(
        &self,
        packet: &mut Packet<T>,
        pseudo_header: Option<(Ipv6Addr, Ipv6Addr)>,
    ) -> Result<(), WireError> {
        let mut exact = self.write_echo(packet)?;
        if let Some((src, dst)) = pseudo_header {
            exact.fill_checksum(&src, &dst);
        }
        Ok(())
    }

    /// The message as a new vector (see `emit` for the checksum).
    pub fn to_vec(&self, pseudo_header: Option<(Ipv6Addr, Ipv6Addr)>) -> Vec<u8> {
        let mut bytes = vec![0; self.buffer_len()];
        // Cannot fail: the buffer has exactly the length emit needs.
        let _ = self.emit(&mut Packet::new_unchecked(&mut bytes[..]), pseudo_header);
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::vectors::{V6_ECHO_REPLY, V6_ECHO_REQUEST, V6_PACKET_TOO_BIG};
    use super::super::tests::{HOST6, TARGET6};
    use super::*;

    const PAYLOAD: &[u8] = b"ICMP Doctor 0001";

    #[test]
    fn read_echo_request() {
        let packet = Packet::new_checked(&V6_ECHO_REQUEST[40..]).unwrap();
        assert_eq!(packet.msg_type(), Message::EchoRequest);
        assert_eq!(packet.msg_code(), 0);
        assert_eq!(packet.checksum(), 0xa4c1);
        assert_eq!(packet.echo_ident(), 0x1234);
        assert_eq!(packet.echo_seq_no(), 1);
        assert_eq!(packet.data(), PAYLOAD);
        assert!(packet.verify_checksum(&HOST6, &TARGET6));
        assert!(!packet.verify_checksum(&HOST6, &HOST6));
    }

    #[test]
    fn build_echo_request() {
        let mut bytes = [0xa5u8; 24];
        let mut packet = Packet::new_unchecked(&mut bytes[..]);
        packet.set_msg_type(Message::EchoRequest);
        packet.set_msg_code(0);
        packet.set_echo_ident(0x1234);
        packet.set_echo_seq_no(1);
        packet.data_mut().copy_from_slice(PAYLOAD);
        packet.fill_checksum(&HOST6, &TARGET6);
        assert_eq!(&bytes[..], &V6_ECHO_REQUEST[40..]);
    }

    #[test]
    fn read_packet_too_big() {
        let packet = Packet::new_checked(&V6_PACKET_TOO_BIG[40..]).unwrap();
        assert_eq!(packet.msg_type(), Message::PktTooBig);
        assert!(packet.msg_type().is_error());
        assert_eq!(packet.mtu(), 1280);
        assert_eq!(packet.original_datagram().len(), 48);
        let mut bytes = [0xa5u8; 8];
        let mut packet = Packet::new_unchecked(&mut bytes[..]);
        packet.set_mtu(1280);
        assert_eq!(packet.mtu(), 1280);
        packet.set_pointer(42);
        assert_eq!(packet.pointer(), 42);
    }

    #[test]
    fn parse_echo_request_and_reply() {
        let packet = Packet::new_checked(&V6_ECHO_REQUEST[40..]).unwrap();
        assert_eq!(Repr::parse(&packet), Ok(Repr::EchoRequest { ident: 0x1234, seq_no: 1, data: PAYLOAD }));
        let packet = Packet::new_checked(&V6_ECHO_REPLY[40..]).unwrap();
        assert_eq!(Repr::parse(&packet), Ok(Repr::EchoReply { ident: 0x1234, seq_no: 1, data: PAYLOAD }));
        let packet = Packet::new_checked(&V6_PACKET_TOO_BIG[40..]).unwrap();
        assert_eq!(Repr::parse(&packet).unwrap_err().code(), "UNSUPPORTED");
    }

    #[test]
    fn emit_echo_request_and_reply() {
        let request = Repr::EchoRequest { ident: 0x1234, seq_no: 1, data: PAYLOAD };
        let reply = Repr::EchoReply { ident: 0x1234, seq_no: 1, data: PAYLOAD };
        for (repr, pseudo, expected) in
            [(request, (HOST6, TARGET6), &V6_ECHO_REQUEST[40..]), (reply, (TARGET6, HOST6), &V6_ECHO_REPLY[40..])]
        {
            let mut bytes = [0xa5u8; 28];
            repr.emit(&mut Packet::new_unchecked(&mut bytes[..]), Some(pseudo)).unwrap();
            assert_eq!(&bytes[..24], expected);
            assert_eq!(&bytes[24..], &[0xa5; 4], "emit wrote past buffer_len");
            assert_eq!(repr.to_vec(Some(pseudo)), expected);
        }
    }

    #[test]
    fn emit_without_pseudo_header_leaves_checksum_zero() {
        let repr = Repr::EchoRequest { ident: 7, seq_no: 9, data: b"" };
        let mut bytes = [0xa5u8; 8];
        repr.emit(&mut Packet::new_unchecked(&mut bytes[..]), None).unwrap();
        assert_eq!(bytes, [128, 0, 0, 0, 0, 7, 0, 9]);
    }

    #[test]
    fn truncation_at_every_length() {
        let bytes = &V6_ECHO_REQUEST[40..];
        for len in 0..bytes.len() {
            let result = Packet::new_checked(&bytes[..len]).map(|_| ());
            if len < 8 {
                assert_eq!(result, Err(WireError::truncated("ICMPv6 header", 8, len)));
            } else {
                assert_eq!(result, Ok(()));
            }
        }
    }

    #[test]
    fn enums_round_trip_every_value() {
        for value in 0..=255u8 {
            assert_eq!(u8::from(Message::from(value)), value);
            assert_eq!(Message::from(value).is_error(), value < 128);
            assert_eq!(u8::from(DstUnreachable::from(value)), value);
            assert_eq!(u8::from(TimeExceeded::from(value)), value);
            assert_eq!(u8::from(ParamProblem::from(value)), value);
        }
        assert_eq!(DstUnreachable::AdminProhibit.to_string(), "Destination unreachable: Administratively prohibited");
        assert_eq!(Message::from(200).name(), "icmpv6-type-200");
    }
}
