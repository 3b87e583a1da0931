//! Linux ping sockets: `socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)` and its IPv6 twin.
//!
//! The kernel owns the echo identifier (it is the socket's "port") and the checksum; we own
//! type, code, sequence and payload. Replies arrive as ICMP header + payload with the
//! sender in `msg_name`; errors arrive on the error queue (`IP_RECVERR`) with the quoted
//! echo as data, the original destination in `msg_name` and `sock_extended_err` beside.

use super::{is_broken, BindOptions, ErrorOrigin, IcmpSocket, Incoming, OpenError, SendOptions};
use crate::ffi::os::{self, ControlBuffer, ORIGIN_ICMP, ORIGIN_ICMP6, ORIGIN_LOCAL};
use crate::wire::{self, Family};
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::os::unix::io::{AsRawFd, OwnedFd, RawFd};

/// Large enough for any ICMP message the kernel can hand us (64 KiB datagrams).
const RECEIVE_BUFFER: usize = 65_536;
/// Ask for a receive queue that absorbs bursts of replies (the kernel caps it at rmem_max).
const RECEIVE_QUEUE_BYTES: i32 = 4 << 20;

/// An open, configured ping socket of one family.
pub struct PingSocket {
    fd: OwnedFd,
    family: Family,
    id: u16,
    /// The TTL / DF currently set on the socket, so a change costs a syscall only when
    /// the next probe differs from the last.
    applied_ttl: Option<Option<u8>>,
    applied_dont_fragment: Option<bool>,
    /// A read failed with a pending socket error: the error queue deserves a look.
    error_hint: bool,
    buffer: Vec<u8>,
    control: ControlBuffer,
}

impl PingSocket {
    /// Opens and configures a ping socket. Fails with the OS error of the step that failed;
    /// `EACCES` from `socket` means our groups are outside `net.ipv4.ping_group_range`.
    pub fn open(family: Family, bind: &BindOptions) -> Result<PingSocket, OpenError> {
        let fail = |step: &'static str| move |error: io::Error| OpenError { family, step, error };
        let v6 = family == Family::V6;
        let fd = os::ping_socket(v6).map_err(fail("socket"))?;
        let (level, recverr, recvttl) = if v6 {
            (libc::IPPROTO_IPV6, libc::IPV6_RECVERR, libc::IPV6_RECVHOPLIMIT)
        } else {
            (libc::IPPROTO_IP, libc::IP_RECVERR, libc::IP_RECVTTL)
        };
        os::set_int_option(&fd, level, recverr, 1).map_err(fail("setsockopt(IP_RECVERR)"))?;
        os::set_int_option(&fd, level, recvttl, 1).map_err(fail("setsockopt(IP_RECVTTL)"))?;
        os::set_int_option(&fd, libc::SOL_SOCKET, libc::SO_TIMESTAMPNS, 1)
            .map_err(fail("setsockopt(SO_TIMESTAMPNS)"))?;
        // Best effort: a smaller queue only matters at extreme probe rates.
        let _ = os::set_int_option(&fd, libc::SOL_SOCKET, libc::SO_RCVBUF, RECEIVE_QUEUE_BYTES);
        if let Some(device) = &bind.device {
            os::bind_to_device(&fd, device).map_err(fail("setsockopt(SO_BINDTODEVICE)"))?;
        }
        let source = match (bind.source, family) {
            (Some(ip @ IpAddr::V4(_)), Family::V4) | (Some(ip @ IpAddr::V6(_)), Family::V6) => ip,
            (_, Family::V4) => IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED),
            (_, Family::V6) => IpAddr::V6(std::net::Ipv6Addr::UNSPECIFIED),
        };
        // Binding (even to the wildcard) makes the kernel assign our echo identifier now,
        // so we know it before the first reply or error arrives.
        os::bind(&fd, &SocketAddr::new(source, 0)).map_err(fail("bind"))?;
        let id = os::local_address(&fd).map_err(fail("getsockname"))?.port();
        Ok(PingSocket {
            fd,
            family,
            id,
            applied_ttl: None,
            applied_dont_fragment: None,
            error_hint: false,
            buffer: vec![0; RECEIVE_BUFFER],
            control: ControlBuffer::default(),
        })
    }

    pub fn raw_fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }

    fn apply(&mut self, options: SendOptions) -> io::Result<()> {
        let v6 = self.family == Family::V6;
        if self.applied_ttl != Some(options.ttl) {
            // -1 restores the route's default TTL / hop limit.
            let value = options.ttl.map(i32::from).unwrap_or(-1);
            let (level, name) =
                if v6 { (libc::IPPROTO_IPV6, libc::IPV6_UNICAST_HOPS) } else { (libc::IPPROTO_IP, libc::IP_TTL) };
            os::set_int_option(&self.fd, level, name, value)?;
            self.applied_ttl = Some(options.ttl);
        }
        if self.applied_dont_fragment != Some(options.dont_fragment) {
            if v6 {
                let mode = if options.dont_fragment { libc::IPV6_PMTUDISC_PROBE } else { libc::IPV6_PMTUDISC_DONT };
                os::set_int_option(&self.fd, libc::IPPROTO_IPV6, libc::IPV6_MTU_DISCOVER, mode)?;
                os::set_int_option(
                    &self.fd,
                    libc::IPPROTO_IPV6,
                    libc::IPV6_DONTFRAG,
                    i32::from(options.dont_fragment),
                )?;
            } else {
                let mode = if options.dont_fragment { libc::IP_PMTUDISC_PROBE } else { libc::IP_PMTUDISC_DONT };
                os::set_int_option(&self.fd, libc::IPPROTO_IP, libc::IP_MTU_DISCOVER, mode)?;
            }
            self.applied_dont_fragment = Some(options.dont_fragment);
        }
        Ok(())
    }

    /// Clears a pending socket error (`sk_err`) that is not backed by the error queue, so
    /// a level-triggered epoll stops reporting it.
    pub fn take_socket_error(&self) -> Option<i32> {
        match os::int_option(&self.fd, libc::SOL_SOCKET, libc::SO_ERROR) {
            Ok(0) | Err(_) => None,
            Ok(errno) => Some(errno),
        }
    }
}

fn is_empty_queue(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::WouldBlock
}

impl IcmpSocket for PingSocket {
    fn family(&self) -> Family {
        self.family
    }

    fn echo_id(&self) -> u16 {
        self.id
    }

    fn send(&mut self, destination: IpAddr, packet: &[u8], options: SendOptions) -> io::Result<()> {
        self.apply(options)?;
        os::send_to(&self.fd, packet, &SocketAddr::new(destination, 0)).map(|_| ())
    }

    fn clear_socket_error(&mut self) {
        self.take_socket_error();
    }

    fn take_error_hint(&mut self) -> bool {
        std::mem::take(&mut self.error_hint)
    }

    fn drain_replies(&mut self, on: &mut dyn FnMut(Incoming<'_>), max: usize) -> io::Result<usize> {
        let mut count = 0;
        let mut socket_errors = 0;
        while count < max {
            let received = match os::receive(&self.fd, &mut self.buffer, &mut self.control, false) {
                Ok(received) => received,
                Err(error) if is_empty_queue(&error) => return Ok(count),
                Err(error) if is_broken(&error) => return Err(error),
                // A pending ICMP error (sk_err) makes one recvmsg fail with its errno and
                // clears it; the error itself waits on the error queue, so carry on. Under a
                // flood of errors that can happen many times: after a few, stop and let the
                // caller read the error queue (the hint) before more replies.
                Err(_) => {
                    self.error_hint = true;
                    socket_errors += 1;
                    if socket_errors >= 8 {
                        return Ok(count);
                    }
                    continue;
                }
            };
            count += 1;
            let data = &self.buffer[..received.length];
            let from = match received.peer.map(|peer| peer.ip()) {
                Some(from) => from,
                None => continue,
            };
            // Anything that is not a well-formed echo reply is not ours to report.
            let echo = match wire::parse_echo(self.family, data) {
                Ok(echo) => echo,
                Err(_) => continue,
            };
            let reply_type = if self.family == Family::V6 { 129 } else { 0 };
            if echo.icmp_type != reply_type {
                continue;
            }
            on(Incoming::Reply {
                from,
                id: echo.id,
                seq: echo.seq,
                bytes: received.length,
                payload: echo.payload,
                ttl: received.ttl,
                received_ns: received.timestamp.map(|time| time.as_nanos()),
            });
        }
        Ok(count)
    }

    fn drain_errors(&mut self, on: &mut dyn FnMut(Incoming<'_>)) -> io::Result<usize> {
        let mut count = 0;
        loop {
            let received = match os::receive(&self.fd, &mut self.buffer, &mut self.control, true) {
                Ok(received) => received,
                Err(error) if is_empty_queue(&error) => return Ok(count),
                Err(error) => return Err(error),
            };
            count += 1;
            let extended = match received.extended_error {
                Some(extended) => extended,
                None => continue,
            };
            let origin = match extended.origin {
                ORIGIN_ICMP | ORIGIN_ICMP6 => ErrorOrigin::Icmp,
                ORIGIN_LOCAL => ErrorOrigin::Local,
                // Timestamping and other origins are not about our probes.
                _ => continue,
            };
            let quoted = &self.buffer[..received.length];
            let echo = wire::parse_echo(self.family, quoted).ok();
            on(Incoming::Error {
                origin,
                original_destination: received.peer.map(|peer| peer.ip()),
                quoted_id: echo.as_ref().map(|echo| echo.id),
                quoted_seq: echo.as_ref().map(|echo| echo.seq),
                quoted,
                icmp_type: extended.icmp_type,
                code: extended.code,
                info: extended.info,
                errno: extended.errno,
                offender: extended.offender.map(|offender| offender.ip()).filter(|ip| !ip.is_unspecified()),
                ttl: received.ttl,
                received_ns: received.timestamp.map(|time| time.as_nanos()),
            });
        }
    }
}
