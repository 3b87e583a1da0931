import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { ConnectorProcess, PodSpecFacts } from '../../../contract/evidence';
import type { Finding } from '../../../contract/findings';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { localizeFinding } from '../../i18n/messages/render';
import { assertFindingHasNoEnglishProse } from '../../../test-support/i18n/english-prose';
import { argvOf, bashSyntax } from '../../../test-support/remediation/bash';
import { parseRangeValue } from './connector-gid-observations';
import { checkConnectorGidRange } from './connector-gid-range';
import {
  LOG,
  citations,
  cloudflared,
  connector,
  connectorReport,
  connectors,
  evidence,
  gathered,
  inputs,
  line,
  notGathered,
  remediationText,
} from '../../../test-support/checks/evidence';

const cloudflare = inputs({ product: 'cloudflare' });
const TOKEN = 'eyJhIjoiMTIzNDU2Nzg5MGFiY2RlZiIsInQiOiJzZWNyZXQifQ==';

function commandOf(id: string, f: Finding): string {
  const fix = f.remediation.find((r) => r.id === id);
  assert.ok(fix, `no remediation ${id}: ${f.remediation.map((r) => r.id).join(' | ')}`);
  return fix.text;
}

/** The observations' notes the summary joins (the finding's reason carries them as a list). */
function notesOf(f: Finding): Message[] {
  const notes = f.reason?.params?.['notes'];
  assert.ok(Array.isArray(notes), `${f.reason?.key}: no notes`);
  return notes as Message[];
}

function noteKeys(f: Finding): string[] {
  return notesOf(f).map((note) => note.key);
}

const quoted = (range: string, empty = false): Message => msg('ping-range.quoted', { range, empty });

describe('connector-gid-range: connector processes', () => {
  it('fails for cloudflared as root under "1 0" in its netns, with the process cited (token redacted) and a host fix', () => {
    const f = checkConnectorGidRange(evidence((e) => (e.connectors = connectors(connector()))), cloudflare);
    assert.equal(f.status, 'fail');
    assert.equal(f.reason?.key, 'connector-gid.fail');
    assert.deepEqual(notesOf(f), [msg('connector-gid.process.outside', { connector: 'cloudflared', pid: 812, egid: 0, groups: [], quoted: quoted('1 0', true) })]);
    assert.ok(!JSON.stringify(f).includes(TOKEN), 'the tunnel token must not be cited');
    assert.equal(f.evidence[0]?.source, '/proc (pid 812)');
    assert.deepEqual(f.evidence[0]?.message, msg('connector-gid.process.cited', {
      command: '/usr/bin/cloudflared --no-autoupdate tunnel run --token [redacted]',
      gids: [0, 0, 0, 0],
      groups: [],
      netns: 'net:[4026531840]',
      container: null,
    }));
    assert.deepEqual(f.evidence[1]?.message, msg('connector-gid.process.range-cited', { range: '1 0', ownNetns: false }));
    assert.deepEqual(argvOf(commandOf('ping-range.host-now', f)), ['sudo', 'sysctl', '-w', 'net.ipv4.ping_group_range=0 0']);
    assert.deepEqual(argvOf(commandOf('ping-range.systemd-restart', f)), ['sudo', 'systemctl', 'restart', 'cloudflared']);
    assert.ok(f.remediation.some((r) => r.kind === 'file' && r.path === '/etc/sysctl.d/60-icmp-doctor-ping.conf' && r.text.includes('= 0 0')));
  });

  it('fails for cloudflared whose egid is outside though a supplementary group is inside (it checks only its egid)', () => {
    const process = connector({ gids: [1000, 1000, 1000, 1000], uids: [1000, 1000, 1000, 1000], groups: [1000, 65532], pingGroupRange: gathered({ low: 65532, high: 65532 }, '/proc/812/ns/net') });
    const f = checkConnectorGidRange(evidence((e) => (e.connectors = connectors(process))), cloudflare);
    assert.equal(f.status, 'fail');
    assert.deepEqual(notesOf(f), [msg('connector-gid.process.only-supplementary', { connector: 'cloudflared', pid: 812, egid: 1000, groups: [65532], quoted: quoted('65532 65532') })]);
    assert.deepEqual(argvOf(commandOf('ping-range.host-now', f)), ['sudo', 'sysctl', '-w', 'net.ipv4.ping_group_range=1000 65532']);
    const group = f.remediation.find((r) => r.path === '/etc/systemd/system/cloudflared.service.d/icmp-doctor-group.conf');
    assert.equal(group?.text, '[Service]\nGroup=65532\n');
  });

  it('passes for a Twingate connector admitted by a supplementary group (the kernel\'s rule)', () => {
    const process = connector({ kind: 'twingate', pid: 455, command: ['/usr/bin/twingate-connector'], gids: [1000, 1000, 1000, 1000], groups: [1000, 65532], pingGroupRange: gathered({ low: 65532, high: 65532 }, '/proc/455/ns/net') });
    const f = checkConnectorGidRange(evidence((e) => (e.connectors = connectors(process))), inputs({ product: 'twingate' }));
    assert.equal(f.status, 'pass');
    assert.deepEqual(f.reason, msg('connector-gid.pass', {
      notes: [msg('connector-gid.process.inside', { connector: msg('connector-gid.kind.twingate'), pid: 455, egid: 1000, groups: [65532], quoted: quoted('65532 65532') })],
      unchecked: [],
    }));
    assert.equal(f.remediation.length, 0);
  });

  it('gives pod and Helm fixes for a connector in a Kubernetes pod', () => {
    const process = connector({
      kind: 'twingate',
      pid: 2211,
      command: ['/connectord'],
      gids: [65532, 65532, 65532, 65532],
      groups: [],
      netns: 'net:[4026532901]',
      sameNetnsAsUs: false,
      container: 'kubernetes',
      pingGroupRange: gathered({ low: 1, high: 0 }, '/proc/2211/ns/net'),
    });
    const f = checkConnectorGidRange(evidence((e) => (e.connectors = connectors(process))), inputs({ product: 'twingate' }));
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.evidence[1]?.message, msg('connector-gid.process.range-cited', { range: '1 0', ownNetns: true }));
    assert.equal(f.evidence[0]?.message?.params?.['container'], 'kubernetes');
    assert.deepEqual(parse(commandOf('ping-range.kubernetes-pod-sysctls', f)), { securityContext: { sysctls: [{ name: 'net.ipv4.ping_group_range', value: '65532 65532' }] } });
    assert.deepEqual(parse(commandOf('ping-range.helm-icmp-support', f)), { icmpSupport: { enabled: true } });
    assert.ok(!f.remediation.some((r) => r.id.startsWith('ping-range.host-')), 'a pod\'s namespace is not the host\'s');
  });

  it('gives docker --sysctl and compose fixes for a container with its own network namespace', () => {
    const process = connector({ gids: [65532, 65532, 65532, 65532], container: 'docker', sameNetnsAsUs: false, netns: 'net:[4026532777]' });
    const f = checkConnectorGidRange(evidence((e) => (e.connectors = connectors(process))), cloudflare);
    assert.equal(f.status, 'fail');
    const argv = argvOf(commandOf('ping-range.docker-run', f));
    assert.equal(argv[argv.indexOf('--sysctl') + 1], 'net.ipv4.ping_group_range=65532 65532');
    assert.deepEqual(parse(commandOf('ping-range.compose-sysctls', f)), { services: { cloudflared: { sysctls: { 'net.ipv4.ping_group_range': '65532 65532' } } } });
  });

  it('is unknown when the connector\'s namespace could not be entered, with the command that reads it', () => {
    const process = connector({ sameNetnsAsUs: false, pingGroupRange: notGathered('PERMISSION_DENIED', 'entering /proc/812/ns/net needs CAP_SYS_ADMIN (run as root)', '/proc/812/ns/net') });
    const f = checkConnectorGidRange(evidence((e) => (e.connectors = connectors(process))), cloudflare);
    assert.equal(f.status, 'unknown');
    assert.equal(f.reason?.key, 'connector-gid.unknown');
    const [note] = notesOf(f);
    assert.equal(note?.key, 'connector-gid.process.range-unreadable');
    assert.equal((note?.params?.['failure'] as Message | undefined)?.params?.['code'], 'PERMISSION_DENIED');
    assert.deepEqual(argvOf(String(note?.params?.['command'])), ['sudo', 'nsenter', '--target', '812', '--net', 'sysctl', 'net.ipv4.ping_group_range']);
    assert.equal(f.evidence[1]?.message?.params?.['code'], 'PERMISSION_DENIED');
    assert.match(f.evidence[1]?.detail ?? '', /CAP_SYS_ADMIN/);
  });

  it('reads processes from an imported connector report, citing the report', () => {
    const e = evidence((e) => (e.imported.connectorReports = [connectorReport('pi-report.json', { connectors: connectors(connector()) })]));
    const f = checkConnectorGidRange(e, inputs());
    assert.equal(f.status, 'fail');
    assert.match(f.evidence[0]?.source ?? '', /^connector report pi-report\.json: \/proc \(pid 812\)$/);
    assert.deepEqual(noteKeys(f), ['connector-gid.process.outside']);
  });
});

describe('connector-gid-range: cloudflared\'s own words', () => {
  it('fails on the GID warning, citing the line, suggesting a range that admits that GID', () => {
    const e = evidence((e) => (e.cloudflared = cloudflared({ gidOutsideRange: { gid: 0, low: 1, high: 0, evidence: line(LOG.gidWarning, 1) }, icmpProxyDisabled: line(LOG.proxyDisabled, 2) })));
    const f = checkConnectorGidRange(e, cloudflare);
    assert.equal(f.status, 'fail');
    assert.deepEqual(notesOf(f), [msg('connector-gid.log.gid-outside', { gid: 0, quoted: quoted('1 0', true) })]);
    assert.equal(f.evidence[0]?.source, '/var/log/cloudflared.log, line 1');
    assert.equal(f.evidence[0]?.detail, LOG.gidWarning);
    assert.equal(f.evidence[0]?.message, undefined, 'a log line is quoted, not said in our words');
    assert.deepEqual(argvOf(commandOf('ping-range.host-now', f)), ['sudo', 'sysctl', '-w', 'net.ipv4.ping_group_range=0 0']);
    for (const fix of f.remediation) if (fix.kind === 'command') assert.ok(bashSyntax(fix.text).ok);
  });

  it('fails on "ICMP proxy feature is disabled" alone, and passes when cloudflared has proxied replies', () => {
    const disabled = checkConnectorGidRange(evidence((e) => (e.cloudflared = cloudflared({ icmpProxyDisabled: line(LOG.proxyDisabled, 2) }))), cloudflare);
    assert.equal(disabled.status, 'fail');
    assert.deepEqual(noteKeys(disabled), ['connector-gid.log.proxy-disabled']);
    assert.match(disabled.remediation[0]?.text ?? '', /0 2147483647/);
    const working = checkConnectorGidRange(evidence((e) => (e.cloudflared = cloudflared({ icmpRequests: 8, icmpReplies: 8 }, 'http://127.0.0.1:20241/metrics'))), cloudflare);
    assert.equal(working.status, 'pass');
    assert.deepEqual(notesOf(working), [msg('connector-gid.metrics.replies', { replies: 8 })]);
    assert.match(citations(working), /cloudflared_icmp_total_replies = 8/);
  });
  it('fixes only where the connector was seen running when a process and a log both say so', () => {
    const e = evidence((e) => {
      e.connectors = connectors(connector());
      e.cloudflared = cloudflared({ gidOutsideRange: { gid: 0, low: 1, high: 0, evidence: line(LOG.gidWarning, 1) } });
    });
    const f = checkConnectorGidRange(e, cloudflare);
    assert.equal(f.status, 'fail');
    assert.equal(f.evidence.length, 3, 'the process, its range, and the log line');
    assert.deepEqual(noteKeys(f), ['connector-gid.process.outside', 'connector-gid.log.gid-outside']);
    assert.ok(f.remediation.some((r) => r.id === 'ping-range.host-now'));
    assert.ok(!f.remediation.some((r) => r.deploy.includes('docker') || r.deploy.includes('kubernetes')), f.remediation.map((r) => r.id).join('\n'));
    // "1 0" admits nobody: there is nothing of it to keep.
    assert.doesNotMatch(f.remediation[0]?.title ?? '', /keeps what "1 0"/);
    const logOnly = checkConnectorGidRange(evidence((e) => (e.cloudflared = cloudflared({ gidOutsideRange: { gid: 0, low: 1, high: 0, evidence: line(LOG.gidWarning, 1) } }))), cloudflare);
    assert.ok(logOnly.remediation.some((r) => r.id === 'ping-range.docker-run') && logOnly.remediation.some((r) => r.id === 'ping-range.kubernetes-pod-sysctls'));
  });
});

describe('connector-gid-range: pasted sysctl and id', () => {
  const sysctl = (low: number, high: number) => gathered({ low, high }, 'pasted sysctl output');
  const id = (egid: number, groups: number[]) => gathered({ uid: 999, euid: 999, gid: egid, egid, groups }, 'pasted id output');

  it('fails when the pasted range admits nobody, and passes when it admits the pasted id\'s group', () => {
    const fail = checkConnectorGidRange(evidence((e) => { e.imported.sysctl = [sysctl(1, 0)]; e.imported.id = [id(999, [999])]; }), cloudflare);
    assert.equal(fail.status, 'fail');
    assert.deepEqual(notesOf(fail), [msg('connector-gid.pasted.admits-nobody', { quoted: quoted('1 0', true) })]);
    assert.equal(fail.evidence[1]?.source, 'pasted id output');
    assert.deepEqual(fail.evidence[1]?.message, msg('connector-gid.identity', { uid: 999, egid: 999, groups: [999] }));
    assert.deepEqual(argvOf(commandOf('ping-range.host-now', fail)), ['sudo', 'sysctl', '-w', 'net.ipv4.ping_group_range=999 999']);
    const pass = checkConnectorGidRange(evidence((e) => { e.imported.sysctl = [sysctl(0, 1000)]; e.imported.id = [id(999, [999])]; }), cloudflare);
    assert.equal(pass.status, 'pass');
    assert.deepEqual(noteKeys(pass), ['connector-gid.pasted.inside']);
  });

  it('applies cloudflared\'s egid rule to a pasted id for Cloudflare, the kernel\'s for Twingate', () => {
    const e = evidence((e) => { e.imported.sysctl = [sysctl(100, 100)]; e.imported.id = [id(999, [999, 100])]; });
    const forCloudflare = checkConnectorGidRange(e, cloudflare);
    assert.equal(forCloudflare.status, 'fail');
    assert.deepEqual(noteKeys(forCloudflare), ['connector-gid.pasted.only-supplementary']);
    assert.equal(forCloudflare.remediation.find((r) => r.id === 'ping-range.systemd-primary-group')?.text, '[Service]\nGroup=100\n');
    assert.equal(checkConnectorGidRange(e, inputs({ product: 'twingate' })).status, 'pass');
    const outside = checkConnectorGidRange(evidence((e) => { e.imported.sysctl = [sysctl(100, 100)]; e.imported.id = [id(999, [999])]; }), cloudflare);
    assert.deepEqual(noteKeys(outside), ['connector-gid.pasted.outside']);
  });

  it('is unknown with only one of the two, saying what else to paste', () => {
    const onlyRange = checkConnectorGidRange(evidence((e) => (e.imported.sysctl = [sysctl(0, 0)])), cloudflare);
    assert.equal(onlyRange.status, 'unknown');
    assert.deepEqual(notesOf(onlyRange), [msg('connector-gid.pasted.need-id', { range: '0 0' })]);
    const onlyId = checkConnectorGidRange(evidence((e) => (e.imported.id = [id(0, [0])])), cloudflare);
    assert.equal(onlyId.status, 'unknown');
    assert.deepEqual(noteKeys(onlyId), ['connector-gid.pasted.need-sysctl']);
  });
});

describe('connector-gid-range: Kubernetes pod specs and Helm values', () => {
  const pod = (partial: Partial<PodSpecFacts>): PodSpecFacts => ({
    name: 'twingate-connector',
    sysctls: [],
    runAsUser: null,
    runAsGroup: null,
    supplementalGroups: [],
    containers: [{ name: 'connector', image: 'twingate/connector:1', runAsUser: 65532, runAsGroup: null, capabilitiesAdd: [], capabilitiesDrop: ['ALL'] }],
    ...partial,
  });

  it('passes for a pod with Twingate\'s "0  2147483647" (two spaces)', () => {
    const e = evidence((e) => (e.imported.podSpecs = [gathered(pod({ sysctls: [{ name: 'net.ipv4.ping_group_range', value: '0  2147483647' }] }), 'deployment.yaml')]));
    const f = checkConnectorGidRange(e, inputs({ product: 'twingate' }));
    assert.equal(f.status, 'pass');
    assert.deepEqual(noteKeys(f), ['connector-gid.pod.every-group']);
    assert.equal(f.evidence[0]?.source, 'deployment.yaml');
    assert.deepEqual(f.evidence[0]?.message, msg('connector-gid.pod.cited', {
      label: msg('connector-gid.pod.label', { container: 'connector', image: 'twingate/connector:1', pod: 'twingate-connector' }),
      sysctl: '0  2147483647',
      gid: 65532,
      gidFrom: msg('connector-gid.pod.gid-from.image'),
      supplementalGroups: [],
    }));
  });

  it('restarts the workload the pod spec names, in its namespace, even when the failing range was pasted (seed 000)', () => {
    const spec = pod({ kind: 'Deployment', namespace: 'twingate' });
    const e = evidence((e) => {
      e.imported.podSpecs = [gathered(spec, 'deployment.yaml')];
      e.imported.sysctl = [gathered({ low: 1, high: 0 }, 'pasted sysctl output')];
      e.imported.id = [gathered({ uid: 65532, euid: 65532, gid: 65532, egid: 65532, groups: [65532] }, 'pasted id output')];
    });
    const f = checkConnectorGidRange(e, inputs({ product: 'twingate' }));
    assert.equal(f.status, 'fail');
    const restart = f.remediation.find((r) => r.id === 'ping-range.kubernetes-rollout-restart');
    assert.equal(restart?.text, "kubectl rollout restart deployment/twingate-connector -n twingate");
    const daemonSet = checkConnectorGidRange(
      evidence((d) => {
        d.imported.podSpecs = [gathered(pod({ kind: 'DaemonSet', namespace: null, sysctls: [{ name: 'net.ipv4.ping_group_range', value: '1 0' }] }), 'ds.yaml')];
      }),
      inputs({ product: 'twingate' }),
    );
    assert.equal(daemonSet.remediation.find((r) => r.id === 'ping-range.kubernetes-rollout-restart')?.text, 'kubectl rollout restart daemonset/twingate-connector');
  });

  it('fails for a cloudflared pod whose range leaves out the image\'s group 65532', () => {
    const spec = pod({ name: 'cloudflared', sysctls: [{ name: 'net.ipv4.ping_group_range', value: '0 0' }], containers: [{ name: 'cloudflared', image: 'cloudflare/cloudflared:2024.10.0', runAsUser: null, runAsGroup: null, capabilitiesAdd: [], capabilitiesDrop: [] }] });
    const f = checkConnectorGidRange(evidence((e) => (e.imported.podSpecs = [gathered(spec, 'cloudflared.yaml')])), cloudflare);
    assert.equal(f.status, 'fail');
    assert.deepEqual(notesOf(f), [
      msg('connector-gid.pod.outside', {
        label: msg('connector-gid.pod.label', { container: 'cloudflared', image: 'cloudflare/cloudflared:2024.10.0', pod: 'cloudflared' }),
        gid: 65532,
        quoted: quoted('0 0'),
      }),
    ]);
    const fix = f.remediation.find((r) => r.kind === 'yaml');
    assert.deepEqual(parse(fix?.text ?? ''), { securityContext: { sysctls: [{ name: 'net.ipv4.ping_group_range', value: '0 65532' }] } });
    assert.match(fix?.title ?? '', /\(cloudflared\)/);
  });

  it('is unknown for a pod that sets no range, with the kubectl command that reads it and the fix', () => {
    const f = checkConnectorGidRange(evidence((e) => (e.imported.podSpecs = [gathered(pod({ name: "conn'; $(id)" }), 'pasted pod spec')])), inputs({ product: 'twingate' }));
    assert.equal(f.status, 'unknown');
    const [note] = notesOf(f);
    assert.equal(note?.key, 'connector-gid.pod.no-range');
    assert.deepEqual(argvOf(String(note?.params?.['command'])), ['kubectl', 'exec', "conn'; $(id)", '--', 'cat', '/proc/sys/net/ipv4/ping_group_range']);
    assert.match(remediationText(f), /icmpSupport/);
  });

  it('fails for Helm values without icmpSupport, passes with it', () => {
    const off = checkConnectorGidRange(evidence((e) => (e.imported.helmValues = [gathered({ icmpSupportEnabled: null, podSecurityContext: null }, 'values.yaml')])), inputs({ product: 'twingate' }));
    assert.equal(off.status, 'fail');
    assert.deepEqual(notesOf(off), [msg('connector-gid.helm.not-enabled', { set: false })]);
    assert.equal(off.evidence[0]?.source, 'values.yaml');
    assert.equal(off.evidence[0]?.message?.key, 'connector-gid.helm.not-set');
    assert.deepEqual(parse(off.remediation.find((r) => r.kind === 'yaml')?.text ?? ''), { icmpSupport: { enabled: true } });
    const on = checkConnectorGidRange(evidence((e) => (e.imported.helmValues = [gathered({ icmpSupportEnabled: true, podSecurityContext: null }, 'values.yaml')])), inputs({ product: 'twingate' }));
    assert.equal(on.status, 'pass');
    assert.deepEqual(noteKeys(on), ['connector-gid.helm.enabled']);
    assert.equal(on.evidence[0]?.detail, 'icmpSupport.enabled = true');
  });

  it('reads "LOW HIGH" values strictly', () => {
    assert.deepEqual(parseRangeValue('0  2147483647'), { low: 0, high: 2147483647 });
    assert.deepEqual(parseRangeValue(' 1 0 '), { low: 1, high: 0 });
    for (const bad of ['', '0', '0 1 2', '-1 5', 'a b', '0x10 20']) assert.equal(parseRangeValue(bad), null, bad);
  });
});

describe('connector-gid-range: nothing to go on', () => {
  it('is skipped for a generic tunnel and unknown, with what to run, for a named product', () => {
    const skipped = checkConnectorGidRange(evidence((e) => (e.connectors = connectors())), inputs());
    assert.equal(skipped.status, 'skip');
    assert.deepEqual(skipped.reason, msg('connector-gid.skip', { onThisHost: true }));
    const f = checkConnectorGidRange(evidence((e) => (e.connectors = connectors())), cloudflare);
    assert.equal(f.status, 'unknown');
    assert.deepEqual(f.reason, msg('connector-gid.not-found', { product: 'Cloudflare', onThisHost: true }));
    assert.equal(f.evidence[0]?.source, '/proc');
    assert.deepEqual(f.evidence[0]?.message, msg('connector-gid.no-process', { product: 'Cloudflare' }));
  });
});

describe('connector-gid-range in Japanese', () => {
  const twingate = inputs({ product: 'twingate' });
  const firezone = inputs({ product: 'firezone' });
  const pod = (partial: Partial<PodSpecFacts>): PodSpecFacts => ({
    name: 'connector',
    sysctls: [],
    runAsUser: null,
    runAsGroup: null,
    supplementalGroups: [],
    containers: [{ name: 'connector', image: 'twingate/connector:1', runAsUser: 65532, runAsGroup: null, capabilitiesAdd: [], capabilitiesDrop: [] }],
    ...partial,
  });
  const range = (value: string) => [{ name: 'net.ipv4.ping_group_range', value }];
  const sysctl = (low: number, high: number) => gathered({ low, high }, 'pasted sysctl output');
  const id = (egid: number, groups: number[]) => gathered({ uid: 999, euid: 999, gid: egid, egid, groups }, 'pasted id output');
  // A gatherer's own words are the gatherers' to translate; these quote what was read.
  const unreadable = <T>(source: string) => notGathered<T>('UNPARSEABLE', 'line 3: mapping values', source);

  /** Every kind of evidence, every status, three connectors. */
  function everyBranch(): Finding[] {
    const run = (edit: Parameters<typeof evidence>[0], product = cloudflare) => checkConnectorGidRange(evidence(edit), product);
    const supplementary: Partial<ConnectorProcess> = { gids: [1000, 1000, 1000, 1000], groups: [1000, 65532], pingGroupRange: gathered({ low: 65532, high: 65532 }, '/proc/812/ns/net') };
    return [
      run((e) => (e.connectors = connectors(connector()))),
      run((e) => (e.connectors = connectors(connector(supplementary)))),
      run((e) => (e.connectors = connectors(connector({ kind: 'twingate', pid: 455, command: ['/usr/bin/twingate-connector'], ...supplementary }))), twingate),
      run((e) => (e.connectors = connectors(connector({ kind: 'firezone', pid: 90, command: ['/usr/bin/firezone-gateway'], container: 'docker', sameNetnsAsUs: false }))), firezone),
      run((e) => (e.connectors = connectors(connector({ kind: 'firezone', pid: 90, command: ['/usr/bin/firezone-gateway'], pingGroupRange: gathered({ low: 0, high: 2147483647 }, '/proc/90/ns/net') }))), firezone),
      run((e) => (e.connectors = connectors(connector({ sameNetnsAsUs: false, pingGroupRange: notGathered('PERMISSION_DENIED', 'EPERM', '/proc/812/ns/net') })))),
      run((e) => (e.imported.connectorReports = [connectorReport('pi.json', { connectors: connectors(connector({ pingGroupRange: notGathered('PERMISSION_DENIED', 'EPERM', '/proc/812/ns/net') })) })])),
      run((e) => (e.connectors = notGathered('PERMISSION_DENIED', 'EACCES', '/proc'))),
      run((e) => (e.cloudflared = cloudflared({ gidOutsideRange: { gid: 0, low: 1, high: 0, evidence: line(LOG.gidWarning, 1) } }))),
      run((e) => (e.cloudflared = cloudflared({ icmpProxyDisabled: line(LOG.proxyDisabled, 2) }))),
      run((e) => (e.cloudflared = cloudflared({ icmpRequests: 8, icmpReplies: 8 }, 'http://127.0.0.1:20241/metrics'))),
      run((e) => { e.imported.sysctl = [sysctl(1, 0)]; e.imported.id = [id(999, [999])]; }),
      run((e) => { e.imported.sysctl = [sysctl(0, 1000)]; e.imported.id = [id(999, [999])]; }),
      run((e) => { e.imported.sysctl = [sysctl(100, 100)]; e.imported.id = [id(999, [999, 100])]; }),
      run((e) => { e.imported.sysctl = [sysctl(100, 100)]; e.imported.id = [id(999, [999])]; }),
      run((e) => (e.imported.sysctl = [sysctl(0, 2147483647)])),
      run((e) => (e.imported.sysctl = [sysctl(0, 0)])),
      run((e) => (e.imported.id = [id(0, [0])])),
      run((e) => (e.imported.sysctl = [unreadable('pasted sysctl output')])),
      run((e) => (e.imported.podSpecs = [gathered(pod({ sysctls: range('0  2147483647') }), 'deployment.yaml')]), twingate),
      run((e) => (e.imported.podSpecs = [gathered(pod({ sysctls: range('0 0'), containers: [{ name: 'cloudflared', image: 'cloudflare/cloudflared:2024.10.0', runAsUser: null, runAsGroup: null, capabilitiesAdd: [], capabilitiesDrop: [] }] }), 'c.yaml')])),
      run((e) => (e.imported.podSpecs = [gathered(pod({ sysctls: range('0 0'), supplementalGroups: [0], containers: [{ name: 'cloudflared', image: 'cloudflare/cloudflared:2024.10.0', runAsUser: null, runAsGroup: 1000, capabilitiesAdd: [], capabilitiesDrop: [] }] }), 'c.yaml')])),
      run((e) => (e.imported.podSpecs = [gathered(pod({ sysctls: range('0 70000'), runAsGroup: 1000 }), 'p.yaml')]), twingate),
      run((e) => (e.imported.podSpecs = [gathered(pod({ name: null, sysctls: range('0 10'), containers: [] }), 'p.yaml')]), firezone),
      run((e) => (e.imported.podSpecs = [gathered(pod({ sysctls: range('zero') }), 'p.yaml')]), twingate),
      run((e) => (e.imported.podSpecs = [gathered(pod({}), 'p.yaml')]), twingate),
      run((e) => (e.imported.podSpecs = [unreadable('p.yaml')]), twingate),
      run((e) => (e.imported.helmValues = [gathered({ icmpSupportEnabled: null, podSecurityContext: null }, 'values.yaml')]), twingate),
      run((e) => (e.imported.helmValues = [gathered({ icmpSupportEnabled: false, podSecurityContext: null }, 'values.yaml')]), twingate),
      run((e) => (e.imported.helmValues = [gathered({ icmpSupportEnabled: true, podSecurityContext: null }, 'values.yaml')]), twingate),
      run((e) => (e.imported.helmValues = [unreadable('values.yaml')]), twingate),
      // A pass beside what could not be checked.
      run((e) => { e.cloudflared = cloudflared({ icmpReplies: 3 }, 'http://127.0.0.1:20241/metrics'); e.imported.id = [id(0, [0])]; }),
      run((e) => (e.connectors = connectors()), inputs()),
      run(() => undefined, inputs()),
      run((e) => (e.connectors = connectors()), twingate),
      run(() => undefined, firezone),
    ];
  }

  it('says every summary and cited detail in Japanese, with no English prose left', () => {
    const findings = everyBranch();
    assert.deepEqual([...new Set(findings.map((f) => f.status))].sort(), ['fail', 'pass', 'skip', 'unknown']);
    const notes = new Set(findings.flatMap((f) => (Array.isArray(f.reason?.params?.['notes']) ? notesOf(f).map((n) => n.key) : [])));
    assert.equal(notes.size, 27, `every kind of note is said: ${[...notes].sort().join(', ')}`);
    for (const f of findings) {
      assert.ok(f.reason, `${f.summary}: no reason`);
      const ja = localizeFinding(f, 'ja');
      assert.notEqual(ja.summary, f.summary);
      // Fix titles are remediation/'s to say: checked here once they carry a message.
      assertFindingHasNoEnglishProse({ ...ja, remediation: ja.remediation.filter((fix) => fix.titleMessage) });
    }
  });

  it('names the connector, its pid and the range the Japanese way', () => {
    const [fail, , twingatePass] = everyBranch();
    assert.equal(
      localizeFinding(fail!, 'ja').summary,
      'cloudflared（pid 812）は egid 0（グループ: なし）で動いていますが、どれもネットワーク名前空間の net.ipv4.ping_group_range「1 0」（root を含め、どのグループも許可しない値）の範囲外です。' +
        'ICMP ソケットを開けないため、ping を転送できません。対処: コネクタのネットワーク名前空間の net.ipv4.ping_group_range がコネクタのグループを許可するように設定し、コネクタを再起動してください。',
    );
    assert.match(localizeFinding(twingatePass!, 'ja').summary, /^Twingate コネクタ（pid 455）は egid 1000 とグループ 65532 で動いており/);
  });
});
