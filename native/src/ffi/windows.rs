//! The Windows system calls: Node-API symbols from the host executable, the engine thread's
//! wake-up event and alertable wait, the monotonic clock, and ICMP echoes through
//! `IcmpSendEcho2Ex` / `Icmp6SendEcho2` (iphlpapi) completed by APCs on the engine thread.
//!
//! Everything exported is safe to call. The one rule the callers cannot break: an
//! exchange's reply buffer belongs to Windows until its APC has run, so [`IcmpFile`] keeps
//! every exchange alive until then (and leaks, rather than frees, what never completes).

use super::Identity;
use crate::wire::Family;
use std::ffi::c_void;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::os::raw::c_char;
use std::ptr;
use std::sync::atomic::{AtomicUsize, Ordering};

type Handle = *mut c_void;
type ApcRoutine = unsafe extern "system" fn(context: *mut c_void, io_status: *mut c_void, reserved: u32);

const INVALID_HANDLE_VALUE: Handle = usize::MAX as Handle;
const WAIT_FAILED: u32 = 0xFFFF_FFFF;
const INFINITE: u32 = 0xFFFF_FFFF;
const ERROR_IO_PENDING: i32 = 997;
/// `IP_OPTION_INFORMATION.Flags`: set Don't Fragment.
const IP_FLAG_DF: u8 = 0x2;
const AF_INET6: u16 = 23;
/// What a reply buffer must hold besides the echoed data: the reply structure (40 bytes in
/// 64-bit layout), an ICMP error's 8 bytes, options and the IO_STATUS_BLOCK Windows writes
/// at its end (the documentation asks for the last two; we give generous room).
const REPLY_OVERHEAD: usize = 40 + 8 + 40 + 16 + 64;

#[repr(C)]
struct IpOptionInformation {
    ttl: u8,
    tos: u8,
    flags: u8,
    options_size: u8,
    options_data: *mut u8,
}

#[repr(C)]
struct SockaddrIn6 {
    family: u16,
    port: u16,
    flowinfo: u32,
    address: [u8; 16],
    scope_id: u32,
}

#[link(name = "kernel32")]
extern "system" {
    fn GetModuleHandleW(name: *const u16) -> Handle;
    fn GetProcAddress(module: Handle, name: *const c_char) -> *mut c_void;
    fn CreateEventW(attributes: *mut c_void, manual_reset: i32, initial: i32, name: *const u16) -> Handle;
    fn SetEvent(event: Handle) -> i32;
    fn WaitForSingleObjectEx(handle: Handle, milliseconds: u32, alertable: i32) -> u32;
    fn SleepEx(milliseconds: u32, alertable: i32) -> u32;
    fn CloseHandle(handle: Handle) -> i32;
    fn QueryPerformanceCounter(count: *mut i64) -> i32;
    fn QueryPerformanceFrequency(frequency: *mut i64) -> i32;
}

#[link(name = "iphlpapi")]
extern "system" {
    fn IcmpCreateFile() -> Handle;
    fn Icmp6CreateFile() -> Handle;
    fn IcmpCloseHandle(handle: Handle) -> i32;
    fn IcmpSendEcho2Ex(
        handle: Handle,
        event: Handle,
        apc: Option<ApcRoutine>,
        context: *mut c_void,
        source: u32,
        destination: u32,
        data: *const c_void,
        size: u16,
        options: *const IpOptionInformation,
        reply: *mut c_void,
        reply_size: u32,
        timeout_ms: u32,
    ) -> u32;
    fn Icmp6SendEcho2(
        handle: Handle,
        event: Handle,
        apc: Option<ApcRoutine>,
        context: *mut c_void,
        source: *const SockaddrIn6,
        destination: *const SockaddrIn6,
        data: *const c_void,
        size: u16,
        options: *const IpOptionInformation,
        reply: *mut c_void,
        reply_size: u32,
        timeout_ms: u32,
    ) -> u32;
    fn IcmpParseReplies(reply: *mut c_void, reply_size: u32) -> u32;
    fn Icmp6ParseReplies(reply: *mut c_void, reply_size: u32) -> u32;
}

/// The address of the host executable's export `name` (NUL-terminated), cached in `cache`.
/// Aborts when the host lacks it: an addon without Node-API cannot report anything.
pub fn host_symbol(cache: &AtomicUsize, name: &'static str) -> usize {
    let cached = cache.load(Ordering::Relaxed);
    if cached != 0 {
        return cached;
    }
    debug_assert!(name.ends_with('\0'));
    // SAFETY: a NULL module name means the executable; `name` is NUL-terminated.
    let address = unsafe { GetProcAddress(GetModuleHandleW(ptr::null()), name.as_ptr() as *const c_char) } as usize;
    if address == 0 {
        eprintln!(
            "icmp-doctor addon: the host executable does not export {} (not node.exe or electron.exe?)",
            name.trim_end_matches('\0')
        );
        std::process::abort();
    }
    cache.store(address, Ordering::Relaxed);
    address
}

/// Nanoseconds on a monotonic clock (QueryPerformanceCounter).
pub fn monotonic_ns() -> u64 {
    let (mut count, mut frequency) = (0i64, 0i64);
    // SAFETY: both write one i64 through a valid pointer; they cannot fail since Windows XP.
    unsafe {
        QueryPerformanceCounter(&mut count);
        QueryPerformanceFrequency(&mut frequency);
    }
    let frequency = frequency.max(1) as u128;
    (count.max(0) as u128 * 1_000_000_000 / frequency) as u64
}

/// An auto-reset event (a wait consumes the wake-up) that wakes the engine thread (the counterpart of Linux's eventfd).
pub struct Waker {
    event: Handle,
}

// SAFETY: an event handle may be signalled and waited on from any thread.
unsafe impl Send for Waker {}
unsafe impl Sync for Waker {}

impl Waker {
    pub fn new() -> io::Result<Self> {
        // SAFETY: plain creation of an unnamed auto-reset event, checked below.
        let event = unsafe { CreateEventW(ptr::null_mut(), 0, 0, ptr::null()) };
        if event.is_null() {
            return Err(io::Error::last_os_error());
        }
        Ok(Waker { event })
    }

    pub fn wake(&self) {
        // SAFETY: the handle is ours and open until drop.
        unsafe { SetEvent(self.event) };
    }

    /// Sleeps until woken, until `timeout_ms` passes (`None`: no limit) or until an APC
    /// (an echo's completion) has run on this thread.
    pub fn wait_alertable(&self, timeout_ms: Option<u32>) -> io::Result<()> {
        // SAFETY: the handle is ours; alertable waits run queued APCs on this thread, which
        // only touch the exchanges `IcmpFile` keeps alive.
        let result = unsafe { WaitForSingleObjectEx(self.event, timeout_ms.unwrap_or(INFINITE), 1) };
        if result == WAIT_FAILED {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }
}

impl Drop for Waker {
    fn drop(&mut self) {
        // SAFETY: closed once, here.
        unsafe { CloseHandle(self.event) };
    }
}

/// One echo in flight: the reply buffer Windows fills and the flag its APC sets.
struct Exchange {
    token: u64,
    reply: Vec<u8>,
    completed: bool,
}

/// Runs on the engine thread during an alertable wait, once per finished echo.
unsafe extern "system" fn on_echo_complete(context: *mut c_void, _io_status: *mut c_void, _reserved: u32) {
    // SAFETY: `context` is the `Exchange` that `send_echo` boxed; `IcmpFile` frees it only
    // after this has run, and only on this thread.
    (*(context as *mut Exchange)).completed = true;
}

/// What a finished echo left in its buffer, ready for `socket::windows_reply` to decode.
pub struct Completed<'a> {
    pub token: u64,
    /// The reply buffer after `Icmp(6)ParseReplies`.
    pub reply: &'a [u8],
    /// Where the buffer lives: Windows' reply structures point into it.
    pub base_address: usize,
    /// What `Icmp(6)ParseReplies` returned (0: no reply; the status says why).
    pub replies: u32,
}

/// An ICMP handle of one family (`IcmpCreateFile` / `Icmp6CreateFile`) and its echoes in flight.
pub struct IcmpFile {
    handle: Handle,
    family: Family,
    in_flight: Vec<Box<Exchange>>,
}

// SAFETY: the handle and the exchanges move to the engine thread once and are used only there.
unsafe impl Send for IcmpFile {}

impl IcmpFile {
    pub fn open(family: Family) -> io::Result<IcmpFile> {
        // SAFETY: no arguments; the result is checked.
        let handle = unsafe {
            match family {
                Family::V4 => IcmpCreateFile(),
                Family::V6 => Icmp6CreateFile(),
            }
        };
        if handle.is_null() || handle == INVALID_HANDLE_VALUE {
            return Err(io::Error::last_os_error());
        }
        Ok(IcmpFile { handle, family, in_flight: Vec::new() })
    }

    /// Starts one echo of `data` to `destination`; `on_echo_complete` marks it done later,
    /// on this thread, during an alertable wait. `token` comes back with the result.
    #[allow(clippy::too_many_arguments)]
    pub fn send_echo(
        &mut self,
        token: u64,
        source: Option<IpAddr>,
        destination: IpAddr,
        data: &[u8],
        ttl: Option<u8>,
        dont_fragment: bool,
        timeout_ms: u32,
    ) -> io::Result<()> {
        let size = u16::try_from(data.len()).map_err(|_| io::Error::from_raw_os_error(87))?;
        let mut exchange = Box::new(Exchange { token, reply: vec![0; data.len() + REPLY_OVERHEAD], completed: false });
        let options = IpOptionInformation {
            ttl: ttl.unwrap_or(128),
            tos: 0,
            flags: if dont_fragment { IP_FLAG_DF } else { 0 },
            options_size: 0,
            options_data: ptr::null_mut(),
        };
        let reply = exchange.reply.as_mut_ptr() as *mut c_void;
        let reply_size = exchange.reply.len() as u32;
        let context = &mut *exchange as *mut Exchange as *mut c_void;
        // SAFETY: every pointer is valid for the call; the reply buffer and the context stay
        // alive (boxed, owned by `in_flight`) until the APC has run, see `Drop`.
        let result = unsafe {
            match (self.family, destination) {
                (Family::V4, IpAddr::V4(to)) => {
                    let from = match source {
                        Some(IpAddr::V4(from)) => from,
                        _ => Ipv4Addr::UNSPECIFIED,
                    };
                    IcmpSendEcho2Ex(
                        self.handle,
                        ptr::null_mut(),
                        Some(on_echo_complete),
                        context,
                        u32::from_ne_bytes(from.octets()),
                        u32::from_ne_bytes(to.octets()),
                        data.as_ptr() as *const c_void,
                        size,
                        &options,
                        reply,
                        reply_size,
                        timeout_ms,
                    )
                }
                (Family::V6, IpAddr::V6(to)) => {
                    let from = match source {
                        Some(IpAddr::V6(from)) => from,
                        _ => Ipv6Addr::UNSPECIFIED,
                    };
                    Icmp6SendEcho2(
                        self.handle,
                        ptr::null_mut(),
                        Some(on_echo_complete),
                        context,
                        &sockaddr_in6(from),
                        &sockaddr_in6(to),
                        data.as_ptr() as *const c_void,
                        size,
                        &options,
                        reply,
                        reply_size,
                        timeout_ms,
                    )
                }
                _ => return Err(io::Error::from_raw_os_error(87)), // ERROR_INVALID_PARAMETER
            }
        };
        // Asynchronous calls return 0 with ERROR_IO_PENDING; anything else did not start.
        let error = io::Error::last_os_error();
        if result != 0 || error.raw_os_error() != Some(ERROR_IO_PENDING) {
            return Err(error);
        }
        self.in_flight.push(exchange);
        Ok(())
    }

    /// Hands every finished echo to `on` (after `Icmp(6)ParseReplies`) and frees it.
    pub fn take_completed(&mut self, on: &mut dyn FnMut(Completed<'_>)) -> usize {
        let mut taken = 0;
        let mut index = 0;
        while index < self.in_flight.len() {
            if !self.in_flight[index].completed {
                index += 1;
                continue;
            }
            let mut exchange = self.in_flight.swap_remove(index);
            let size = exchange.reply.len() as u32;
            let base = exchange.reply.as_mut_ptr() as *mut c_void;
            // SAFETY: the APC ran, so Windows is done with the buffer; parsing fixes it up
            // in place within its `size` bytes.
            let replies = unsafe {
                match self.family {
                    Family::V4 => IcmpParseReplies(base, size),
                    Family::V6 => Icmp6ParseReplies(base, size),
                }
            };
            on(Completed { token: exchange.token, reply: &exchange.reply, base_address: base as usize, replies });
            taken += 1;
        }
        taken
    }
}

impl Drop for IcmpFile {
    fn drop(&mut self) {
        // SAFETY: closed once, here. Closing cancels the echoes in flight; their APCs still
        // run, so wait (alertably) until they have, for as long as an echo may take.
        unsafe { IcmpCloseHandle(self.handle) };
        let started = monotonic_ns();
        while self.in_flight.iter().any(|exchange| !exchange.completed) {
            if monotonic_ns().saturating_sub(started) > 10_000_000_000 {
                // Never free a buffer Windows may still write: leak what did not finish.
                for exchange in self.in_flight.drain(..) {
                    Box::leak(exchange);
                }
                return;
            }
            // SAFETY: an alertable sleep runs this thread's queued APCs.
            unsafe { SleepEx(50, 1) };
        }
    }
}

fn sockaddr_in6(address: Ipv6Addr) -> SockaddrIn6 {
    SockaddrIn6 { family: AF_INET6, port: 0, flowinfo: 0, address: address.octets(), scope_id: 0 }
}

pub fn identity() -> Identity {
    Identity { uid: 0, euid: 0, gid: 0, egid: 0, groups: Vec::new() }
}
