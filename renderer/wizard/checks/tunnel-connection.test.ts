// tunnel-connection on evidence taken from the recordings of a real cloudflared 2023.7.3
// (e2e/evidence/cloudflared/recordings/2023.7.3): /ready as it answered, the run's real dial
// error lines. None of those runs ever connected (a silent stand-in edge), so the passing case
// uses the seeds' real "Registered tunnel connection" line and a /ready of 200.

import assert from 'node:assert/strict';
import { renderMessage } from '../../i18n/messages/render';
import { describe, it } from 'node:test';
import type { CloudflaredEvidence, Evidence } from '../../../contract/evidence';
import type { Finding } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import type { Message } from '../../../contract/message';
import { en as CONNECTION_MESSAGES } from '../../i18n/messages/parts/tunnel-connection';
import { assertFindingHasNoEnglishProse } from '../../../test-support/i18n/english-prose';
import { inJapaneseOwnWordsOnly, messageKeys } from '../../../test-support/i18n/finding-messages';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCloudflaredLog } from '../../../electron/core/evidence/cloudflared/parse-log';
import { cloudflared, connector, connectors, echo, evidence, inputs, line, local, LOG, repeated, tcp } from '../../../test-support/checks/evidence';
import { ECHO_TIMEOUT } from '../../../test-support/checks/lab-captures';
import { RECORDINGS_DIR, recordedHostFacts, recordedLogLines } from '../../../test-support/recordings/cloudflared-2023.7.3';
import { runChecks } from './index';
import { checkTunnelConnection } from './tunnel-connection';
import { checkTunnelTransport } from './tunnel-transport';

const cloudflare = inputs({ product: 'cloudflare' });

/** Every finding the tests below produced, said again in Japanese at the end. */
const produced: Finding[] = [];
function check(e: Evidence, i: CheckInputs = cloudflare): Finding {
  const f = checkTunnelConnection(e, i);
  produced.push(f);
  return f;
}

/** Recording NAME's log read by the real parser, /ready and the asked-for transport beside it, as the gatherer joins them. */
function recordedEvidence(name: string): CloudflaredEvidence {
  const parsed = parseCloudflaredLog(readFileSync(join(RECORDINGS_DIR, `${name}.log`), 'utf8'), `${name}.log`);
  if (!parsed.ok) assert.fail(`${name}.log: ${parsed.message}`);
  const host = recordedHostFacts(name);
  return { ...parsed.value, readiness: host.readiness, requestedTransport: host.requestedTransport ?? parsed.value.requestedTransport };
}

function recorded(name: string, patch: Partial<CloudflaredEvidence> = {}): Evidence {
  return evidence((e) => {
    e.cloudflared = cloudflared({ ...recordedEvidence(name), ...patch }, `${name}.log`);
  });
}

function signs(f: Finding): string[] {
  return ((f.reason?.params?.['signs'] ?? []) as readonly Message[]).map((m) => m.key);
}

function fixText(f: Finding, id: string): string {
  return f.remediation.find((r) => r.id === id)?.text ?? assert.fail(`no fix ${id}: ${f.remediation.map((r) => r.id).join(', ')}`);
}

describe('tunnel-connection', () => {
  it('fails on --protocol quic with UDP 7844 dropped: /ready 503 and QUIC dials timing out, naming UDP 7844', () => {
    const f = check(recorded('quic-udp-blocked'));
    assert.equal(f.status, 'fail');
    assert.equal(f.reason?.key, 'tunnel-connection.fail');
    assert.equal(f.reason?.params?.['blocked'], 'udp');
    assert.deepEqual(signs(f), ['tunnel-connection.sign.ready', 'tunnel-connection.sign.quic-dials']);
    const [ready, dials] = (f.reason?.params?.['signs'] ?? []) as readonly Message[];
    assert.deepEqual(ready?.params, { url: 'http://127.0.0.1:20242/ready', status: 503, connections: 0 });
    assert.deepEqual(dials?.params, { count: 4 });
    // The evidence: /ready in our words, the first and last failing dial quoted from the log.
    assert.deepEqual(f.evidence[0]?.message, { key: 'tunnel-connection.evidence.ready', params: { status: 503, connections: 0 } });
    const log = recordedLogLines('quic-udp-blocked.log');
    const quicLines = log.filter((l) => l.text.includes('failed to dial to edge with quic'));
    assert.deepEqual(
      f.evidence.slice(1).map((e) => [e.source, e.detail]),
      [quicLines[0]!, quicLines[quicLines.length - 1]!].map((l) => [`quic-udp-blocked.log, line ${l.line}`, l.text]),
    );
    // The fixes open UDP 7844 only, then check and restart.
    assert.equal(fixText(f, 'tunnel-connection.egress-iptables'), 'sudo iptables -I OUTPUT -p udp --dport 7844 -j ACCEPT && sudo ip6tables -I OUTPUT -p udp --dport 7844 -j ACCEPT');
    assert.equal(fixText(f, 'tunnel-connection.egress-nftables'), 'sudo nft insert rule inet filter output udp dport 7844 accept');
    assert.equal(fixText(f, 'tunnel-connection.tunnel-info'), 'cloudflared tunnel info "${TUNNEL}"');
    assert.equal(fixText(f, 'tunnel-connection.restart'), 'sudo systemctl restart cloudflared');
    assert.equal(fixText(f, 'tunnel-connection.ready'), 'curl -sS http://127.0.0.1:20242/ready');
  });

  it('fails on every HTTP/2 run (flag, env, config), naming TCP 7844 from the TLS handshake errors that never say "http2"', () => {
    for (const name of ['http2-flag', 'http2-env', 'http2-config']) {
      const f = check(recorded(name));
      assert.equal(f.status, 'fail', name);
      assert.equal(f.reason?.params?.['blocked'], 'tcp', name);
      assert.deepEqual(signs(f), ['tunnel-connection.sign.ready', 'tunnel-connection.sign.http2-dials'], name);
      assert.match(f.evidence[1]?.detail ?? '', /TLS handshake with edge error: .*:7844: i\/o timeout/, name);
      assert.equal(fixText(f, 'tunnel-connection.egress-nftables'), 'sudo nft insert rule inet filter output tcp dport 7844 accept', name);
      assert.doesNotMatch(fixText(f, 'tunnel-connection.egress-iptables'), /udp/, name);
    }
  });

  it('fails from the log alone (no metrics): three or more failed dials and no registration since the run started', () => {
    const f = check(recorded('quic-udp-blocked', { readiness: null }));
    assert.equal(f.status, 'fail');
    assert.deepEqual(signs(f), ['tunnel-connection.sign.quic-dials', 'tunnel-connection.sign.none-registered']);
    assert.equal(f.reason?.params?.['blocked'], 'udp');
    // QUIC first, then HTTP/2 after the fallback: the dials failing now are the HTTP/2 ones.
    const fellBack = check(recorded('auto-udp-blocked-3edges', { readiness: null }));
    assert.equal(fellBack.status, 'fail');
    assert.equal(fellBack.reason?.params?.['blocked'], 'tcp');
  });

  it('is unknown, not failing, on too few dials, or when the run\'s start is not in the log (a registration may be before it)', () => {
    const facts = recordedEvidence('quic-udp-blocked');
    const few = check(recorded('quic-udp-blocked', { readiness: null, dialFailures: { ...facts.dialFailures!, count: 2 } }));
    assert.equal(few.status, 'unknown');
    assert.equal(few.reason?.key, 'tunnel-connection.unknown');
    assert.equal(few.reason?.params?.['dials'], 2);
    const cut = check(recorded('quic-udp-blocked', { readiness: null, runStartSeen: false }));
    assert.equal(cut.status, 'unknown');
    assert.deepEqual(cut.reason, { key: 'tunnel-connection.unknown-start-cut', params: { count: 4 } });
    // /ready decides even without the run's start.
    assert.equal(check(recorded('quic-udp-blocked', { runStartSeen: false })).status, 'fail');
  });

  it('passes on a registered connection, or a /ready of 200 above 0 (which outranks old dial errors)', () => {
    const registered = check(
      evidence((e) => {
        e.cloudflared = cloudflared({ registered: [{ transport: 'quic', evidence: line(LOG.registeredQuic, 3) }] });
      }),
    );
    assert.equal(registered.status, 'pass');
    assert.equal(registered.reason?.key, 'tunnel-connection.pass');
    const [sign] = (registered.reason?.params?.['signs'] ?? []) as readonly Message[];
    assert.deepEqual(sign, { key: 'tunnel-connection.sign.registered', params: { count: 1, transports: ['quic'] } });
    assert.equal(registered.evidence[0]?.detail, LOG.registeredQuic);
    assert.deepEqual(registered.remediation, []);

    const ready = check(recorded('quic-udp-blocked', { readiness: { url: 'http://127.0.0.1:20242/ready', status: 200, readyConnections: 4 } }));
    assert.equal(ready.status, 'pass');
    assert.deepEqual(signs(ready), ['tunnel-connection.sign.ready']);
  });

  it('is unknown with no evidence that decides it, saying what would (metrics, the log)', () => {
    const f = check(evidence((e) => (e.cloudflared = cloudflared())));
    assert.equal(f.status, 'unknown');
    assert.deepEqual(f.reason, { key: 'tunnel-connection.unknown', params: { looked: ['cloudflared log /var/log/cloudflared.log'], dials: 0, logRead: false, metricsRead: false } });
    assert.match(f.summary, /--metrics ADDRESS/);
    assert.match(f.summary, /--cloudflared-log FILE/);
  });

  it('asks only for what was not had: a log read that said nothing needs /ready, a metrics server without /ready needs the log', () => {
    const logOnly = check(recorded('quic-udp-blocked', { readiness: null, quicTried: null, dialFailures: null }));
    assert.equal(logOnly.status, 'unknown');
    assert.deepEqual([logOnly.reason?.params?.['logRead'], logOnly.reason?.params?.['metricsRead']], [true, false]);
    assert.match(logOnly.summary, /--metrics ADDRESS/);
    assert.doesNotMatch(logOnly.summary, /--cloudflared-log/);
    assert.doesNotMatch(renderMessage(logOnly.reason!, 'ja'), /--cloudflared-log/);
    const metricsOnly = check(evidence((e) => (e.cloudflared = cloudflared({ quicTried: true }))));
    assert.deepEqual([metricsOnly.reason?.params?.['logRead'], metricsOnly.reason?.params?.['metricsRead']], [false, true]);
    assert.match(metricsOnly.summary, /--cloudflared-log FILE/);
    assert.doesNotMatch(metricsOnly.summary, /--metrics ADDRESS/);
  });

  it('is skipped for other products and for a generic tunnel without cloudflared', () => {
    assert.deepEqual(check(recorded('quic-udp-blocked'), inputs({ product: 'twingate' })).reason, { key: 'scope.not-cloudflare', params: { product: 'Twingate' } });
    assert.equal(check(evidence(), inputs()).status, 'skip');
  });

  it('with --protocol quic and QUIC never connecting, tunnel-transport is unknown (not a pass) and the down tunnel explains the rest', () => {
    // Without the connection facts, a --protocol quic alone passed tunnel-transport (issue 9, item 4).
    const transport = checkTunnelTransport(recorded('quic-udp-blocked'), cloudflare);
    produced.push(transport);
    assert.equal(transport.status, 'unknown');
    assert.equal(transport.reason?.key, 'cloudflared-start.transport.unknown');
    const [why] = (transport.reason?.params?.['seen'] ?? []) as readonly Message[];
    assert.equal(why?.key, 'cloudflared-start.transport.told-quic-failing');
    // /ready alone (no dial lines read): QUIC was asked for but never connected.
    const readyOnly = checkTunnelTransport(recorded('quic-udp-blocked', { dialFailures: null }), cloudflare);
    produced.push(readyOnly);
    assert.equal(readyOnly.status, 'unknown');
    const [down] = (readyOnly.reason?.params?.['seen'] ?? []) as readonly Message[];
    assert.equal(down?.key, 'tunnel-connection.quic-never-connected');
    assert.deepEqual(((down?.params?.['signs'] ?? []) as readonly Message[]).map((m) => m.key), ['tunnel-connection.sign.ready']);
    // The same from the log's `Initial protocol quic` line alone (auto, nothing asked).
    const started = checkTunnelTransport(recorded('auto-udp-blocked', { readiness: null }), cloudflare);
    assert.equal(started.status, 'unknown');
    assert.ok(started.evidence.some((e) => e.detail.endsWith('INF Initial protocol quic')), started.evidence.map((e) => e.detail).join('\n'));

    // The whole run: echo vanishes through a tunnel that never connected.
    const log = recordedLogLines('quic-udp-blocked.log');
    const gidLine = log.find((l) => l.text.includes('not within ping_group_range'))!;
    const disabledLine = log.find((l) => l.text.includes('ICMP proxy feature is disabled'))!;
    const e = recorded('quic-udp-blocked', {
      gidOutsideRange: { gid: 0, low: 1, high: 0, evidence: { text: gidLine.text, line: gidLine.line } },
      icmpProxyDisabled: { text: disabledLine.text, line: disabledLine.line },
    });
    e.local = local();
    e.connectors = connectors(connector());
    e.probes.tcp = tcp('connected', '10.200.9.3', 22);
    e.probes.icmp = echo('10.200.9.3', repeated(ECHO_TIMEOUT, 4));
    const findings = runChecks(e, inputs({ product: 'cloudflare', target: '10.200.9.3', tcpPort: 22 }));
    produced.push(...findings);
    const byId = Object.fromEntries(findings.map((f) => [f.id, f]));
    assert.equal(byId['tunnel-connection']?.status, 'fail');
    assert.equal(byId['tunnel-connection']?.explainedBy, undefined);
    for (const id of ['tunnel-transport', 'connector-gid-range', 'tcp-vs-icmp']) {
      assert.deepEqual(byId[id]?.explainedBy, ['tunnel-connection'], `${id}: ${byId[id]?.status}`);
    }
    const causes = findings.filter((f) => f.status === 'fail' && !f.explainedBy).map((f) => f.id);
    assert.deepEqual(causes, ['tunnel-connection']);
  });

  it('says every finding above in Japanese with no English prose, covering every message of tunnel-connection', () => {
    assert.ok(produced.length >= 15, `${produced.length} findings`);
    for (const f of produced) assertFindingHasNoEnglishProse(inJapaneseOwnWordsOnly(f));
    const said = messageKeys(produced);
    const unsaid = Object.keys(CONNECTION_MESSAGES).filter((key) => !said.has(key));
    // sign.dials: dials whose lines name no transport (neither QUIC's nor HTTP/2's wording).
    assert.deepEqual(unsaid, ['tunnel-connection.sign.dials']);
  });
});
