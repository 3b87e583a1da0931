//! The engine thread on Windows: the same [`Scheduler`] as on Linux, driven by an alertable
//! wait on the command event instead of epoll. Echoes complete as APCs that run during that
//! wait; after each wake-up the sockets hand their completed echoes to the scheduler.
//! Batching, backpressure and the loop's order follow `worker.rs`.

use super::fast_hash::FastMap;
use super::scheduler::{Host, Scheduler, Sockets};
use super::{Command, EventSink, Shared};
use crate::ffi::napi::panic_message;
use crate::ffi::windows::monotonic_ns;
use crate::socket::PlatformSocket;
use crate::wire::Family;
use std::io;
use std::net::{IpAddr, UdpSocket};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// As in `worker.rs`: events wait at most this long before JS is woken.
const FLUSH_INTERVAL_NS: u64 = 1_000_000;
const FLUSH_BATCH: usize = 1024;
const BACKLOG_LIMIT: usize = 8192;
const BACKLOG_RETRY_MS: u32 = 1;

/// The real host: the system clock and the stack's route choice (cached per destination).
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
            // connect() on a UDP socket makes the stack choose the route, and sends nothing.
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
    last_flush_ns: u64,
    sockets: Sockets<PlatformSocket>,
    host: SystemHost,
    scheduler: Scheduler,
}

impl Worker {
    pub(super) fn new(shared: Arc<Shared>, sink: Box<dyn EventSink>) -> io::Result<Worker> {
        Ok(Worker {
            shared,
            sink,
            last_flush_ns: 0,
            sockets: Sockets::default(),
            host: SystemHost::default(),
            scheduler: Scheduler::new(BACKLOG_LIMIT),
        })
    }

    /// Runs until `Close`; then the sockets close as the worker drops (waiting for their
    /// echoes' APCs on this thread). If the loop fails, every job ends with `Fatal`.
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

    fn flush(&mut self) -> usize {
        let count = self.scheduler.batch_len();
        if count > 0 {
            self.sink.deliver(self.scheduler.take_batch());
        }
        count
    }

    /// Delivers the batch if due; returns how many events it delivered and how long the
    /// wait may last before the batch is due (`None`: no batch).
    fn flush_if_due(&mut self, now: u64) -> (usize, Option<u64>) {
        if self.scheduler.batch_len() == 0 {
            return (0, None);
        }
        let waited = now.saturating_sub(self.last_flush_ns);
        if waited >= FLUSH_INTERVAL_NS || self.scheduler.batch_len() >= FLUSH_BATCH {
            self.last_flush_ns = now;
            return (self.flush(), None);
        }
        (0, Some(FLUSH_INTERVAL_NS - waited))
    }

    fn run_loop(&mut self) -> io::Result<()> {
        loop {
            if self.shared.take_command_flag() && self.take_commands() {
                self.scheduler.cancel_all();
                return Ok(());
            }
            // Completed echoes first (their APCs ran in the last wait), then timeouts: an
            // answer that made it in time is never reported as a timeout.
            for family in [Family::V4, Family::V6] {
                self.scheduler.on_readiness(family, true, false, &mut self.sockets, &mut self.host)?;
            }
            let now = monotonic_ns();
            self.scheduler.expire(now);
            let mut backlog = self.sink.backlog();
            self.scheduler.send_due(now, backlog, &mut self.sockets, &mut self.host);
            let (delivered, flush_in_ns) = self.flush_if_due(now);
            backlog += delivered;
            let throttled = self.scheduler.is_throttled(backlog);
            if !throttled && self.scheduler.has_due_send(now) {
                continue;
            }
            let deadline_in_ns = self.scheduler.next_wakeup(throttled).map(|deadline| deadline.saturating_sub(now));
            let mut wait_ns = match (deadline_in_ns, flush_in_ns) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            if throttled {
                let retry_ns = u64::from(BACKLOG_RETRY_MS) * 1_000_000;
                wait_ns = Some(wait_ns.map_or(retry_ns, |wait| wait.min(retry_ns)));
            }
            // Round up so we never wake before the deadline; Windows waits in milliseconds.
            let wait_ms =
                wait_ns.map(|ns| u32::try_from(ns / 1_000_000 + u64::from(ns % 1_000_000 != 0)).unwrap_or(u32::MAX));
            self.shared.waker.wait_alertable(wait_ms)?;
        }
    }

    /// Applies queued commands; returns true when asked to close.
    fn take_commands(&mut self) -> bool {
        let commands = match self.shared.commands.lock() {
            Ok(mut queue) => std::mem::take(&mut *queue),
            Err(_) => return true,
        };
        let mut close = false;
        for command in commands {
            match command {
                Command::AddSocket(socket) => {
                    let family = crate::socket::IcmpSocket::family(&*socket);
                    self.sockets.set(family, *socket);
                }
                Command::Start(spec) => self.scheduler.start(spec, monotonic_ns()),
                Command::Cancel(job) => self.scheduler.cancel(job),
                Command::Close => close = true,
            }
        }
        close
    }
}
