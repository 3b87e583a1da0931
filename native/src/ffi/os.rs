//! Safe wrappers over the Linux system calls the ICMP engine needs: ping sockets,
//! `recvmsg` with its control messages (timestamps, TTL, the error queue), epoll, timerfd,
//! eventfd, and the process's identity.
//!
//! Every file descriptor is an `OwnedFd`, closed exactly once on drop, so no error path
//! can leak one. Every returned structure is plain owned data, parsed here from the
//! kernel's C layouts with bounds checks and unaligned reads.

use super::Identity;
use std::io;
use std::mem::{size_of, zeroed};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::os::raw::c_int;
use std::os::unix::io::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::ptr;

fn check(ret: c_int) -> io::Result<c_int> {
    if ret < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(ret)
    }
}

fn check_size(ret: isize) -> io::Result<usize> {
    if ret < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(ret as usize)
    }
}

/// Opens an unprivileged ICMP datagram ("ping") socket, non-blocking and close-on-exec.
/// Fails with `EACCES` when no group of the process is inside `net.ipv4.ping_group_range`.
pub fn ping_socket(ipv6: bool) -> io::Result<OwnedFd> {
    let (domain, protocol) =
        if ipv6 { (libc::AF_INET6, libc::IPPROTO_ICMPV6) } else { (libc::AF_INET, libc::IPPROTO_ICMP) };
    // SAFETY: plain syscall; a non-negative result is a fresh descriptor we now own.
    let fd =
        check(unsafe { libc::socket(domain, libc::SOCK_DGRAM | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC, protocol) })?;
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// Opens a raw ICMP socket (`SOCK_RAW`), non-blocking and close-on-exec. Needs
/// CAP_NET_RAW (`EPERM` without it) and ignores `net.ipv4.ping_group_range`.
pub fn raw_socket(ipv6: bool) -> io::Result<OwnedFd> {
    let (domain, protocol) =
        if ipv6 { (libc::AF_INET6, libc::IPPROTO_ICMPV6) } else { (libc::AF_INET, libc::IPPROTO_ICMP) };
    // SAFETY: plain syscall; a non-negative result is a fresh descriptor we now own.
    let fd =
        check(unsafe { libc::socket(domain, libc::SOCK_RAW | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC, protocol) })?;
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// `ICMP_FILTER` (linux/icmp.h), at level `SOL_RAW`: a bit set per ICMPv4 type to drop.
const ICMP_FILTER: c_int = 1;
/// `ICMP6_FILTER` (linux/icmpv6.h), at level `IPPROTO_ICMPV6`: 256 bits, set = drop.
const ICMP6_FILTER: c_int = 1;

/// Keeps only the ICMPv4 types in `pass` on a raw socket (types 0..=31; others are dropped).
pub fn set_icmp_filter(fd: &impl AsRawFd, pass: &[u8]) -> io::Result<()> {
    let blocked: u32 = pass.iter().filter(|kind| **kind < 32).fold(!0u32, |mask, kind| mask & !(1u32 << kind));
    // SAFETY: the option value is a live u32 (`struct icmp_filter`) of the length we pass.
    check(unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            libc::SOL_RAW,
            ICMP_FILTER,
            &blocked as *const u32 as *const libc::c_void,
            size_of::<u32>() as libc::socklen_t,
        )
    })
    .map(|_| ())
}

/// Keeps only the ICMPv6 types in `pass` on a raw socket.
pub fn set_icmp6_filter(fd: &impl AsRawFd, pass: &[u8]) -> io::Result<()> {
    let mut blocked = [!0u32; 8];
    for kind in pass {
        blocked[usize::from(*kind >> 5)] &= !(1u32 << (kind & 31));
    }
    // SAFETY: the option value is a live `struct icmp6_filter` (8 u32) of the length we pass.
    check(unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            libc::IPPROTO_ICMPV6,
            ICMP6_FILTER,
            blocked.as_ptr() as *const libc::c_void,
            size_of::<[u32; 8]>() as libc::socklen_t,
        )
    })
    .map(|_| ())
}

pub fn set_int_option(fd: &impl AsRawFd, level: c_int, name: c_int, value: c_int) -> io::Result<()> {
    // SAFETY: the option value is a live c_int of the length we pass.
    check(unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            level,
            name,
            &value as *const c_int as *const libc::c_void,
            size_of::<c_int>() as libc::socklen_t,
        )
    })
    .map(|_| ())
}

pub fn int_option(fd: &impl AsRawFd, level: c_int, name: c_int) -> io::Result<c_int> {
    let mut value: c_int = 0;
    let mut length = size_of::<c_int>() as libc::socklen_t;
    // SAFETY: out-pointers to a live c_int and its length.
    check(unsafe {
        libc::getsockopt(fd.as_raw_fd(), level, name, &mut value as *mut c_int as *mut libc::c_void, &mut length)
    })?;
    Ok(value)
}

/// Binds the socket to a network device (`SO_BINDTODEVICE`).
pub fn bind_to_device(fd: &impl AsRawFd, device: &str) -> io::Result<()> {
    if device.is_empty() || device.len() >= libc::IFNAMSIZ || device.as_bytes().contains(&0) {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "interface names are 1 to 15 bytes without NUL"));
    }
    // SAFETY: the option value is the device name's bytes and their length.
    check(unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_BINDTODEVICE,
            device.as_ptr() as *const libc::c_void,
            device.len() as libc::socklen_t,
        )
    })
    .map(|_| ())
}

pub fn bind(fd: &impl AsRawFd, address: &SocketAddr) -> io::Result<()> {
    let (storage, length) = to_sockaddr(address);
    // SAFETY: `storage` holds a valid sockaddr of `length` bytes.
    check(unsafe { libc::bind(fd.as_raw_fd(), &storage as *const _ as *const libc::sockaddr, length) }).map(|_| ())
}

/// The socket's local address; for a ping socket the port is the echo identifier the
/// kernel writes into every request.
pub fn local_address(fd: &impl AsRawFd) -> io::Result<SocketAddr> {
    // SAFETY: zeroed sockaddr_storage is a valid out-buffer of the length we pass.
    let mut storage: libc::sockaddr_storage = unsafe { zeroed() };
    let mut length = size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    check(unsafe { libc::getsockname(fd.as_raw_fd(), &mut storage as *mut _ as *mut libc::sockaddr, &mut length) })?;
    from_sockaddr(&storage, length as usize)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "getsockname returned an unknown address family"))
}

/// A port for [`route_mtu`]'s connect: connecting a UDP socket sends nothing, so any will do.
const DISCARD_PORT: u16 = 9;

/// The MTU of this host's route to `destination`: `IP_MTU` / `IPV6_MTU` of a UDP socket
/// connected there (the device MTU, or a smaller path MTU the kernel has cached), which is
/// what a DF send is checked against. A raw socket's `EMSGSIZE` comes back from `sendto`
/// without it (ping sockets find it on their error queue). `device`: look the route up through
/// that device (`SO_BINDTODEVICE`), as the probe socket does.
pub fn route_mtu(destination: IpAddr, device: Option<&str>) -> io::Result<u32> {
    let (domain, level, name) = match destination {
        IpAddr::V4(_) => (libc::AF_INET, libc::IPPROTO_IP, libc::IP_MTU),
        IpAddr::V6(_) => (libc::AF_INET6, libc::IPPROTO_IPV6, libc::IPV6_MTU),
    };
    // SAFETY: plain syscall; a non-negative result is a fresh descriptor we now own.
    let fd = check(unsafe { libc::socket(domain, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0) })?;
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    if let Some(device) = device {
        bind_to_device(&fd, device)?;
    }
    let (storage, length) = to_sockaddr(&SocketAddr::new(destination, DISCARD_PORT));
    // SAFETY: `storage` holds a valid sockaddr of `length` bytes.
    check(unsafe { libc::connect(fd.as_raw_fd(), &storage as *const _ as *const libc::sockaddr, length) })?;
    let mtu = int_option(&fd, level, name)?;
    u32::try_from(mtu).map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "the kernel returned a negative MTU"))
}

pub fn send_to(fd: &impl AsRawFd, data: &[u8], address: &SocketAddr) -> io::Result<usize> {
    let (storage, length) = to_sockaddr(address);
    // SAFETY: `data` and `storage` are valid for the lengths passed.
    check_size(unsafe {
        libc::sendto(
            fd.as_raw_fd(),
            data.as_ptr() as *const libc::c_void,
            data.len(),
            libc::MSG_DONTWAIT,
            &storage as *const _ as *const libc::sockaddr,
            length,
        )
    })
}

/// A kernel timestamp (`SO_TIMESTAMPNS`, CLOCK_REALTIME).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp {
    pub seconds: i64,
    pub nanoseconds: i64,
}

impl Timestamp {
    pub fn as_nanos(self) -> i128 {
        self.seconds as i128 * 1_000_000_000 + self.nanoseconds as i128
    }
}

/// `struct sock_extended_err` and its offender address, from the error queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtendedError {
    pub errno: u32,
    /// 1 local, 2 ICMP, 3 ICMPv6 (`SO_EE_ORIGIN_*`).
    pub origin: u8,
    pub icmp_type: u8,
    pub code: u8,
    /// MTU for "fragmentation needed" / "packet too big" / local EMSGSIZE; pointer for
    /// parameter problems.
    pub info: u32,
    pub data: u32,
    /// The node that sent the ICMP error (`SO_EE_OFFENDER`), when the kernel knows it.
    pub offender: Option<SocketAddr>,
}

pub const ORIGIN_LOCAL: u8 = libc::SO_EE_ORIGIN_LOCAL;
pub const ORIGIN_ICMP: u8 = libc::SO_EE_ORIGIN_ICMP;
pub const ORIGIN_ICMP6: u8 = libc::SO_EE_ORIGIN_ICMP6;

/// What one `recvmsg` returned besides the payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub length: usize,
    /// The datagram was longer than the buffer (`MSG_TRUNC`).
    pub truncated: bool,
    /// `msg_name`: the replying peer, or for the error queue the original destination.
    pub peer: Option<SocketAddr>,
    pub timestamp: Option<Timestamp>,
    /// TTL (`IP_TTL`) or hop limit (`IPV6_HOPLIMIT`) of the received packet.
    pub ttl: Option<u8>,
    pub extended_error: Option<ExtendedError>,
}

/// Room for the control messages of one datagram, 8-byte aligned as `cmsghdr` needs.
pub struct ControlBuffer {
    words: [u64; 64],
}

impl Default for ControlBuffer {
    fn default() -> Self {
        ControlBuffer { words: [0; 64] }
    }
}

/// Receives one datagram without blocking. `from_error_queue` reads `MSG_ERRQUEUE`.
/// `Err(WouldBlock)` means the queue is empty.
pub fn receive(
    fd: &impl AsRawFd,
    buffer: &mut [u8],
    control: &mut ControlBuffer,
    from_error_queue: bool,
) -> io::Result<Received> {
    // SAFETY: every pointer in `header` refers to a live buffer of the length stated
    // beside it; the kernel writes within those lengths and reports what it wrote.
    unsafe {
        let mut name: libc::sockaddr_storage = zeroed();
        let mut iov = libc::iovec { iov_base: buffer.as_mut_ptr() as *mut libc::c_void, iov_len: buffer.len() };
        let mut header: libc::msghdr = zeroed();
        header.msg_name = &mut name as *mut _ as *mut libc::c_void;
        header.msg_namelen = size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        header.msg_iov = &mut iov;
        header.msg_iovlen = 1;
        header.msg_control = control.words.as_mut_ptr() as *mut libc::c_void;
        header.msg_controllen = size_of::<[u64; 64]>() as _;
        let flags = libc::MSG_DONTWAIT | if from_error_queue { libc::MSG_ERRQUEUE } else { 0 };
        let length = check_size(libc::recvmsg(fd.as_raw_fd(), &mut header, flags))?;
        let mut received = Received {
            length: length.min(buffer.len()),
            truncated: header.msg_flags & libc::MSG_TRUNC != 0,
            peer: from_sockaddr(&name, header.msg_namelen as usize),
            timestamp: None,
            ttl: None,
            extended_error: None,
        };
        parse_control_messages(&header, &mut received);
        Ok(received)
    }
}

/// # Safety
/// `header` must be the `msghdr` a successful `recvmsg` just filled in.
unsafe fn parse_control_messages(header: &libc::msghdr, received: &mut Received) {
    let mut cmsg = libc::CMSG_FIRSTHDR(header);
    while !cmsg.is_null() {
        let level = (*cmsg).cmsg_level;
        let kind = (*cmsg).cmsg_type;
        let data = libc::CMSG_DATA(cmsg);
        let data_length = ((*cmsg).cmsg_len as usize).saturating_sub(libc::CMSG_LEN(0) as usize);
        match (level, kind) {
            (libc::SOL_SOCKET, libc::SCM_TIMESTAMPNS) if data_length >= size_of::<libc::timespec>() => {
                let time = ptr::read_unaligned(data as *const libc::timespec);
                received.timestamp = Some(Timestamp { seconds: time.tv_sec as i64, nanoseconds: time.tv_nsec as i64 });
            }
            (libc::IPPROTO_IP, libc::IP_TTL) | (libc::IPPROTO_IPV6, libc::IPV6_HOPLIMIT)
                if data_length >= size_of::<c_int>() =>
            {
                let value = ptr::read_unaligned(data as *const c_int);
                received.ttl = u8::try_from(value).ok();
            }
            (libc::IPPROTO_IP, libc::IP_RECVERR) | (libc::IPPROTO_IPV6, libc::IPV6_RECVERR)
                if data_length >= size_of::<libc::sock_extended_err>() =>
            {
                let error = ptr::read_unaligned(data as *const libc::sock_extended_err);
                let offender_length = data_length - size_of::<libc::sock_extended_err>();
                let offender = if offender_length > 0 {
                    let mut storage: libc::sockaddr_storage = zeroed();
                    let copy = offender_length.min(size_of::<libc::sockaddr_storage>());
                    ptr::copy_nonoverlapping(
                        data.add(size_of::<libc::sock_extended_err>()),
                        &mut storage as *mut _ as *mut u8,
                        copy,
                    );
                    from_sockaddr(&storage, copy)
                } else {
                    None
                };
                received.extended_error = Some(ExtendedError {
                    errno: error.ee_errno,
                    origin: error.ee_origin,
                    icmp_type: error.ee_type,
                    code: error.ee_code,
                    info: error.ee_info,
                    data: error.ee_data,
                    offender,
                });
            }
            _ => {}
        }
        cmsg = libc::CMSG_NXTHDR(header, cmsg);
    }
}

fn to_sockaddr(address: &SocketAddr) -> (libc::sockaddr_storage, libc::socklen_t) {
    // SAFETY: an all-zero sockaddr_storage is valid; we then fill one variant of it.
    let mut storage: libc::sockaddr_storage = unsafe { zeroed() };
    match address {
        SocketAddr::V4(v4) => {
            let sin = libc::sockaddr_in {
                sin_family: libc::AF_INET as libc::sa_family_t,
                sin_port: v4.port().to_be(),
                sin_addr: libc::in_addr { s_addr: u32::from_ne_bytes(v4.ip().octets()) },
                sin_zero: [0; 8],
            };
            // SAFETY: sockaddr_storage is larger than sockaddr_in and suitably aligned.
            unsafe { ptr::write(&mut storage as *mut _ as *mut libc::sockaddr_in, sin) };
            (storage, size_of::<libc::sockaddr_in>() as libc::socklen_t)
        }
        SocketAddr::V6(v6) => {
            let sin6 = libc::sockaddr_in6 {
                sin6_family: libc::AF_INET6 as libc::sa_family_t,
                sin6_port: v6.port().to_be(),
                sin6_flowinfo: v6.flowinfo(),
                sin6_addr: libc::in6_addr { s6_addr: v6.ip().octets() },
                sin6_scope_id: v6.scope_id(),
            };
            // SAFETY: as above, for sockaddr_in6.
            unsafe { ptr::write(&mut storage as *mut _ as *mut libc::sockaddr_in6, sin6) };
            (storage, size_of::<libc::sockaddr_in6>() as libc::socklen_t)
        }
    }
}

fn from_sockaddr(storage: &libc::sockaddr_storage, length: usize) -> Option<SocketAddr> {
    match storage.ss_family as c_int {
        libc::AF_INET if length >= size_of::<libc::sockaddr_in>() => {
            // SAFETY: the family says the storage holds a sockaddr_in, and it is long enough.
            let sin = unsafe { ptr::read_unaligned(storage as *const _ as *const libc::sockaddr_in) };
            let ip = Ipv4Addr::from(sin.sin_addr.s_addr.to_ne_bytes());
            Some(SocketAddr::V4(SocketAddrV4::new(ip, u16::from_be(sin.sin_port))))
        }
        libc::AF_INET6 if length >= size_of::<libc::sockaddr_in6>() => {
            // SAFETY: as above, for sockaddr_in6.
            let sin6 = unsafe { ptr::read_unaligned(storage as *const _ as *const libc::sockaddr_in6) };
            let ip = Ipv6Addr::from(sin6.sin6_addr.s6_addr);
            Some(SocketAddr::V6(SocketAddrV6::new(
                ip,
                u16::from_be(sin6.sin6_port),
                sin6.sin6_flowinfo,
                sin6.sin6_scope_id,
            )))
        }
        _ => None,
    }
}

/// An epoll instance: which of our descriptors are ready.
pub struct Epoll {
    fd: OwnedFd,
}

/// One readiness report: the token given to [`Epoll::add`] and the `EPOLL*` bits.
#[derive(Debug, Clone, Copy)]
pub struct Readiness {
    pub token: u64,
    pub readable: bool,
    pub error: bool,
}

impl Epoll {
    pub fn new() -> io::Result<Self> {
        // SAFETY: plain syscall returning a fresh descriptor.
        super::fault::check("epoll_create1")?;
        let fd = check(unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) })?;
        Ok(Epoll { fd: unsafe { OwnedFd::from_raw_fd(fd) } })
    }

    /// Watches `fd` (level-triggered) for input and errors.
    pub fn add(&self, fd: RawFd, token: u64) -> io::Result<()> {
        super::fault::check("epoll_ctl")?;
        let mut event = libc::epoll_event { events: (libc::EPOLLIN | libc::EPOLLERR) as u32, u64: token };
        // SAFETY: `event` is a live epoll_event.
        check(unsafe { libc::epoll_ctl(self.fd.as_raw_fd(), libc::EPOLL_CTL_ADD, fd, &mut event) }).map(|_| ())
    }

    /// Waits up to `timeout_ms` (-1: forever) and fills `ready`; retries on EINTR.
    pub fn wait(&self, ready: &mut Vec<Readiness>, timeout_ms: c_int) -> io::Result<()> {
        const CAPACITY: usize = 16;
        super::fault::check("epoll_wait")?;
        // SAFETY: zeroed epoll_events are valid; the kernel writes at most CAPACITY of them.
        let mut events: [libc::epoll_event; CAPACITY] = unsafe { zeroed() };
        let count = loop {
            match check(unsafe {
                libc::epoll_wait(self.fd.as_raw_fd(), events.as_mut_ptr(), CAPACITY as c_int, timeout_ms)
            }) {
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                other => break other?,
            }
        };
        ready.clear();
        for event in &events[..count as usize] {
            // Copy out of the (packed on x86-64) struct before use.
            let bits = event.events;
            let token = event.u64;
            ready.push(Readiness {
                token,
                readable: bits & libc::EPOLLIN as u32 != 0,
                error: bits & (libc::EPOLLERR | libc::EPOLLHUP) as u32 != 0,
            });
        }
        Ok(())
    }
}

/// A monotonic-clock timer that becomes readable at an absolute deadline.
pub struct Timer {
    fd: OwnedFd,
}

impl Timer {
    pub fn new() -> io::Result<Self> {
        // SAFETY: plain syscall returning a fresh descriptor.
        let fd = check(unsafe { libc::timerfd_create(libc::CLOCK_MONOTONIC, libc::TFD_NONBLOCK | libc::TFD_CLOEXEC) })?;
        Ok(Timer { fd: unsafe { OwnedFd::from_raw_fd(fd) } })
    }

    /// Fires at `deadline_ns` on the [`monotonic_ns`] clock; `None` disarms.
    pub fn set(&self, deadline_ns: Option<u64>) -> io::Result<()> {
        super::fault::check("timerfd_settime")?;
        // An all-zero it_value disarms, so a deadline of exactly 0 becomes 1 ns.
        let nanos = deadline_ns.map(|ns| ns.max(1)).unwrap_or(0);
        let spec = libc::itimerspec {
            it_interval: libc::timespec { tv_sec: 0, tv_nsec: 0 },
            it_value: libc::timespec {
                tv_sec: (nanos / 1_000_000_000) as libc::time_t,
                tv_nsec: (nanos % 1_000_000_000) as libc::c_long,
            },
        };
        // SAFETY: `spec` is a live itimerspec; the old value is not requested.
        check(unsafe { libc::timerfd_settime(self.fd.as_raw_fd(), libc::TFD_TIMER_ABSTIME, &spec, ptr::null_mut()) })
            .map(|_| ())
    }

    /// Consumes the expiry so the descriptor stops being readable.
    pub fn clear(&self) {
        read_counter(&self.fd);
    }

    pub fn raw_fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }
}

/// A wake-up flag another thread can raise (`eventfd`).
pub struct Waker {
    fd: OwnedFd,
}

impl Waker {
    pub fn new() -> io::Result<Self> {
        // SAFETY: plain syscall returning a fresh descriptor.
        let fd = check(unsafe { libc::eventfd(0, libc::EFD_NONBLOCK | libc::EFD_CLOEXEC) })?;
        Ok(Waker { fd: unsafe { OwnedFd::from_raw_fd(fd) } })
    }

    pub fn wake(&self) {
        let one: u64 = 1;
        // SAFETY: writes 8 bytes from a live u64. A full counter (EAGAIN) is already "woken".
        unsafe { libc::write(self.fd.as_raw_fd(), &one as *const u64 as *const libc::c_void, 8) };
    }

    pub fn clear(&self) {
        read_counter(&self.fd);
    }

    pub fn raw_fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }
}

fn read_counter(fd: &OwnedFd) {
    let mut value: u64 = 0;
    // SAFETY: reads at most 8 bytes into a live u64; EAGAIN (nothing pending) is fine.
    unsafe { libc::read(fd.as_raw_fd(), &mut value as *mut u64 as *mut libc::c_void, 8) };
}

/// CLOCK_MONOTONIC in nanoseconds: the clock the engine schedules on.
pub fn monotonic_ns() -> u64 {
    // SAFETY: `time` is a live out-parameter; CLOCK_MONOTONIC always exists on Linux.
    let mut time: libc::timespec = unsafe { zeroed() };
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut time) };
    time.tv_sec as u64 * 1_000_000_000 + time.tv_nsec as u64
}

pub fn identity() -> Identity {
    // SAFETY: the id getters cannot fail; getgroups writes at most `count` entries.
    unsafe {
        let count = libc::getgroups(0, ptr::null_mut()).max(0);
        let mut groups = vec![0 as libc::gid_t; count as usize];
        let written = libc::getgroups(count, groups.as_mut_ptr()).max(0);
        groups.truncate(written as usize);
        Identity { uid: libc::getuid(), euid: libc::geteuid(), gid: libc::getgid(), egid: libc::getegid(), groups }
    }
}
