//! The probes on the wire, found by key (what a reply or an error tells us) and by deadline
//! (what the timer needs). A probe leaves both indexes the moment it resolves, so memory
//! follows the number of probes in flight, not the number sent within a timeout.

use super::fast_hash::FastMap;
use crate::wire::Family;
use std::collections::BTreeSet;
use std::net::IpAddr;

/// (destination, wire seq): what both a reply (its source and seq) and an error (quoted
/// destination and seq) identify a probe by.
pub type ProbeKey = (IpAddr, u16);

/// A probe waiting for its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pending {
    pub job: u32,
    pub seq: u64,
    pub sent_realtime_ns: i128,
    pub deadline_ns: u64,
}

#[derive(Default)]
pub struct InFlight {
    by_key: FastMap<ProbeKey, Pending>,
    by_deadline: BTreeSet<(u64, IpAddr, u16)>,
    per_family: [usize; 2],
}

fn family_index(address: IpAddr) -> usize {
    usize::from(address.is_ipv6())
}

impl InFlight {
    pub fn insert(&mut self, key: ProbeKey, pending: Pending) {
        if let Some(previous) = self.by_key.insert(key, pending) {
            self.by_deadline.remove(&(previous.deadline_ns, key.0, key.1));
        } else {
            self.per_family[family_index(key.0)] += 1;
        }
        self.by_deadline.insert((pending.deadline_ns, key.0, key.1));
    }

    pub fn remove(&mut self, key: &ProbeKey) -> Option<Pending> {
        let pending = self.by_key.remove(key)?;
        self.by_deadline.remove(&(pending.deadline_ns, key.0, key.1));
        self.per_family[family_index(key.0)] -= 1;
        if self.by_key.is_empty() {
            // Give back what a burst grew, but keep a little for the next probes.
            self.by_key.shrink_to(64);
        }
        Some(pending)
    }

    pub fn contains(&self, key: &ProbeKey) -> bool {
        self.by_key.contains_key(key)
    }

    /// The earliest deadline of any probe in flight.
    pub fn next_deadline(&self) -> Option<u64> {
        self.by_deadline.iter().next().map(|(deadline, _, _)| *deadline)
    }

    /// Removes and returns one probe whose deadline is at or before `now`.
    pub fn pop_expired(&mut self, now: u64) -> Option<(ProbeKey, Pending)> {
        let &(deadline, address, seq) = self.by_deadline.iter().next()?;
        if deadline > now {
            return None;
        }
        let key = (address, seq);
        self.remove(&key).map(|pending| (key, pending))
    }

    /// The probes of `family` in flight with sequence number `seq`, whatever their
    /// destination. A scan: only errors that match no probe directly (rare) need it.
    pub fn keys_with_seq(&self, family: Family, seq: u16) -> impl Iterator<Item = ProbeKey> + '_ {
        let v6 = family == Family::V6;
        self.by_key.keys().copied().filter(move |(destination, key_seq)| *key_seq == seq && destination.is_ipv6() == v6)
    }

    /// How many probes of this family are in flight.
    #[cfg_attr(windows, allow(dead_code))] // Windows' loop has no read-ahead after sends
    pub fn count(&self, family: Family) -> usize {
        self.per_family[usize::from(family == Family::V6)]
    }

    /// Forgets every probe of `job` (it was cancelled: late answers must find nothing).
    pub fn remove_job(&mut self, job: u32) {
        let keys: Vec<ProbeKey> =
            self.by_key.iter().filter(|(_, pending)| pending.job == job).map(|(key, _)| *key).collect();
        for key in keys {
            self.remove(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    fn key(last: u8, seq: u16) -> ProbeKey {
        (IpAddr::V4(Ipv4Addr::new(192, 0, 2, last)), seq)
    }

    fn pending(job: u32, deadline_ns: u64) -> Pending {
        Pending { job, seq: 1, sent_realtime_ns: 0, deadline_ns }
    }

    #[test]
    fn resolved_probes_leave_both_indexes() {
        let mut in_flight = InFlight::default();
        in_flight.insert(key(1, 1), pending(1, 300));
        in_flight.insert(key(1, 2), pending(1, 100));
        in_flight.insert(key(2, 1), pending(2, 200));
        assert_eq!(in_flight.count(Family::V4), 3);
        assert_eq!(in_flight.next_deadline(), Some(100));
        assert_eq!(in_flight.remove(&key(1, 2)), Some(pending(1, 100)));
        assert_eq!(in_flight.next_deadline(), Some(200));
        assert!(!in_flight.contains(&key(1, 2)));
        assert_eq!(in_flight.remove(&key(1, 2)), None);
        assert_eq!(in_flight.count(Family::V4), 2);
    }

    #[test]
    fn expiry_pops_in_deadline_order_and_only_what_is_due() {
        let mut in_flight = InFlight::default();
        in_flight.insert(key(1, 1), pending(1, 300));
        in_flight.insert(key(1, 2), pending(1, 100));
        assert_eq!(in_flight.pop_expired(99), None);
        assert_eq!(in_flight.pop_expired(300), Some((key(1, 2), pending(1, 100))));
        assert_eq!(in_flight.pop_expired(300), Some((key(1, 1), pending(1, 300))));
        assert_eq!(in_flight.pop_expired(u64::MAX), None);
        assert_eq!(in_flight.count(Family::V4), 0);
    }

    #[test]
    fn a_cancelled_job_is_forgotten_and_reinserting_a_key_replaces_it() {
        let mut in_flight = InFlight::default();
        in_flight.insert(key(1, 1), pending(1, 100));
        in_flight.insert(key(1, 2), pending(2, 200));
        in_flight.remove_job(1);
        assert!(!in_flight.contains(&key(1, 1)));
        assert_eq!(in_flight.next_deadline(), Some(200));
        in_flight.insert(key(1, 2), pending(2, 50));
        assert_eq!(in_flight.next_deadline(), Some(50));
        assert_eq!(in_flight.count(Family::V4), 1);
    }
}
