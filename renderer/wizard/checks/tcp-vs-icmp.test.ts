import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { argvOf } from '../remediation/testing/bash';
import { checkTcpVsIcmp } from './tcp-vs-icmp';
import { ECHO_PROHIBITED_V4, ECHO_REPLY, ECHO_TIMEOUT, NET_UNREACHABLE_V4 } from './testing/lab-captures';
import { ICMP_SOURCE, TCP_SOURCE, citations, echo, evidence, inputs, notGathered, remediationText, repeated, tcp, tcpWithControls } from './testing/evidence';

const TARGET = '10.200.2.2';
const withTarget = inputs({ target: TARGET, tcpPort: 22 });

function probed(icmp: ReturnType<typeof echo> | null, tcpResult: ReturnType<typeof tcp> | null) {
  return evidence((e) => {
    e.probes.icmp = icmp;
    e.probes.tcp = tcpResult;
  });
}

describe('tcp-vs-icmp', () => {
  it('passes when TCP connects and echo is answered, citing both probes', () => {
    const f = checkTcpVsIcmp(probed(echo(TARGET, repeated(ECHO_REPLY, 4)), tcp('connected', TARGET)), withTarget);
    assert.equal(f.status, 'pass');
    assert.equal(f.evidence[0]?.source, `${TCP_SOURCE} to ${TARGET}:22`);
    assert.match(citations(f), /TCP connect to 10\.200\.2\.2:22 succeeded/);
    assert.match(citations(f), new RegExp(`${ICMP_SOURCE} to ${TARGET} :: ICMP echo to ${TARGET}: 4 sent: 4 replies, 0 ICMP errors, 0 timeouts`));
  });

  it('fails "ICMP is dropped on the way" when TCP connects and echo vanishes', () => {
    const f = checkTcpVsIcmp(probed(echo(TARGET, repeated({ ...ECHO_TIMEOUT, target: TARGET }, 4)), tcp('connected', TARGET)), withTarget);
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /TCP reaches 10\.200\.2\.2 but ICMP echo vanishes \(no reply, no error\): ICMP is dropped on the way/);
    assert.match(citations(f), /4 sent: 0 replies, 0 ICMP errors, 4 timeouts/);
    assert.deepEqual(argvOf(f.remediation.at(-1)?.text ?? ''), ['icmp-doctor', 'ping', TARGET, '-c', '4']);
  });

  it('counts a refused port as reaching the host (it answered with a reset)', () => {
    const f = checkTcpVsIcmp(probed(echo(TARGET, repeated({ ...ECHO_TIMEOUT, target: TARGET }, 2)), tcp('refused', TARGET)), withTarget);
    assert.equal(f.status, 'fail');
    assert.match(citations(f), /refused \(RST\).*the host answered/);
  });

  it('fails pointing at icmp-policy when echo draws "Packet filtered", naming the sender', () => {
    const target = '10.200.9.1';
    const f = checkTcpVsIcmp(probed(echo(target, repeated(ECHO_PROHIBITED_V4, 4)), tcp('connected', target)), inputs({ target, tcpPort: 22, product: 'twingate' }));
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /"Packet filtered" \(ICMP 3\/13\) from 10\.200\.1\.1: ICMP is refused by policy — see icmp-policy/);
    assert.match(citations(f), /"Packet filtered" \(ICMP 3\/13\) from 10\.200\.1\.1/);
    assert.match(remediationText(f), /Twingate: allow ICMP on the Resource/);
  });

  it('warns that the host is unreachable, not ICMP, when both fail', () => {
    const target = '10.200.8.1';
    const f = checkTcpVsIcmp(probed(echo(target, repeated(NET_UNREACHABLE_V4, 3)), tcp('unreachable', target)), inputs({ target, tcpPort: 443 }));
    assert.equal(f.status, 'warn');
    assert.match(f.summary, /Neither TCP \(unreachable\) nor ICMP reaches 10\.200\.8\.1: the host or the route to it is down .* not an ICMP problem/);
    assert.equal(f.remediation.length, 0);
  });

  it('warns when ICMP works but the TCP port does not', () => {
    const f = checkTcpVsIcmp(probed(echo(TARGET, [ECHO_REPLY]), tcp('timeout', TARGET, 8443)), withTarget);
    assert.equal(f.status, 'warn');
    assert.match(f.summary, /TCP port 8443 did not \(timeout\)/);
  });

  it('is unknown without TCP evidence, asking for --tcp-port, and skipped without a target', () => {
    const f = checkTcpVsIcmp(probed(echo(TARGET, [{ ...ECHO_TIMEOUT, target: TARGET }]), null), inputs({ target: TARGET }));
    assert.equal(f.status, 'unknown');
    assert.match(f.summary, /give --tcp-port P/);
    assert.equal(checkTcpVsIcmp(evidence(), inputs()).status, 'skip');
    assert.match(checkTcpVsIcmp(evidence(), inputs()).summary, /--target T --tcp-port P/);
  });

  it('is unknown when ICMP could not be sent, citing why', () => {
    const f = checkTcpVsIcmp(probed(notGathered('PERMISSION_DENIED', 'ICMP socket refused: ping_group_range "1 0"', ICMP_SOURCE), tcp('connected', TARGET)), withTarget);
    assert.equal(f.status, 'unknown');
    assert.match(f.summary, /fix local-icmp-socket first/);
    assert.match(citations(f), /PERMISSION_DENIED/);
  });
});

describe('tcp-vs-icmp: a handshake a middlebox completed proves nothing', () => {
  const DEAD = '10.200.9.3';
  const silent = (target: string) => echo(target, repeated({ ...ECHO_TIMEOUT, target }, 4));

  it('is unknown, not "ICMP vanishes", when every control port connected too: the target may be down', () => {
    const f = checkTcpVsIcmp(probed(silent(DEAD), tcpWithControls(DEAD, 8443, 'connected')), inputs({ target: DEAD, tcpPort: 8443 }));
    assert.equal(f.status, 'unknown', f.summary);
    assert.deepEqual(f.remediation, [], 'no ICMP fix for what may be a dead host');
    // The control connects are cited, port by port.
    assert.match(citations(f), /\b9 connected\b.*\b51234 connected\b/);
  });

  it('is unknown on an ICMP error too: the TCP half cannot corroborate it (icmp-policy judges the error)', () => {
    const f = checkTcpVsIcmp(probed(echo('10.200.9.1', repeated(ECHO_PROHIBITED_V4, 4)), tcpWithControls('10.200.9.1', 8443, 'connected')), inputs({ target: '10.200.9.1', tcpPort: 8443 }));
    assert.equal(f.status, 'unknown', f.summary);
  });

  it('still passes when echo is answered', () => {
    const f = checkTcpVsIcmp(probed(echo(TARGET, repeated(ECHO_REPLY, 4)), tcpWithControls(TARGET, 8443, 'connected')), withTarget);
    assert.equal(f.status, 'pass', f.summary);
  });

  it('counts TCP as before when the control ports were refused (a real host answered)', () => {
    const f = checkTcpVsIcmp(probed(silent(TARGET), tcpWithControls(TARGET, 22, 'refused')), withTarget);
    assert.equal(f.status, 'fail', f.summary);
    assert.match(citations(f), /\b9 refused \(ECONNREFUSED\)/);
  });

  it('counts TCP as before when the control ports only timed out (undecided: a host that drops closed ports)', () => {
    const f = checkTcpVsIcmp(probed(silent(TARGET), tcpWithControls(TARGET, 22, 'timeout')), withTarget);
    assert.equal(f.status, 'fail', f.summary);
  });
});
