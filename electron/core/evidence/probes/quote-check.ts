// Does an ICMP error quote *our* probe? Every ICMP error carries the start of the packet that
// caused it; for an echo request that is the destination, the echo id and the sequence
// number. A tunnel or NAT that rewrites our packet on the way out (Firezone's gateway, a
// connector's ICMP proxy) must rewrite that quote on the way back, or the error is useless
// to the sender.
//
// Why a wrong quote looks exactly like no error at all on Linux: a ping socket is found for
// an incoming ICMP error by the echo id *inside the quote* (net/ipv4/ping.c ping_err() →
// ping_lookup(), the id being the socket's "port"), not by anything in the outer packet. An
// error whose quote a gateway failed to translate back carries the gateway's id, so the
// kernel finds no socket for it and drops it before any program could see it. So
// "swallowed" (never sent back) and "untranslated" (sent back, quoting the wrong packet) both
// reach us as silence; the probe can only say that no matching error returned. We still
// compare destination, id and sequence ourselves: on other platforms errors arrive inline and
// only their quote ties them to a probe (DESIGN.md §3), and a gateway may restore the id but
// not the destination.

import type { ProbeEvent } from '../../../../native/index';

/**
 * True when `probe` drew an ICMP error from the network whose quoted packet is this very
 * probe: same destination, our socket's echo id (`echoId`; when unknown, any id), same
 * sequence number on the wire.
 */
export function quotesOurProbe(probe: ProbeEvent, echoId: number | null): boolean {
  const error = probe.error;
  if (probe.status !== 'icmp-error' || error === null || error.origin !== 'icmp') return false;
  const quoted = error.original;
  if (quoted === null || quoted.id === null) return false;
  return quoted.dst === probe.target && quoted.seq === probe.wireSeq && (echoId === null || quoted.id === echoId);
}
