// tunnel-transport: cloudflared carries ICMP (and UDP) only over QUIC. Over HTTP/2 — asked
// for with --protocol http2 / TUNNEL_TRANSPORT_PROTOCOL / config.yml, or fallen back to when
// UDP 7844 egress is blocked — it carries TCP alone, and after a fallback it stays on HTTP/2
// until restarted.

import type { CloudflaredEvidence, Evidence, QuotedLine, Transport } from '../../../contract/evidence';
import type { Finding, FindingEvidence } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import { decideDeploy } from '../deploy/detect';
import { quicRemediation } from '../remediation/cloudflared-transport';
import { cite, citeFailure } from './cite';
import { asTransport, protocolFlag, redactedCommandLine } from './command-line';
import { finding } from './finding';
import { cloudflareSkipReason } from './scope';
import { cloudflaredEvidence, connectorProcesses, type Sourced } from './sources';

const ID = 'tunnel-transport';

function lineSource(source: string, line: QuotedLine): string {
  return line.line !== null ? `${source}, line ${line.line}` : source;
}

interface SourceVerdict {
  status: 'pass' | 'fail' | 'none';
  reason: string;
  evidence: FindingEvidence[];
}

/** The transport one source shows now: a fallback or HTTP/2 registration after the last QUIC one wins. */
function judgeSource({ value, source }: Sourced<CloudflaredEvidence>): SourceVerdict {
  const evidence: FindingEvidence[] = [];
  const lastQuic = [...value.registered].reverse().find((r) => r.transport === 'quic');
  const lastHttp2 = [...value.registered].reverse().find((r) => r.transport === 'http2');
  const after = (a: QuotedLine, b: QuotedLine | undefined): boolean => !b || a.line === null || b.line === null || a.line > b.line;

  if (value.fallbackToHttp2 && after(value.fallbackToHttp2, lastQuic?.evidence)) {
    evidence.push(cite(lineSource(source, value.fallbackToHttp2), value.fallbackToHttp2.text));
    return {
      status: 'fail',
      reason: 'cloudflared fell back to HTTP/2 because QUIC (UDP 7844 outbound) failed, and it stays on HTTP/2 until it is restarted',
      evidence,
    };
  }
  if (lastHttp2 && after(lastHttp2.evidence, lastQuic?.evidence)) {
    evidence.push(cite(lineSource(source, lastHttp2.evidence), lastHttp2.evidence.text));
    return { status: 'fail', reason: 'cloudflared registered its connections over HTTP/2', evidence };
  }
  if (value.requestedTransport?.value === 'http2') {
    evidence.push(cite(source, `protocol http2 requested by ${value.requestedTransport.from}: ${value.requestedTransport.detail}`));
    return { status: 'fail', reason: `cloudflared is told to use HTTP/2 (${value.requestedTransport.from}: ${value.requestedTransport.detail})`, evidence };
  }
  if (lastQuic) {
    evidence.push(cite(lineSource(source, lastQuic.evidence), lastQuic.evidence.text));
    return { status: 'pass', reason: 'cloudflared registered its connections over QUIC', evidence };
  }
  if (value.requestedTransport?.value === 'quic') {
    evidence.push(cite(source, `protocol quic requested by ${value.requestedTransport.from}: ${value.requestedTransport.detail}`));
    // An explicit quic never falls back to HTTP/2; it keeps retrying QUIC instead.
    return { status: 'pass', reason: `cloudflared is told to use QUIC (${value.requestedTransport.from}), which never falls back to HTTP/2`, evidence };
  }
  if (value.requestedTransport) evidence.push(cite(source, `protocol ${value.requestedTransport.value} (${value.requestedTransport.from}: ${value.requestedTransport.detail})`));
  if (value.quicTried) evidence.push(cite(source, 'quic_client_* metrics exist: QUIC was tried'));
  return { status: 'none', reason: '', evidence };
}

/** A transport asked for on a connector's command line or environment, when cloudflared's own evidence has none. */
function requestedByProcesses(evidence: Evidence): SourceVerdict[] {
  return connectorProcesses(evidence)
    .found.filter((c) => c.process.kind === 'cloudflared')
    .flatMap(({ process, source }): SourceVerdict[] => {
      const fromFlag = asTransport(protocolFlag(process.command));
      const fromEnv = process.environment.ok ? asTransport(process.environment.value['TUNNEL_TRANSPORT_PROTOCOL']) : null;
      const requested: Transport | 'auto' | null = fromFlag ?? fromEnv;
      if (requested !== 'quic' && requested !== 'http2') return [];
      const how = fromFlag ? `--protocol ${fromFlag} in: ${redactedCommandLine(process.command)}` : `TUNNEL_TRANSPORT_PROTOCOL=${fromEnv}`;
      return [
        {
          status: requested === 'http2' ? 'fail' : 'pass',
          reason: requested === 'http2' ? `cloudflared (pid ${process.pid}) is told to use HTTP/2 (${how})` : `cloudflared (pid ${process.pid}) is told to use QUIC (${how})`,
          evidence: [cite(source, how)],
        },
      ];
    });
}

function quickTunnelNote(found: ReadonlyArray<Sourced<CloudflaredEvidence>>): { note: string; evidence: FindingEvidence[] } {
  const quick = found.filter((f) => f.value.quickTunnel !== null);
  if (quick.length === 0) return { note: '', evidence: [] };
  return {
    note: ' Note: this is a quick tunnel (trycloudflare.com), which never proxies ICMP whatever its transport — see icmp-proxy.',
    evidence: quick.map((f) => cite(lineSource(f.source, f.value.quickTunnel as QuotedLine), (f.value.quickTunnel as QuotedLine).text)),
  };
}

export function checkTunnelTransport(evidence: Evidence, inputs: CheckInputs): Finding {
  const skip = cloudflareSkipReason(evidence, inputs);
  if (skip) return finding(ID, 'skip', skip);

  const { found, failed } = cloudflaredEvidence(evidence);
  const verdicts = found.map(judgeSource);
  if (!verdicts.some((v) => v.status !== 'none')) verdicts.push(...requestedByProcesses(evidence));
  const quick = quickTunnelNote(found);
  const cited = [...verdicts.flatMap((v) => v.evidence), ...quick.evidence, ...failed.map(citeFailure)];

  const failing = verdicts.filter((v) => v.status === 'fail');
  if (failing.length > 0) {
    const process = connectorProcesses(evidence).found.find((c) => c.process.kind === 'cloudflared');
    const configPath = found.find((f) => f.value.configPath)?.value.configPath ?? null;
    return finding(
      ID,
      'fail',
      `${failing.map((v) => v.reason).join('; ')}. HTTP/2 carries only TCP, so no ping crosses the tunnel: switch to QUIC and allow outbound UDP 7844.${quick.note}`,
      cited,
      quicRemediation({ command: process?.process.command ?? null, configPath, openwrt: decideDeploy(evidence, inputs).style === 'openwrt' }),
    );
  }
  const passing = verdicts.filter((v) => v.status === 'pass');
  if (passing.length > 0) return finding(ID, 'pass', `${passing.map((v) => v.reason).join('; ')}: QUIC carries ICMP.${quick.note}`, cited);

  const looked = found.length > 0 ? ` (looked at: ${found.flatMap((f) => (f.value.sources.length > 0 ? f.value.sources : [f.source])).join(', ')})` : '';
  return finding(
    ID,
    'unknown',
    `Which transport cloudflared uses is not known${looked}: give --cloudflared-log FILE with its "Registered tunnel connection … protocol=" lines (or run on the cloudflared host so its metrics server and command line can be read).${quick.note}`,
    cited,
  );
}
