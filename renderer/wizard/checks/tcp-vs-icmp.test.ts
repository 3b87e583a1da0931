import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../../contract/findings';
import type { Message } from '../../../contract/message';
import { EN_MESSAGES } from '../../i18n/messages/catalogue';
import { assertFindingHasNoEnglishProse } from '../../../test-support/i18n/english-prose';
import { inJapaneseOwnWordsOnly, messageKeys } from '../../../test-support/i18n/finding-messages';
import { argvOf } from '../../../test-support/remediation/bash';
import { checkTcpVsIcmp } from './tcp-vs-icmp';
import { ECHO_PROHIBITED_V4, ECHO_REPLY, ECHO_TIMEOUT, NET_UNREACHABLE_V4 } from '../../../test-support/checks/lab-captures';
import { ICMP_SOURCE, TCP_SOURCE, echo, evidence, inputs, notGathered, repeated, tcp, tcpWithControls } from '../../../test-support/checks/evidence';

const TARGET = '10.200.2.2';
const withTarget = inputs({ target: TARGET, tcpPort: 22 });

function probed(icmp: ReturnType<typeof echo> | null, tcpResult: ReturnType<typeof tcp> | null) {
  return evidence((e) => {
    e.probes.icmp = icmp;
    e.probes.tcp = tcpResult;
  });
}

/** The messages the finding cites under `key`. */
function cited(f: Finding, key: string): Message[] {
  return f.evidence.flatMap((item) => (item.message?.key === key ? [item.message] : []));
}

/** The parameters of a message-valued parameter (a nested message such as a tally). */
function nested(m: Message | undefined, name: string): Readonly<Record<string, unknown>> | undefined {
  const value = m?.params?.[name];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Message).params : undefined;
}

/** The echo's tally as cited: { sent, replies, errors, timeouts, refused }. */
function echoTally(f: Finding): Readonly<Record<string, unknown>> | undefined {
  return nested(cited(f, 'tcp-vs-icmp.evidence.echo')[0], 'tally');
}

/** Each control connect cited, as "port outcome errno". */
function controlConnects(f: Finding): string[] {
  const controls = cited(f, 'tcp-proxied.controls')[0]?.params?.['controls'];
  return Array.isArray(controls) ? controls.map((c: Message) => `${String(c.params?.['port'])} ${String(c.params?.['outcome'])} ${String(c.params?.['errno'])}`) : [];
}

describe('tcp-vs-icmp', () => {
  it('passes when TCP connects and echo is answered, citing both probes', () => {
    const f = checkTcpVsIcmp(probed(echo(TARGET, repeated(ECHO_REPLY, 4)), tcp('connected', TARGET)), withTarget);
    assert.equal(f.status, 'pass');
    assert.deepEqual(f.reason, { key: 'tcp-vs-icmp.both-reach', params: { address: TARGET } });
    assert.equal(f.evidence[0]?.source, `${TCP_SOURCE} to ${TARGET}:22`);
    assert.deepEqual(f.evidence[0]?.message, { key: 'tcp-vs-icmp.evidence.tcp-connected', params: { address: TARGET, port: 22, ms: 0.4 } });
    assert.equal(f.evidence.find((item) => item.message?.key === 'tcp-vs-icmp.evidence.echo')?.source, `${ICMP_SOURCE} to ${TARGET}`);
    assert.deepEqual(echoTally(f), { sent: 4, replies: 4, errors: 0, timeouts: 0, refused: 0 });
  });

  it('fails "ICMP is dropped on the way" when TCP connects and echo vanishes', () => {
    const f = checkTcpVsIcmp(probed(echo(TARGET, repeated({ ...ECHO_TIMEOUT, target: TARGET }, 4)), tcp('connected', TARGET)), withTarget);
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.reason, { key: 'tcp-vs-icmp.icmp-dropped', params: { address: TARGET } });
    assert.deepEqual(echoTally(f), { sent: 4, replies: 0, errors: 0, timeouts: 4, refused: 0 });
    assert.deepEqual(argvOf(f.remediation.at(-1)?.text ?? ''), ['icmp-doctor', 'ping', TARGET, '-c', '4']);
  });

  it('counts a refused port as reaching the host (it answered with a reset)', () => {
    const f = checkTcpVsIcmp(probed(echo(TARGET, repeated({ ...ECHO_TIMEOUT, target: TARGET }, 2)), tcp('refused', TARGET)), withTarget);
    assert.equal(f.status, 'fail');
    assert.equal(f.reason?.key, 'tcp-vs-icmp.icmp-dropped');
    assert.deepEqual(cited(f, 'tcp-vs-icmp.evidence.tcp-refused'), [{ key: 'tcp-vs-icmp.evidence.tcp-refused', params: { address: TARGET, port: 22, ms: 0.4 } }]);
  });

  it('fails pointing at icmp-policy when echo draws "Packet filtered", naming the sender', () => {
    const target = '10.200.9.1';
    const f = checkTcpVsIcmp(probed(echo(target, repeated(ECHO_PROHIBITED_V4, 4)), tcp('connected', target)), inputs({ target, tcpPort: 22, product: 'twingate' }));
    assert.equal(f.status, 'fail');
    const packetFiltered = { key: 'probe.error', params: { name: 'Packet filtered', kind: 'ICMP 3/13', from: '10.200.1.1' } };
    assert.deepEqual(f.reason, { key: 'tcp-vs-icmp.icmp-refused-by-policy', params: { address: target, error: packetFiltered } });
    assert.deepEqual(cited(f, 'probe.error'), [packetFiltered]);
    assert.deepEqual(
      f.remediation.map((fix) => fix.id),
      ['product-access.twingate-resource', 'retest.ping'],
    );
  });

  it('fails pointing at the path, not a policy, when TCP passes and echo draws another ICMP error', () => {
    const f = checkTcpVsIcmp(probed(echo('10.200.8.1', repeated(NET_UNREACHABLE_V4, 2)), tcp('connected', '10.200.8.1')), inputs({ target: '10.200.8.1', tcpPort: 22 }));
    assert.equal(f.status, 'fail');
    assert.equal(f.reason?.key, 'tcp-vs-icmp.icmp-rejected-on-path');
    assert.equal(nested(f.reason, 'error')?.['from'], NET_UNREACHABLE_V4.error?.from);
  });

  it('warns that the host is unreachable, not ICMP, when both fail', () => {
    const target = '10.200.8.1';
    const f = checkTcpVsIcmp(probed(echo(target, repeated(NET_UNREACHABLE_V4, 3)), tcp('unreachable', target, 443)), inputs({ target, tcpPort: 443 }));
    assert.equal(f.status, 'warn');
    assert.deepEqual(f.reason, { key: 'tcp-vs-icmp.neither-reaches', params: { address: target, outcome: 'unreachable' } });
    assert.deepEqual(cited(f, 'tcp-vs-icmp.evidence.tcp-failed')[0]?.params, { address: target, port: 443, ms: 0.4, outcome: 'unreachable', errno: 'EHOSTUNREACH' });
    assert.equal(f.remediation.length, 0);
  });

  it('warns when ICMP works but the TCP port does not', () => {
    const f = checkTcpVsIcmp(probed(echo(TARGET, [ECHO_REPLY]), tcp('timeout', TARGET, 8443)), withTarget);
    assert.equal(f.status, 'warn');
    assert.deepEqual(f.reason, { key: 'tcp-vs-icmp.tcp-port-fails', params: { address: TARGET, port: 8443, outcome: 'timeout' } });
  });

  it('is unknown without TCP evidence, asking for --tcp-port, and skipped without a target', () => {
    const f = checkTcpVsIcmp(probed(echo(TARGET, [{ ...ECHO_TIMEOUT, target: TARGET }]), null), inputs({ target: TARGET }));
    assert.equal(f.status, 'unknown');
    assert.deepEqual(f.reason, { key: 'tcp-vs-icmp.no-reply.no-tcp-port', params: { address: TARGET } });
    const withPort = checkTcpVsIcmp(probed(echo(TARGET, [{ ...ECHO_TIMEOUT, target: TARGET }]), null), withTarget);
    assert.equal(withPort.reason?.key, 'tcp-vs-icmp.no-reply.tcp-not-run', 'with a port given, the TCP step is what is missing');
    const skipped = checkTcpVsIcmp(evidence(), inputs());
    assert.equal(skipped.status, 'skip');
    assert.equal(skipped.reason?.key, 'tcp-vs-icmp.no-target');
  });

  it('is unknown when ICMP could not be sent, citing why', () => {
    const f = checkTcpVsIcmp(probed(notGathered('PERMISSION_DENIED', 'ICMP socket refused: ping_group_range "1 0"', ICMP_SOURCE), tcp('connected', TARGET)), withTarget);
    assert.equal(f.status, 'unknown');
    assert.deepEqual(f.reason, { key: 'tcp-vs-icmp.icmp-not-sent', params: { target: TARGET, code: 'PERMISSION_DENIED' } });
    assert.equal(cited(f, 'failure.cited')[0]?.params?.['code'], 'PERMISSION_DENIED');
  });
});

describe('tcp-vs-icmp: a handshake a middlebox completed proves nothing', () => {
  const DEAD = '10.200.9.3';
  const silent = (target: string) => echo(target, repeated({ ...ECHO_TIMEOUT, target }, 4));

  it('is unknown, not "ICMP vanishes", when every control port connected too: the target may be down', () => {
    const f = checkTcpVsIcmp(probed(silent(DEAD), tcpWithControls(DEAD, 8443, 'connected')), inputs({ target: DEAD, tcpPort: 8443 }));
    assert.equal(f.status, 'unknown', f.summary);
    assert.equal(f.reason?.key, 'tcp-vs-icmp.proxied.no-reply');
    assert.deepEqual(f.reason?.params?.['proxied'], { key: 'tcp-proxied.statement', params: { address: DEAD, port: 8443, ports: [9, 51234] } });
    assert.deepEqual(f.remediation, [], 'no ICMP fix for what may be a dead host');
    // The control connects are cited, port by port, with the verdict.
    assert.deepEqual(controlConnects(f), ['9 connected null', '51234 connected null']);
    assert.equal(cited(f, 'tcp-proxied.controls')[0]?.params?.['proxied'], true);
  });

  it('is unknown on an ICMP error too: the TCP half cannot corroborate it (icmp-policy judges the error)', () => {
    const f = checkTcpVsIcmp(probed(echo('10.200.9.1', repeated(ECHO_PROHIBITED_V4, 4)), tcpWithControls('10.200.9.1', 8443, 'connected')), inputs({ target: '10.200.9.1', tcpPort: 8443 }));
    assert.equal(f.status, 'unknown', f.summary);
    assert.equal(f.reason?.key, 'tcp-vs-icmp.proxied.no-reply');
  });

  it('still passes when echo is answered', () => {
    const f = checkTcpVsIcmp(probed(echo(TARGET, repeated(ECHO_REPLY, 4)), tcpWithControls(TARGET, 8443, 'connected')), withTarget);
    assert.equal(f.status, 'pass', f.summary);
    assert.equal(f.reason?.key, 'tcp-vs-icmp.proxied.answered');
  });

  it('counts TCP as before when the control ports were refused (a real host answered)', () => {
    const f = checkTcpVsIcmp(probed(silent(TARGET), tcpWithControls(TARGET, 22, 'refused')), withTarget);
    assert.equal(f.status, 'fail', f.summary);
    assert.equal(f.reason?.key, 'tcp-vs-icmp.icmp-dropped');
    assert.deepEqual(controlConnects(f), ['9 refused ECONNREFUSED', '51234 refused ECONNREFUSED']);
    assert.equal(cited(f, 'tcp-proxied.controls')[0]?.params?.['proxied'], false);
  });

  it('counts TCP as before when the control ports only timed out (undecided: a host that drops closed ports)', () => {
    const f = checkTcpVsIcmp(probed(silent(TARGET), tcpWithControls(TARGET, 22, 'timeout')), withTarget);
    assert.equal(f.status, 'fail', f.summary);
    assert.equal(cited(f, 'tcp-proxied.controls')[0]?.params?.['proxied'], null);
  });
});

/** One finding for each way the check can end (every reason key of the check). */
function everyBranch(): Finding[] {
  const silentTarget = echo(TARGET, repeated({ ...ECHO_TIMEOUT, target: TARGET }, 4));
  const prohibited = echo('10.200.9.1', repeated(ECHO_PROHIBITED_V4, 4));
  const unreachable = echo('10.200.8.1', repeated(NET_UNREACHABLE_V4, 3));
  const answered = echo(TARGET, repeated(ECHO_REPLY, 4));
  return [
    checkTcpVsIcmp(evidence(), inputs()),
    checkTcpVsIcmp(evidence(), withTarget),
    checkTcpVsIcmp(probed(notGathered('PERMISSION_DENIED', 'ICMP socket refused: ping_group_range "1 0"', ICMP_SOURCE), null), withTarget),
    checkTcpVsIcmp(probed(answered, null), withTarget),
    checkTcpVsIcmp(probed(silentTarget, null), inputs({ target: TARGET })),
    checkTcpVsIcmp(probed(silentTarget, null), withTarget),
    checkTcpVsIcmp(probed(silentTarget, notGathered('TIMEOUT', 'no answer in 10 s', TCP_SOURCE)), withTarget),
    checkTcpVsIcmp(probed(answered, tcpWithControls(TARGET, 8443, 'connected')), withTarget),
    checkTcpVsIcmp(probed(silentTarget, tcpWithControls(TARGET, 8443, 'connected')), withTarget),
    checkTcpVsIcmp(probed(answered, tcp('connected', TARGET)), withTarget),
    checkTcpVsIcmp(probed(answered, tcp('timeout', TARGET, 8443)), withTarget),
    checkTcpVsIcmp(probed(prohibited, tcp('connected', '10.200.9.1')), inputs({ target: '10.200.9.1', tcpPort: 22, product: 'twingate' })),
    checkTcpVsIcmp(probed(unreachable, tcp('connected', '10.200.8.1')), inputs({ target: '10.200.8.1', tcpPort: 22 })),
    checkTcpVsIcmp(probed(silentTarget, tcpWithControls(TARGET, 22, 'refused')), inputs({ target: TARGET, tcpPort: 22, product: 'firezone' })),
    checkTcpVsIcmp(probed(silentTarget, tcp('refused', TARGET)), withTarget),
    checkTcpVsIcmp(probed(unreachable, tcp('unreachable', '10.200.8.1', 443)), inputs({ target: '10.200.8.1', tcpPort: 443 })),
  ];
}

describe('tcp-vs-icmp in Japanese', () => {
  it('says every finding, its evidence and its fixes without English prose', () => {
    const findings = everyBranch();
    assert.deepEqual([...new Set(findings.map((f) => f.status))].sort(), ['fail', 'pass', 'skip', 'unknown', 'warn']);
    const reasons = Object.keys(EN_MESSAGES).filter((key) => key.startsWith('tcp-vs-icmp.') && !key.startsWith('tcp-vs-icmp.evidence.'));
    assert.deepEqual([...new Set(findings.map((f) => f.reason?.key))].sort(), reasons.sort(), 'every reason the check has is said here');
    // Every message of the area is carried somewhere (evidence too); the one left is icmp-policy's.
    const said = messageKeys(findings);
    const unsaid = Object.keys(EN_MESSAGES).filter((key) => (key.startsWith('tcp-vs-icmp.') || key.startsWith('tcp-proxied.')) && !said.has(key));
    assert.deepEqual(unsaid, ['tcp-proxied.no-controls']);
    for (const f of findings) {
      const ja = inJapaneseOwnWordsOnly(f);
      assert.notEqual(ja.summary, f.summary, `${f.reason?.key ?? f.id} is said in Japanese`);
      assertFindingHasNoEnglishProse(ja);
    }
  });
});
