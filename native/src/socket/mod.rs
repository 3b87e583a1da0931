//! Platform ICMP sockets, seen by the engine through one small interface.
//!
//! Linux ping sockets (`linux.rs`) and raw sockets (`raw.rs`, through the inline-error path
//! `inline.rs`; `choice.rs` picks one), and Windows' ICMP API (`windows.rs`, with the pure
//! decoding of its reply buffers in `windows_reply.rs`, tested on every platform) implement
//! the same [`IcmpSocket`] trait. macOS (datagram ICMP with the IPv4 header included and
//! errors inline) would too; the packet decoding and the inline-error path it needs exist.

#[cfg(target_os = "linux")]
mod choice;
// The inline-error receive path is platform-neutral (macOS's datagram sockets need it too);
// only Linux raw sockets use it today.
#[cfg(any(target_os = "linux", test))]
pub mod inline;
mod kind;
#[cfg(target_os = "linux")]
mod linux;
#[cfg(target_os = "linux")]
mod raw;
#[cfg(target_os = "linux")]
mod send_options;
#[cfg(target_os = "linux")]
pub use choice::LinuxSocket;
pub use kind::{SocketChoice, SocketKind, RAW_SOCKET_STEP};
#[cfg(target_os = "linux")]
pub use linux::PingSocket;
#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub use self::windows::PingSocket;
#[cfg(any(windows, test))]
pub mod windows_reply;

/// The socket the engine holds on this platform: on Linux a ping or raw socket, chosen per
/// session (`choice.rs`); on Windows the ICMP API's handle.
#[cfg(target_os = "linux")]
pub type PlatformSocket = LinuxSocket;
#[cfg(windows)]
pub type PlatformSocket = PingSocket;

/// Opens this platform's socket for `family` as `choice` asks (`--socket`).
#[cfg(target_os = "linux")]
pub fn open_platform_socket(
    family: Family,
    bind: &BindOptions,
    choice: SocketChoice,
) -> Result<PlatformSocket, OpenError> {
    LinuxSocket::open(family, bind, choice)
}

/// Windows has only its ICMP API: `auto` and `ping` use it; `raw` is refused, naming why.
#[cfg(windows)]
pub fn open_platform_socket(
    family: Family,
    bind: &BindOptions,
    choice: SocketChoice,
) -> Result<PlatformSocket, OpenError> {
    if choice == SocketChoice::Raw {
        let error = io::Error::new(
            io::ErrorKind::Unsupported,
            "raw ICMP sockets are not used on Windows; probes go through its ICMP API (--socket auto)",
        );
        return Err(OpenError { family, step: "--socket raw", error });
    }
    PingSocket::open(family, bind)
}

use crate::wire::Family;
use std::io;
use std::net::IpAddr;

/// The finest RTT this platform's sockets measure: kernel timestamps in nanoseconds on Linux;
/// Windows' ICMP API reports whole milliseconds. RTTs are floored to it, and probe events say it.
#[cfg(not(windows))]
pub const RTT_RESOLUTION_NS: u64 = 1;
#[cfg(windows)]
pub const RTT_RESOLUTION_NS: u64 = 1_000_000;

/// Where and how outgoing probes leave this host.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BindOptions {
    /// Source address to bind (must match the socket's family to be used).
    pub source: Option<IpAddr>,
    /// Network device to bind (`SO_BINDTODEVICE`).
    pub device: Option<String>,
}

/// Per-probe IP options; the socket applies them only when they change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SendOptions {
    /// TTL / hop limit; `None` is the system default.
    pub ttl: Option<u8>,
    /// Set DF (IPv6: never fragment locally) and ignore the cached path MTU, so the probe
    /// either passes whole or draws "fragmentation needed" / "packet too big".
    pub dont_fragment: bool,
    /// How long the engine waits for an answer (ms). Windows' ICMP API needs a timeout
    /// per echo; sockets that just receive ignore it.
    pub timeout_ms: u32,
}

/// Which layer produced an error read from the error queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorOrigin {
    /// An ICMP or ICMPv6 error message from a node on the path.
    Icmp,
    /// This host's own stack (e.g. `EMSGSIZE` with the device MTU).
    Local,
}

/// Something the socket received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming<'a> {
    /// An echo reply addressed to our socket.
    Reply {
        from: IpAddr,
        id: u16,
        seq: u16,
        /// ICMP bytes (header and payload), as `ping` counts them.
        bytes: usize,
        payload: &'a [u8],
        ttl: Option<u8>,
        /// Kernel receive time, CLOCK_REALTIME nanoseconds.
        received_ns: Option<i128>,
    },
    /// An error about one of our probes.
    Error {
        origin: ErrorOrigin,
        /// The original destination the error is about.
        original_destination: Option<IpAddr>,
        /// Echo id and seq of the quoted probe, when the quote reaches them.
        quoted_id: Option<u16>,
        quoted_seq: Option<u16>,
        /// The quoted ICMP message, from its header on (empty for local errors).
        quoted: &'a [u8],
        icmp_type: u8,
        code: u8,
        /// MTU or pointer (`sock_extended_err.ee_info`).
        info: u32,
        errno: u32,
        offender: Option<IpAddr>,
        ttl: Option<u8>,
        received_ns: Option<i128>,
    },
}

/// Why a socket could not be opened or configured: the step and the OS error.
#[derive(Debug)]
pub struct OpenError {
    pub family: Family,
    pub step: &'static str,
    pub error: io::Error,
}

impl OpenError {
    pub fn errno(&self) -> Option<i32> {
        self.error.raw_os_error()
    }
}

/// What the engine needs from a platform's ICMP socket.
pub trait IcmpSocket {
    fn family(&self) -> Family;
    /// The echo identifier on the wire (Linux assigns it per socket).
    fn echo_id(&self) -> u16;
    /// Sends one ICMP echo request (`packet` from its ICMP header on).
    fn send(&mut self, destination: IpAddr, packet: &[u8], options: SendOptions) -> io::Result<()>;
    /// Reads queued replies, at most `max` datagrams, calling `on` for each reply; returns
    /// how many datagrams it read.
    fn drain_replies(&mut self, on: &mut dyn FnMut(Incoming<'_>), max: usize) -> io::Result<usize>;
    /// True (once) when a read failed with a pending socket error: the error queue has
    /// something.
    fn take_error_hint(&mut self) -> bool;
    /// Reads every queued error, calling `on` for each; returns how many it read.
    fn drain_errors(&mut self, on: &mut dyn FnMut(Incoming<'_>)) -> io::Result<usize>;
    /// Clears a pending socket error that no queued error backs, so a level-triggered
    /// poll stops reporting it. Nothing to do where errors are never pending.
    fn clear_socket_error(&mut self) {}
    /// True when ICMP errors arrive inline, quoting our probe, and nothing but our echo id
    /// tied them to this socket (raw sockets): an error may then quote a destination we never
    /// sent to, which a gateway failed to translate back.
    fn errors_inline(&self) -> bool {
        false
    }
}

/// True when a socket call failed because the socket itself is unusable (closed, not a
/// socket, a bad buffer): retrying cannot help, unlike a pending ICMP error or a full queue.
#[cfg(unix)]
pub fn is_broken(error: &io::Error) -> bool {
    matches!(error.raw_os_error(), Some(libc::EBADF | libc::EFAULT | libc::ENOTSOCK))
}

/// Windows: a closed or invalid ICMP handle (ERROR_INVALID_HANDLE).
#[cfg(windows)]
pub fn is_broken(error: &io::Error) -> bool {
    error.raw_os_error() == Some(6)
}

/// Windows has no errno here: errors carry an `IP_*` status or a Win32 error code.
#[cfg(windows)]
pub fn errno_name(code: i32) -> &'static str {
    match code {
        5 => "ERROR_ACCESS_DENIED",
        6 => "ERROR_INVALID_HANDLE",
        8 => "ERROR_NOT_ENOUGH_MEMORY",
        50 => "ERROR_NOT_SUPPORTED",
        87 => "ERROR_INVALID_PARAMETER",
        120 => "ERROR_CALL_NOT_IMPLEMENTED",
        1231 => "ERROR_NETWORK_UNREACHABLE",
        1232 => "ERROR_HOST_UNREACHABLE",
        _ => u32::try_from(code).ok().and_then(windows_reply::status_name).unwrap_or("EUNKNOWN"),
    }
}

/// The symbolic name of an errno value, for messages and JSON (`EACCES`, …).
#[cfg(unix)]
pub fn errno_name(errno: i32) -> &'static str {
    match errno {
        libc::EPERM => "EPERM",
        libc::ENOENT => "ENOENT",
        libc::EINTR => "EINTR",
        libc::EBADF => "EBADF",
        libc::EAGAIN => "EAGAIN",
        libc::ENOMEM => "ENOMEM",
        libc::EACCES => "EACCES",
        libc::EFAULT => "EFAULT",
        libc::EINVAL => "EINVAL",
        libc::ENFILE => "ENFILE",
        libc::EMFILE => "EMFILE",
        libc::ENODEV => "ENODEV",
        libc::EPROTO => "EPROTO",
        libc::EMSGSIZE => "EMSGSIZE",
        libc::ENOPROTOOPT => "ENOPROTOOPT",
        libc::EPROTONOSUPPORT => "EPROTONOSUPPORT",
        libc::EAFNOSUPPORT => "EAFNOSUPPORT",
        libc::EADDRINUSE => "EADDRINUSE",
        libc::EADDRNOTAVAIL => "EADDRNOTAVAIL",
        libc::ENETDOWN => "ENETDOWN",
        libc::ENETUNREACH => "ENETUNREACH",
        libc::ENOBUFS => "ENOBUFS",
        libc::ETIMEDOUT => "ETIMEDOUT",
        libc::ECONNREFUSED => "ECONNREFUSED",
        libc::EHOSTDOWN => "EHOSTDOWN",
        libc::EHOSTUNREACH => "EHOSTUNREACH",
        libc::ENONET => "ENONET",
        _ => "EUNKNOWN",
    }
}
