//! A small, fast hasher for the engine's per-probe maps.
//!
//! std's SipHash resists collision attacks on keys an attacker chooses; the engine's keys
//! are its own (job ids, the destinations it probes and the sequence numbers it sent), and
//! a reply can only look entries up, never add one. So the per-probe lookups use a
//! multiply-rotate hash (the FxHash idea rustc uses) that costs a few instructions.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// An odd constant with well-spread bits (from FxHash): multiplying by it mixes each
/// input word into the high bits.
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[derive(Default, Clone, Copy)]
pub struct FastHasher {
    hash: u64,
}

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_u16(&mut self, value: u16) {
        self.add(u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        // hashbrown takes the bucket from the low bits, which a multiply mixes least:
        // one more multiply between two folds spreads every input bit over them.
        let mut hash = self.hash ^ (self.hash >> 32);
        hash = hash.wrapping_mul(0x9e_37_79_b9_7f_4a_7c_15);
        hash ^ (hash >> 29)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::net::{IpAddr, Ipv4Addr};

    #[test]
    fn probe_keys_spread_over_buckets() {
        // Consecutive sequence numbers to one destination (the flood case) must not pile
        // into a few buckets: count distinct low 10 bits over 1024 keys.
        let destination = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1));
        let buckets: HashSet<u64> = (0..1024u16)
            .map(|seq| {
                let mut hasher = FastHasher::default();
                std::hash::Hash::hash(&(destination, seq), &mut hasher);
                hasher.finish() & 1023
            })
            .collect();
        assert!(buckets.len() > 600, "only {} of 1024 buckets used", buckets.len());
    }

    #[test]
    fn a_map_with_it_finds_what_it_holds() {
        let mut map: FastMap<(IpAddr, u16), u64> = FastMap::default();
        for seq in 0..=u16::MAX {
            map.insert((IpAddr::V4(Ipv4Addr::new(10, 0, 0, (seq % 7) as u8)), seq), u64::from(seq));
        }
        assert_eq!(map.len(), 65_536);
        assert_eq!(map.get(&(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 3)), 10)), Some(&10));
        assert_eq!(map.get(&(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 4)), 10)), None);
    }
}
