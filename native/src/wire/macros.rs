//! The macros that declare what several wire modules share: ICMP type and code enums with an
//! `Unknown(u8)` fallback, and the plumbing of the zero-copy `Packet` wrappers.

/// Declares a `u8`-backed enum whose values each carry a kebab-case name and a human text.
///
/// Every `u8` converts (values the table does not list become `Unknown(n)`), so no lookup can
/// fail. `name()` gives the stable kebab-case name, `Display` the human text; both fall back to
/// the `unknown` formats, which receive the raw value.
macro_rules! icmp_enum {
    (
        $(#[$attr:meta])*
        pub enum $name:ident {
            $( $(#[$vattr:meta])* $variant:ident = $value:literal => $slug:literal, $text:literal; )+
        }
        unknown => $uslug:literal, $utext:literal;
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vattr])* $variant, )+
            /// A value this table does not name.
            Unknown(u8),
        }

        impl From<u8> for $name {
            fn from(value: u8) -> Self {
                match value {
                    $( $value => $name::$variant, )+
                    other => $name::Unknown(other),
                }
            }
        }

        impl From<$name> for u8 {
            fn from(value: $name) -> u8 {
                match value {
                    $( $name::$variant => $value, )+
                    $name::Unknown(other) => other,
                }
            }
        }

        impl $name {
            /// The stable kebab-case name scripts and findings match on.
            pub fn name(self) -> String {
                match self {
                    $( $name::$variant => String::from($slug), )+
                    $name::Unknown(other) => format!($uslug, other),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match *self {
                    $( $name::$variant => f.write_str($text), )+
                    $name::Unknown(other) => write!(f, $utext, other),
                }
            }
        }
    };
}

/// Declares `Packet<T>`, a zero-copy view of a buffer, with the plumbing every wrapper shares:
/// `new_unchecked`, `new_checked` and `into_inner`.
///
/// The calling module writes `check_len` itself, since what makes a header whole differs
/// (a fixed length, or IPv4's IHL); `new_checked` is the door that calls it.
macro_rules! packet_wrapper {
    (
        $(#[$attr:meta])*
        pub struct Packet;
        new_checked: $checked_doc:literal;
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone)]
        pub struct Packet<T: AsRef<[u8]>> {
            buffer: T,
        }

        impl<T: AsRef<[u8]>> Packet<T> {
            /// Wraps a buffer without checking it; accessors may panic until `check_len` succeeds.
            pub fn new_unchecked(buffer: T) -> Packet<T> {
                Packet { buffer }
            }

            #[doc = $checked_doc]
            pub fn new_checked(buffer: T) -> Result<Packet<T>, super::error::WireError> {
                let packet = Packet::new_unchecked(buffer);
                packet.check_len()?;
                Ok(packet)
            }

            /// Unwraps the buffer.
            pub fn into_inner(self) -> T {
                self.buffer
            }
        }
    };
}

/// Declares what ICMPv4 and ICMPv6 share: a `Packet<T>` over the common 8-byte header (type,
/// code, checksum, and 4 bytes an echo splits into identifier and sequence number; RFC 792,
/// RFC 4443 §4.1) and the echo `Repr<'a>`.
///
/// The calling module provides `HEADER_LEN`, its `Message` type enum and a `field` table with
/// `TYPE`, `CODE`, `CHECKSUM`, `ECHO_IDENT`, `ECHO_SEQNO` and `DATA`. It adds what differs:
/// the type-specific accessors, the checksum (ICMPv6's covers a pseudo-header) and
/// `Repr::emit`, which fills in the checksum after `Repr::write_echo`.
macro_rules! icmp_packet {
    (
        $(#[$packet_attr:meta])*
        pub struct Packet;
        $(#[$repr_attr:meta])*
        pub enum Repr;
        header: $header:literal,
        echo_buffer: $echo_buffer:literal,
        not_echo: $not_echo:literal,
        display: $display:literal,
    ) => {
        packet_wrapper! {
            $(#[$packet_attr])*
            pub struct Packet;
            new_checked: "Wraps untrusted bytes, failing unless the 8-byte header is present.";
        }

        impl<T: AsRef<[u8]>> Packet<T> {
            /// Fails unless the buffer holds the 8-byte header.
            pub fn check_len(&self) -> Result<(), super::error::WireError> {
                super::error::require_len($header, HEADER_LEN, self.buffer.as_ref().len())
            }

            /// The message type.
            pub fn msg_type(&self) -> Message {
                Message::from(self.buffer.as_ref()[field::TYPE])
            }

            /// The message code; its meaning depends on the type.
            pub fn msg_code(&self) -> u8 {
                self.buffer.as_ref()[field::CODE]
            }

            /// The checksum field.
            pub fn checksum(&self) -> u16 {
                super::bytes::be_u16(&self.buffer.as_ref()[field::CHECKSUM])
            }

            /// The identifier of an echo request or reply.
            pub fn echo_ident(&self) -> u16 {
                super::bytes::be_u16(&self.buffer.as_ref()[field::ECHO_IDENT])
            }

            /// The sequence number of an echo request or reply.
            pub fn echo_seq_no(&self) -> u16 {
                super::bytes::be_u16(&self.buffer.as_ref()[field::ECHO_SEQNO])
            }
        }

        impl<'a, T: AsRef<[u8]> + ?Sized> Packet<&'a T> {
            /// Everything after the 8-byte header: an echo payload, or an error's quote and any
            /// RFC 4884 extensions.
            pub fn data(&self) -> &'a [u8] {
                &self.buffer.as_ref()[field::DATA]
            }
        }

        impl<T: AsRef<[u8]> + AsMut<[u8]>> Packet<T> {
            /// Sets the message type.
            pub fn set_msg_type(&mut self, value: Message) {
                self.buffer.as_mut()[field::TYPE] = value.into();
            }

            /// Sets the message code.
            pub fn set_msg_code(&mut self, value: u8) {
                self.buffer.as_mut()[field::CODE] = value;
            }

            /// Sets the checksum field.
            pub fn set_checksum(&mut self, value: u16) {
                super::bytes::set_be_u16(&mut self.buffer.as_mut()[field::CHECKSUM], value);
            }

            /// Sets the identifier of an echo request or reply.
            pub fn set_echo_ident(&mut self, value: u16) {
                super::bytes::set_be_u16(&mut self.buffer.as_mut()[field::ECHO_IDENT], value);
            }

            /// Sets the sequence number of an echo request or reply.
            pub fn set_echo_seq_no(&mut self, value: u16) {
                super::bytes::set_be_u16(&mut self.buffer.as_mut()[field::ECHO_SEQNO], value);
            }

            /// Everything after the 8-byte header, mutable.
            pub fn data_mut(&mut self) -> &mut [u8] {
                &mut self.buffer.as_mut()[field::DATA]
            }
        }

        $(#[$repr_attr])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Repr<'a> {
            EchoRequest {
                ident: u16,
                seq_no: u16,
                data: &'a [u8],
            },
            EchoReply {
                ident: u16,
                seq_no: u16,
                data: &'a [u8],
            },
        }

        impl<'a> Repr<'a> {
            /// Reads an echo request or reply (any code). Other types are `Unsupported`.
            pub fn parse<T: AsRef<[u8]> + ?Sized>(
                packet: &Packet<&'a T>,
            ) -> Result<Repr<'a>, super::error::WireError> {
                let (ident, seq_no, data) =
                    (packet.echo_ident(), packet.echo_seq_no(), packet.data());
                match packet.msg_type() {
                    Message::EchoRequest => Ok(Repr::EchoRequest {
                        ident,
                        seq_no,
                        data,
                    }),
                    Message::EchoReply => Ok(Repr::EchoReply {
                        ident,
                        seq_no,
                        data,
                    }),
                    other => Err(super::error::WireError::Unsupported {
                        what: $not_echo,
                        value: u8::from(other).into(),
                    }),
                }
            }

            /// The number of bytes `emit` writes: the header and the payload.
            pub fn buffer_len(&self) -> usize {
                match self {
                    Repr::EchoRequest { data, .. } | Repr::EchoReply { data, .. } => {
                        HEADER_LEN + data.len()
                    }
                }
            }

            /// The message type, identifier, sequence number and payload, whichever the variant.
            pub(super) fn parts(&self) -> (Message, u16, u16, &'a [u8]) {
                match *self {
                    Repr::EchoRequest {
                        ident,
                        seq_no,
                        data,
                    } => (Message::EchoRequest, ident, seq_no, data),
                    Repr::EchoReply {
                        ident,
                        seq_no,
                        data,
                    } => (Message::EchoReply, ident, seq_no, data),
                }
            }

            /// What `emit` does before the checksum: fails if `packet` is shorter than
            /// `buffer_len()`, otherwise writes the message with a zero checksum into its first
            /// `buffer_len()` bytes (leaving the rest alone) and returns a view of just those.
            fn write_echo<'p, T: AsRef<[u8]> + AsMut<[u8]>>(
                &self,
                packet: &'p mut Packet<T>,
            ) -> Result<Packet<&'p mut [u8]>, super::error::WireError> {
                let needed = self.buffer_len();
                super::error::require_len($echo_buffer, needed, packet.buffer.as_ref().len())?;
                let (message, ident, seq_no, data) = self.parts();
                let mut exact = Packet::new_unchecked(&mut packet.buffer.as_mut()[..needed]);
                exact.set_msg_type(message);
                exact.set_msg_code(0);
                exact.set_checksum(0);
                exact.set_echo_ident(ident);
                exact.set_echo_seq_no(seq_no);
                exact.data_mut().copy_from_slice(data);
                Ok(exact)
            }
        }

        impl ::std::fmt::Display for Repr<'_> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let (message, ident, seq_no, data) = self.parts();
                write!(
                    f,
                    "{} {message} id={ident} seq={seq_no} len={}",
                    $display,
                    data.len()
                )
            }
        }
    };
}
