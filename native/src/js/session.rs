//! `new Session(onEvents, options)`: a probe engine bound to a JS callback.
//!
//! Sockets are opened on the JS thread when the first target of a family is pinged, so a
//! refused socket (ping_group_range) is a synchronous, explained exception from `ping()`
//! rather than a late event. Events reach `onEvents` in batches (arrays).
//!
//! Backpressure: an event counts against the engine's backlog from the moment the engine
//! delivers it until JS acknowledges it: when `onEvents` returns (the default), or, for a
//! session made with `acknowledge: 'explicit'`, when JS calls `session.consumed(n)` — so a
//! consumer that stops reading stops the engine, however many layers of queues lie between.
//!
//! Lifetimes: `onEvents` is stored on the session object itself, and native code reaches the
//! object through a reference that is strong only while jobs run. So a session with work
//! keeps itself (and Node's event loop) alive, and an idle session nobody references is
//! collected — its engine thread stopped and its sockets closed — even without `close()`.
//! If the engine thread dies (an OS call failed), its `fatal` event closes the session: the
//! session lets go of the loop and of itself, and `ping()` throws ERR_SESSION_CLOSED.
//! At environment shutdown a cleanup hook stops the engine before Node frees the channel
//! the engine thread delivers through.

use super::options::Options;
use super::values::{family_number, Addresses, Keys, ObjectBuilder};
use crate::capability;
use crate::engine::{interval_ns_from_ms, EngineHandle, Event, EventSink, JobSpec, ProbeError, ProbeEvent};
use crate::ffi::napi::{
    CallContext, CleanupHook, Env, Finalize, JsError, JsResult, KeepAlive, ObjectRef, ThreadsafeCallback, Value,
    ValueType,
};
use crate::socket::{
    errno_name, open_platform_socket, BindOptions, ErrorOrigin, IcmpSocket, OpenError, SocketChoice, SocketKind,
    RAW_SOCKET_STEP,
};
use crate::wire::Family;
use std::cell::{Cell, RefCell};
use std::net::IpAddr;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

const MS: f64 = 1_000_000.0;

/// The most events in one `onEvents` array.
const CALLBACK_BATCH: usize = 1024;

/// The property of a session object that holds its `onEvents` callback.
const CALLBACK_PROPERTY: &str = "onEvents";

/// Events on their way from the engine to JS, what JS has not yet acknowledged, and what
/// decides whether Node must stay alive.
struct Delivery {
    events: Mutex<Vec<Event>>,
    /// Events the engine delivered that JS has not acknowledged yet: those still in `events`
    /// plus those handed to `onEvents`. This is the engine's backlog.
    unconsumed: AtomicUsize,
    /// Of those, the ones handed to `onEvents` (what `consumed(n)` may acknowledge).
    handed: AtomicUsize,
    /// `acknowledge: 'explicit'`: JS calls `consumed(n)`; otherwise returning from
    /// `onEvents` acknowledges its array.
    explicit_ack: bool,
    /// The engine's last words, once its thread stopped (set on the JS thread).
    fatal: Mutex<Option<String>>,
    active_jobs: AtomicU32,
    keep_alive: KeepAlive,
    /// The session's JS object: strong while jobs run, weak when idle.
    object: ObjectRef,
}

impl Delivery {
    /// On the JS thread: a job started (`true`) — hold the session and the loop — or the
    /// session went idle (`false`) — let both go.
    fn set_busy(&self, env: Env, busy: bool) {
        self.keep_alive.set(env, busy);
        self.object.hold(env, busy);
    }

    /// `count` events were consumed: they no longer count against the engine's backlog.
    fn acknowledge(&self, count: usize, handed: bool) {
        let less = |value: usize| Some(value.saturating_sub(count));
        if handed {
            let _ = self.handed.fetch_update(Ordering::AcqRel, Ordering::Acquire, less);
        }
        let _ = self.unconsumed.fetch_update(Ordering::AcqRel, Ordering::Acquire, less);
    }

    fn fatal_message(&self) -> Option<String> {
        self.fatal.lock().ok().and_then(|fatal| fatal.clone())
    }
}

/// The engine's side: appends to the shared batch and pokes the JS thread only when the
/// batch was empty, so however fast events come, JS sees them in few, large arrays.
/// Dropping it (when the engine thread ends) releases the thread-safe function.
struct JsSink {
    callback: ThreadsafeCallback<Arc<Delivery>>,
    delivery: Arc<Delivery>,
}

impl EventSink for JsSink {
    fn deliver(&mut self, events: Vec<Event>) {
        let was_empty = match self.delivery.events.lock() {
            Ok(mut pending) => {
                // Counted under the lock: JS takes events under it too, so it can never
                // acknowledge events before they were counted (the count would saturate at 0
                // and then stay too high forever).
                self.delivery.unconsumed.fetch_add(events.len(), Ordering::AcqRel);
                let was_empty = pending.is_empty();
                pending.extend(events);
                was_empty
            }
            Err(_) => return,
        };
        if was_empty {
            let _ = self.callback.call(self.delivery.clone());
        }
    }

    /// Delivered and not yet acknowledged by JS (see the module's notes on backpressure).
    fn backlog(&self) -> usize {
        self.delivery.unconsumed.load(Ordering::Acquire)
    }
}

struct Session {
    engine: Rc<RefCell<EngineHandle>>,
    delivery: Arc<Delivery>,
    /// Stops the engine at environment shutdown; removed when the session closes.
    cleanup: Cell<Option<CleanupHook>>,
    bind: BindOptions,
    next_job: Cell<u32>,
    echo_ids: Cell<[Option<u16>; 2]>,
    /// `options.socket`: which kind of socket to open.
    socket_choice: SocketChoice,
    /// The kind of socket opened per family, once opened.
    socket_kinds: Cell<[Option<SocketKind>; 2]>,
}

impl Session {
    fn close(&self) {
        self.engine.borrow_mut().close();
        // Dropping the hook unregisters it.
        drop(self.cleanup.take());
    }

    fn is_closed(&self) -> bool {
        self.engine.borrow().is_closed() || self.delivery.fatal_message().is_some()
    }
}

impl Finalize for Session {
    /// The object was collected: release what needs the JS environment; dropping the
    /// session then stops the engine and closes its sockets.
    fn finalize(&self, env: Env) {
        drop(self.cleanup.take());
        self.delivery.object.delete(env);
    }
}

fn family_index(family: Family) -> usize {
    match family {
        Family::V4 => 0,
        Family::V6 => 1,
    }
}

pub fn define_class(env: Env) -> JsResult<Value> {
    env.class(
        "Session",
        construct,
        &[("ping", ping), ("cancel", cancel), ("close", close), ("info", info), ("consumed", consumed)],
    )
}

fn with_session<R>(context: &CallContext, f: impl FnOnce(&Session) -> JsResult<R>) -> JsResult<R> {
    context.env().with_wrapped::<Session, _>(context.this(), f)?
}

/// `new Session(onEvents, { source?, device?, acknowledge? })`.
fn construct(context: &CallContext) -> JsResult<Value> {
    let env = context.env();
    if !context.is_construct_call() {
        return Err(JsError::type_error(
            "ERR_CONSTRUCT_CALL_REQUIRED",
            "Class constructor Session cannot be invoked without 'new'",
        ));
    }
    let callback = context.arg(0);
    if env.type_of(callback)? != ValueType::Function {
        return Err(JsError::type_error(
            "ERR_INVALID_ARG_TYPE",
            "new Session(onEvents, options): onEvents must be a function",
        ));
    }
    let options = Options::new(env, context.arg(1), "options")?;
    let bind = BindOptions { source: options.address("source")?, device: options.string("device")? };
    if let Some(device) = &bind.device {
        if device.is_empty() || device.len() > 15 || device.contains(['/', ' ', '\0']) {
            return Err(JsError::range_error(
                "ERR_INVALID_DEVICE",
                format!("options.device must be a network interface name of 1 to 15 characters, got {device:?}"),
            ));
        }
    }
    let explicit_ack = match options.string("acknowledge")?.as_deref() {
        None | Some("on-return") => false,
        Some("explicit") => true,
        Some(other) => {
            return Err(JsError::range_error(
                "ERR_INVALID_ARG_VALUE",
                format!("options.acknowledge must be 'on-return' or 'explicit', got {other:?}"),
            ))
        }
    };
    let socket_choice = match options.string("socket")?.as_deref() {
        None => SocketChoice::Auto,
        Some(text) => SocketChoice::parse(text).ok_or_else(|| {
            JsError::range_error(
                "ERR_INVALID_ARG_VALUE",
                format!("options.socket must be 'auto', 'ping' or 'raw', got {text:?}"),
            )
        })?,
    };
    let this = context.this();
    env.define_fixed(this, CALLBACK_PROPERTY, callback)?;
    // Every step below that fails drops what the earlier ones made (the channel, the
    // reference, the engine, the hook), and each of those releases itself on drop.
    let (threadsafe, keep_alive) = ThreadsafeCallback::new(env, "icmp-doctor:session", deliver_to_js)?;
    let delivery = Arc::new(Delivery {
        events: Mutex::new(Vec::new()),
        unconsumed: AtomicUsize::new(0),
        handed: AtomicUsize::new(0),
        explicit_ack,
        fatal: Mutex::new(None),
        active_jobs: AtomicU32::new(0),
        keep_alive,
        object: ObjectRef::weak(env, this)?,
    });
    // Idle sessions must not hold the process open; `ping` re-references.
    delivery.set_busy(env, false);
    let sink = JsSink { callback: threadsafe, delivery: delivery.clone() };
    let engine = EngineHandle::start(Box::new(sink))
        .map_err(|error| JsError::error("ERR_ENGINE_START", format!("could not start the ICMP engine: {error}")))?;
    let engine = Rc::new(RefCell::new(engine));
    // Registered after the channel, so Node runs it first at shutdown.
    let weak_engine = Rc::downgrade(&engine);
    let cleanup = CleanupHook::add(
        env,
        Box::new(move || {
            if let Some(engine) = weak_engine.upgrade() {
                engine.borrow_mut().close();
            }
        }),
    )?;
    let session = Session {
        engine,
        delivery,
        cleanup: Cell::new(Some(cleanup)),
        bind,
        next_job: Cell::new(1),
        echo_ids: Cell::new([None, None]),
        socket_choice,
        socket_kinds: Cell::new([None, None]),
    };
    env.wrap(this, session)?;
    env.undefined()
}

/// `session.ping({ target, count, intervalMs, timeoutMs, ttl, size, df, window })` → job id.
fn ping(context: &CallContext) -> JsResult<Value> {
    let env = context.env();
    let request = Options::new(env, context.arg(0), "request")?;
    let target = match request.address("target")? {
        Some(target) => target,
        None => {
            return Err(JsError::type_error(
                "ERR_MISSING_ARGS",
                "request.target is required: an IPv4 or IPv6 address literal",
            ));
        }
    };
    if target.is_unspecified() || is_multicast(target) {
        return Err(JsError::range_error(
            "ERR_INVALID_TARGET",
            format!("request.target {target} is not a unicast address; ICMP Doctor probes one host at a time"),
        ));
    }
    let family = if target.is_ipv4() { Family::V4 } else { Family::V6 };
    let max_size = if family == Family::V4 { 65_507 } else { 65_527 };
    let count = request.integer("count", 0, u32::MAX as u64)?.unwrap_or(1);
    let interval_ms = request.number("intervalMs", 0.0, 3_600_000.0)?.unwrap_or(1000.0);
    let timeout_ms = request.number("timeoutMs", 1.0, 3_600_000.0)?.unwrap_or(1000.0);
    let ttl = request.integer("ttl", 1, 255)?.map(|ttl| ttl as u8);
    let size = request.integer("size", 0, max_size)?.unwrap_or(56) as usize;
    let dont_fragment = request.boolean("df")?.unwrap_or(false);
    let window = request.integer("window", 1, 65_535)?.unwrap_or(1) as u32;

    with_session(context, |session| {
        if let Some(message) = session.delivery.fatal_message() {
            return Err(JsError::error(
                "ERR_SESSION_CLOSED",
                format!("this session is closed because its engine stopped ({message}); create a new Session"),
            ));
        }
        // Nothing below runs JS, so this borrow cannot meet a re-entrant `close()`.
        let engine = session.engine.borrow();
        if engine.is_closed() {
            return Err(JsError::error("ERR_SESSION_CLOSED", "this session is closed; create a new Session"));
        }
        let mut ids = session.echo_ids.get();
        if ids[family_index(family)].is_none() {
            let socket = open_platform_socket(family, &session.bind, session.socket_choice).map_err(socket_error)?;
            ids[family_index(family)] = Some(socket.echo_id());
            session.echo_ids.set(ids);
            let mut kinds = session.socket_kinds.get();
            kinds[family_index(family)] = Some(socket.kind());
            session.socket_kinds.set(kinds);
            engine.add_socket(socket);
        }
        let id = session.next_job.get();
        session.next_job.set(id.wrapping_add(1).max(1));
        if session.delivery.active_jobs.fetch_add(1, Ordering::AcqRel) == 0 {
            session.delivery.set_busy(env, true);
        }
        engine.start_job(JobSpec {
            id,
            target,
            count,
            interval_ns: interval_ns_from_ms(interval_ms),
            // Timeouts are at least 1 ms (checked above), so the same conversion serves.
            timeout_ns: interval_ns_from_ms(timeout_ms),
            ttl,
            size,
            dont_fragment,
            window,
        });
        env.number(f64::from(id))
    })
}

fn is_multicast(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => v4.is_multicast() || v4.is_broadcast(),
        IpAddr::V6(v6) => v6.is_multicast(),
    }
}

/// Explains a refused socket with the evidence: the range, our groups, and the fix.
fn socket_error(error: OpenError) -> JsError {
    let errno = error.errno().unwrap_or(0);
    let family = if error.family == Family::V4 { "ICMPv4" } else { "ICMPv6" };
    if error.step == RAW_SOCKET_STEP && matches!(errno, libc::EPERM | libc::EACCES) {
        return JsError::error(
            "ICMP_RAW_SOCKET_DENIED",
            format!(
                "cannot open a raw {family} socket ({}): raw sockets need CAP_NET_RAW, which this process does not \
                 hold. Run as root (sudo), grant the capability (sudo setcap cap_net_raw+ep on the node binary, or \
                 AmbientCapabilities=CAP_NET_RAW in a systemd unit), or probe through ping sockets instead \
                 (--socket auto or ping), which net.ipv4.ping_group_range must admit",
                errno_name(errno),
            ),
        );
    }
    if error.step == "socket" && matches!(errno, libc::EACCES | libc::EPERM) {
        let report = capability::probe();
        let groups = capability::checked_groups(&report.identity);
        let groups_text = groups.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
        let range_text = match &report.ping_group_range {
            Ok((low, high)) => format!("\"{low} {high}\""),
            Err(reason) => format!("unreadable ({reason})"),
        };
        let suggestion = groups.first().copied().unwrap_or(0);
        return JsError::error(
            "ICMP_SOCKET_DENIED",
            format!(
                "cannot open an unprivileged {family} socket ({}): net.ipv4.ping_group_range is {range_text} in this \
                 network namespace and admits none of this process's groups (egid {}; groups {groups_text}). \
                 Fix: sudo sysctl -w net.ipv4.ping_group_range=\"{suggestion} {suggestion}\" (or \"0 2147483647\" for \
                 every group), and persist it in /etc/sysctl.d/",
                errno_name(errno),
                report.identity.egid,
            ),
        );
    }
    let code = match (error.step, errno) {
        (_, libc::EAFNOSUPPORT | libc::EPROTONOSUPPORT) => "ICMP_FAMILY_UNSUPPORTED",
        ("setsockopt(SO_BINDTODEVICE)", libc::ENODEV) => "ICMP_NO_SUCH_DEVICE",
        ("bind", libc::EADDRNOTAVAIL) => "ICMP_SOURCE_UNAVAILABLE",
        _ => "ICMP_SOCKET_FAILED",
    };
    JsError::error(
        code,
        format!(
            "cannot set up the {family} socket: {} failed with {} ({})",
            error.step,
            errno_name(errno),
            error.error
        ),
    )
}

/// `session.cancel(jobId)`: stops sending; the job ends with a `done` event (`cancelled`).
fn cancel(context: &CallContext) -> JsResult<Value> {
    let env = context.env();
    let job = env.to_f64(context.arg(0), "jobId")?;
    if job.fract() != 0.0 || !(1.0..=u32::MAX as f64).contains(&job) {
        return Err(JsError::range_error(
            "ERR_OUT_OF_RANGE",
            format!("jobId must be a job id returned by ping(), got {job}"),
        ));
    }
    with_session(context, |session| {
        session.engine.borrow().cancel(job as u32);
        env.undefined()
    })
}

/// `session.close()`: cancels every job, closes every socket, ends the worker thread.
/// Idempotent. The cancelled jobs' `done` events are still delivered afterwards.
fn close(context: &CallContext) -> JsResult<Value> {
    with_session(context, |session| {
        session.close();
        context.env().undefined()
    })
}

/// `session.consumed(count)`: with `acknowledge: 'explicit'`, JS has consumed `count` more of
/// the events handed to `onEvents`; they stop counting against the engine's backlog.
fn consumed(context: &CallContext) -> JsResult<Value> {
    let env = context.env();
    let count = env.to_f64(context.arg(0), "count")?;
    if count.fract() != 0.0 || !(0.0..=u32::MAX as f64).contains(&count) {
        return Err(JsError::range_error(
            "ERR_OUT_OF_RANGE",
            format!("count must be a whole number of events, got {count}"),
        ));
    }
    let count = count as usize;
    with_session(context, |session| {
        let delivery = &session.delivery;
        if !delivery.explicit_ack {
            return Err(JsError::error(
                "ERR_INVALID_STATE",
                "this session acknowledges events when onEvents returns; consumed() needs new Session(onEvents, \
                 { acknowledge: 'explicit' })",
            ));
        }
        let handed = delivery.handed.load(Ordering::Acquire);
        if count > handed {
            return Err(JsError::range_error(
                "ERR_OUT_OF_RANGE",
                format!("consumed({count}): only {handed} events handed to onEvents await acknowledgement"),
            ));
        }
        delivery.acknowledge(count, true);
        env.undefined()
    })
}

/// `session.info()`: `{ closed, backlog, echoIds: { v4, v6 } }`.
fn info(context: &CallContext) -> JsResult<Value> {
    let env = context.env();
    // Read everything first: no borrow of the session is held while JS values are made.
    let (closed, backlog, [v4, v6], kinds) = with_session(context, |session| {
        Ok((
            session.is_closed(),
            session.delivery.unconsumed.load(Ordering::Acquire),
            session.echo_ids.get(),
            session.socket_kinds.get(),
        ))
    })?;
    let keys = Keys::new(env);
    let ids = ObjectBuilder::new(env, &keys)
        .optional_number("v4", v4.map(f64::from))?
        .optional_number("v6", v6.map(f64::from))?
        .build()?;
    let kind = |kind: Option<SocketKind>| match kind {
        Some(kind) => env.string(kind.as_str()),
        None => env.null(),
    };
    let sockets = ObjectBuilder::new(env, &keys).value("v4", kind(kinds[0])?)?.value("v6", kind(kinds[1])?)?.build()?;
    ObjectBuilder::new(env, &keys)
        .boolean("closed", closed)?
        .number("backlog", backlog as f64)?
        .value("echoIds", ids)?
        .value("sockets", sockets)?
        .build()
}

/// On the JS thread: hand every queued event to `onEvents`, in arrays of at most
/// CALLBACK_BATCH. An exception from `onEvents` is reported as an uncaught exception (as Node
/// does for any callback it calls) and the remaining arrays are still delivered: `done`
/// events must never be lost.
fn deliver_to_js(env: Env, delivery: Arc<Delivery>) -> JsResult<()> {
    let events = match delivery.events.lock() {
        Ok(mut pending) => std::mem::take(&mut *pending),
        Err(_) => return Ok(()),
    };
    if events.is_empty() {
        return Ok(());
    }
    // Take the object first: this local handle keeps it alive through the delivery even if
    // the reference turns weak below.
    let object = delivery.object.get(env);
    let finished = events.iter().filter(|event| matches!(event, Event::Done(_))).count() as u32;
    let fatal = events.iter().find_map(|event| match event {
        Event::Fatal { message } => Some(message.clone()),
        _ => None,
    });
    if let Some(message) = &fatal {
        if let Ok(mut slot) = delivery.fatal.lock() {
            slot.get_or_insert_with(|| message.clone());
        }
    }
    if finished > 0 || fatal.is_some() {
        let before = delivery
            .active_jobs
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |active| {
                Some(if fatal.is_some() { 0 } else { active.saturating_sub(finished) })
            })
            .unwrap_or(0);
        if fatal.is_some() || before <= finished {
            delivery.set_busy(env, false);
        }
    }
    // Collected: nobody can be listening, and nothing is left to acknowledge.
    let object = match object {
        Some(object) => object,
        None => {
            delivery.acknowledge(events.len(), false);
            return Ok(());
        }
    };
    if fatal.is_some() {
        // The engine thread has stopped: join it and drop the hook now, so the session is
        // closed before `onEvents` hears about it (its info() already says so).
        let _ = env.with_wrapped::<Session, _>(object, |session| session.close());
    }
    // Which kind of socket each family probes through, stamped on every probe event.
    let kinds = env.with_wrapped::<Session, _>(object, |session| session.socket_kinds.get()).unwrap_or([None, None]);
    let callback = match env.get(object, CALLBACK_PROPERTY) {
        Ok(callback) => callback,
        Err(error) => {
            delivery.acknowledge(events.len(), false);
            return Err(error);
        }
    };
    for chunk in events.chunks(CALLBACK_BATCH) {
        let mut handed = false;
        let outcome = env.in_scope(|| {
            let keys = Keys::new(env);
            let addresses = Addresses::new(env);
            let objects = chunk
                .iter()
                .map(|event| event_to_js(env, &keys, &addresses, kinds, event))
                .collect::<JsResult<Vec<_>>>()?;
            let array = env.array_from(&objects)?;
            delivery.handed.fetch_add(chunk.len(), Ordering::AcqRel);
            handed = true;
            env.call(callback, &[array])?;
            Ok(())
        });
        if !handed {
            // Never reached JS (building the array failed): nobody else can acknowledge it.
            delivery.acknowledge(chunk.len(), false);
        } else if !delivery.explicit_ack {
            delivery.acknowledge(chunk.len(), true);
        }
        match outcome {
            Ok(()) => {}
            Err(JsError::Pending) => env.report_uncaught(),
            Err(error) => {
                env.throw(error);
                env.report_uncaught();
            }
        }
    }
    Ok(())
}

fn event_to_js(
    env: Env,
    keys: &Keys,
    addresses: &Addresses,
    kinds: [Option<SocketKind>; 2],
    event: &Event,
) -> JsResult<Value> {
    let object = ObjectBuilder::new(env, keys);
    match event {
        Event::Probe(probe) => {
            let family = if probe.target.is_ipv4() { Family::V4 } else { Family::V6 };
            probe_to_js(env, object, addresses, kinds[family_index(family)], probe)
        }
        Event::Done(summary) => object
            .string("type", "done")?
            .number("job", f64::from(summary.job))?
            .value("target", addresses.get(summary.target)?)?
            .number("sent", summary.sent as f64)?
            .number("received", summary.received as f64)?
            .number("errors", summary.errors as f64)?
            .number("timeouts", summary.timeouts as f64)?
            .boolean("cancelled", summary.cancelled)?
            .build(),
        Event::Fatal { message } => {
            object.string("type", "fatal")?.string("code", "ENGINE_STOPPED")?.string("message", message)?.build()
        }
    }
}

fn probe_to_js(
    env: Env,
    object: ObjectBuilder,
    addresses: &Addresses,
    socket: Option<SocketKind>,
    probe: &ProbeEvent,
) -> JsResult<Value> {
    let socket = match socket {
        Some(kind) => env.string(kind.as_str())?,
        None => env.null()?,
    };
    let error = match &probe.error {
        Some(error) => error_to_js(env, object.keys(), addresses, error)?,
        None => env.null()?,
    };
    object
        .string("type", "probe")?
        .number("job", f64::from(probe.job))?
        .number("seq", probe.seq as f64)?
        .number("wireSeq", f64::from(probe.wire_seq))?
        .value("target", addresses.get(probe.target)?)?
        .value("address", addresses.optional(probe.address)?)?
        .string("status", probe.status.as_str())?
        .optional_number("rttMs", probe.rtt_ns.map(|ns| ns as f64 / MS))?
        .optional_number("ttl", probe.ttl.map(f64::from))?
        .number("bytes", probe.bytes as f64)?
        .number("sentAt", (probe.sent_at_ns as f64) / MS)?
        .value("error", error)?
        .value("socket", socket)?
        .number("rttResolutionMs", crate::socket::RTT_RESOLUTION_NS as f64 / MS)?
        .build()
}

fn error_to_js(env: Env, keys: &Keys, addresses: &Addresses, error: &ProbeError) -> JsResult<Value> {
    let original = match &error.original {
        Some(original) => ObjectBuilder::new(env, keys)
            .value("src", addresses.optional(original.src)?)?
            .value("dst", addresses.get(original.dst)?)?
            .string("protocol", if original.dst.is_ipv4() { "icmp" } else { "icmpv6" })?
            .optional_number("id", original.id.map(f64::from))?
            .optional_number("seq", original.seq.map(f64::from))?
            .number("quotedBytes", original.quoted_bytes as f64)?
            .build()?,
        None => env.null()?,
    };
    let errno = match error.errno {
        Some(errno) => env.string(errno_name(errno))?,
        None => env.null()?,
    };
    let untranslated = match (&error.original, error.untranslated) {
        (Some(original), true) => ObjectBuilder::new(env, keys)
            .value("quotedDestination", addresses.get(original.dst)?)?
            .value("from", addresses.optional(error.from)?)?
            .build()?,
        _ => env.null()?,
    };
    ObjectBuilder::new(env, keys)
        .number("family", family_number(error.family))?
        .string("origin", if error.origin == ErrorOrigin::Icmp { "icmp" } else { "local" })?
        .optional_number("icmpType", error.icmp_type.map(f64::from))?
        .optional_number("icmpCode", error.code.map(f64::from))?
        .string("name", &error.name)?
        .string("message", &error.message)?
        .value("from", addresses.optional(error.from)?)?
        .optional_number("mtu", error.mtu.map(f64::from))?
        .optional_number("pointer", error.pointer.map(f64::from))?
        .value("errno", errno)?
        .value("original", original)?
        .value("untranslated", untranslated)?
        .build()
}
