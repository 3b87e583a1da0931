// tunnel-transport: cloudflared carries ICMP (and UDP) only over QUIC. Over HTTP/2 — asked
// for with --protocol http2 / TUNNEL_TRANSPORT_PROTOCOL / config.yml, or fallen back to when
// UDP 7844 egress is blocked — it carries TCP alone, and after a fallback it stays on HTTP/2
// until restarted. A real start also logs the transport it begins with ("Initial protocol
// http2", "Settings: map[… protocol:http2 …]"): HTTP/2 there fails the check, QUIC there is
// only a start — it passes once a registration shows QUIC working.
// A QUIC asked for while the tunnel never connected (tunnel-connection fails) is no pass either.

import type { CloudflaredEvidence, Evidence, QuotedLine, Transport } from '../../../contract/evidence';
import type { Finding, FindingEvidence } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { decideDeploy } from '../deploy/detect';
import { quicRemediation } from '../remediation/cloudflared-transport';
import { soleRestartTarget } from '../remediation/process-restart';
import { atLine, cite, citeFailure, type Cited } from './cite';
import { asTransport, protocolFlag, redactedCommandLine } from './command-line';
import { finding } from './finding';
import { cloudflareSkipReason } from './scope';
import { tunnelDownSigns } from './tunnel-connection';
import { cloudflaredEvidence, cloudflaredSourcesSaid, connectorProcesses, placesSaid, type Sourced } from './sources';

const ID = 'tunnel-transport';

function lineSource(source: Cited, line: QuotedLine): Cited {
  return atLine(source, line.line);
}

/** Sources listed in an unknown summary before "N more". */
const MAX_LOOKED = 3;

interface SourceVerdict {
  /** unknown: something was seen (a start, failing dials) but nothing decides. */
  status: 'pass' | 'fail' | 'unknown' | 'none';
  /** null only with status 'none'. */
  reason: Message | null;
  evidence: FindingEvidence[];
}

type RequestedTransport = NonNullable<CloudflaredEvidence['requestedTransport']>;

/** "a command-line flag", "its environment", "its config file". */
function requestedFrom(requested: RequestedTransport): Message {
  return msg(`tunnel-transport.from.${requested.from}`);
}

function citeRequested(source: Cited, requested: RequestedTransport): FindingEvidence {
  return cite(source, msg('tunnel-transport.requested', { transport: requested.value, from: requestedFrom(requested), detail: requested.detailMessage ?? requested.detail }));
}

/** QUIC was asked for but never connected: no pass, the tunnel must come up first. */
function neverConnected(evidence: FindingEvidence[], down: readonly Message[]): SourceVerdict {
  return { status: 'unknown', reason: msg('tunnel-connection.quic-never-connected', { signs: down }), evidence };
}

/**
 * The transport one source shows now: a fallback or HTTP/2 registration after the last QUIC
 * one wins. `down`: the signs that the tunnel never connected (null: it did, or unknown).
 */
function judgeSource(found: Sourced<CloudflaredEvidence>, down: readonly Message[] | null): SourceVerdict {
  const { value } = found;
  const source: Cited = found;
  const evidence: FindingEvidence[] = [];
  const lastQuic = [...value.registered].reverse().find((r) => r.transport === 'quic');
  const lastHttp2 = [...value.registered].reverse().find((r) => r.transport === 'http2');
  const after = (a: QuotedLine, b: QuotedLine | undefined): boolean => !b || a.line === null || b.line === null || a.line > b.line;

  if (value.fallbackToHttp2 && after(value.fallbackToHttp2, lastQuic?.evidence)) {
    evidence.push(cite(lineSource(source, value.fallbackToHttp2), value.fallbackToHttp2.text));
    return { status: 'fail', reason: msg('tunnel-transport.fell-back'), evidence };
  }
  if (lastHttp2 && after(lastHttp2.evidence, lastQuic?.evidence)) {
    evidence.push(cite(lineSource(source, lastHttp2.evidence), lastHttp2.evidence.text));
    return { status: 'fail', reason: msg('tunnel-transport.registered-http2'), evidence };
  }
  const requested = value.requestedTransport;
  if (requested?.value === 'http2') {
    evidence.push(citeRequested(source, requested));
    return { status: 'fail', reason: msg('tunnel-transport.told-http2', { from: requestedFrom(requested), detail: requested.detailMessage ?? requested.detail }), evidence };
  }
  const start = value.startTransport ?? null;
  if (start?.value === 'http2' && !lastQuic) {
    evidence.push(cite(lineSource(source, start.evidence), start.evidence.text));
    return { status: 'fail', reason: msg('cloudflared-start.transport.started-http2'), evidence };
  }
  if (lastQuic) {
    evidence.push(cite(lineSource(source, lastQuic.evidence), lastQuic.evidence.text));
    return { status: 'pass', reason: msg('tunnel-transport.registered-quic'), evidence };
  }
  const failures = value.dialFailures ?? null;
  const citeFailures = (): void => {
    if (failures) evidence.push(cite(lineSource(source, failures.last), failures.last.text));
  };
  if (requested?.value === 'quic') {
    evidence.push(citeRequested(source, requested));
    // An explicit quic never falls back to HTTP/2; it keeps retrying QUIC instead — which
    // carries nothing while its dials keep failing (UDP 7844 blocked).
    if (failures) {
      citeFailures();
      return { status: 'unknown', reason: msg('cloudflared-start.transport.told-quic-failing', { from: requestedFrom(requested), failures: failures.count }), evidence };
    }
    if (down) return neverConnected(evidence, down);
    return { status: 'pass', reason: msg('tunnel-transport.told-quic', { from: requestedFrom(requested) }), evidence };
  }
  if (requested) evidence.push(citeRequested(source, requested));
  if (value.quicTried) evidence.push(cite(source, msg('tunnel-transport.quic-tried')));
  if (start) {
    evidence.push(cite(lineSource(source, start.evidence), start.evidence.text));
    citeFailures();
    const reason =
      start.value === 'quic' ? msg('cloudflared-start.transport.started-quic', { failures: failures?.count ?? 0 }) : msg('cloudflared-start.transport.started-auto');
    return { status: 'unknown', reason, evidence };
  }
  return { status: 'none', reason: null, evidence };
}

/** A transport asked for on a connector's command line or environment, when cloudflared's own evidence has none. */
function requestedByProcesses(evidence: Evidence, down: readonly Message[] | null): SourceVerdict[] {
  return connectorProcesses(evidence)
    .found.filter((c) => c.process.kind === 'cloudflared')
    .flatMap((found): SourceVerdict[] => {
      const { process } = found;
      const fromFlag = asTransport(protocolFlag(process.command));
      const fromEnv = process.environment.ok ? asTransport(process.environment.value['TUNNEL_TRANSPORT_PROTOCOL']) : null;
      const requested: Transport | 'auto' | null = fromFlag ?? fromEnv;
      if (requested !== 'quic' && requested !== 'http2') return [];
      const how = fromFlag
        ? msg('tunnel-transport.how.flag', { flag: fromFlag, command: redactedCommandLine(process.command) })
        : msg('tunnel-transport.how.env', { value: requested });
      if (requested === 'quic' && down) return [neverConnected([cite(found, how)], down)];
      return [
        {
          status: requested === 'http2' ? 'fail' : 'pass',
          reason: msg(requested === 'http2' ? 'tunnel-transport.process-told-http2' : 'tunnel-transport.process-told-quic', { pid: process.pid, how }),
          evidence: [cite(found, how)],
        },
      ];
    });
}

/** A quick tunnel never proxies ICMP whatever its transport: every summary notes it (icmp-proxy fails on it). */
function quickTunnelNote(found: ReadonlyArray<Sourced<CloudflaredEvidence>>): { quickTunnel: boolean; evidence: FindingEvidence[] } {
  const quick = found.filter((f) => f.value.quickTunnel !== null);
  if (quick.length === 0) return { quickTunnel: false, evidence: [] };
  return {
    quickTunnel: true,
    evidence: quick.map((f) => cite(lineSource(f, f.value.quickTunnel as QuotedLine), (f.value.quickTunnel as QuotedLine).text)),
  };
}

function reasonsOf(verdicts: readonly SourceVerdict[]): Message[] {
  return verdicts.flatMap((v) => (v.reason ? [v.reason] : []));
}

export function checkTunnelTransport(evidence: Evidence, inputs: CheckInputs): Finding {
  const skip = cloudflareSkipReason(evidence, inputs);
  if (skip) return finding(ID, 'skip', skip);

  const { found, failed } = cloudflaredEvidence(evidence);
  const down = tunnelDownSigns(evidence);
  const verdicts = found.map((f) => judgeSource(f, down));
  if (!verdicts.some((v) => v.status !== 'none')) verdicts.push(...requestedByProcesses(evidence, down));
  const quick = quickTunnelNote(found);
  const cited = [...verdicts.flatMap((v) => v.evidence), ...quick.evidence, ...failed.map(citeFailure)];

  const failing = verdicts.filter((v) => v.status === 'fail');
  if (failing.length > 0) {
    const process = connectorProcesses(evidence).found.find((c) => c.process.kind === 'cloudflared');
    // The config the evidence read (with its protocol: line), else the one the start line names.
    const withConfig = found.find((f) => f.value.configPath) ?? null;
    const configPath = withConfig?.value.configPath ?? found.find((f) => f.value.startConfigPath)?.value.startConfigPath ?? null;
    // Not read (a log, or an older report without the key): the fix must not assume the key is absent.
    const configProtocol = withConfig && withConfig.value.configProtocol !== undefined ? withConfig.value.configProtocol : 'unknown';
    return finding(
      ID,
      'fail',
      msg('tunnel-transport.fail', { reasons: reasonsOf(failing), quickTunnel: quick.quickTunnel }),
      cited,
      quicRemediation({
        command: process?.process.command ?? null,
        configPath,
        configProtocol,
        openwrt: decideDeploy(evidence, inputs).style === 'openwrt',
        restart: soleRestartTarget(connectorProcesses(evidence).found.map((c) => c.process), 'cloudflared'),
      }),
    );
  }
  const passing = verdicts.filter((v) => v.status === 'pass');
  if (passing.length > 0) return finding(ID, 'pass', msg('tunnel-transport.pass', { reasons: reasonsOf(passing), quickTunnel: quick.quickTunnel }), cited);

  // The summary counts the places and names a few; every source is cited in full.
  const looked = capped(found.flatMap(placesSaid));
  const read = found.flatMap((f) => cloudflaredSourcesSaid(f.value).map((said) => cite(f, said)));
  const startMissing = found.filter((f) => f.value.runStartSeen === false);
  const rotation = startMissing.map((f) => cite(f, msg('cloudflared-start.run-start-missing')));
  const seen = reasonsOf(verdicts.filter((v) => v.status === 'unknown'));
  if (seen.length === 0 && startMissing.length === 0) {
    // The advice follows what was had: a log with no answer in it, this host's process and metrics, or neither.
    const logRead = found.some((f) => f.value.runStartSeen !== null && f.value.runStartSeen !== undefined);
    const onHost = evidence.cloudflared?.ok === true && (evidence.cloudflared.value.places ?? []).some((place) => place.startsWith('cloudflared pid '));
    const reason =
      logRead || onHost
        ? msg('cloudflared-start.transport.unknown-after', { looked, logRead, onHost, quickTunnel: quick.quickTunnel })
        : msg('tunnel-transport.unknown', { looked, quickTunnel: quick.quickTunnel });
    return finding(ID, 'unknown', reason, [...cited, ...read]);
  }
  return finding(
    ID,
    'unknown',
    msg('cloudflared-start.transport.unknown', { seen, looked, startMissing: startMissing.length > 0, quickTunnel: quick.quickTunnel }),
    [...cited, ...rotation, ...read],
  );
}


/** The first few sources, then "N more": a summary is not the place for ten config paths. */
function capped(items: ReadonlyArray<string | Message>): Array<string | Message> {
  if (items.length <= MAX_LOOKED + 1) return [...items];
  return [...items.slice(0, MAX_LOOKED), msg('cloudflared-start.more', { count: items.length - MAX_LOOKED })];
}
