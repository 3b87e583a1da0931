//! Errors that quote our probe but another destination: only sockets that read errors
//! inline (raw sockets) can see them, and they resolve the one probe they can only be about.

use super::fake::{spec, Harness, TARGET};
use crate::engine::{Event, ProbeStatus};
use std::net::{IpAddr, Ipv4Addr};

const ROUTER: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 200, 1, 1));
/// Where a gateway sent our probe to 192.0.2.7 after rewriting its destination.
const REWRITTEN: IpAddr = IpAddr::V4(Ipv4Addr::new(198, 51, 100, 9));

fn inline_harness() -> Harness {
    let mut harness = Harness::new(1024);
    harness.socket().inline = true;
    harness.start(spec(1, 1, 1_000_000, 1));
    harness.turn().expect("sends");
    harness
}

fn first_probe(harness: &Harness) -> Option<&crate::engine::ProbeEvent> {
    harness.events.iter().find_map(|event| match event {
        Event::Probe(probe) => Some(probe),
        _ => None,
    })
}

#[test]
fn an_error_quoting_another_destination_resolves_our_probe_as_untranslated() {
    let mut harness = inline_harness();
    let payload = harness.socket().payload_of(0);
    harness.socket().error_about(0, ROUTER, REWRITTEN, &payload);
    harness.readable().expect("reads");
    let probe = first_probe(&harness).expect("the error resolved the probe");
    assert_eq!(probe.status, ProbeStatus::IcmpError);
    assert_eq!(probe.target, TARGET);
    let error = probe.error.as_ref().expect("an error");
    assert!(error.untranslated);
    assert_eq!(error.from, Some(ROUTER));
    assert_eq!(error.original.as_ref().map(|original| original.dst), Some(REWRITTEN));
}

#[test]
fn an_error_quoting_our_own_destination_is_not_untranslated() {
    let mut harness = inline_harness();
    let payload = harness.socket().payload_of(0);
    harness.socket().error_about(0, ROUTER, TARGET, &payload);
    harness.readable().expect("reads");
    let error = first_probe(&harness).and_then(|probe| probe.error.as_ref()).expect("an error");
    assert!(!error.untranslated);
}

#[test]
fn another_sessions_cookie_or_a_ping_socket_leaves_the_probe_to_time_out() {
    let mut harness = inline_harness();
    harness.socket().error_about(0, ROUTER, REWRITTEN, b"someone else's cookie");
    harness.readable().expect("reads");
    assert!(first_probe(&harness).is_none(), "a quote without our cookie is not about our probe");

    let mut ping = Harness::new(1024);
    ping.start(spec(1, 1, 1_000_000, 1));
    ping.turn().expect("sends");
    let payload = ping.socket().payload_of(0);
    ping.socket().error_about(0, ROUTER, REWRITTEN, &payload);
    ping.readable().expect("reads");
    assert!(first_probe(&ping).is_none(), "ping sockets never match an error by seq alone");
}
