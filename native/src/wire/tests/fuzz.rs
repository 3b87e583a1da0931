//! One million random and mutated packets through every public entry point: none may panic.
//!
//! A tiny deterministic PRNG (xorshift64*) keeps runs reproducible; a panic prints the
//! iteration and the packet in hex. Mutations start from the test vectors: bit flips, byte
//! overwrites, truncation, extension, corrupted length fields (IHL, total length, RFC 4884
//! length, IPv6 payload length, in the outer header and in the quote), IPv6 extension-header
//! chains (loops included), splices of two vectors, and pure random buffers.

use std::net::Ipv6Addr;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use super::super::{decode_icmp, decode_ip_packet, describe, parse_echo, DecodeOptions, Family};
use super::rng::Rng;
use super::vectors::ALL;

const PACKETS: usize = 1_000_000;

/// Values that sit on the boundaries decoders test against.
const INTERESTING: [u8; 20] = [0, 1, 2, 3, 4, 5, 6, 8, 17, 43, 44, 58, 59, 60, 0x45, 0x4f, 0x60, 0x7f, 0x80, 0xff];
/// IPv6 extension headers the decoder walks, and what may end a chain.
const EXTENSIONS: [u8; 4] = [0, 43, 44, 60];
const CHAIN_ENDS: [u8; 8] = [58, 1, 6, 17, 59, 0, 44, 253];

fn set_u16(buf: &mut [u8], at: usize, value: u16) {
    if at + 2 <= buf.len() {
        buf[at..at + 2].copy_from_slice(&value.to_be_bytes());
    }
}

fn length_value(rng: &mut Rng, len: usize) -> u16 {
    match rng.below(4) {
        0 => rng.next() as u16,
        1 => (len as u16).wrapping_add(rng.below(9) as u16).wrapping_sub(4),
        2 => INTERESTING[rng.below(INTERESTING.len())].into(),
        _ => [0, 1, 19, 20, 39, 40, 0xffff][rng.below(7)],
    }
}

fn is_v6(buf: &[u8]) -> bool {
    matches!(buf.first(), Some(b) if b >> 4 == 6)
}

/// Where the IPv4 or IPv6 header of an error's quote starts in a whole-packet vector.
fn quote_start(buf: &[u8]) -> usize {
    if is_v6(buf) {
        48
    } else {
        buf.first().map_or(20, |b| usize::from(b & 0x0f) * 4) + 8
    }
}

fn corrupt_length(rng: &mut Rng, buf: &mut [u8]) {
    let len = buf.len();
    let quote = quote_start(buf);
    let v6 = is_v6(buf);
    match (v6, rng.below(6)) {
        (false, 0) => {
            if let Some(b) = buf.get_mut(0) {
                *b = (*b & 0xf0) | (rng.byte() & 0x0f);
            }
        }
        (false, 1) => set_u16(buf, 2, length_value(rng, len)),
        (false, 2) => {
            let at = quote - 3; // RFC 4884 length, byte 5 of the ICMP header
            if let Some(b) = buf.get_mut(at) {
                *b = INTERESTING[rng.below(INTERESTING.len())];
            }
        }
        (false, 3) => {
            if let Some(b) = buf.get_mut(quote) {
                *b = (*b & 0xf0) | (rng.byte() & 0x0f);
            }
        }
        (false, _) => set_u16(buf, quote + 2, length_value(rng, len - quote.min(len))),
        (true, 0) | (true, 1) => set_u16(buf, 4, length_value(rng, len.saturating_sub(40))),
        (true, 2) => {
            if let Some(b) = buf.get_mut(44) {
                *b = INTERESTING[rng.below(INTERESTING.len())];
            }
        }
        (true, _) => set_u16(buf, quote + 4, length_value(rng, len.saturating_sub(quote + 40))),
    }
}

/// Writes a chain of extension headers after an IPv6 header at `at` (the outer one, or the
/// quoted one), sometimes looping one type, sometimes overrunning the buffer.
fn write_chain(rng: &mut Rng, buf: &mut Vec<u8>, at: usize) {
    if buf.len() < at + 40 {
        return;
    }
    let count = 1 + rng.below(6);
    let looping = rng.chance(3).then(|| EXTENSIONS[rng.below(4)]);
    let mut kinds: Vec<u8> = (0..count).map(|_| looping.unwrap_or_else(|| EXTENSIONS[rng.below(4)])).collect();
    kinds.push(CHAIN_ENDS[rng.below(CHAIN_ENDS.len())]);
    buf[at + 6] = kinds[0];
    let mut pos = at + 40;
    for pair in kinds.windows(2) {
        let units = if rng.chance(8) { rng.byte() } else { rng.below(3) as u8 };
        let len = if pair[0] == 44 { 8 } else { (usize::from(units) + 1) * 8 };
        if buf.len() < pos + len && !rng.chance(4) {
            buf.resize(pos + len, 0);
        }
        if let Some(b) = buf.get_mut(pos) {
            *b = pair[1];
        }
        if let Some(b) = buf.get_mut(pos + 1) {
            *b = units;
        }
        if pair[0] == 44 && rng.chance(2) {
            set_u16(buf, pos + 2, rng.next() as u16); // offset and M flag
        }
        pos += len;
    }
    if rng.chance(2) {
        let payload = (buf.len() - (at + 40).min(buf.len())) as u16;
        set_u16(buf, at + 4, payload);
    }
}

fn mutate(rng: &mut Rng, buf: &mut Vec<u8>) {
    match rng.below(9) {
        0 => {
            for _ in 0..1 + rng.below(8) {
                if !buf.is_empty() {
                    let at = rng.below(buf.len());
                    buf[at] ^= 1 << rng.below(8);
                }
            }
        }
        1 => {
            for _ in 0..1 + rng.below(4) {
                if !buf.is_empty() {
                    let at = rng.below(buf.len());
                    buf[at] = if rng.chance(2) { rng.byte() } else { INTERESTING[rng.below(INTERESTING.len())] };
                }
            }
        }
        2 => {
            let len = rng.below(buf.len() + 1);
            buf.truncate(len);
        }
        3 => {
            for _ in 0..1 + rng.below(64) {
                buf.push(rng.byte());
            }
        }
        4 | 5 => corrupt_length(rng, buf),
        6 => {
            if is_v6(buf) {
                let at = if rng.chance(2) { 0 } else { 48 };
                write_chain(rng, buf, at);
            } else if buf.len() > 9 {
                buf[9] = CHAIN_ENDS[rng.below(CHAIN_ENDS.len())]; // another outer protocol
            }
        }
        7 => {
            let (_, other) = ALL[rng.below(ALL.len())];
            let cut = rng.below(buf.len() + 1);
            let from = rng.below(other.len() + 1);
            buf.truncate(cut);
            buf.extend_from_slice(&other[from..]);
        }
        _ => {
            // Swap the version nibble: an IPv4 packet read as IPv6 and vice versa.
            if let Some(b) = buf.get_mut(0) {
                *b ^= 0x20;
            }
        }
    }
}

fn random_buffer(rng: &mut Rng, buf: &mut Vec<u8>) {
    let len = if rng.chance(2) { rng.below(64) } else { rng.below(600) };
    buf.extend((0..len).map(|_| rng.byte()));
    if !buf.is_empty() && rng.chance(2) {
        buf[0] = if rng.chance(2) { 0x40 | (buf[0] & 0x0f) } else { 0x60 | (buf[0] & 0x0f) };
    }
}

/// Runs `buf` through every entry point, checking what a successful decode claims.
fn exercise(rng: &mut Rng, buf: &[u8], tally: &mut [usize; 5]) {
    let opts = DecodeOptions {
        verify_checksum: rng.chance(2),
        pseudo_header: rng.chance(2).then_some((Ipv6Addr::LOCALHOST, Ipv6Addr::UNSPECIFIED)),
    };
    match decode_ip_packet(buf, opts) {
        Ok(decoded) => {
            tally[0] += 1;
            assert!(decoded.outer.header_len <= buf.len());
            if let Some(quote) = &decoded.icmp.original {
                assert!(quote.quoted_len <= buf.len());
                assert_eq!(quote.truncated, quote.quoted_len < quote.ip.total_len);
                tally[4] += 1;
            }
        }
        Err(error) => {
            assert!(!error.to_string().is_empty());
            tally[match error.code() {
                "TRUNCATED" => 1,
                "UNSUPPORTED" | "MALFORMED" => 2,
                _ => 3,
            }] += 1;
        }
    }
    // The ICMP part on its own (after a 20- or 40-byte header), and the raw buffer.
    let skip = if is_v6(buf) { 40 } else { 20 };
    let icmp = buf.get(skip..).unwrap_or(&[]);
    for family in [Family::V4, Family::V6] {
        for bytes in [icmp, buf] {
            if let Ok(info) = decode_icmp(family, bytes, opts) {
                if let Some(quote) = &info.original {
                    assert!(quote.quoted_len + 8 <= bytes.len());
                }
            }
            if let Ok(echo) = parse_echo(family, bytes) {
                assert_eq!(echo.payload.len() + 8, bytes.len());
            }
        }
    }
    let family = if rng.chance(2) { Family::V4 } else { Family::V6 };
    let description = describe(family, rng.byte(), rng.byte(), rng.next() as u32);
    assert!(!description.name.is_empty() && !description.message.is_empty());
}

#[test]
fn a_million_random_and_mutated_packets_never_panic() {
    let started = Instant::now();
    let mut rng = Rng(0x1c3d_0c70_7a11_5eed);
    let mut buf = Vec::with_capacity(2048);
    // decoded ok, truncated, unsupported/malformed, bad checksum, ok with a quote
    let mut tally = [0usize; 5];
    for iteration in 0..PACKETS {
        buf.clear();
        if rng.chance(8) {
            random_buffer(&mut rng, &mut buf);
        } else {
            buf.extend_from_slice(ALL[rng.below(ALL.len())].1);
            for _ in 0..1 + rng.below(3) {
                mutate(&mut rng, &mut buf);
            }
        }
        let result = catch_unwind(AssertUnwindSafe(|| exercise(&mut rng, &buf, &mut tally)));
        if let Err(panic) = result {
            let hex: String = buf.iter().map(|b| format!("{b:02x}")).collect();
            eprintln!("packet {iteration} panicked the decoder: {hex}");
            std::panic::resume_unwind(panic);
        }
    }
    let elapsed = started.elapsed();
    eprintln!(
        "{PACKETS} packets in {elapsed:.2?}: {} decoded ({} with a quote), {} truncated, \
         {} unsupported or malformed, {} bad checksums",
        tally[0], tally[4], tally[1], tally[2], tally[3]
    );
    // The mutations must reach every outcome, or this test proves little.
    assert!(tally.iter().all(|&n| n > PACKETS / 100), "{tally:?}");
}
