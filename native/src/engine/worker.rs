//! The engine thread: an epoll loop around the [`Scheduler`] over the ping sockets, the
//! command eventfd and a timerfd, delivering the scheduler's events in batches.

use super::fast_hash::FastMap;
use super::scheduler::{Host, Scheduler, Sockets};
use super::{Command, EventSink, Shared};
use crate::ffi::napi::panic_message;
use crate::ffi::os::{monotonic_ns, Epoll, Readiness, Timer};
use crate::socket::PlatformSocket;
use crate::wire::Family;
use std::io;
use std::net::{IpAddr, UdpSocket};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

const TOKEN_WAKER: u64 = 0;
const TOKEN_TIMER: u64 = 1;
const TOKEN_V4: u64 = 4;
const TOKEN_V6: u64 = 6;

/// Events wait at most this long before JS is woken, so a flood of probes costs JS about a
/// thousand wake-ups a second rather than one per probe. RTTs come from kernel timestamps,
/// so holding events back never changes them.
const FLUSH_INTERVAL_NS: u64 = 1_000_000;
/// A batch this large is delivered at once, whatever the interval.
const FLUSH_BATCH: usize = 1024;
/// No job sends while this many events wait for the consumer (delivered and unconsumed,
/// plus our own batch): whatever the load, events in memory stay below this plus the
/// probes in flight.
const BACKLOG_LIMIT: usize = 8192;
/// While throttled by the backlog, look again this often (ms). Commands still wake the
/// loop at once.
const BACKLOG_RETRY_MS: i32 = 1;
/// Loop turns in a row that may skip `epoll_wait` because work is already due.
const MAX_FAST_TURNS: u32 = 64;

/// The real host: the system clock and the kernel's route choice (cached per destination).
#[derive(Default)]
struct SystemHost {
    route_sources: FastMap<IpAddr, Option<IpAddr>>,
}

impl Host for SystemHost {
    fn realtime_ns(&mut self) -> i128 {
        SystemTime::now().duration_since(UNIX_EPOCH).map(|elapsed| elapsed.as_nanos() as i128).unwrap_or(0)
    }

    fn route_source(&mut self, destination: IpAddr) -> Option<IpAddr> {
        *self.route_sources.entry(destination).or_insert_with(|| {
            // connect() on a UDP socket makes the kernel choose the route, and sends nothing.
            let wildcard = if destination.is_ipv4() { "0.0.0.0:0" } else { "[::]:0" };
            let socket = UdpSocket::bind(wildcard).ok()?;
            socket.connect((destination, 9)).ok()?;
            socket.local_addr().ok().map(|address| address.ip())
        })
    }
}

pub struct Worker {
    shared: Arc<Shared>,
    sink: Box<dyn EventSink>,
    epoll: Epoll,
    timer: Timer,
    /// The deadline the timer is armed for; `None` once it fired (or was never armed).
    timer_deadline: Option<u64>,
    last_flush_ns: u64,
    sockets: Sockets<PlatformSocket>,
    host: SystemHost,
    scheduler: Scheduler,
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
            host: SystemHost::default(),
            scheduler: Scheduler::new(BACKLOG_LIMIT),
        })
    }

    /// Runs until `Close`; then every descriptor closes as the worker drops. If the loop
    /// fails, every job ends cancelled and the last event is `Fatal`.
    pub(super) fn run(mut self) {
        let outcome = catch_unwind(AssertUnwindSafe(|| self.run_loop()));
        let fatal = match outcome {
            Ok(Ok(())) => None,
            Ok(Err(error)) => Some(format!("the ICMP engine stopped: {error}")),
            Err(panic) => Some(format!("the ICMP engine stopped after an internal error: {}", panic_message(&panic))),
        };
        if let Some(message) = fatal {
            self.scheduler.fail(message);
        }
        self.flush();
    }

    /// Hands the batch to the sink; returns how many events it delivered.
    fn flush(&mut self) -> usize {
        let count = self.scheduler.batch_len();
        if count > 0 {
            self.sink.deliver(self.scheduler.take_batch());
        }
        count
    }

    /// Delivers the batch if it is large or has waited long enough. Returns how many events
    /// it delivered, and how many milliseconds `epoll_wait` may sleep before the batch is
    /// due (-1: no batch).
    fn flush_if_due(&mut self, now: u64) -> (usize, i32) {
        let pending = self.scheduler.batch_len();
        if pending == 0 {
            return (0, -1);
        }
        let waited = now.saturating_sub(self.last_flush_ns);
        if waited >= FLUSH_INTERVAL_NS || pending >= FLUSH_BATCH {
            self.last_flush_ns = now;
            return (self.flush(), -1);
        }
        // Round up so we never wake before the batch is due (by hand: no `div_ceil` in 1.63).
        let left_ns = FLUSH_INTERVAL_NS - waited;
        (0, (left_ns / 1_000_000 + u64::from(left_ns % 1_000_000 != 0)) as i32)
    }

    fn run_loop(&mut self) -> io::Result<()> {
        let mut ready: Vec<Readiness> = Vec::with_capacity(16);
        let mut fast_turns = 0;
        loop {
            // Commands first, every turn: a cancel or close never waits behind probes.
            if self.shared.take_command_flag() && self.take_commands()? {
                self.scheduler.cancel_all();
                return Ok(());
            }
            let now = monotonic_ns();
            self.scheduler.expire(now);
            // Read once a turn: the consumer's thread writes it, so each read may miss the cache.
            let mut backlog = self.sink.backlog();
            let sent = self.scheduler.send_due(now, backlog, &mut self.sockets, &mut self.host);
            if sent > 0 {
                // On a fast path the answers are often queued before sendto returns: read
                // them now instead of paying an epoll_wait per probe.
                self.scheduler.receive_now(&mut self.sockets, &mut self.host)?;
            }
            let (delivered, flush_in_ms) = self.flush_if_due(now);
            backlog += delivered;
            let throttled = self.scheduler.is_throttled(backlog);
            let send_due = !throttled && self.scheduler.has_due_send(now);
            if send_due && fast_turns < MAX_FAST_TURNS {
                fast_turns += 1;
                continue;
            }
            fast_turns = 0;
            // A send already due needs no timer: just look at the descriptors and go on.
            let timeout_ms = if send_due {
                0
            } else {
                self.arm_timer(throttled)?;
                match (throttled, flush_in_ms) {
                    (true, -1) => BACKLOG_RETRY_MS,
                    (true, flush) => flush.min(BACKLOG_RETRY_MS),
                    (false, flush) => flush,
                }
            };
            self.epoll.wait(&mut ready, timeout_ms)?;
            for readiness in &ready {
                let family = match readiness.token {
                    TOKEN_WAKER => {
                        self.shared.waker.clear();
                        continue;
                    }
                    TOKEN_TIMER => {
                        self.timer.clear();
                        self.timer_deadline = None;
                        continue;
                    }
                    TOKEN_V4 => Family::V4,
                    TOKEN_V6 => Family::V6,
                    _ => continue,
                };
                let (readable, error) = (readiness.readable, readiness.error);
                self.scheduler.on_readiness(family, readable, error, &mut self.sockets, &mut self.host)?;
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
                    let family = crate::socket::IcmpSocket::family(&*socket);
                    let token = if family == Family::V4 { TOKEN_V4 } else { TOKEN_V6 };
                    self.epoll.add(socket.raw_fd(), token)?;
                    self.sockets.set(family, *socket);
                }
                Command::Start(spec) => self.scheduler.start(spec, monotonic_ns()),
                Command::Cancel(job) => self.scheduler.cancel(job),
                Command::Close => close = true,
            }
        }
        Ok(close)
    }

    /// Arms the timer for the scheduler's next deadline (no sends while `throttled`: the
    /// backlog is polled instead).
    fn arm_timer(&mut self, throttled: bool) -> io::Result<()> {
        // Re-arm only for an earlier deadline. A later one (the probe it was armed for has
        // resolved) costs one spurious wake-up, cheaper than a syscall per probe.
        if let Some(deadline) = self.scheduler.next_wakeup(throttled) {
            if !matches!(self.timer_deadline, Some(armed) if armed <= deadline) {
                self.timer.set(Some(deadline))?;
                self.timer_deadline = Some(deadline);
            }
        }
        Ok(())
    }
}
