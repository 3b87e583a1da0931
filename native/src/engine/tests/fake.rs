//! Test doubles: a socket that records what it sends and hands back what the test queues,
//! a host whose clock the test sets, and a harness that runs loop turns the way the worker
//! does (expire, send, read) with a consumer that may stop reading.

use crate::engine::scheduler::{Host, Scheduler, Sockets};
use crate::engine::{Event, JobSpec, ProbeEvent, ProbeStatus};
use crate::socket::{IcmpSocket, Incoming, SendOptions};
use crate::wire::Family;
use std::collections::VecDeque;
use std::io;
use std::net::{IpAddr, Ipv4Addr};

pub const TARGET: IpAddr = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 7));

pub struct SentPacket {
    pub destination: IpAddr,
    pub seq: u16,
    pub payload: Vec<u8>,
}

struct QueuedReply {
    from: IpAddr,
    seq: u16,
    payload: Vec<u8>,
}

/// An ICMP error read inline (as a raw socket reads it): it quotes `quoted_destination`.
struct QueuedError {
    from: IpAddr,
    quoted_destination: IpAddr,
    seq: u16,
    /// The quoted ICMP message, header and payload.
    quoted: Vec<u8>,
}

pub struct FakeSocket {
    family: Family,
    pub sent: Vec<SentPacket>,
    /// Answer every send at once (as veth does) with a reply carrying its payload.
    pub echo: bool,
    /// Fail every send with this errno, as a `no route` destination does.
    pub send_errno: Option<i32>,
    /// Every read fails with EBADF, as a socket that was closed under us.
    pub broken: bool,
    /// Errors arrive inline, as on a raw socket (`IcmpSocket::errors_inline`).
    pub inline: bool,
    replies: VecDeque<QueuedReply>,
    errors: VecDeque<QueuedError>,
}

impl FakeSocket {
    pub fn new(family: Family) -> FakeSocket {
        FakeSocket {
            family,
            sent: Vec::new(),
            echo: false,
            send_errno: None,
            broken: false,
            inline: false,
            replies: VecDeque::new(),
            errors: VecDeque::new(),
        }
    }

    /// Queues a reply to the `index`th packet sent.
    pub fn reply_to(&mut self, index: usize) {
        let packet = &self.sent[index];
        let reply = QueuedReply { from: packet.destination, seq: packet.seq, payload: packet.payload.clone() };
        self.replies.push_back(reply);
    }

    /// Queues an inline "host unreachable" from `from` about the `index`th packet sent, its
    /// quote naming `quoted_destination` and carrying `payload` after the echo header.
    pub fn error_about(&mut self, index: usize, from: IpAddr, quoted_destination: IpAddr, payload: &[u8]) {
        let seq = self.sent[index].seq;
        let mut quoted = vec![8, 0, 0, 0, 0x42, 0x42];
        quoted.extend_from_slice(&seq.to_be_bytes());
        quoted.extend_from_slice(payload);
        self.errors.push_back(QueuedError { from, quoted_destination, seq, quoted });
    }

    /// The payload of the `index`th packet sent (its cookie comes first).
    pub fn payload_of(&self, index: usize) -> Vec<u8> {
        self.sent[index].payload.clone()
    }
}

impl IcmpSocket for FakeSocket {
    fn family(&self) -> Family {
        self.family
    }

    fn echo_id(&self) -> u16 {
        0x4242
    }

    fn send(&mut self, destination: IpAddr, packet: &[u8], _options: SendOptions) -> io::Result<()> {
        if let Some(errno) = self.send_errno {
            return Err(io::Error::from_raw_os_error(errno));
        }
        let seq = u16::from_be_bytes([packet[6], packet[7]]);
        self.sent.push(SentPacket { destination, seq, payload: packet[8..].to_vec() });
        if self.echo {
            self.reply_to(self.sent.len() - 1);
        }
        Ok(())
    }

    fn drain_replies(&mut self, on: &mut dyn FnMut(Incoming<'_>), max: usize) -> io::Result<usize> {
        if self.broken {
            return Err(io::Error::from_raw_os_error(libc::EBADF));
        }
        let mut count = 0;
        while count < max {
            let reply = match self.replies.pop_front() {
                Some(reply) => reply,
                None => break,
            };
            count += 1;
            on(Incoming::Reply {
                from: reply.from,
                id: 0x4242,
                seq: reply.seq,
                bytes: 8 + reply.payload.len(),
                payload: &reply.payload,
                ttl: Some(64),
                received_ns: None,
            });
        }
        while count < max {
            let error = match self.errors.pop_front() {
                Some(error) => error,
                None => break,
            };
            count += 1;
            on(Incoming::Error {
                origin: crate::socket::ErrorOrigin::Icmp,
                original_destination: Some(error.quoted_destination),
                quoted_id: Some(0x4242),
                quoted_seq: Some(error.seq),
                quoted: &error.quoted,
                icmp_type: 3,
                code: 1,
                info: 0,
                errno: libc::EHOSTUNREACH as u32,
                offender: Some(error.from),
                ttl: Some(64),
                received_ns: None,
            });
        }
        Ok(count)
    }

    fn errors_inline(&self) -> bool {
        self.inline
    }

    fn take_error_hint(&mut self) -> bool {
        false
    }

    fn drain_errors(&mut self, _on: &mut dyn FnMut(Incoming<'_>)) -> io::Result<usize> {
        Ok(0)
    }
}

#[derive(Default)]
pub struct FakeHost {
    pub realtime_ns: i128,
}

impl Host for FakeHost {
    fn realtime_ns(&mut self) -> i128 {
        self.realtime_ns += 1_000;
        self.realtime_ns
    }

    fn route_source(&mut self, _destination: IpAddr) -> Option<IpAddr> {
        None
    }
}

pub fn spec(id: u32, count: u64, interval_ns: u64, window: u32) -> JobSpec {
    JobSpec {
        id,
        target: TARGET,
        count,
        interval_ns,
        timeout_ns: 1_000_000_000,
        ttl: None,
        size: 16,
        dont_fragment: false,
        window,
    }
}

/// A scheduler with an IPv4 fake socket, run turn by turn.
pub struct Harness {
    pub scheduler: Scheduler,
    pub sockets: Sockets<FakeSocket>,
    pub host: FakeHost,
    pub now: u64,
    /// Every event the consumer was handed.
    pub events: Vec<Event>,
    /// Events handed over and not consumed: grows while `consuming` is false.
    pub backlog: usize,
    pub consuming: bool,
}

impl Harness {
    pub fn new(backlog_limit: usize) -> Harness {
        let mut sockets = Sockets::default();
        sockets.set(Family::V4, FakeSocket::new(Family::V4));
        Harness {
            scheduler: Scheduler::new(backlog_limit),
            sockets,
            host: FakeHost::default(),
            now: 1_000,
            events: Vec::new(),
            backlog: 0,
            consuming: true,
        }
    }

    pub fn socket(&mut self) -> &mut FakeSocket {
        self.sockets.v4.as_mut().expect("the harness opens an IPv4 socket")
    }

    pub fn start(&mut self, spec: JobSpec) {
        self.scheduler.start(spec, self.now);
    }

    /// One loop turn: timeouts, sends, the replies already queued, then delivery.
    pub fn turn(&mut self) -> io::Result<usize> {
        self.scheduler.expire(self.now);
        let sent = self.scheduler.send_due(self.now, self.backlog, &mut self.sockets, &mut self.host);
        self.scheduler.receive_now(&mut self.sockets, &mut self.host)?;
        self.deliver();
        Ok(sent)
    }

    /// Reads what is queued, as when epoll reports the socket readable.
    pub fn readable(&mut self) -> io::Result<()> {
        self.scheduler.on_readiness(Family::V4, true, false, &mut self.sockets, &mut self.host)?;
        self.deliver();
        Ok(())
    }

    pub fn deliver(&mut self) {
        let batch = self.scheduler.take_batch();
        if !self.consuming {
            self.backlog += batch.len();
        }
        self.events.extend(batch);
    }

    /// Turns until the job's `done` arrives (or a generous bound is hit).
    pub fn run_until_done(&mut self, job: u32) {
        for _ in 0..1_000_000 {
            if self.done(job).is_some() {
                return;
            }
            self.turn().expect("the fake socket only fails when asked to");
            self.now += 1;
        }
        panic!("job {job} never finished");
    }

    pub fn probes(&self) -> Vec<&ProbeEvent> {
        self.events
            .iter()
            .filter_map(|event| match event {
                Event::Probe(probe) => Some(probe),
                _ => None,
            })
            .collect()
    }

    pub fn statuses(&self) -> Vec<ProbeStatus> {
        self.probes().iter().map(|probe| probe.status).collect()
    }

    pub fn done(&self, job: u32) -> Option<&crate::engine::JobSummary> {
        self.events.iter().find_map(|event| match event {
            Event::Done(summary) if summary.job == job => Some(summary),
            _ => None,
        })
    }
}
