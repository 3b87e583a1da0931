// tunnel-connection: cloudflared holds a registered connection to its edge (DESIGN §2). A
// tunnel that never connects carries nothing, ICMP included, so its transport, ICMP proxy and
// GID verdicts wait on this one. Decided by the live /ready first (503 with readyConnections 0
// before any connection registers), then by the run's log: "Registered tunnel connection"
// lines, or repeated dial failures with none. The failing dials name the egress to open: QUIC's
// say "failed to dial to edge with quic" (UDP 7844), HTTP/2's a TLS handshake or `dial tcp`
// error on port 7844 and never "http2" (recordings of cloudflared 2023.7.3).

import type { CloudflaredEvidence, Evidence, QuotedLine } from '../../../contract/evidence';
import type { Finding, FindingEvidence } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import type { BlockedEgress } from '../../i18n/messages/parts/tunnel-connection';
import { tunnelConnectionRemediation } from '../remediation/tunnel-connection';
import { atLine, cite, citeFailure, type Cited } from './cite';
import { finding } from './finding';
import { cloudflareSkipReason } from './scope';
import { cloudflaredEvidence, connectorProcesses, placesSaid, type Sourced } from './sources';
import { soleRestartTarget } from '../remediation/process-restart';

const ID = 'tunnel-connection';

/** Fewer failed dials than this, with nothing registered, may be a connection still being made. */
export const REPEATED_DIAL_FAILURES = 3;

type DialFailures = NonNullable<CloudflaredEvidence['dialFailures']>;
type Readiness = NonNullable<CloudflaredEvidence['readiness']>;

/** HTTP/2's dial errors: the TLS handshake with the edge, or the TCP dial to its port 7844. */
const HTTP2_DIAL_ERROR = /TLS handshake with edge error|DialContext error|dial tcp \S*:7844/;
const QUIC_DIAL_ERROR = /failed to dial to edge with quic/;

function lineSource(source: Cited, line: QuotedLine): Cited {
  return atLine(source, line.line);
}

/** The transport the failing dials used: named by the parser, or read from the quoted lines. */
export function failingTransport(failures: DialFailures): 'quic' | 'http2' | null {
  if (failures.transport) return failures.transport;
  // The latest line wins: after a fallback the HTTP/2 dials are the ones failing now.
  for (const text of [failures.last.text, failures.first.text]) {
    if (QUIC_DIAL_ERROR.test(text)) return 'quic';
    if (HTTP2_DIAL_ERROR.test(text)) return 'http2';
  }
  return null;
}

function blockedEgress(failures: DialFailures | null | undefined): BlockedEgress {
  const transport = failures ? failingTransport(failures) : null;
  if (transport === 'quic') return 'udp';
  if (transport === 'http2') return 'tcp';
  return 'unknown';
}

function dialSign(failures: DialFailures): Message {
  const transport = failingTransport(failures);
  if (transport === 'quic') return msg('tunnel-connection.sign.quic-dials', { count: failures.count });
  if (transport === 'http2') return msg('tunnel-connection.sign.http2-dials', { count: failures.count });
  return msg('tunnel-connection.sign.dials', { count: failures.count });
}

function readySign(readiness: Readiness): Message {
  return msg('tunnel-connection.sign.ready', { url: readiness.url, status: readiness.status, connections: readiness.readyConnections });
}

function citeReadiness(readiness: Readiness): FindingEvidence {
  return cite(readiness.url, msg('tunnel-connection.evidence.ready', { status: readiness.status, connections: readiness.readyConnections }));
}

function citeDials(source: Cited, failures: DialFailures): FindingEvidence[] {
  const first = cite(lineSource(source, failures.first), failures.first.text);
  const sameLine = failures.first.line !== null && failures.first.line === failures.last.line && failures.first.text === failures.last.text;
  return sameLine || failures.count < 2 ? [first] : [first, cite(lineSource(source, failures.last), failures.last.text)];
}

/** /ready counts live connections: a number above 0 is up; 503 or 0 is down. */
function readyUp(readiness: Readiness): boolean {
  return readiness.status === 200 && (readiness.readyConnections ?? 0) > 0;
}
function readyDown(readiness: Readiness): boolean {
  return readiness.status === 503 || readiness.readyConnections === 0;
}

export type SourceConnection =
  | { status: 'up'; signs: Message[]; evidence: FindingEvidence[] }
  | { status: 'down'; signs: Message[]; evidence: FindingEvidence[]; blocked: BlockedEgress; readyUrl: string | null }
  /** Not decided by this source: `dials` failed dials seen (too few), `startCut` when the run's start is missing. */
  | { status: 'undecided'; evidence: FindingEvidence[]; dials: number; startCut: boolean };

/** What one source of cloudflared evidence says about the connection. */
export function judgeConnection(found: Sourced<CloudflaredEvidence>): SourceConnection {
  const { value } = found;
  const source: Cited = found;
  const readiness = value.readiness ?? null;
  const failures = value.dialFailures ?? null;
  const dialEvidence = failures ? citeDials(source, failures) : [];

  if (readiness && readyUp(readiness)) return { status: 'up', signs: [readySign(readiness)], evidence: [citeReadiness(readiness)] };
  if (readiness && readyDown(readiness)) {
    return {
      status: 'down',
      signs: [readySign(readiness), ...(failures ? [dialSign(failures)] : [])],
      evidence: [citeReadiness(readiness), ...dialEvidence],
      blocked: blockedEgress(failures),
      readyUrl: readiness.url,
    };
  }
  if (value.registered.length > 0) {
    const transports = [...new Set(value.registered.map((r) => r.transport))];
    const last = value.registered[value.registered.length - 1] as (typeof value.registered)[number];
    return {
      status: 'up',
      signs: [msg('tunnel-connection.sign.registered', { count: value.registered.length, transports })],
      evidence: [cite(lineSource(source, last.evidence), last.evidence.text)],
    };
  }
  if (failures && failures.count >= REPEATED_DIAL_FAILURES) {
    // Without the run's start, a connection registered before the window may be missing.
    if (value.runStartSeen === false) return { status: 'undecided', evidence: dialEvidence, dials: failures.count, startCut: true };
    return {
      status: 'down',
      signs: [dialSign(failures), msg('tunnel-connection.sign.none-registered')],
      evidence: dialEvidence,
      blocked: blockedEgress(failures),
      readyUrl: null,
    };
  }
  return { status: 'undecided', evidence: dialEvidence, dials: failures?.count ?? 0, startCut: false };
}

/** Some cloudflared source shows the tunnel down and none shows it up (tunnel-transport reads this). */
export function tunnelDownSigns(evidence: Evidence): Message[] | null {
  const judged = cloudflaredEvidence(evidence).found.map(judgeConnection);
  if (judged.some((j) => j.status === 'up')) return null;
  const down = judged.flatMap((j) => (j.status === 'down' ? j.signs : []));
  return down.length > 0 ? down : null;
}

export function checkTunnelConnection(evidence: Evidence, inputs: CheckInputs): Finding {
  const skip = cloudflareSkipReason(evidence, inputs);
  if (skip) return finding(ID, 'skip', skip);

  const { found, failed } = cloudflaredEvidence(evidence);
  const judged = found.map(judgeConnection);
  const failures = failed.map(citeFailure);

  // A live /ready above 0 or a registration is a connection; a source that is down beside it
  // (an older log, another report) does not undo it.
  const up = judged.filter((j) => j.status === 'up');
  if (up.length > 0) return finding(ID, 'pass', msg('tunnel-connection.pass', { signs: up.flatMap((j) => j.signs) }), up.flatMap((j) => j.evidence));

  const down = judged.flatMap((j) => (j.status === 'down' ? [j] : []));
  if (down.length > 0) {
    // One egress named when every source agrees; otherwise both.
    const blockedSet = new Set(down.map((j) => j.blocked).filter((b) => b !== 'unknown'));
    const blocked: BlockedEgress = blockedSet.size === 1 ? ([...blockedSet][0] as BlockedEgress) : 'unknown';
    return finding(
      ID,
      'fail',
      msg('tunnel-connection.fail', { signs: down.flatMap((j) => j.signs), blocked }),
      [...down.flatMap((j) => j.evidence), ...failures],
      tunnelConnectionRemediation({
        blocked,
        readyUrl: down.find((j) => j.readyUrl)?.readyUrl ?? null,
        restart: soleRestartTarget(connectorProcesses(evidence).found.map((f) => f.process), 'cloudflared'),
      }),
    );
  }

  const undecided = judged.flatMap((j) => (j.status === 'undecided' ? [j] : []));
  const cut = undecided.find((j) => j.startCut);
  const cited = [...undecided.flatMap((j) => j.evidence), ...failures];
  if (cut) return finding(ID, 'unknown', msg('tunnel-connection.unknown-start-cut', { count: cut.dials }), cited);
  const looked = found.flatMap(placesSaid);
  const dials = Math.max(0, ...undecided.map((j) => j.dials));
  // The advice asks for what was not had: a log that was read and said nothing needs /ready, and the other way round.
  const logRead = found.some((f) => f.value.runStartSeen !== null && f.value.runStartSeen !== undefined);
  const metricsRead = found.some((f) => f.value.quicTried !== null || (f.value.readiness ?? null) !== null);
  return finding(ID, 'unknown', msg('tunnel-connection.unknown', { looked, dials, logRead, metricsRead }), cited);
}
