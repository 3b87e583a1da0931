use super::fake::{spec, Harness, TARGET};
use crate::engine::{Event, ProbeStatus};
use crate::wire::Family;

const NO_LIMIT: usize = usize::MAX;
const SECOND: u64 = 1_000_000_000;

#[test]
fn wire_seq_wraps_past_65535_and_skips_numbers_still_in_flight() {
    let mut harness = Harness::new(NO_LIMIT);
    // Job 1 sends seq 1 and never hears back: it stays in flight.
    harness.start(spec(1, 1, SECOND, 1));
    harness.turn().unwrap();
    assert_eq!(harness.socket().sent[0].seq, 1);
    // Job 2 floods the same destination with instant replies through the whole 16-bit space.
    harness.socket().echo = true;
    harness.start(spec(2, 65_537, 0, 1));
    harness.run_until_done(2);
    let seqs: Vec<u16> = harness.socket().sent.iter().skip(1).map(|packet| packet.seq).collect();
    assert_eq!(&seqs[..2], &[2, 3]);
    let wrap = seqs.iter().position(|&seq| seq == u16::MAX).expect("reached 65535");
    assert_eq!(&seqs[wrap..wrap + 4], &[u16::MAX, 0, 2, 3], "0 follows 65535, 1 is still in flight");
    let done = harness.done(2).unwrap();
    assert_eq!((done.sent, done.received, done.cancelled), (65_537, 65_537, false));
}

#[test]
fn a_reply_after_the_timeout_is_ignored() {
    let mut harness = Harness::new(NO_LIMIT);
    harness.start(spec(1, 1, SECOND, 1));
    harness.turn().unwrap();
    harness.now += SECOND;
    harness.turn().unwrap();
    assert_eq!(harness.statuses(), vec![ProbeStatus::Timeout]);
    harness.socket().reply_to(0);
    harness.readable().unwrap();
    assert_eq!(harness.statuses(), vec![ProbeStatus::Timeout]);
    let done = harness.done(1).unwrap();
    assert_eq!((done.sent, done.received, done.timeouts), (1, 0, 1));
}

#[test]
fn a_duplicate_reply_is_ignored() {
    let mut harness = Harness::new(NO_LIMIT);
    harness.start(spec(1, 2, SECOND, 1));
    harness.turn().unwrap();
    harness.socket().reply_to(0);
    harness.socket().reply_to(0);
    harness.readable().unwrap();
    assert_eq!(harness.statuses(), vec![ProbeStatus::Reply]);
    assert_eq!(harness.probes()[0].seq, 1);
    assert!(harness.done(1).is_none(), "one probe is still to be sent");
}

#[test]
fn a_flood_never_has_more_than_its_window_in_flight() {
    let mut harness = Harness::new(NO_LIMIT);
    harness.start(spec(1, 100, 0, 4));
    for _ in 0..5 {
        harness.turn().unwrap();
    }
    assert_eq!(harness.socket().sent.len(), 4);
    // Answer them one at a time, out of order: each answer lets exactly one more go.
    for answered in 0..96 {
        let index = if answered % 2 == 0 { answered + 1 } else { answered - 1 };
        harness.socket().reply_to(index);
        harness.readable().unwrap();
        harness.turn().unwrap();
        let in_flight = harness.socket().sent.len() - harness.probes().len();
        assert_eq!(in_flight, 4, "after {} answers", answered + 1);
    }
}

#[test]
fn reaching_the_count_ends_the_job() {
    let mut harness = Harness::new(NO_LIMIT);
    harness.socket().echo = true;
    harness.start(spec(1, 5, 1_000, 1));
    harness.run_until_done(1);
    let done = harness.done(1).unwrap();
    assert_eq!((done.sent, done.received, done.errors, done.timeouts, done.cancelled), (5, 5, 0, 0, false));
    assert_eq!(harness.probes().iter().map(|probe| probe.seq).collect::<Vec<_>>(), vec![1, 2, 3, 4, 5]);
    assert!(matches!(harness.events.last(), Some(Event::Done(_))));
    // Nothing more is sent once it is done.
    harness.now += SECOND;
    assert_eq!(harness.turn().unwrap(), 0);
}

#[test]
fn cancel_ends_the_job_cancelled_and_forgets_its_probes() {
    let mut harness = Harness::new(NO_LIMIT);
    harness.start(spec(1, 0, 0, 3));
    harness.turn().unwrap();
    harness.scheduler.cancel(1);
    harness.deliver();
    let done = harness.done(1).unwrap();
    assert_eq!((done.sent, done.received, done.cancelled), (3, 0, true));
    // Late answers and deadlines of its probes produce nothing, and nothing is sent.
    harness.socket().reply_to(0);
    harness.readable().unwrap();
    harness.now += 2 * SECOND;
    assert_eq!(harness.turn().unwrap(), 0);
    assert!(harness.probes().is_empty());
    assert_eq!(harness.events.len(), 1);
}

/// Runs `spec` against a consumer that stopped reading, then lets it catch up.
fn stopped_consumer_stops_sending(job: crate::engine::JobSpec, echo: bool, send_errno: Option<i32>) {
    const LIMIT: usize = 50;
    let window = job.window as usize;
    let mut harness = Harness::new(LIMIT);
    harness.socket().echo = echo;
    harness.socket().send_errno = send_errno;
    harness.consuming = false;
    harness.start(job);
    for _ in 0..10_000 {
        harness.turn().unwrap();
        harness.now += 1_000; // 1 µs a turn: interval jobs are always due
    }
    let produced = harness.events.len();
    assert!(produced >= LIMIT, "it ran up to the limit ({produced} events)");
    assert!(produced <= LIMIT + window, "{produced} events for a limit of {LIMIT} and a window of {window}");
    let attempts = harness.scheduler_sends();
    for _ in 0..1_000 {
        harness.turn().unwrap();
        harness.now += 1_000;
    }
    assert_eq!(harness.scheduler_sends(), attempts, "sent while the backlog was at the limit");
    // The consumer catches up: sending resumes.
    harness.backlog = 0;
    harness.turn().unwrap();
    assert!(harness.scheduler_sends() > attempts, "did not resume once the backlog drained");
}

impl Harness {
    /// Probes the scheduler sent or tried to send (failed sends never reach `sent`).
    fn scheduler_sends(&self) -> usize {
        self.probes().len() + self.sockets.v4.as_ref().unwrap().sent.len() - self.answered()
    }

    fn answered(&self) -> usize {
        self.probes().iter().filter(|probe| probe.status != ProbeStatus::LocalError).count()
    }
}

#[test]
fn a_stopped_consumer_stops_a_flood() {
    stopped_consumer_stops_sending(spec(1, 0, 0, 8), true, None);
}

#[test]
fn a_stopped_consumer_stops_an_interval_job() {
    stopped_consumer_stops_sending(spec(1, 0, 1_000, 1), true, None);
}

#[test]
fn a_stopped_consumer_stops_sends_that_all_fail_locally() {
    // `ping -c 0 -i 0` to a destination with no route: every send fails at once.
    stopped_consumer_stops_sending(spec(1, 0, 0, 1), false, Some(libc::ENETUNREACH));
    stopped_consumer_stops_sending(spec(1, 0, 1, 1), false, Some(libc::ENETUNREACH));
}

#[test]
fn undelivered_events_count_toward_the_limit() {
    let mut harness = Harness::new(10);
    harness.socket().send_errno = Some(libc::EHOSTUNREACH);
    harness.start(spec(1, 0, 0, 1));
    // The worker has not flushed (the consumer's backlog is 0), yet its batch is full.
    for _ in 0..100 {
        harness.scheduler.send_due(harness.now, 0, &mut harness.sockets, &mut harness.host);
    }
    assert_eq!(harness.scheduler.batch_len(), 10);
    assert!(harness.scheduler.is_throttled(0));
}

#[test]
fn timeouts_still_resolve_while_throttled() {
    let mut harness = Harness::new(4);
    harness.consuming = false;
    harness.start(spec(1, 0, 0, 4));
    harness.turn().unwrap();
    assert_eq!(harness.socket().sent.len(), 4);
    harness.backlog = 4; // the consumer stopped with the backlog at the limit
    harness.now += SECOND;
    harness.turn().unwrap();
    assert_eq!(harness.statuses(), vec![ProbeStatus::Timeout; 4]);
    assert_eq!(harness.socket().sent.len(), 4, "no new probe while throttled");
}

#[test]
fn a_broken_socket_ends_every_job_then_reports_fatal() {
    let mut harness = Harness::new(NO_LIMIT);
    harness.start(spec(1, 0, 0, 1));
    harness.start(spec(2, 0, SECOND, 1));
    harness.turn().unwrap();
    harness.socket().broken = true;
    let error = harness.turn().expect_err("a read on a closed socket cannot be retried");
    assert_eq!(error.raw_os_error(), Some(libc::EBADF));
    // What the worker does with a loop error.
    harness.scheduler.fail(format!("the ICMP engine stopped: {error}"));
    harness.deliver();
    let ends: Vec<(u32, bool)> = harness
        .events
        .iter()
        .filter_map(|event| match event {
            Event::Done(done) => Some((done.job, done.cancelled)),
            _ => None,
        })
        .collect();
    assert_eq!(ends, vec![(1, true), (2, true)]);
    assert!(matches!(harness.events.last(), Some(Event::Fatal { message }) if message.contains("Bad file")));
}

#[test]
fn a_missing_socket_is_a_local_error_not_a_hang() {
    let mut harness = Harness::new(NO_LIMIT);
    let mut job = spec(1, 1, SECOND, 1);
    job.target = "2001:db8::1".parse().unwrap();
    harness.start(job);
    harness.turn().unwrap();
    let probe = harness.probes()[0];
    assert_eq!(probe.status, ProbeStatus::LocalError);
    let error = probe.error.as_ref().unwrap();
    assert_eq!((error.family, error.errno), (Family::V6, Some(libc::EAFNOSUPPORT)));
    assert!(harness.done(1).is_some());
    assert_ne!(probe.target, TARGET);
}

#[test]
fn with_every_sequence_number_in_flight_a_job_waits_for_a_timeout_instead_of_spinning() {
    let mut harness = Harness::new(NO_LIMIT);
    harness.start(spec(1, 0, 1, 1)); // 1 ns apart, 1 s timeout, no answers
    for _ in 0..200 {
        harness.turn().unwrap();
        harness.now += 1_000; // each turn may send its 512
    }
    assert_eq!(harness.socket().sent.len(), 65_536);
    assert!(!harness.scheduler.has_due_send(harness.now), "due again with no number free");
    // The first probe's timeout frees its number; the job goes on.
    harness.now = 1_000 + SECOND;
    harness.turn().unwrap();
    assert_eq!(harness.statuses()[0], ProbeStatus::Timeout);
    assert_eq!(harness.socket().sent.last().unwrap().seq, 1);
}
