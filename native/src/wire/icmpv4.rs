//! ICMPv4 messages (RFC 792, RFC 1812, RFC 4884): type and code tables, a zero-copy view,
//! and a representation of echo requests and replies.

use std::net::Ipv4Addr;

use super::bytes::{be_u16, ipv4_addr, set_be_u16};
use super::checksum;
use super::error::WireError;

/// Every ICMPv4 message starts with 8 bytes: type, code, checksum and 4 type-specific bytes.
pub const HEADER_LEN: usize = 8;

icmp_enum! {
    /// The ICMPv4 message type.
    pub enum Message {
        EchoReply = 0 => "echo-reply", "Echo Reply";
        DstUnreachable = 3 => "destination-unreachable", "Destination Unreachable";
        SourceQuench = 4 => "source-quench", "Source Quench";
        Redirect = 5 => "redirect", "Redirect";
        EchoRequest = 8 => "echo-request", "Echo Request";
        TimeExceeded = 11 => "time-exceeded", "Time Exceeded";
        ParamProblem = 12 => "parameter-problem", "Parameter Problem";
    }
    unknown => "icmp-type-{}", "Bad ICMP type: {}";
}

icmp_enum! {
    /// Codes of Destination Unreachable (type 3).
    pub enum DstUnreachable {
        NetUnreachable = 0 => "net-unreachable", "Destination Net Unreachable";
        HostUnreachable = 1 => "host-unreachable", "Destination Host Unreachable";
        ProtoUnreachable = 2 => "protocol-unreachable", "Destination Protocol Unreachable";
        PortUnreachable = 3 => "port-unreachable", "Destination Port Unreachable";
        /// The next-hop MTU is in bytes 6..8 (RFC 1191).
        FragRequired = 4 => "fragmentation-needed", "Frag needed and DF set";
        SrcRouteFailed = 5 => "source-route-failed", "Source Route Failed";
        DstNetUnknown = 6 => "destination-network-unknown", "Destination Net Unknown";
        DstHostUnknown = 7 => "destination-host-unknown", "Destination Host Unknown";
        SrcHostIsolated = 8 => "source-host-isolated", "Source Host Isolated";
        NetProhibited = 9 => "network-administratively-prohibited", "Destination Net Prohibited";
        HostProhibited = 10 => "host-administratively-prohibited", "Destination Host Prohibited";
        NetUnreachToS = 11 => "network-unreachable-for-tos", "Destination Net Unreachable for Type of Service";
        HostUnreachToS = 12 => "host-unreachable-for-tos", "Destination Host Unreachable for Type of Service";
        /// What Linux `ip route prohibit` and most firewalls send.
        CommProhibited = 13 => "communication-administratively-prohibited", "Packet filtered";
        HostPrecedViol = 14 => "host-precedence-violation", "Precedence Violation";
        PrecedCutoff = 15 => "precedence-cutoff-in-effect", "Precedence Cutoff";
    }
    unknown => "destination-unreachable-code-{}", "Dest Unreachable, Bad Code: {}";
}

icmp_enum! {
    /// Codes of Redirect (type 5); the new gateway is in bytes 4..8.
    pub enum Redirect {
        Net = 0 => "redirect-network", "Redirect Network";
        Host = 1 => "redirect-host", "Redirect Host";
        NetToS = 2 => "redirect-tos-network", "Redirect Type of Service and Network";
        HostToS = 3 => "redirect-tos-host", "Redirect Type of Service and Host";
    }
    unknown => "redirect-code-{}", "Redirect, Bad Code: {}";
}

icmp_enum! {
    /// Codes of Time Exceeded (type 11).
    pub enum TimeExceeded {
        TtlExpired = 0 => "ttl-exceeded", "Time to live exceeded";
        FragExpired = 1 => "fragment-reassembly-time-exceeded", "Frag reassembly time exceeded";
    }
    unknown => "time-exceeded-code-{}", "Time exceeded, Bad Code: {}";
}

icmp_enum! {
    /// Codes of Parameter Problem (type 12); code 0 points at the offending byte.
    pub enum ParamProblem {
        AtPointer = 0 => "pointer-indicates-error", "Parameter problem: pointer indicates the error";
        MissingOption = 1 => "missing-required-option", "Parameter problem: missing required option";
        BadLength = 2 => "bad-length", "Parameter problem: bad length";
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
    /// Redirect: the gateway to use instead.
    pub const GATEWAY: Field = 4..8;
    /// Parameter problem: the offset of the offending byte in the quoted header.
    pub const POINTER: usize = 4;
    /// RFC 4884: the length of the quoted datagram in 32-bit words (types 3, 11, 12).
    pub const ORIGINAL_LEN: usize = 5;
    /// Destination unreachable, fragmentation needed: the next-hop MTU (RFC 1191).
    pub const NEXT_HOP_MTU: Field = 6..8;
    pub const DATA: Rest = 8..;
}

icmp_packet! {
    /// A read/write view of an ICMPv4 message.
    ///
    /// `check_len` guarantees the 8-byte header; every accessor reads inside it, so none can
    /// panic afterwards. Type-specific accessors (e.g. `gateway`) simply reinterpret bytes 4..8.
    pub struct Packet;

    /// An echo request or reply, the only ICMPv4 messages ICMP Doctor builds.
    pub enum Repr;

    header: "ICMPv4 header",
    echo_buffer: "ICMPv4 echo buffer",
    not_echo: "ICMPv4 type (expected echo request 8 or echo reply 0)",
    display: "ICMPv4",
}

impl<T: AsRef<[u8]>> Packet<T> {
    /// The gateway of a redirect.
    pub fn gateway(&self) -> Ipv4Addr {
        ipv4_addr(&self.buffer.as_ref()[field::GATEWAY])
    }

    /// The pointer of a parameter problem.
    pub fn pointer(&self) -> u8 {
        self.buffer.as_ref()[field::POINTER]
    }

    /// The RFC 4884 length of the quoted datagram in 32-bit words (0: not given).
    pub fn original_len_words(&self) -> u8 {
        self.buffer.as_ref()[field::ORIGINAL_LEN]
    }

    /// The next-hop MTU of "fragmentation needed" (0 from routers older than RFC 1191).
    pub fn next_hop_mtu(&self) -> u16 {
        be_u16(&self.buffer.as_ref()[field::NEXT_HOP_MTU])
    }

    /// Whether the checksum is right.
    pub fn verify_checksum(&self) -> bool {
        self.check_checksum().is_ok()
    }

    /// Verifies the checksum, reporting the expected and actual values on a mismatch.
    pub fn check_checksum(&self) -> Result<(), WireError> {
        checksum::check(0, self.buffer.as_ref(), field::CHECKSUM.start)
            .map_err(|(expected, actual)| WireError::BadChecksum { what: "ICMPv4 message", expected, actual })
    }
}

impl<'a, T: AsRef<[u8]> + ?Sized> Packet<&'a T> {
    /// The quoted original datagram of an error. Honours the RFC 4884 length for the types
    /// that carry one (3, 11, 12) when it is non-zero and fits; otherwise all the data.
    pub fn original_datagram(&self) -> &'a [u8] {
        let data = self.data();
        let carries_length =
            matches!(self.msg_type(), Message::DstUnreachable | Message::TimeExceeded | Message::ParamProblem);
        let declared = usize::from(self.original_len_words()) * 4;
        if carries_length && declared != 0 && declared <= data.len() {
            &data[..declared]
        } else {
            data
        }
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> Packet<T> {
    /// Sets the gateway of a redirect.
    pub fn set_gateway(&mut self, value: Ipv4Addr) {
        self.buffer.as_mut()[field::GATEWAY].copy_from_slice(&value.octets());
    }

    /// Sets the pointer of a parameter problem.
    pub fn set_pointer(&mut self, value: u8) {
        self.buffer.as_mut()[field::POINTER] = value;
    }

    /// Sets the RFC 4884 length of the quoted datagram, in 32-bit words.
    pub fn set_original_len_words(&mut self, value: u8) {
        self.buffer.as_mut()[field::ORIGINAL_LEN] = value;
    }

    /// Sets the next-hop MTU of "fragmentation needed".
    pub fn set_next_hop_mtu(&mut self, value: u16) {
        set_be_u16(&mut self.buffer.as_mut()[field::NEXT_HOP_MTU], value);
    }

    /// Computes the checksum over the whole buffer and stores it.
    pub fn fill_checksum(&mut self) {
        self.set_checksum(0);
        let value = checksum::internet(self.buffer.as_ref());
        self.set_checksum(value);
    }
}

impl Repr<'_> {
    /// Writes the message, checksum included, into the first `buffer_len()` bytes of
    /// `packet`; bytes after those are left alone. Fails if the buffer is shorter.
    pub fn emit<T: AsRef<[u8]> + AsMut<[u8]>>(&self, packet: &mut Packet<T>) -> Result<(), WireError> {
        self.write_echo(packet)?.fill_checksum();
        Ok(())
    }

    /// The message as a new vector.
    pub fn to_vec(&self) -> Vec<u8> {
        let mut bytes = vec![0; self.buffer_len()];
        // Cannot fail: the buffer has exactly the length emit needs.
        let _ = self.emit(&mut Packet::new_unchecked(&mut bytes[..]));
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::vectors::{V4_ECHO_REPLY, V4_ECHO_REQUEST};
    use super::*;

    const PAYLOAD: &[u8] = b"ICMP Doctor 0001";

    fn request_bytes() -> &'static [u8] {
        &V4_ECHO_REQUEST[20..]
    }

    #[test]
    fn read_echo_request() {
        let packet = Packet::new_checked(request_bytes()).unwrap();
        assert_eq!(packet.msg_type(), Message::EchoRequest);
        assert_eq!(packet.msg_code(), 0);
        assert_eq!(packet.checksum(), 0x789e);
        assert_eq!(packet.echo_ident(), 0x1234);
        assert_eq!(packet.echo_seq_no(), 1);
        assert_eq!(packet.data(), PAYLOAD);
        assert!(packet.verify_checksum());
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
        packet.fill_checksum();
        assert_eq!(&bytes[..], request_bytes());
    }

    #[test]
    fn parse_echo_request_and_reply() {
        let packet = Packet::new_checked(request_bytes()).unwrap();
        assert_eq!(Repr::parse(&packet), Ok(Repr::EchoRequest { ident: 0x1234, seq_no: 1, data: PAYLOAD }));
        let packet = Packet::new_checked(&V4_ECHO_REPLY[20..]).unwrap();
        assert_eq!(Repr::parse(&packet), Ok(Repr::EchoReply { ident: 0x1234, seq_no: 1, data: PAYLOAD }));
    }

    #[test]
    fn parse_rejects_other_types() {
        let bytes = [3u8, 1, 0, 0, 0, 0, 0, 0];
        let packet = Packet::new_checked(&bytes[..]).unwrap();
        assert_eq!(Repr::parse(&packet).unwrap_err().code(), "UNSUPPORTED");
    }

    #[test]
    fn emit_echo_request_and_reply() {
        for (repr, expected) in [
            (Repr::EchoRequest { ident: 0x1234, seq_no: 1, data: PAYLOAD }, request_bytes()),
            (Repr::EchoReply { ident: 0x1234, seq_no: 1, data: PAYLOAD }, &V4_ECHO_REPLY[20..]),
        ] {
            assert_eq!(repr.buffer_len(), 24);
            let mut bytes = [0xa5u8; 28];
            repr.emit(&mut Packet::new_unchecked(&mut bytes[..])).unwrap();
            assert_eq!(&bytes[..24], expected);
            assert_eq!(&bytes[24..], &[0xa5; 4], "emit wrote past buffer_len");
            assert_eq!(repr.to_vec(), expected);
        }
    }

    #[test]
    fn emit_into_a_short_buffer_fails() {
        let repr = Repr::EchoRequest { ident: 1, seq_no: 2, data: PAYLOAD };
        let mut bytes = [0u8; 23];
        assert_eq!(
            repr.emit(&mut Packet::new_unchecked(&mut bytes[..])),
            Err(WireError::truncated("ICMPv4 echo buffer", 24, 23))
        );
    }

    #[test]
    fn truncation_at_every_length() {
        for len in 0..request_bytes().len() {
            let result = Packet::new_checked(&request_bytes()[..len]).map(|_| ());
            if len < 8 {
                assert_eq!(result, Err(WireError::truncated("ICMPv4 header", 8, len)));
            } else {
                assert_eq!(result, Ok(()));
            }
        }
    }

    #[test]
    fn error_fields() {
        let mut bytes = [0xa5u8; 8];
        let mut packet = Packet::new_unchecked(&mut bytes[..]);
        packet.set_msg_type(Message::DstUnreachable);
        packet.set_msg_code(DstUnreachable::FragRequired.into());
        packet.set_checksum(0);
        packet.set_pointer(0);
        packet.set_original_len_words(0);
        packet.set_next_hop_mtu(1400);
        assert_eq!(bytes, [3, 4, 0, 0, 0, 0, 0x05, 0x78]);
        let packet = Packet::new_checked(&bytes[..]).unwrap();
        assert_eq!(packet.next_hop_mtu(), 1400);
        assert_eq!(DstUnreachable::from(packet.msg_code()), DstUnreachable::FragRequired);

        let mut bytes = [0xa5u8; 8];
        let mut packet = Packet::new_unchecked(&mut bytes[..]);
        packet.set_gateway(Ipv4Addr::new(192, 0, 2, 1));
        assert_eq!(packet.gateway(), Ipv4Addr::new(192, 0, 2, 1));
    }

    #[test]
    fn enums_round_trip_every_value() {
        for value in 0..=255u8 {
            assert_eq!(u8::from(Message::from(value)), value);
            assert_eq!(u8::from(DstUnreachable::from(value)), value);
            assert_eq!(u8::from(Redirect::from(value)), value);
            assert_eq!(u8::from(TimeExceeded::from(value)), value);
            assert_eq!(u8::from(ParamProblem::from(value)), value);
        }
        assert_eq!(DstUnreachable::CommProhibited.to_string(), "Packet filtered");
        assert_eq!(DstUnreachable::from(42).name(), "destination-unreachable-code-42");
        assert_eq!(Message::from(42).to_string(), "Bad ICMP type: 42");
    }
}
