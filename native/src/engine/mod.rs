//! The probe engine: one background thread per session that sends echo requests on
//! schedule, matches replies and errors to them, and reports events in batches.
//!
//! The JS thread talks to it only through [`EngineHandle`]: commands go into a queue and an
//! eventfd wakes the worker; events come back through an [`EventSink`]. Two halves:
//! `scheduler.rs` decides (jobs, sequence numbers, matching, timeouts, the flood window,
//! backpressure) with no I/O of its own, and `worker.rs` runs it: it sleeps in `epoll_wait`
//! on the sockets, the eventfd and a timerfd armed for the next send or timeout, so an idle
//! session costs no CPU, and RTTs come from kernel receive timestamps.

mod event;
mod fast_hash;
mod in_flight;
mod outcome;
mod payload;
mod scheduler;
#[cfg(test)]
mod tests;
#[cfg(unix)]
mod worker;
// Windows has no epoll: its loop waits alertably so echo completions (APCs) run on it.
#[cfg(windows)]
#[path = "worker_windows.rs"]
mod worker;

pub use event::{Event, JobSummary, OriginalProbe, ProbeError, ProbeEvent, ProbeStatus};

#[cfg(unix)]
use crate::ffi::os::Waker;
#[cfg(windows)]
use crate::ffi::windows::Waker;
use crate::socket::PlatformSocket;
use std::io;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// One series of probes to one target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobSpec {
    pub id: u32,
    pub target: IpAddr,
    /// How many probes; 0 sends until cancelled.
    pub count: u64,
    /// Time between sends; 0 is "flood": the next probe leaves as soon as one resolves.
    /// From milliseconds, use [`interval_ns_from_ms`] so a tiny interval never becomes 0.
    pub interval_ns: u64,
    /// How long each probe waits for an answer.
    pub timeout_ns: u64,
    pub ttl: Option<u8>,
    /// ICMP payload bytes (like `ping -s`).
    pub size: usize,
    pub dont_fragment: bool,
    /// Probes in flight at once in flood mode.
    pub window: u32,
}

/// An interval in milliseconds (as users give it) in nanoseconds, rounded to the nearest
/// nanosecond but never down to 0 when positive: 0 means flood, a different mode. Zero,
/// negative and NaN give 0; huge values saturate.
pub fn interval_ns_from_ms(interval_ms: f64) -> u64 {
    if interval_ms.is_nan() || interval_ms <= 0.0 {
        return 0;
    }
    // `as` saturates at u64::MAX for values (and infinities) too large to represent.
    ((interval_ms * 1_000_000.0).round() as u64).max(1)
}

/// Receives batches of events on the worker thread.
pub trait EventSink: Send + 'static {
    fn deliver(&mut self, events: Vec<Event>);
    /// Events delivered and not yet consumed by the final consumer. No job sends while
    /// this plus the worker's own undelivered events reaches the engine's limit, so the
    /// engine never produces events faster than they are consumed.
    fn backlog(&self) -> usize {
        0
    }
}

enum Command {
    /// Boxed: a socket is large, and commands are small otherwise.
    AddSocket(Box<PlatformSocket>),
    Start(JobSpec),
    Cancel(u32),
    Close,
}

struct Shared {
    commands: Mutex<Vec<Command>>,
    /// Set with every command, so the worker looks at the queue only when there is one.
    commands_pending: AtomicBool,
    waker: Waker,
}

impl Shared {
    fn take_command_flag(&self) -> bool {
        // Load first: the worker asks every turn, and a plain load of a flag nobody wrote
        // costs far less than a locked swap.
        self.commands_pending.load(Ordering::Acquire) && self.commands_pending.swap(false, Ordering::AcqRel)
    }
}

/// The JS thread's handle on a running engine.
pub struct EngineHandle {
    /// The command queue and the worker thread; `None` once closed, so a closed session
    /// holds no descriptor (the eventfd lives in `Shared`) and no thread.
    running: Option<(Arc<Shared>, JoinHandle<()>)>,
}

impl EngineHandle {
    /// Starts the worker thread. Fails only if the OS refuses epoll/timerfd/eventfd or a thread.
    pub fn start(sink: Box<dyn EventSink>) -> io::Result<EngineHandle> {
        let shared = Arc::new(Shared {
            commands: Mutex::new(Vec::new()),
            commands_pending: AtomicBool::new(false),
            waker: Waker::new()?,
        });
        let worker = worker::Worker::new(shared.clone(), sink)?;
        let thread = std::thread::Builder::new().name("icmp-doctor-engine".into()).spawn(move || worker.run())?;
        Ok(EngineHandle { running: Some((shared, thread)) })
    }

    fn send(&self, command: Command) {
        let shared = match &self.running {
            Some((shared, _)) => shared,
            None => return,
        };
        // A poisoned lock means the worker panicked while holding it; commands are then moot.
        if let Ok(mut queue) = shared.commands.lock() {
            queue.push(command);
        }
        shared.commands_pending.store(true, Ordering::Release);
        shared.waker.wake();
    }

    pub fn add_socket(&self, socket: PlatformSocket) {
        self.send(Command::AddSocket(Box::new(socket)));
    }

    pub fn start_job(&self, spec: JobSpec) {
        self.send(Command::Start(spec));
    }

    pub fn cancel(&self, job: u32) {
        self.send(Command::Cancel(job));
    }

    /// Stops the worker, closes every socket and waits for the thread to end.
    /// Unfinished jobs are reported as cancelled first. Idempotent.
    pub fn close(&mut self) {
        self.send(Command::Close);
        if let Some((_, thread)) = self.running.take() {
            let _ = thread.join();
        }
    }

    pub fn is_closed(&self) -> bool {
        self.running.is_none()
    }
}

impl Drop for EngineHandle {
    fn drop(&mut self) {
        self.close();
    }
}
