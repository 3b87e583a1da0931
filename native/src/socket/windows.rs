//! Windows: echoes through `IcmpSendEcho2Ex` (IPv4) / `Icmp6SendEcho2` (IPv6), the API that
//! needs no privilege. Windows builds the ICMP header itself (its own echo id and sequence)
//! and answers each echo once, in that echo's reply buffer: a reply, an ICMP error folded
//! into an `IP_*` status with the router's address, or a timeout. So there is no matching
//! by id/seq here: each echo remembers the engine's sequence number and destination, and
//! its completion is handed to the engine as the reply or error the engine expects.
//!
//! RTTs are Windows' `RoundTripTime`, in whole milliseconds (the event's receive stamp is
//! the send stamp plus that many milliseconds). Completions arrive as APCs while the engine
//! thread waits alertably (`engine/worker_windows.rs`).

use super::windows_reply::{self, EchoSent};
use super::{BindOptions, IcmpSocket, Incoming, OpenError, SendOptions};
use crate::ffi::windows::IcmpFile;
use crate::wire::Family;
use std::collections::HashMap;
use std::io;
use std::net::IpAddr;
use std::time::{SystemTime, UNIX_EPOCH};

/// Windows waits this much longer than the engine, so the engine's own timeout (the one
/// every platform reports) always comes first.
const WINDOWS_TIMEOUT_GRACE_MS: u32 = 1000;

/// Windows chooses the echo id on the wire and does not say which: 0 stands for it, in
/// `echo_id()` and in the errors' quoted id alike (Windows matched each error to its echo,
/// so every error quotes our probe).
const ECHO_ID: u16 = 0;

/// What the engine sent, remembered until Windows completes the echo.
struct Sent {
    destination: IpAddr,
    seq: u16,
    sent_ns: i128,
    data_len: usize,
}

/// The ICMP handle of one family.
pub struct PingSocket {
    file: IcmpFile,
    family: Family,
    source: Option<IpAddr>,
    next_token: u64,
    sent: HashMap<u64, Sent>,
}

fn realtime_ns() -> i128 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|elapsed| elapsed.as_nanos() as i128).unwrap_or(0)
}

impl PingSocket {
    /// Opens the family's ICMP handle. Binding to a device is not possible here (the
    /// source address picks the interface).
    pub fn open(family: Family, bind: &BindOptions) -> Result<PingSocket, OpenError> {
        if bind.device.is_some() {
            let error = io::Error::new(io::ErrorKind::Unsupported, "binding to a device is not available on Windows");
            return Err(OpenError { family, step: "bind to device", error });
        }
        let file = IcmpFile::open(family).map_err(|error| OpenError {
            family,
            step: if family == Family::V4 { "IcmpCreateFile" } else { "Icmp6CreateFile" },
            error,
        })?;
        let source = bind.source.filter(|source| source.is_ipv4() == (family == Family::V4));
        Ok(PingSocket { file, family, source, next_token: 0, sent: HashMap::new() })
    }

    /// What probes go through here: Windows' ICMP API, not a socket of ours.
    pub fn kind(&self) -> super::SocketKind {
        super::SocketKind::IcmpApi
    }
}

impl IcmpSocket for PingSocket {
    fn family(&self) -> Family {
        self.family
    }

    fn echo_id(&self) -> u16 {
        ECHO_ID
    }

    fn send(&mut self, destination: IpAddr, packet: &[u8], options: SendOptions) -> io::Result<()> {
        if packet.len() < 8 {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "an echo request needs its 8-byte ICMP header"));
        }
        let seq = u16::from_be_bytes([packet[6], packet[7]]);
        let data = &packet[8..];
        let token = self.next_token;
        self.next_token = self.next_token.wrapping_add(1);
        let timeout_ms = options.timeout_ms.saturating_add(WINDOWS_TIMEOUT_GRACE_MS);
        let sent_ns = realtime_ns();
        self.file.send_echo(token, self.source, destination, data, options.ttl, options.dont_fragment, timeout_ms)?;
        self.sent.insert(token, Sent { destination, seq, sent_ns, data_len: data.len() });
        Ok(())
    }

    /// Hands the engine every completed echo: replies and errors alike (there is no
    /// separate error queue). All of them: each is one echo's single answer, so `max` (a
    /// bound on datagrams read from a queue elsewhere) has nothing to bound here.
    fn drain_replies(&mut self, on: &mut dyn FnMut(Incoming<'_>), max: usize) -> io::Result<usize> {
        let (family, sent) = (self.family, &mut self.sent);
        let mut handled = 0;
        self.file.take_completed(&mut |completed| {
            let echo = match sent.remove(&completed.token) {
                Some(echo) => echo,
                None => return,
            };
            handled += 1;
            let decoded = match family {
                Family::V4 => windows_reply::decode_v4(completed.reply, completed.base_address),
                Family::V6 => windows_reply::decode_v6(completed.reply, echo.data_len),
            };
            // A buffer we cannot read says nothing: the engine's timeout reports the probe.
            let reply = match decoded {
                Ok(reply) => reply,
                Err(_) => return,
            };
            let echo =
                EchoSent { destination: echo.destination, seq: echo.seq, sent_ns: echo.sent_ns, echo_id: ECHO_ID };
            if let Some(incoming) = windows_reply::incoming(family, &echo, &reply) {
                on(incoming);
            }
        });
        let _ = max;
        Ok(handled)
    }

    fn take_error_hint(&mut self) -> bool {
        false
    }

    fn drain_errors(&mut self, _on: &mut dyn FnMut(Incoming<'_>)) -> io::Result<usize> {
        Ok(0)
    }
}
