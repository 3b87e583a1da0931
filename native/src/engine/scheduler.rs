//! The pure half of the engine: jobs, sequence numbers, matching answers to probes,
//! timeouts, the flood window and backpressure.
//!
//! It owns no descriptor and reads no clock of its own: the event loop (`worker.rs`) passes
//! `now` in, lends it the sockets through [`IcmpSocket`] and the rest of the host through
//! [`Host`], and delivers the events it collects. Tests drive it the same way with a fake
//! socket and a clock they set.

use super::fast_hash::FastMap;
use super::in_flight::{InFlight, Pending, ProbeKey};
use super::outcome::{icmp_error, local_error, IcmpErrorFacts, Outcome};
use super::payload::{Payloads, Request};
use super::{Event, JobSpec, JobSummary, OriginalProbe, ProbeEvent};
use crate::socket::{is_broken, ErrorOrigin, IcmpSocket, Incoming, SendOptions};
use crate::wire::Family;
use std::cmp::Reverse;
use std::collections::hash_map::RandomState;
use std::collections::BinaryHeap;
use std::hash::{BuildHasher, Hasher};
use std::io;
use std::net::IpAddr;

/// Sends per turn, so a fast job cannot starve the reading of replies.
pub const MAX_SENDS_PER_TURN: usize = 512;

/// What the scheduler needs from the host besides sockets.
pub trait Host {
    /// CLOCK_REALTIME nanoseconds: a probe's send stamp, compared with the kernel's receive
    /// timestamps.
    fn realtime_ns(&mut self) -> i128;
    /// The source address the kernel picks for `destination` (ping sockets hand us the
    /// quoted ICMP message but not the quoted IP header, so this fills an error's `src`).
    fn route_source(&mut self, destination: IpAddr) -> Option<IpAddr>;
}

/// The session's sockets, by family.
pub struct Sockets<S> {
    pub v4: Option<S>,
    pub v6: Option<S>,
}

impl<S> Default for Sockets<S> {
    fn default() -> Self {
        Sockets { v4: None, v6: None }
    }
}

impl<S> Sockets<S> {
    pub fn get(&mut self, family: Family) -> Option<&mut S> {
        match family {
            Family::V4 => self.v4.as_mut(),
            Family::V6 => self.v6.as_mut(),
        }
    }

    pub fn set(&mut self, family: Family, socket: S) {
        match family {
            Family::V4 => self.v4 = Some(socket),
            Family::V6 => self.v6 = Some(socket),
        }
    }
}

pub fn family_of(address: IpAddr) -> Family {
    if address.is_ipv4() {
        Family::V4
    } else {
        Family::V6
    }
}

struct Job {
    spec: JobSpec,
    sent: u64,
    received: u64,
    errors: u64,
    timeouts: u64,
    outstanding: u64,
    start_ns: u64,
}

impl Job {
    fn has_more_to_send(&self) -> bool {
        self.spec.count == 0 || self.sent < self.spec.count
    }
    fn is_finished(&self) -> bool {
        !self.has_more_to_send() && self.outstanding == 0
    }
    fn is_flood(&self) -> bool {
        self.spec.interval_ns == 0
    }
    fn window(&self) -> u64 {
        u64::from(self.spec.window.max(1))
    }
    fn window_is_full(&self) -> bool {
        self.is_flood() && self.outstanding >= self.window()
    }
    fn summary(&self, cancelled: bool) -> JobSummary {
        JobSummary {
            job: self.spec.id,
            target: self.spec.target,
            sent: self.sent,
            received: self.received,
            errors: self.errors,
            timeouts: self.timeouts,
            cancelled,
        }
    }
}

/// A local error read from the error queue while a send was failing (`EMSGSIZE` with the
/// device MTU): it carries no quote, so it is matched to the send by destination.
struct QueuedLocalError {
    destination: Option<IpAddr>,
    info: u32,
}

/// Whether a send left: it may not when every sequence number to the destination is in
/// flight.
enum Sent {
    Yes,
    NoFreeSequence,
}

pub struct Scheduler {
    jobs: FastMap<u32, Job>,
    /// When each job may send next (flood jobs: as soon as they have room).
    send_queue: BinaryHeap<Reverse<(u64, u32)>>,
    in_flight: InFlight,
    next_wire_seq: FastMap<IpAddr, u16>,
    payloads: Payloads,
    request: Request,
    batch: Vec<Event>,
    last_local_error: Option<QueuedLocalError>,
    /// Events the consumer may hold unconsumed (its backlog plus our batch) before no job
    /// sends any more.
    backlog_limit: usize,
}

impl Scheduler {
    pub fn new(backlog_limit: usize) -> Scheduler {
        Scheduler {
            jobs: FastMap::default(),
            send_queue: BinaryHeap::new(),
            in_flight: InFlight::default(),
            next_wire_seq: FastMap::default(),
            payloads: Payloads::new(),
            request: Request::default(),
            batch: Vec::new(),
            last_local_error: None,
            backlog_limit,
        }
    }

    pub fn start(&mut self, spec: JobSpec, now: u64) {
        if self.jobs.contains_key(&spec.id) {
            return;
        }
        self.send_queue.push(Reverse((now, spec.id)));
        let id = spec.id;
        self.jobs.insert(id, Job { spec, sent: 0, received: 0, errors: 0, timeouts: 0, outstanding: 0, start_ns: now });
    }

    /// Ends a job now: `Done { cancelled: true }`; answers to its probes will find nothing.
    pub fn cancel(&mut self, job_id: u32) {
        let job = match self.jobs.remove(&job_id) {
            Some(job) => job,
            None => return,
        };
        self.in_flight.remove_job(job_id);
        self.batch.push(Event::Done(job.summary(true)));
    }

    pub fn cancel_all(&mut self) {
        let mut ids: Vec<u32> = self.jobs.keys().copied().collect();
        ids.sort_unstable();
        for id in ids {
            self.cancel(id);
        }
    }

    /// The engine cannot go on: every job ends cancelled, then `Fatal` says why.
    pub fn fail(&mut self, message: String) {
        self.cancel_all();
        self.batch.push(Event::Fatal { message });
    }

    /// Events collected and not yet taken.
    pub fn batch_len(&self) -> usize {
        self.batch.len()
    }

    pub fn take_batch(&mut self) -> Vec<Event> {
        let capacity = self.batch.len();
        std::mem::replace(&mut self.batch, Vec::with_capacity(capacity))
    }

    /// How many more events may be produced while the consumer holds `backlog` unconsumed:
    /// our own batch counts too, so the bound is on everything not yet consumed.
    fn room(&self, backlog: usize) -> usize {
        self.backlog_limit.saturating_sub(backlog.saturating_add(self.batch.len()))
    }

    /// True when no job may send: the consumer is too far behind.
    pub fn is_throttled(&self, backlog: usize) -> bool {
        self.room(backlog) == 0
    }

    /// True when some job is due to send at `now` (whether or not it is throttled).
    pub fn has_due_send(&self, now: u64) -> bool {
        matches!(self.send_queue.peek(), Some(Reverse((when, _))) if *when <= now)
    }

    /// When the loop must look again: the next timeout, and unless `throttled` the next send.
    pub fn next_wakeup(&self, throttled: bool) -> Option<u64> {
        let next_send = if throttled { None } else { self.send_queue.peek().map(|Reverse((when, _))| *when) };
        match (next_send, self.in_flight.next_deadline()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Resolves every probe whose deadline has passed as a timeout.
    pub fn expire(&mut self, now: u64) {
        while let Some((key, pending)) = self.in_flight.pop_expired(now) {
            self.resolve(key, pending, Outcome::Timeout);
        }
    }

    /// Sends the probes that are due, as many as the consumer has room for (each send
    /// becomes one event, now if it fails locally, later if it leaves) and at most
    /// `MAX_SENDS_PER_TURN`. Returns how many it sent.
    pub fn send_due<S: IcmpSocket>(
        &mut self,
        now: u64,
        backlog: usize,
        sockets: &mut Sockets<S>,
        host: &mut impl Host,
    ) -> usize {
        let mut room = self.room(backlog);
        let mut sends = 0;
        while sends < MAX_SENDS_PER_TURN && room > 0 {
            let (when, job_id) = match self.send_queue.peek().copied() {
                Some(Reverse((when, job_id))) => (when, job_id),
                None => break,
            };
            if when > now {
                break;
            }
            self.send_queue.pop();
            let job = match self.jobs.get(&job_id) {
                Some(job) => job,
                None => continue,
            };
            if !job.has_more_to_send() || job.window_is_full() {
                continue; // a full flood job is queued again when a probe resolves
            }
            if let Sent::NoFreeSequence = self.send_one(job_id, now, sockets, host) {
                // Every number to this destination is in flight: try again when the oldest
                // one times out, rather than spinning.
                let retry = self.in_flight.next_deadline().unwrap_or(now).max(now.saturating_add(1));
                self.send_queue.push(Reverse((retry, job_id)));
                continue;
            }
            sends += 1;
            room -= 1;
            let job = match self.jobs.get(&job_id) {
                Some(job) => job,
                None => continue,
            };
            if !job.has_more_to_send() {
                continue;
            }
            if !job.is_flood() {
                let next = job.start_ns.saturating_add(job.sent.saturating_mul(job.spec.interval_ns));
                self.send_queue.push(Reverse((next, job_id)));
            } else if !job.window_is_full() {
                self.send_queue.push(Reverse((now, job_id)));
            }
        }
        sends
    }

    /// The next free sequence number to `destination`. Ping sockets count from 1 per
    /// destination; sockets that see errors inline (`inline`) start each destination at a
    /// random number, so probes to different targets rarely share one and an error whose
    /// quote names another destination still points at a single probe.
    fn allocate_wire_seq(&mut self, destination: IpAddr, inline: bool) -> Option<u16> {
        let counter = self.next_wire_seq.entry(destination).or_insert_with(|| if inline { random_seq() } else { 1 });
        // Skip numbers still in flight to this destination (only after a 16-bit wrap).
        for _ in 0..=u16::MAX as u32 {
            let candidate = *counter;
            *counter = counter.wrapping_add(1);
            if !self.in_flight.contains(&(destination, candidate)) {
                return Some(candidate);
            }
        }
        None
    }

    fn send_one<S: IcmpSocket>(
        &mut self,
        job_id: u32,
        now: u64,
        sockets: &mut Sockets<S>,
        host: &mut impl Host,
    ) -> Sent {
        let job = match self.jobs.get(&job_id) {
            Some(job) => job,
            None => return Sent::Yes,
        };
        let destination = job.spec.target;
        let family = family_of(destination);
        let timeout_ms = u32::try_from(job.spec.timeout_ns / 1_000_000).unwrap_or(u32::MAX);
        let options = SendOptions { ttl: job.spec.ttl, dont_fragment: job.spec.dont_fragment, timeout_ms };
        let (size, timeout_ns) = (job.spec.size, job.spec.timeout_ns);
        let inline_errors = sockets.get(family).map(|socket| socket.errors_inline()).unwrap_or(false);
        let wire_seq = match self.allocate_wire_seq(destination, inline_errors) {
            Some(wire_seq) => wire_seq,
            None => return Sent::NoFreeSequence,
        };

        let job = self.jobs.get_mut(&job_id).expect("looked up above");
        job.sent += 1;
        job.outstanding += 1;
        let seq = job.sent;
        let key = (destination, wire_seq);
        let deadline_ns = now.saturating_add(timeout_ns);
        self.in_flight.insert(key, Pending { job: job_id, seq, sent_realtime_ns: host.realtime_ns(), deadline_ns });

        let socket = match sockets.get(family) {
            Some(socket) => socket,
            None => {
                let pending = self.in_flight.remove(&key).expect("just inserted");
                let detail = "no ICMP socket is open for this address family";
                let error = Box::new(local_error(family, libc::EAFNOSUPPORT, None, destination, detail));
                self.resolve(key, pending, Outcome::LocalError { error, address: None, rtt_ns: None, ttl: None });
                return Sent::Yes;
            }
        };
        let inline = socket.errors_inline();
        let packet = self.request.build(&self.payloads, family, wire_seq, size);
        let mut result = socket.send(destination, packet, options);
        if result.is_err() {
            // The failure may be an earlier ICMP error (sk_err) reported on this send:
            // process the error queue, and if it held something, try once more.
            self.last_local_error = None;
            let drained =
                socket.drain_errors(&mut |incoming| self.on_incoming(family, inline, incoming, host)).unwrap_or(0);
            let stale = self.last_local_error.is_none() && drained > 0;
            if stale && self.in_flight.contains(&key) {
                let packet = self.request.build(&self.payloads, family, wire_seq, size);
                result = socket.send(destination, packet, options);
            }
        }
        if let Err(send_error) = result {
            let pending = match self.in_flight.remove(&key) {
                Some(pending) => pending,
                None => return Sent::Yes,
            };
            let errno = send_error.raw_os_error().unwrap_or(libc::EIO);
            let mtu = self
                .last_local_error
                .take()
                .filter(|local| local.destination.is_none() || local.destination == Some(destination))
                .map(|local| local.info)
                .filter(|mtu| errno == libc::EMSGSIZE && *mtu > 0);
            let error = Box::new(local_error(family, errno, mtu, destination, ""));
            self.resolve(key, pending, Outcome::LocalError { error, address: None, rtt_ns: None, ttl: None });
        }
        Sent::Yes
    }

    /// Reads the answers already queued right after sending, without waiting for epoll:
    /// replies (no more than there are probes in flight, so a turn that got every answer
    /// costs no empty read), and errors when the socket says it has some.
    #[cfg_attr(windows, allow(dead_code))] // Windows' loop has no read-ahead after sends
    pub fn receive_now<S: IcmpSocket>(&mut self, sockets: &mut Sockets<S>, host: &mut impl Host) -> io::Result<()> {
        for family in [Family::V4, Family::V6] {
            let expected = self.in_flight.count(family);
            let socket = match sockets.get(family) {
                Some(socket) => socket,
                None => continue,
            };
            if expected == 0 {
                continue;
            }
            let inline = socket.errors_inline();
            fatal_only(
                socket.drain_replies(&mut |incoming| self.on_incoming(family, inline, incoming, host), expected),
            )?;
            if socket.take_error_hint() {
                fatal_only(socket.drain_errors(&mut |incoming| self.on_incoming(family, inline, incoming, host)))?;
            }
        }
        Ok(())
    }

    /// Reads what epoll reported on `family`'s socket. Fails only when the socket itself is
    /// broken: then the engine cannot go on.
    pub fn on_readiness<S: IcmpSocket>(
        &mut self,
        family: Family,
        readable: bool,
        error: bool,
        sockets: &mut Sockets<S>,
        host: &mut impl Host,
    ) -> io::Result<()> {
        let socket = match sockets.get(family) {
            Some(socket) => socket,
            None => return Ok(()),
        };
        let inline = socket.errors_inline();
        if error {
            let drained =
                fatal_only(socket.drain_errors(&mut |incoming| self.on_incoming(family, inline, incoming, host)))?;
            if drained == 0 {
                // sk_err set without a queued error: clear it, or epoll keeps waking us.
                socket.clear_socket_error();
            }
        }
        if readable {
            fatal_only(
                socket.drain_replies(&mut |incoming| self.on_incoming(family, inline, incoming, host), usize::MAX),
            )?;
            if socket.take_error_hint() {
                fatal_only(socket.drain_errors(&mut |incoming| self.on_incoming(family, inline, incoming, host)))?;
            }
        }
        Ok(())
    }

    /// Matches what a socket received to a probe in flight. `inline`: the socket sees errors
    /// inline, so one may quote a destination other than the probe's (see [`Self::untranslated`]).
    fn on_incoming(&mut self, family: Family, inline: bool, incoming: Incoming<'_>, host: &mut impl Host) {
        match incoming {
            Incoming::Reply { from, seq, bytes, payload, ttl, received_ns, .. } => {
                if !self.payloads.is_ours(payload) {
                    return; // from an earlier session that had the same echo id
                }
                let key = (from, seq);
                let pending = match self.in_flight.remove(&key) {
                    Some(pending) => pending,
                    None => {
                        return; // late (already timed out) or a duplicate
                    }
                };
                let rtt_ns = rtt_ns(received_ns, pending.sent_realtime_ns, host);
                self.resolve(key, pending, Outcome::Reply { from, rtt_ns, ttl, bytes });
            }
            Incoming::Error { origin: ErrorOrigin::Local, original_destination, quoted_seq: None, info, .. } => {
                self.last_local_error = Some(QueuedLocalError { destination: original_destination, info });
            }
            Incoming::Error {
                origin,
                original_destination: Some(destination),
                quoted_id,
                quoted_seq: Some(wire_seq),
                quoted,
                icmp_type,
                code,
                info,
                errno,
                offender,
                ttl,
                received_ns,
            } => {
                let mut key = (destination, wire_seq);
                let mut untranslated = false;
                if !self.in_flight.contains(&key) && inline && origin == ErrorOrigin::Icmp {
                    match self.untranslated(family, destination, wire_seq, quoted) {
                        Some(probe) => {
                            key = probe;
                            untranslated = true;
                        }
                        None => return,
                    }
                }
                let pending = match self.in_flight.remove(&key) {
                    Some(pending) => pending,
                    None => return,
                };
                let rtt_ns = rtt_ns(received_ns, pending.sent_realtime_ns, host);
                let outcome = if origin == ErrorOrigin::Icmp {
                    let original = OriginalProbe {
                        src: host.route_source(key.0),
                        dst: destination,
                        id: quoted_id,
                        seq: Some(wire_seq),
                        quoted_bytes: quoted.len(),
                    };
                    let facts = IcmpErrorFacts { family, icmp_type, code, info, errno, offender, original };
                    let mut error = Box::new(icmp_error(facts));
                    error.untranslated = untranslated;
                    Outcome::IcmpError { error, rtt_ns, ttl }
                } else {
                    let mtu = Some(info).filter(|mtu| *mtu > 0 && errno == libc::EMSGSIZE as u32);
                    let error = Box::new(local_error(family, errno as i32, mtu, destination, ""));
                    Outcome::LocalError { error, address: offender, rtt_ns, ttl }
                };
                self.resolve(key, pending, outcome);
            }
            Incoming::Error { .. } => {} // nothing to match it to
        }
    }

    /// The probe an error is about when its quote names our echo id and `wire_seq` but a
    /// destination (`quoted_destination`, maybe of the other family) we did not send that
    /// probe to: a gateway rewrote the destination and did not translate the error back.
    /// Only an unambiguous match counts: exactly one probe of `family` in flight with that
    /// sequence number, to another address, and our cookie in the quote when it reaches it.
    fn untranslated(
        &self,
        family: Family,
        quoted_destination: IpAddr,
        wire_seq: u16,
        quoted: &[u8],
    ) -> Option<ProbeKey> {
        let quoted_payload = quoted.get(8..).unwrap_or(&[]);
        if !self.payloads.is_ours(quoted_payload) {
            return None;
        }
        let mut candidates = self
            .in_flight
            .keys_with_seq(family, wire_seq)
            .filter(|(destination, _)| *destination != quoted_destination);
        let first = candidates.next()?;
        if candidates.next().is_some() {
            return None;
        }
        Some(first)
    }

    /// Reports how a probe ended and moves its job on: finished, or (a full flood job that
    /// now has room) due to send again.
    fn resolve(&mut self, key: ProbeKey, pending: Pending, outcome: Outcome) {
        let job = match self.jobs.get_mut(&pending.job) {
            Some(job) => job,
            None => return,
        };
        let reported = outcome.into_reported();
        let was_full = job.window_is_full();
        job.outstanding = job.outstanding.saturating_sub(1);
        match reported.status {
            super::ProbeStatus::Reply => job.received += 1,
            super::ProbeStatus::Timeout => job.timeouts += 1,
            super::ProbeStatus::IcmpError | super::ProbeStatus::LocalError => job.errors += 1,
        }
        self.batch.push(Event::Probe(ProbeEvent {
            job: pending.job,
            seq: pending.seq,
            wire_seq: key.1,
            target: key.0,
            status: reported.status,
            address: reported.address,
            rtt_ns: reported.rtt_ns,
            ttl: reported.ttl,
            bytes: reported.bytes,
            sent_at_ns: pending.sent_realtime_ns,
            error: reported.error,
        }));
        if job.is_finished() {
            let summary = job.summary(false);
            self.jobs.remove(&pending.job);
            self.batch.push(Event::Done(summary));
        } else if was_full && job.has_more_to_send() {
            // It was full and now has room: due at once.
            self.send_queue.push(Reverse((0, pending.job)));
        }
    }
}

/// Keeps only the errors that mean the socket is unusable; the rest (a pending ICMP error
/// surfacing on a read, a transient failure) are retried on the next turn.
fn fatal_only(result: io::Result<usize>) -> io::Result<usize> {
    match result {
        Err(error) if is_broken(&error) => Err(error),
        Err(_) => Ok(0),
        Ok(count) => Ok(count),
    }
}

/// A random non-zero 16-bit number (RandomState is seeded from the OS's randomness).
fn random_seq() -> u16 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u8(0);
    ((hasher.finish() & 0xffff) as u16).max(1)
}

fn rtt_ns(received_ns: Option<i128>, sent_ns: i128, host: &mut impl Host) -> Option<i64> {
    let received = received_ns.unwrap_or_else(|| host.realtime_ns());
    let rtt = i64::try_from((received - sent_ns).max(0)).ok()?;
    // Windows: the socket's stamp is its send time plus whole milliseconds, a few µs after
    // ours; flooring gives back exactly the milliseconds Windows measured.
    let resolution = crate::socket::RTT_RESOLUTION_NS as i64;
    Some(rtt - rtt % resolution)
}
