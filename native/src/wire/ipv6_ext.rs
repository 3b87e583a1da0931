//! Walks the IPv6 extension-header chain (RFC 8200 §4) to the upper-layer protocol.
//!
//! Only the headers the decoder must step over are known: hop-by-hop options (0), routing
//! (43), fragment (44) and destination options (60). Any other next-header value ends the
//! chain. Every header is at least 8 bytes long, so the walk always ends, even when a
//! hostile chain names the same header type again and again.

use super::bytes::{be_u16, be_u32};
use super::error::WireError;

pub const HOP_BY_HOP: u8 = 0;
pub const ROUTING: u8 = 43;
pub const FRAGMENT: u8 = 44;
pub const DESTINATION_OPTIONS: u8 = 60;

mod field {
    use super::super::bytes::Field;

    pub const NXT_HDR: usize = 0;
    /// Options and routing headers: length in 8-byte units, not counting the first 8.
    pub const LENGTH: usize = 1;
    pub const FRAG_OFFSET_FLAGS: Field = 2..4;
    pub const FRAG_IDENT: Field = 4..8;
}

/// The smallest extension header, and the fixed size of the fragment header.
const MIN_LEN: usize = 8;

/// What a fragment header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fragment {
    pub ident: u32,
    /// The fragment offset, in bytes.
    pub offset: u16,
    pub more: bool,
}

/// The result of walking a chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chain {
    /// The upper-layer protocol; when `incomplete`, the type of the header that did not fit.
    pub next_header: u8,
    /// Bytes of extension headers walked.
    pub len: usize,
    /// The fragment header, if one was walked.
    pub fragment: Option<Fragment>,
    /// Set when the bytes ended inside the chain.
    pub incomplete: Option<WireError>,
}

/// Walks the headers in `data` (the bytes after the fixed header), starting with the
/// next-header value `first`. Stops after a non-first fragment's header, because what
/// follows it is the middle of a payload, not a header.
pub fn walk(first: u8, data: &[u8]) -> Chain {
    let mut chain = Chain { next_header: first, len: 0, fragment: None, incomplete: None };
    loop {
        let rest = &data[chain.len..];
        let header_len = match chain.next_header {
            HOP_BY_HOP | ROUTING | DESTINATION_OPTIONS => match rest.get(field::LENGTH) {
                Some(&units) => (usize::from(units) + 1) * 8,
                None => MIN_LEN,
            },
            FRAGMENT => MIN_LEN,
            _ => return chain,
        };
        if rest.len() < header_len {
            chain.incomplete = Some(WireError::truncated("IPv6 extension header", header_len, rest.len()));
            return chain;
        }
        let this = chain.next_header;
        chain.next_header = rest[field::NXT_HDR];
        chain.len += header_len;
        if this == FRAGMENT {
            let offset_flags = be_u16(&rest[field::FRAG_OFFSET_FLAGS]);
            let fragment = Fragment {
                ident: be_u32(&rest[field::FRAG_IDENT]),
                offset: offset_flags & !0x7,
                more: offset_flags & 0x1 != 0,
            };
            chain.fragment = Some(fragment);
            if fragment.offset != 0 {
                return chain;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_extension_headers() {
        let chain = walk(58, &[128, 0, 0, 0]);
        assert_eq!(chain, Chain { next_header: 58, len: 0, fragment: None, incomplete: None });
    }

    #[test]
    fn hop_by_hop_then_fragment() {
        let mut data = vec![44, 0, 0x9e, 4, 0, 0, 0, 0];
        data.extend_from_slice(&[58, 0, 0x00, 0x01, 0xde, 0xad, 0xbe, 0xef]);
        data.extend_from_slice(&[128, 0, 0, 0, 0, 0, 0, 0]);
        let chain = walk(HOP_BY_HOP, &data);
        assert_eq!(chain.next_header, 58);
        assert_eq!(chain.len, 16);
        assert_eq!(chain.fragment, Some(Fragment { ident: 0xdeadbeef, offset: 0, more: true }));
        assert_eq!(chain.incomplete, None);
    }

    #[test]
    fn non_first_fragment_stops_the_walk() {
        // Offset 1480 bytes (185 units); what follows is payload that looks like a header.
        let data = [0, 0, 0x05, 0xc8, 0, 0, 0, 7, 0, 0, 0, 0];
        let chain = walk(FRAGMENT, &data);
        assert_eq!(chain.next_header, 0);
        assert_eq!(chain.len, 8);
        assert_eq!(chain.fragment, Some(Fragment { ident: 7, offset: 1480, more: false }));
    }

    #[test]
    fn long_options_header_must_fit() {
        let data = [58, 2, 0, 0, 0, 0, 0, 0, 0, 0];
        let chain = walk(DESTINATION_OPTIONS, &data);
        assert_eq!(chain.incomplete, Some(WireError::truncated("IPv6 extension header", 24, 10)));
        assert_eq!(chain.next_header, DESTINATION_OPTIONS);
        assert_eq!(chain.len, 0);
    }

    #[test]
    fn a_header_that_names_itself_ends_with_the_bytes() {
        let data = [0u8; 64]; // hop-by-hop pointing at hop-by-hop, eight times over
        let chain = walk(HOP_BY_HOP, &data);
        assert_eq!(chain.len, 64);
        assert_eq!(chain.incomplete, Some(WireError::truncated("IPv6 extension header", 8, 0)));
    }
}
