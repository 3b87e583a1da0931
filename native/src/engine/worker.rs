//! The engine thread: an epoll loop over the ping sockets, a command eventfd and a timer.

use super::in_flight::{InFlight, Pending, ProbeKey};
use super::payload::Payloads;
use super::{
    Command, Event, EventSink, JobSpec, JobSummary, OriginalProbe, ProbeError, ProbeEvent, ProbeStatus, Shared,
};
use crate::ffi::napi::panic_message;
use crate::ffi::os::{monotonic_ns, Epoll, Readiness, Timer};
use crate::socket::{errno_name, ErrorOrigin, IcmpSocket, Incoming, PingSocket, SendOptions};
use crate::wire::{self, Family};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::io;
use std::net::{IpAddr, UdpSocket};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

const TOKEN_WAKER: u64 = 0;
const TOKEN_TIMER: u64 = 1;
const TOKEN_V4: u64 = 4;
const TOKEN_V6: u64 = 6;

/// Sends per loop turn, so a fast job cannot starve the reading of replies.
const MAX_SENDS_PER_TURN: usize = 512;

/// Events wait at most this long before JS is woken, so a flood of probes costs JS about a
/// thousand wake-ups a second rather than one per probe. RTTs come from kernel timestamps,
/// so holding events back never changes them.
const FLUSH_INTERVAL_NS: u64 = 1_000_000;
/// A batch this large is delivered at once, whatever the interval.
const FLUSH_BATCH: usize = 1024;
/// Flood jobs pause while this many events wait for JS: a flood must not outrun the
/// consumer and pile events up in memory.
const BACKLOG_LIMIT: usize = 8192;
/// While paused for the backlog, look again this often (ms).
const BACKLOG_RETRY_MS: i32 = 1;
/// Loop turns in a row that may skip `epoll_wait` because work is already due.
const MAX_FAST_TURNS: u32 = 64;

fn realtime_ns() -> i128 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|elapsed| elapsed.as_nanos() as i128).unwrap_or(0)
}

fn family_of(address: IpAddr) -> Family {
    if address.is_ipv4() {
        Family::V4
    } else {
        Family::V6
    }
}

/// The ping sockets the JS thread has opened for this session, by family.
#[derive(Default)]
struct Sockets {
    v4: Option<PingSocket>,
    v6: Option<PingSocket>,
}

impl Sockets {
    fn get(&mut self, family: Family) -> Option<&mut PingSocket> {
        match family {
            Family::V4 => self.v4.as_mut(),
            Family::V6 => self.v6.as_mut(),
        }
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
struct LocalError {
    destination: Option<IpAddr>,
    info: u32,
}

/// Everything about probes, apart from the sockets they travel on.
struct Probes {
    jobs: HashMap<u32, Job>,
    /// When each job may send next (flood jobs: as soon as they have room).
    send_queue: BinaryHeap<Reverse<(u64, u32)>>,
    in_flight: InFlight,
    next_wire_seq: HashMap<IpAddr, u16>,
    route_sources: HashMap<IpAddr, Option<IpAddr>>,
    payloads: Payloads,
    packet: Vec<u8>,
    batch: Vec<Event>,
    last_local_error: Option<LocalError>,
}

pub struct Worker {
    shared: Arc<Shared>,
    sink: Box<dyn EventSink>,
    epoll: Epoll,
    timer: Timer,
    /// The deadline the timer is armed for; `None` once it fired (or was never armed).
    timer_deadline: Option<u64>,
    last_flush_ns: u64,
    sockets: Sockets,
    probes: Probes,
}

impl Worker {
    pub(super) fn new(shared: Arc<Shared>, sink: Box<dyn EventSink>) -> io::Result<Worker> {
        let epoll = Epoll::new()?;
        let timer = Timer::new()?;
        epoll.add(shared.waker.raw_fd(), TOKEN_WAKER)?;
        epoll.add(timer.raw_fd(), TOKEN_TIMER)?;
        Ok(Worker {
            shared,
            sink,
            epoll,
            timer,
            timer_deadline: None,
            last_flush_ns: 0,
            sockets: Sockets::default(),
            probes: Probes {
                jobs: HashMap::new(),
                send_queue: BinaryHeap::new(),
                in_flight: InFlight::default(),
                next_wire_seq: HashMap::new(),
                route_sources: HashMap::new(),
                payloads: Payloads::new(),
                packet: Vec::with_capacity(1500),
                batch: Vec::new(),
                last_local_error: None,
            },
        })
    }

    /// Runs until `Close`; then every descriptor closes as the worker drops.
    pub(super) fn run(mut self) {
        let outcome = catch_unwind(AssertUnwindSafe(|| self.run_loop()));
        let fatal = match outcome {
            Ok(Ok(())) => None,
            Ok(Err(error)) => Some(format!("the ICMP engine stopped: {error}")),
            Err(panic) => Some(format!("the ICMP engine stopped after an internal error: {}", panic_message(&panic))),
        };
        if let Some(message) = fatal {
            self.probes.cancel_all();
            self.probes.batch.push(Event::Fatal { message });
        }
        self.flush();
    }

    fn flush(&mut self) {
        if !self.probes.batch.is_empty() {
            self.sink.deliver(std::mem::take(&mut self.probes.batch));
        }
    }

    /// Delivers the batch if it is large or has waited long enough; otherwise returns how
    /// many milliseconds `epoll_wait` may sleep before the batch is due (-1: no batch).
    fn flush_if_due(&mut self, now: u64) -> i32 {
        if self.probes.batch.is_empty() {
            return -1;
        }
        let waited = now.saturating_sub(self.last_flush_ns);
        if waited >= FLUSH_INTERVAL_NS || self.probes.batch.len() >= FLUSH_BATCH {
            self.flush();
            self.last_flush_ns = now;
            return -1;
        }
        // Round up so we never wake before the batch is due.
        ((FLUSH_INTERVAL_NS - waited).div_ceil(1_000_000)) as i32
    }

    fn run_loop(&mut self) -> io::Result<()> {
        let mut ready: Vec<Readiness> = Vec::with_capacity(16);
        let mut fast_turns = 0;
        loop {
            if self.shared.take_command_flag() && self.take_commands()? {
                self.probes.cancel_all();
                return Ok(());
            }
            let now = monotonic_ns();
            self.probes.expire(now);
            let throttled = self.sink.backlog() >= BACKLOG_LIMIT;
            let flood_sends = self.probes.send_due(now, &mut self.sockets, throttled);
            if flood_sends > 0 {
                // On a fast path the answers are often queued before sendto returns: read
                // them now instead of paying an epoll_wait per probe.
                self.receive_now();
            }
            let flush_in_ms = self.flush_if_due(now);
            if !throttled && self.probes.has_due_send(monotonic_ns()) && fast_turns < MAX_FAST_TURNS {
                fast_turns += 1;
                continue;
            }
            fast_turns = 0;
            self.arm_timer()?;
            let timeout_ms = if throttled { BACKLOG_RETRY_MS } else { flush_in_ms };
            self.epoll.wait(&mut ready, timeout_ms)?;
            for readiness in &ready {
                match readiness.token {
                    TOKEN_WAKER => self.shared.waker.clear(),
                    TOKEN_TIMER => {
                        self.timer.clear();
                        self.timer_deadline = None;
                    }
                    TOKEN_V4 => self.read_socket(Family::V4, *readiness),
                    TOKEN_V6 => self.read_socket(Family::V6, *readiness),
                    _ => {}
                }
            }
        }
    }

    /// Reads replies already queued, no more than there are probes in flight (so a turn that
    /// got every answer costs no empty read), and errors when the socket says it has some.
    fn receive_now(&mut self) {
        for family in [Family::V4, Family::V6] {
            let expected = self.probes.in_flight.count(family);
            let Some(socket) = self.sockets.get(family) else { continue };
            if expected == 0 {
                continue;
            }
            let probes = &mut self.probes;
            let _ = socket.drain_replies(&mut |incoming| probes.on_incoming(family, incoming), expected);
            if socket.take_error_hint() {
                let _ = socket.drain_errors(&mut |incoming| probes.on_incoming(family, incoming));
            }
        }
    }

    /// Applies queued commands; returns true when asked to close.
    fn take_commands(&mut self) -> io::Result<bool> {
        let commands = match self.shared.commands.lock() {
            Ok(mut queue) => std::mem::take(&mut *queue),
            Err(_) => return Ok(true),
        };
        let mut close = false;
        for command in commands {
            match command {
                Command::AddSocket(socket) => {
                    let token = if socket.family() == Family::V4 { TOKEN_V4 } else { TOKEN_V6 };
                    self.epoll.add(socket.raw_fd(), token)?;
                    match socket.family() {
                        Family::V4 => self.sockets.v4 = Some(*socket),
                        Family::V6 => self.sockets.v6 = Some(*socket),
                    }
                }
                Command::Start(spec) => self.probes.start(spec),
                Command::Cancel(job) => self.probes.cancel(job),
                Command::Close => close = true,
            }
        }
        Ok(close)
    }

    fn arm_timer(&mut self) -> io::Result<()> {
        let next_send = self.probes.send_queue.peek().map(|Reverse((when, _))| *when);
        let next_timeout = self.probes.in_flight.next_deadline();
        let deadline = match (next_send, next_timeout) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        // Re-arm only for an earlier deadline. A later one (the probe it was armed for has
        // resolved) costs one spurious wake-up, cheaper than a syscall per probe.
        if let Some(deadline) = deadline {
            if !matches!(self.timer_deadline, Some(armed) if armed <= deadline) {
                self.timer.set(Some(deadline))?;
                self.timer_deadline = Some(deadline);
            }
        }
        Ok(())
    }

    fn read_socket(&mut self, family: Family, readiness: Readiness) {
        let Some(socket) = self.sockets.get(family) else { return };
        let probes = &mut self.probes;
        if readiness.error {
            let drained = socket.drain_errors(&mut |incoming| probes.on_incoming(family, incoming)).unwrap_or(0);
            if drained == 0 {
                // sk_err set without a queued error: clear it, or epoll keeps waking us.
                socket.take_socket_error();
            }
        }
        if readiness.readable {
            let _ = socket.drain_replies(&mut |incoming| probes.on_incoming(family, incoming), usize::MAX);
        }
    }
}

impl Probes {
    fn start(&mut self, spec: JobSpec) {
        if self.jobs.contains_key(&spec.id) {
            return;
        }
        let now = monotonic_ns();
        self.send_queue.push(Reverse((now, spec.id)));
        let id = spec.id;
        self.jobs.insert(id, Job { spec, sent: 0, received: 0, errors: 0, timeouts: 0, outstanding: 0, start_ns: now });
    }

    fn cancel(&mut self, job_id: u32) {
        let Some(job) = self.jobs.remove(&job_id) else { return };
        self.in_flight.remove_job(job_id);
        self.batch.push(Event::Done(job.summary(true)));
    }

    fn cancel_all(&mut self) {
        let mut ids: Vec<u32> = self.jobs.keys().copied().collect();
        ids.sort_unstable();
        for id in ids {
            self.cancel(id);
        }
    }

    /// Resolves every probe whose deadline has passed as a timeout.
    fn expire(&mut self, now: u64) {
        while let Some((key, pending)) = self.in_flight.pop_expired(now) {
            self.resolve(key, pending, ProbeStatus::Timeout, None, None, None, 0, None);
        }
    }

    /// True when some job may send right now.
    fn has_due_send(&self, now: u64) -> bool {
        self.send_queue.peek().is_some_and(|Reverse((when, _))| *when <= now)
    }

    /// Sends every probe that is due, at most `MAX_SENDS_PER_TURN`; flood jobs wait while
    /// `throttled`. Returns how many flood probes it sent.
    fn send_due(&mut self, now: u64, sockets: &mut Sockets, throttled: bool) -> usize {
        let mut flood_sends = 0;
        let mut held_back = Vec::new();
        for _ in 0..MAX_SENDS_PER_TURN {
            let Some(Reverse((when, job_id))) = self.send_queue.peek().copied() else { break };
            if when > now {
                break;
            }
            self.send_queue.pop();
            let Some(job) = self.jobs.get(&job_id) else { continue };
            if !job.has_more_to_send() || (job.is_flood() && job.outstanding >= u64::from(job.spec.window.max(1))) {
                continue;
            }
            if job.is_flood() && throttled {
                held_back.push(job_id);
                continue;
            }
            if job.is_flood() {
                flood_sends += 1;
            }
            self.send_one(job_id, now, sockets);
            let Some(job) = self.jobs.get(&job_id) else { continue };
            if job.has_more_to_send() {
                let next = if job.is_flood() {
                    if job.outstanding < u64::from(job.spec.window.max(1)) {
                        Some(now)
                    } else {
                        None // a resolution re-queues it
                    }
                } else {
                    Some(job.start_ns.saturating_add(job.sent.saturating_mul(job.spec.interval_ns)))
                };
                if let Some(next) = next {
                    self.send_queue.push(Reverse((next, job_id)));
                }
            }
        }
        // Paused flood jobs stay due and go as soon as the backlog shrinks.
        for job_id in held_back {
            self.send_queue.push(Reverse((now, job_id)));
        }
        flood_sends
    }

    fn allocate_wire_seq(&mut self, destination: IpAddr) -> Option<u16> {
        let counter = self.next_wire_seq.entry(destination).or_insert(1);
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

    fn send_one(&mut self, job_id: u32, now: u64, sockets: &mut Sockets) {
        let Some(job) = self.jobs.get(&job_id) else { return };
        let destination = job.spec.target;
        let family = family_of(destination);
        let options = SendOptions { ttl: job.spec.ttl, dont_fragment: job.spec.dont_fragment };
        let (size, timeout_ns) = (job.spec.size, job.spec.timeout_ns);
        let Some(wire_seq) = self.allocate_wire_seq(destination) else { return };
        self.payloads.build_request(family, wire_seq, size, &mut self.packet);

        let job = self.jobs.get_mut(&job_id).expect("looked up above");
        job.sent += 1;
        job.outstanding += 1;
        let seq = job.sent;
        let deadline_ns = now.saturating_add(timeout_ns);
        let key = (destination, wire_seq);
        self.in_flight.insert(key, Pending { job: job_id, seq, sent_realtime_ns: realtime_ns(), deadline_ns });

        let Some(socket) = sockets.get(family) else {
            let pending = self.in_flight.remove(&key).expect("just inserted");
            let error = local_error(
                family,
                libc::EAFNOSUPPORT,
                None,
                destination,
                "no ICMP socket is open for this address family",
            );
            self.resolve(key, pending, ProbeStatus::LocalError, None, None, None, 0, Some(error));
            return;
        };
        let mut result = socket.send(destination, &self.packet, options);
        if result.is_err() {
            // The failure may be an earlier ICMP error (sk_err) reported on this send:
            // process the error queue, and if it held something, try once more.
            self.last_local_error = None;
            let drained = socket.drain_errors(&mut |incoming| self.on_incoming(family, incoming)).unwrap_or(0);
            let stale = self.last_local_error.is_none() && drained > 0;
            if stale && self.in_flight.contains(&key) {
                result = socket.send(destination, &self.packet, options);
            }
        }
        if let Err(send_error) = result {
            let Some(pending) = self.in_flight.remove(&key) else { return };
            let errno = send_error.raw_os_error().unwrap_or(libc::EIO);
            let mtu = self
                .last_local_error
                .take()
                .filter(|local| local.destination.is_none() || local.destination == Some(destination))
                .map(|local| local.info)
                .filter(|mtu| errno == libc::EMSGSIZE && *mtu > 0);
            let error = local_error(family, errno, mtu, destination, "");
            self.resolve(key, pending, ProbeStatus::LocalError, None, None, None, 0, Some(error));
        }
    }

    fn on_incoming(&mut self, family: Family, incoming: Incoming<'_>) {
        match incoming {
            Incoming::Reply { from, seq, bytes, payload, ttl, received_ns, .. } => {
                let key = (from, seq);
                if !self.in_flight.contains(&key) || !self.payloads.is_ours(payload) {
                    return; // late (already timed out), duplicate, or not from this session
                }
                let pending = self.in_flight.remove(&key).expect("checked above");
                let rtt = rtt_ns(received_ns, pending.sent_realtime_ns);
                self.resolve(key, pending, ProbeStatus::Reply, Some(from), rtt, ttl, bytes, None);
            }
            Incoming::Error { origin: ErrorOrigin::Local, original_destination, quoted_seq: None, info, .. } => {
                self.last_local_error = Some(LocalError { destination: original_destination, info });
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
                let key = (destination, wire_seq);
                let Some(pending) = self.in_flight.remove(&key) else { return };
                let rtt = rtt_ns(received_ns, pending.sent_realtime_ns);
                let (status, error) = if origin == ErrorOrigin::Icmp {
                    let description = wire::describe(family, icmp_type, code, info);
                    let original = OriginalProbe {
                        src: self.route_source(destination),
                        dst: destination,
                        id: quoted_id,
                        seq: Some(wire_seq),
                        quoted_bytes: quoted.len(),
                    };
                    let error = ProbeError {
                        family,
                        origin,
                        icmp_type: Some(icmp_type),
                        code: Some(code),
                        name: description.name,
                        message: description.message,
                        from: offender,
                        mtu: description.mtu,
                        pointer: description.pointer,
                        errno: i32::try_from(errno).ok(),
                        original: Some(original),
                    };
                    (ProbeStatus::IcmpError, error)
                } else {
                    let mtu = Some(info).filter(|mtu| *mtu > 0 && errno == libc::EMSGSIZE as u32);
                    (ProbeStatus::LocalError, local_error(family, errno as i32, mtu, destination, ""))
                };
                self.resolve(key, pending, status, offender, rtt, ttl, 0, Some(error));
            }
            Incoming::Error { .. } => {} // nothing to match it to
        }
    }

    /// The source address the kernel picks for `destination`, cached: ping sockets give
    /// us the quoted ICMP message but not the quoted IP header, so this fills `src`.
    fn route_source(&mut self, destination: IpAddr) -> Option<IpAddr> {
        *self.route_sources.entry(destination).or_insert_with(|| {
            let wildcard = if destination.is_ipv4() { "0.0.0.0:0" } else { "[::]:0" };
            let socket = UdpSocket::bind(wildcard).ok()?;
            socket.connect((destination, 9)).ok()?;
            socket.local_addr().ok().map(|address| address.ip())
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn resolve(
        &mut self,
        key: ProbeKey,
        pending: Pending,
        status: ProbeStatus,
        address: Option<IpAddr>,
        rtt_ns: Option<i64>,
        ttl: Option<u8>,
        bytes: usize,
        error: Option<ProbeError>,
    ) {
        let Some(job) = self.jobs.get_mut(&pending.job) else { return };
        let error = error.map(Box::new);
        job.outstanding = job.outstanding.saturating_sub(1);
        match status {
            ProbeStatus::Reply => job.received += 1,
            ProbeStatus::Timeout => job.timeouts += 1,
            ProbeStatus::IcmpError | ProbeStatus::LocalError => job.errors += 1,
        }
        self.batch.push(Event::Probe(ProbeEvent {
            job: pending.job,
            seq: pending.seq,
            wire_seq: key.1,
            target: key.0,
            status,
            address,
            rtt_ns,
            ttl,
            bytes,
            sent_at_ns: pending.sent_realtime_ns,
            error,
        }));
        if job.is_finished() {
            let summary = job.summary(false);
            self.jobs.remove(&pending.job);
            self.batch.push(Event::Done(summary));
        } else if job.is_flood() && job.has_more_to_send() && job.outstanding + 1 == u64::from(job.spec.window.max(1)) {
            // It was full and now has room: queue it to send at once.
            self.send_queue.push(Reverse((0, pending.job)));
        }
    }
}

fn rtt_ns(received_ns: Option<i128>, sent_ns: i128) -> Option<i64> {
    let received = received_ns.unwrap_or_else(realtime_ns);
    i64::try_from((received - sent_ns).max(0)).ok()
}

/// A local (this host's) error, named after its errno in the way `ping` reports it.
fn local_error(family: Family, errno: i32, mtu: Option<u32>, destination: IpAddr, detail: &str) -> ProbeError {
    let text = io::Error::from_raw_os_error(errno).to_string();
    let text = text.split(" (os error").next().unwrap_or(&text).to_owned();
    let mut message = match mtu {
        Some(mtu) => format!("local error: {text}, mtu={mtu}"),
        None => format!("local error: {text}"),
    };
    if !detail.is_empty() {
        message = format!("{message} ({detail})");
    }
    ProbeError {
        family,
        origin: ErrorOrigin::Local,
        icmp_type: None,
        code: None,
        name: local_error_name(errno).to_owned(),
        message,
        from: None,
        mtu,
        pointer: None,
        errno: Some(errno),
        original: Some(OriginalProbe { src: None, dst: destination, id: None, seq: None, quoted_bytes: 0 }),
    }
}

fn local_error_name(errno: i32) -> &'static str {
    match errno {
        libc::EMSGSIZE => "message-too-long",
        libc::EHOSTUNREACH => "no-route-to-host",
        libc::ENETUNREACH => "network-unreachable",
        libc::EACCES => "permission-denied",
        libc::EPERM => "operation-not-permitted",
        libc::ENOBUFS => "no-buffer-space",
        libc::EINVAL => "invalid-argument",
        libc::EAFNOSUPPORT => "address-family-not-supported",
        libc::ECONNREFUSED => "connection-refused",
        libc::EPROTO => "protocol-error",
        _ => errno_name(errno),
    }
}
