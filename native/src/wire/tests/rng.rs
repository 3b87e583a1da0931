//! The tests' one source of randomness: a tiny deterministic PRNG, so every run tests the
//! same inputs and a failure names a case that can be replayed. Our own, so the crate has no
//! test-only dependency to fetch or package (a fresh machine builds the tests offline).

/// xorshift64* (Vigna): fast, good enough to spread mutations, and the same every run.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub(super) fn byte(&mut self) -> u8 {
        self.next() as u8
    }
    pub(super) fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    /// `len` random bytes.
    pub(super) fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.byte()).collect()
    }

    /// A random array of `N` bytes.
    pub(super) fn array<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0; N];
        out.iter_mut().for_each(|b| *b = self.byte());
        out
    }
}
