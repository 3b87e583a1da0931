//! Linux raw ICMP sockets: `socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)` and its IPv6 twin.
//!
//! They need CAP_NET_RAW and ignore `net.ipv4.ping_group_range`, so root (or a process
//! granted the capability) can probe on hosts whose range admits nobody. Unlike ping
//! sockets, the echo id is ours to choose and the kernel filters nothing for us: every ICMP
//! message reaching the host arrives (narrowed by `ICMP_FILTER` / `ICMP6_FILTER` to echo
//! replies and errors), IPv4 reads start with the IP header, and errors arrive inline as
//! ICMP messages quoting our probe. They are read through the one inline-error path,
//! [`super::inline`], the same one macOS's datagram ICMP sockets need.
//!
//! `IP_RECVERR` stays off: with it the kernel would queue each ICMP error a second time on
//! the error queue. Without it a local failure (EMSGSIZE) comes back from `sendto` itself,
//! without the MTU that ping sockets find on their error queue: the socket looks the route's
//! MTU up ([`os::route_mtu`]) and hands it to the engine as the local error `drain_errors`
//! reads right after the failed send, so `--df -s 2000` names the interface MTU either way.

use super::inline::{self, InlineMessage, Layout};
use super::send_options::AppliedOptions;
use super::{BindOptions, IcmpSocket, Incoming, OpenError, SendOptions};
use crate::ffi::os::{self, ControlBuffer};
use crate::wire::{checksum, Family};
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::os::unix::io::{AsRawFd, OwnedFd, RawFd};

/// Large enough for any ICMP message (64 KiB datagrams, IPv4 header included).
const RECEIVE_BUFFER: usize = 65_536;
/// Every ICMP message of the host lands here: ask for a queue that absorbs bursts.
const RECEIVE_QUEUE_BYTES: i32 = 4 << 20;
/// What an IPv4 raw socket keeps: echo reply, destination unreachable, time exceeded,
/// parameter problem.
const V4_PASS: [u8; 4] = [0, 3, 11, 12];
/// IPv6: destination unreachable, packet too big, time exceeded, parameter problem, echo reply.
const V6_PASS: [u8; 5] = [1, 2, 3, 4, 129];
pub use super::kind::RAW_SOCKET_STEP;

/// An open, configured raw ICMP socket of one family.
pub struct RawSocket {
    fd: OwnedFd,
    family: Family,
    id: u16,
    applied: AppliedOptions,
    buffer: Vec<u8>,
    control: ControlBuffer,
    /// The request being sent, with our id and (IPv4) checksum filled in.
    outgoing: Vec<u8>,
    /// The device the socket is bound to, so the MTU lookup follows the same route.
    device: Option<String>,
    /// A local EMSGSIZE from the last send, with the route's MTU, for `drain_errors`.
    too_big: Option<LocalTooBig>,
}

/// What a send that failed with `EMSGSIZE` left for the engine: where it went and the MTU.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LocalTooBig {
    destination: IpAddr,
    mtu: u32,
}

impl LocalTooBig {
    /// The local error as the engine reads it from a ping socket's error queue: no quote, the
    /// MTU in `info`, matched to the failed send by destination.
    fn incoming(self) -> Incoming<'static> {
        Incoming::Error {
            origin: super::ErrorOrigin::Local,
            original_destination: Some(self.destination),
            quoted_id: None,
            quoted_seq: None,
            quoted: &[],
            icmp_type: 0,
            code: 0,
            info: self.mtu,
            errno: libc::EMSGSIZE as u32,
            offender: None,
            ttl: None,
            received_ns: None,
        }
    }
}

impl RawSocket {
    /// Opens and configures a raw socket. `EPERM` from the [`RAW_SOCKET_STEP`] step means
    /// the process does not hold CAP_NET_RAW.
    pub fn open(family: Family, bind: &BindOptions) -> Result<RawSocket, OpenError> {
        let fail = |step: &'static str| move |error: io::Error| OpenError { family, step, error };
        let v6 = family == Family::V6;
        let fd = os::raw_socket(v6).map_err(fail(RAW_SOCKET_STEP))?;
        if v6 {
            os::set_icmp6_filter(&fd, &V6_PASS).map_err(fail("setsockopt(ICMP6_FILTER)"))?;
            os::set_int_option(&fd, libc::IPPROTO_IPV6, libc::IPV6_RECVHOPLIMIT, 1)
                .map_err(fail("setsockopt(IPV6_RECVHOPLIMIT)"))?;
        } else {
            os::set_icmp_filter(&fd, &V4_PASS).map_err(fail("setsockopt(ICMP_FILTER)"))?;
        }
        os::set_int_option(&fd, libc::SOL_SOCKET, libc::SO_TIMESTAMPNS, 1)
            .map_err(fail("setsockopt(SO_TIMESTAMPNS)"))?;
        // Best effort: a smaller queue only matters at extreme probe rates.
        let _ = os::set_int_option(&fd, libc::SOL_SOCKET, libc::SO_RCVBUF, RECEIVE_QUEUE_BYTES);
        if let Some(device) = &bind.device {
            os::bind_to_device(&fd, device).map_err(fail("setsockopt(SO_BINDTODEVICE)"))?;
        }
        match (bind.source, family) {
            (Some(ip @ IpAddr::V4(_)), Family::V4) | (Some(ip @ IpAddr::V6(_)), Family::V6) => {
                os::bind(&fd, &SocketAddr::new(ip, 0)).map_err(fail("bind"))?;
            }
            _ => {}
        }
        Ok(RawSocket {
            fd,
            family,
            id: random_echo_id(),
            applied: AppliedOptions::default(),
            buffer: vec![0; RECEIVE_BUFFER],
            control: ControlBuffer::default(),
            outgoing: Vec::new(),
            device: bind.device.clone(),
            too_big: None,
        })
    }

    pub fn raw_fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }

    fn layout(&self) -> Layout {
        Layout { family: self.family, ip_header_included: self.family == Family::V4 }
    }
}

/// An echo id nobody else on the host is likely to use: concurrent sessions (in this
/// process or another) each see every reply, and tell theirs apart by it (and the cookie).
fn random_echo_id() -> u16 {
    // RandomState is seeded from the OS's randomness.
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    (hasher.finish() & 0xffff) as u16
}

impl IcmpSocket for RawSocket {
    fn family(&self) -> Family {
        self.family
    }

    fn echo_id(&self) -> u16 {
        self.id
    }

    fn errors_inline(&self) -> bool {
        true
    }

    fn send(&mut self, destination: IpAddr, packet: &[u8], options: SendOptions) -> io::Result<()> {
        self.applied.apply(&self.fd, self.family, options)?;
        self.outgoing.clear();
        self.outgoing.extend_from_slice(packet);
        if self.outgoing.len() >= 8 {
            self.outgoing[4..6].copy_from_slice(&self.id.to_be_bytes());
            self.outgoing[2..4].copy_from_slice(&[0, 0]);
            // The kernel computes ICMPv6 checksums on raw sockets (it needs the pseudo-header);
            // ICMPv4's is ours.
            if self.family == Family::V4 {
                let sum = checksum::internet(&self.outgoing);
                self.outgoing[2..4].copy_from_slice(&sum.to_be_bytes());
            }
        }
        let sent = os::send_to(&self.fd, &self.outgoing, &SocketAddr::new(destination, 0)).map(|_| ());
        self.too_big = match &sent {
            // No MTU to be had (the lookup failed): the engine reports EMSGSIZE without one.
            Err(error) if error.raw_os_error() == Some(libc::EMSGSIZE) => {
                os::route_mtu(destination, self.device.as_deref())
                    .ok()
                    .filter(|mtu| *mtu > 0)
                    .map(|mtu| LocalTooBig { destination, mtu })
            }
            _ => None,
        };
        sent
    }

    fn take_error_hint(&mut self) -> bool {
        false
    }

    fn drain_replies(&mut self, on: &mut dyn FnMut(Incoming<'_>), max: usize) -> io::Result<usize> {
        let layout = self.layout();
        let mut count = 0;
        while count < max {
            let received = match os::receive(&self.fd, &mut self.buffer, &mut self.control, false) {
                Ok(received) => received,
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => return Ok(count),
                Err(error) => return Err(error),
            };
            count += 1;
            let data = &self.buffer[..received.length];
            let received_ns = received.timestamp.map(|time| time.as_nanos());
            let peer = received.peer.map(|peer| peer.ip());
            match inline::classify(layout, data, peer, self.id) {
                Some(InlineMessage::Reply { from, seq, bytes, payload, ttl }) => on(Incoming::Reply {
                    from,
                    id: self.id,
                    seq,
                    bytes,
                    payload,
                    ttl: ttl.or(received.ttl),
                    received_ns,
                }),
                Some(InlineMessage::Error {
                    from,
                    icmp_type,
                    code,
                    info,
                    quoted_destination,
                    quoted_seq,
                    quoted,
                    ttl,
                }) => on(Incoming::Error {
                    origin: super::ErrorOrigin::Icmp,
                    original_destination: Some(quoted_destination),
                    quoted_id: Some(self.id),
                    quoted_seq: Some(quoted_seq),
                    quoted,
                    icmp_type,
                    code,
                    info,
                    errno: inline::errno_for(self.family, icmp_type, code) as u32,
                    offender: Some(from),
                    ttl: ttl.or(received.ttl),
                    received_ns,
                }),
                None => {}
            }
        }
        Ok(count)
    }

    /// ICMP errors arrive inline (read by `drain_replies`); the error queue stays empty. The
    /// one thing read here is the MTU of a send that just failed with `EMSGSIZE`.
    fn drain_errors(&mut self, on: &mut dyn FnMut(Incoming<'_>)) -> io::Result<usize> {
        match self.too_big.take() {
            Some(too_big) => {
                on(too_big.incoming());
                Ok(1)
            }
            None => Ok(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    #[test]
    fn a_local_too_big_reads_like_a_ping_sockets_queued_emsgsize() {
        let destination = IpAddr::V4(Ipv4Addr::new(10, 200, 1, 2));
        // The engine takes a local error without a quoted seq as "the error of the send that
        // just failed", matched by destination, its `info` the MTU.
        match (LocalTooBig { destination, mtu: 1500 }).incoming() {
            Incoming::Error { origin, original_destination, quoted_seq, info, errno, offender, .. } => {
                assert_eq!(origin, super::super::ErrorOrigin::Local);
                assert_eq!(original_destination, Some(destination));
                assert_eq!(quoted_seq, None);
                assert_eq!(info, 1500);
                assert_eq!(errno, libc::EMSGSIZE as u32);
                assert_eq!(offender, None);
            }
            other => panic!("not an error: {other:?}"),
        }
    }

    #[test]
    fn the_route_mtu_of_loopback_is_the_loopback_devices() {
        // Needs no privilege: a UDP socket connected to 127.0.0.1 reports lo's MTU, capped at
        // the largest IPv4 packet (IP_MAX_MTU, 65535; lo's is 65536).
        let mtu = os::route_mtu(IpAddr::V4(Ipv4Addr::LOCALHOST), None).expect("IP_MTU toward 127.0.0.1");
        let device =
            std::fs::read_to_string("/sys/class/net/lo/mtu").ok().and_then(|text| text.trim().parse::<u32>().ok());
        match device {
            Some(device) => assert_eq!(mtu, device.min(65_535)),
            None => assert!(mtu >= 1280, "{mtu}"),
        }
    }
}
