import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { PodSpecFacts } from '../../../contract/evidence';
import { argvOf, bashSyntax } from '../remediation/testing/bash';
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
} from './testing/evidence';

const cloudflare = inputs({ product: 'cloudflare' });
const TOKEN = 'eyJhIjoiMTIzNDU2Nzg5MGFiY2RlZiIsInQiOiJzZWNyZXQifQ==';

function commandOf(title: RegExp, f: ReturnType<typeof checkConnectorGidRange>): string {
  const fix = f.remediation.find((r) => title.test(r.title));
  assert.ok(fix, `no remediation titled ${title}: ${f.remediation.map((r) => r.title).join(' | ')}`);
  return fix.text;
}

describe('connector-gid-range: connector processes', () => {
  it('fails for cloudflared as root under "1 0" in its netns, with the process cited (token redacted) and a host fix', () => {
    const f = checkConnectorGidRange(evidence((e) => (e.connectors = connectors(connector()))), cloudflare);
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /cloudflared \(pid 812\) runs with egid 0 \(groups: none\), none of them inside net\.ipv4\.ping_group_range "1 0" \(admits nobody, root included\)/);
    assert.ok(!citations(f).includes(TOKEN), 'the tunnel token must not be cited');
    assert.match(citations(f), /\/proc \(pid 812\) :: \/usr\/bin\/cloudflared --no-autoupdate tunnel run --token \[redacted\]; gids \(real, effective, saved, fs\) 0 0 0 0/);
    assert.match(citations(f), /ping_group_range = 1 0 in our network namespace/);
    assert.deepEqual(argvOf(commandOf(/On the host, now/, f)), ['sudo', 'sysctl', '-w', 'net.ipv4.ping_group_range=0 0']);
    assert.deepEqual(argvOf(commandOf(/Restart cloudflared/, f)), ['sudo', 'systemctl', 'restart', 'cloudflared']);
    assert.ok(f.remediation.some((r) => r.kind === 'file' && r.path === '/etc/sysctl.d/60-icmp-doctor-ping.conf' && r.text.includes('= 0 0')));
  });

  it('fails for cloudflared whose egid is outside though a supplementary group is inside (it checks only its egid)', () => {
    const process = connector({ gids: [1000, 1000, 1000, 1000], uids: [1000, 1000, 1000, 1000], groups: [1000, 65532], pingGroupRange: gathered({ low: 65532, high: 65532 }, '/proc/812/ns/net') });
    const f = checkConnectorGidRange(evidence((e) => (e.connectors = connectors(process))), cloudflare);
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /supplementary group 65532 is inside, which the kernel would accept, but cloudflared checks only its effective GID/);
    assert.deepEqual(argvOf(commandOf(/On the host, now/, f)), ['sudo', 'sysctl', '-w', 'net.ipv4.ping_group_range=1000 65532']);
    const group = f.remediation.find((r) => r.path === '/etc/systemd/system/cloudflared.service.d/icmp-doctor-group.conf');
    assert.equal(group?.text, '[Service]\nGroup=65532\n');
  });

  it('passes for a Twingate connector admitted by a supplementary group (the kernel\'s rule)', () => {
    const process = connector({ kind: 'twingate', pid: 455, command: ['/usr/bin/twingate-connector'], gids: [1000, 1000, 1000, 1000], groups: [1000, 65532], pingGroupRange: gathered({ low: 65532, high: 65532 }, '/proc/455/ns/net') });
    const f = checkConnectorGidRange(evidence((e) => (e.connectors = connectors(process))), inputs({ product: 'twingate' }));
    assert.equal(f.status, 'pass');
    assert.match(f.summary, /Twingate connector \(pid 455\) runs with egid 1000 and group 65532, inside/);
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
    assert.match(citations(f), /in its own network namespace/);
    const pod = f.remediation.find((r) => r.kind === 'yaml' && r.title.startsWith('Kubernetes'));
    assert.deepEqual(parse(pod?.text ?? ''), { securityContext: { sysctls: [{ name: 'net.ipv4.ping_group_range', value: '65532 65532' }] } });
    const helm = f.remediation.find((r) => r.kind === 'yaml' && r.title.includes('Helm'));
    assert.deepEqual(parse(helm?.text ?? ''), { icmpSupport: { enabled: true } });
    assert.ok(!f.remediation.some((r) => r.title.startsWith('On the host')), 'a pod\'s namespace is not the host\'s');
  });

  it('gives docker --sysctl and compose fixes for a container with its own network namespace', () => {
    const process = connector({ gids: [65532, 65532, 65532, 65532], container: 'docker', sameNetnsAsUs: false, netns: 'net:[4026532777]' });
    const f = checkConnectorGidRange(evidence((e) => (e.connectors = connectors(process))), cloudflare);
    assert.equal(f.status, 'fail');
    const argv = argvOf(commandOf(/^Docker:/, f));
    assert.equal(argv[argv.indexOf('--sysctl') + 1], 'net.ipv4.ping_group_range=65532 65532');
    const compose = f.remediation.find((r) => r.title.startsWith('Docker Compose'));
    assert.deepEqual(parse(compose?.text ?? ''), { services: { cloudflared: { sysctls: { 'net.ipv4.ping_group_range': '65532 65532' } } } });
  });

  it('is unknown when the connector\'s namespace could not be entered, with the command that reads it', () => {
    const process = connector({ sameNetnsAsUs: false, pingGroupRange: notGathered('PERMISSION_DENIED', 'entering /proc/812/ns/net needs CAP_SYS_ADMIN (run as root)', '/proc/812/ns/net') });
    const f = checkConnectorGidRange(evidence((e) => (e.connectors = connectors(process))), cloudflare);
    assert.equal(f.status, 'unknown');
    assert.match(f.summary, /run `sudo icmp-doctor check --connector` on this host and import its report/);
    const command = /read it yourself: (.*)\./.exec(f.summary)?.[1] ?? '';
    assert.deepEqual(argvOf(command), ['sudo', 'nsenter', '--target', '812', '--net', 'sysctl', 'net.ipv4.ping_group_range']);
    assert.match(citations(f), /PERMISSION_DENIED .*CAP_SYS_ADMIN/);
  });

  it('reads processes from an imported connector report, citing the report', () => {
    const e = evidence((e) => (e.imported.connectorReports = [connectorReport('pi-report.json', { connectors: connectors(connector()) })]));
    const f = checkConnectorGidRange(e, inputs());
    assert.equal(f.status, 'fail');
    assert.match(f.evidence[0]?.source ?? '', /^connector report pi-report\.json: \/proc \(pid 812\)$/);
  });
});

describe('connector-gid-range: cloudflared\'s own words', () => {
  it('fails on the GID warning, citing the line, suggesting a range that admits that GID', () => {
    const e = evidence((e) => (e.cloudflared = cloudflared({ gidOutsideRange: { gid: 0, low: 1, high: 0, evidence: line(LOG.gidWarning, 1) }, icmpProxyDisabled: line(LOG.proxyDisabled, 2) })));
    const f = checkConnectorGidRange(e, cloudflare);
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /cloudflared logged that its group 0 is outside net\.ipv4\.ping_group_range "1 0"/);
    assert.equal(f.evidence[0]?.source, '/var/log/cloudflared.log, line 1');
    assert.equal(f.evidence[0]?.detail, LOG.gidWarning);
    assert.deepEqual(argvOf(commandOf(/On the host, now/, f)), ['sudo', 'sysctl', '-w', 'net.ipv4.ping_group_range=0 0']);
    for (const fix of f.remediation) if (fix.kind === 'command') assert.ok(bashSyntax(fix.text).ok);
  });

  it('fails on "ICMP proxy feature is disabled" alone, and passes when cloudflared has proxied replies', () => {
    const disabled = checkConnectorGidRange(evidence((e) => (e.cloudflared = cloudflared({ icmpProxyDisabled: line(LOG.proxyDisabled, 2) }))), cloudflare);
    assert.equal(disabled.status, 'fail');
    assert.match(disabled.remediation[0]?.text ?? '', /0 2147483647/);
    const working = checkConnectorGidRange(evidence((e) => (e.cloudflared = cloudflared({ icmpRequests: 8, icmpReplies: 8 }, 'http://127.0.0.1:20241/metrics'))), cloudflare);
    assert.equal(working.status, 'pass');
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
    assert.ok(f.remediation.some((r) => r.title.startsWith('On the host')));
    assert.ok(!f.remediation.some((r) => /^(Docker|Kubernetes)/.test(r.title)), f.remediation.map((r) => r.title).join('\n'));
    assert.doesNotMatch(f.remediation[0]?.title ?? '', /keeps what "1 0"/);
    const logOnly = checkConnectorGidRange(evidence((e) => (e.cloudflared = cloudflared({ gidOutsideRange: { gid: 0, low: 1, high: 0, evidence: line(LOG.gidWarning, 1) } }))), cloudflare);
    assert.ok(logOnly.remediation.some((r) => r.title.startsWith('Docker:')) && logOnly.remediation.some((r) => r.title.startsWith('Kubernetes')));
  });
});

describe('connector-gid-range: pasted sysctl and id', () => {
  const sysctl = (low: number, high: number) => gathered({ low, high }, 'pasted sysctl output');
  const id = (egid: number, groups: number[]) => gathered({ uid: 999, euid: 999, gid: egid, egid, groups }, 'pasted id output');

  it('fails when the pasted range admits nobody, and passes when it admits the pasted id\'s group', () => {
    const fail = checkConnectorGidRange(evidence((e) => { e.imported.sysctl = [sysctl(1, 0)]; e.imported.id = [id(999, [999])]; }), cloudflare);
    assert.equal(fail.status, 'fail');
    assert.match(fail.summary, /"1 0" \(admits nobody/);
    assert.match(citations(fail), /pasted id output :: uid 999, egid 999/);
    assert.deepEqual(argvOf(commandOf(/On the host, now/, fail)), ['sudo', 'sysctl', '-w', 'net.ipv4.ping_group_range=999 999']);
    const pass = checkConnectorGidRange(evidence((e) => { e.imported.sysctl = [sysctl(0, 1000)]; e.imported.id = [id(999, [999])]; }), cloudflare);
    assert.equal(pass.status, 'pass');
  });

  it('applies cloudflared\'s egid rule to a pasted id for Cloudflare, the kernel\'s for Twingate', () => {
    const e = evidence((e) => { e.imported.sysctl = [sysctl(100, 100)]; e.imported.id = [id(999, [999, 100])]; });
    assert.equal(checkConnectorGidRange(e, cloudflare).status, 'fail');
    assert.equal(checkConnectorGidRange(e, inputs({ product: 'twingate' })).status, 'pass');
  });

  it('is unknown with only one of the two, saying what else to paste', () => {
    const onlyRange = checkConnectorGidRange(evidence((e) => (e.imported.sysctl = [sysctl(0, 0)])), cloudflare);
    assert.equal(onlyRange.status, 'unknown');
    assert.match(onlyRange.summary, /paste the connector user's `id` output too/);
    const onlyId = checkConnectorGidRange(evidence((e) => (e.imported.id = [id(0, [0])])), cloudflare);
    assert.match(onlyId.summary, /paste `sysctl net\.ipv4\.ping_group_range`/);
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
    assert.match(citations(f), /deployment\.yaml :: container connector \(twingate\/connector:1\) of twingate-connector: securityContext\.sysctls/);
  });

  it('fails for a cloudflared pod whose range leaves out the image\'s group 65532', () => {
    const spec = pod({ name: 'cloudflared', sysctls: [{ name: 'net.ipv4.ping_group_range', value: '0 0' }], containers: [{ name: 'cloudflared', image: 'cloudflare/cloudflared:2024.10.0', runAsUser: null, runAsGroup: null, capabilitiesAdd: [], capabilitiesDrop: [] }] });
    const f = checkConnectorGidRange(evidence((e) => (e.imported.podSpecs = [gathered(spec, 'cloudflared.yaml')])), cloudflare);
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /runs with group 65532, outside its net\.ipv4\.ping_group_range "0 0"/);
    const fix = f.remediation.find((r) => r.kind === 'yaml');
    assert.deepEqual(parse(fix?.text ?? ''), { securityContext: { sysctls: [{ name: 'net.ipv4.ping_group_range', value: '0 65532' }] } });
    assert.match(fix?.title ?? '', /\(cloudflared\)/);
  });

  it('is unknown for a pod that sets no range, with the kubectl command that reads it and the fix', () => {
    const f = checkConnectorGidRange(evidence((e) => (e.imported.podSpecs = [gathered(pod({ name: "conn'; $(id)" }), 'pasted pod spec')])), inputs({ product: 'twingate' }));
    assert.equal(f.status, 'unknown');
    const command = /Check it with `(.*)`/.exec(f.summary)?.[1] ?? '';
    assert.deepEqual(argvOf(command), ['kubectl', 'exec', "conn'; $(id)", '--', 'cat', '/proc/sys/net/ipv4/ping_group_range']);
    assert.match(remediationText(f), /icmpSupport/);
  });

  it('fails for Helm values without icmpSupport, passes with it', () => {
    const off = checkConnectorGidRange(evidence((e) => (e.imported.helmValues = [gathered({ icmpSupportEnabled: null, podSecurityContext: null }, 'values.yaml')])), inputs({ product: 'twingate' }));
    assert.equal(off.status, 'fail');
    assert.match(citations(off), /values\.yaml :: icmpSupport\.enabled = not set/);
    assert.deepEqual(parse(off.remediation.find((r) => r.kind === 'yaml')?.text ?? ''), { icmpSupport: { enabled: true } });
    const on = checkConnectorGidRange(evidence((e) => (e.imported.helmValues = [gathered({ icmpSupportEnabled: true, podSecurityContext: null }, 'values.yaml')])), inputs({ product: 'twingate' }));
    assert.equal(on.status, 'pass');
  });

  it('reads "LOW HIGH" values strictly', () => {
    assert.deepEqual(parseRangeValue('0  2147483647'), { low: 0, high: 2147483647 });
    assert.deepEqual(parseRangeValue(' 1 0 '), { low: 1, high: 0 });
    for (const bad of ['', '0', '0 1 2', '-1 5', 'a b', '0x10 20']) assert.equal(parseRangeValue(bad), null, bad);
  });
});

describe('connector-gid-range: nothing to go on', () => {
  it('is skipped for a generic tunnel and unknown, with what to run, for a named product', () => {
    assert.equal(checkConnectorGidRange(evidence((e) => (e.connectors = connectors())), inputs()).status, 'skip');
    const f = checkConnectorGidRange(evidence((e) => (e.connectors = connectors())), cloudflare);
    assert.equal(f.status, 'unknown');
    assert.match(f.summary, /No Cloudflare connector was found on this host/);
    assert.match(f.summary, /run `sudo icmp-doctor check --connector` on the connector host and import its report/);
    assert.match(citations(f), /^\/proc :: no Cloudflare connector process on this host$/m);
  });
});
