//! Which kind of ICMP socket a session probes through, and opening it.
//!
//! `Auto` (the default) prefers ping sockets, which need no privilege; when the kernel
//! refuses one (`net.ipv4.ping_group_range` admits none of our groups) it falls back to a
//! raw socket, which works when the process holds CAP_NET_RAW (root on a default `1 0`
//! host, like iputils' `ping`). Without the capability the ping socket's refusal stands:
//! that is the explanation the user needs.

use super::kind::{SocketChoice, SocketKind, RAW_SOCKET_STEP};
use super::raw::RawSocket;
use super::{BindOptions, IcmpSocket, Incoming, OpenError, PingSocket, SendOptions};
use crate::wire::Family;
use std::io;
use std::net::IpAddr;
use std::os::unix::io::RawFd;

/// A ping socket or a raw socket, behind the one [`IcmpSocket`] interface.
pub enum LinuxSocket {
    Ping(PingSocket),
    Raw(RawSocket),
}

/// True when a socket could not even be created for lack of permission.
fn is_refused(error: &OpenError) -> bool {
    (error.step == "socket" || error.step == RAW_SOCKET_STEP)
        && matches!(error.errno(), Some(libc::EACCES) | Some(libc::EPERM))
}

impl LinuxSocket {
    /// Opens a socket as `choice` says. With `Auto`, a refused ping socket is followed by a
    /// raw one; if that is refused too, the ping socket's error is returned.
    pub fn open(family: Family, bind: &BindOptions, choice: SocketChoice) -> Result<LinuxSocket, OpenError> {
        match choice {
            SocketChoice::Ping => PingSocket::open(family, bind).map(LinuxSocket::Ping),
            SocketChoice::Raw => RawSocket::open(family, bind).map(LinuxSocket::Raw),
            SocketChoice::Auto => match PingSocket::open(family, bind) {
                Ok(socket) => Ok(LinuxSocket::Ping(socket)),
                Err(ping_error) if is_refused(&ping_error) => match RawSocket::open(family, bind) {
                    Ok(socket) => Ok(LinuxSocket::Raw(socket)),
                    Err(raw_error) if is_refused(&raw_error) => Err(ping_error),
                    Err(raw_error) => Err(raw_error),
                },
                Err(ping_error) => Err(ping_error),
            },
        }
    }

    pub fn kind(&self) -> SocketKind {
        match self {
            LinuxSocket::Ping(_) => SocketKind::Ping,
            LinuxSocket::Raw(_) => SocketKind::Raw,
        }
    }

    pub fn raw_fd(&self) -> RawFd {
        match self {
            LinuxSocket::Ping(socket) => socket.raw_fd(),
            LinuxSocket::Raw(socket) => socket.raw_fd(),
        }
    }

    fn inner(&mut self) -> &mut dyn IcmpSocket {
        match self {
            LinuxSocket::Ping(socket) => socket,
            LinuxSocket::Raw(socket) => socket,
        }
    }

    fn inner_ref(&self) -> &dyn IcmpSocket {
        match self {
            LinuxSocket::Ping(socket) => socket,
            LinuxSocket::Raw(socket) => socket,
        }
    }
}

impl IcmpSocket for LinuxSocket {
    fn family(&self) -> Family {
        self.inner_ref().family()
    }

    fn echo_id(&self) -> u16 {
        self.inner_ref().echo_id()
    }

    fn errors_inline(&self) -> bool {
        self.inner_ref().errors_inline()
    }

    fn send(&mut self, destination: IpAddr, packet: &[u8], options: SendOptions) -> io::Result<()> {
        self.inner().send(destination, packet, options)
    }

    fn drain_replies(&mut self, on: &mut dyn FnMut(Incoming<'_>), max: usize) -> io::Result<usize> {
        self.inner().drain_replies(on, max)
    }

    fn take_error_hint(&mut self) -> bool {
        self.inner().take_error_hint()
    }

    fn drain_errors(&mut self, on: &mut dyn FnMut(Incoming<'_>)) -> io::Result<usize> {
        self.inner().drain_errors(on)
    }

    fn clear_socket_error(&mut self) {
        self.inner().clear_socket_error()
    }
}
