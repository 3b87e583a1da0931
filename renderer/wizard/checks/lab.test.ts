// The checks against real traffic: probes run by the real addon inside the namespace lab,
// faults imposed with nftables in the router or with ping_group_range "1 0", then the
// remediation the check itself printed is run (with bash, as the user would paste it) and
// the check turns to pass. Needs root (the lab); skipped otherwise.

import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ConnectorProcess, Evidence, PathMtuResult, TransparencyResult } from '../../../contract/evidence';
import type { Finding, FindingId } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import type { Message } from '../../../contract/message';
import type { ProbeEvent } from '../../../native/index';
import { createLab, labUnavailableReason, type Lab } from '../../../e2e/lab/lab';
import { REPO_ROOT, runWorkerOk } from '../../../e2e/support/worker';
import { runChecks } from './index';
import type { WorkerReport, WorkerRequest } from '../../../test-support/checks/lab-worker';
import { connectors, echo, evidence, gathered, inputs, tcp } from '../../../test-support/checks/evidence';

const WORKER = 'test-support/checks/lab-worker.ts';
const SERVER = '10.200.2.2';
const MTU_SERVER = '10.200.3.2';
const ROUTER = '10.200.1.1';
const PORT = 8022;

/** The probes every network scenario runs, from the client as the unprivileged user. */
const PROBES: WorkerRequest = {
  pings: [
    { name: 'echo', request: { target: SERVER, count: 2, intervalMs: 50, timeoutMs: 500 } },
    { name: 'ttl', request: { target: SERVER, count: 2, intervalMs: 50, timeoutMs: 500, ttl: 1 } },
    { name: 'fits', request: { target: MTU_SERVER, count: 1, timeoutMs: 500, size: 1252, df: true } },
    { name: 'too-big', request: { target: MTU_SERVER, count: 1, timeoutMs: 500, size: 1253, df: true } },
  ],
  tcp: { host: SERVER, port: PORT },
};

function probesOf(report: WorkerReport, name: string): ProbeEvent[] {
  const ping = report.pings[name];
  assert.ok(ping && 'probes' in ping, `ping ${name} failed: ${JSON.stringify(ping)}`);
  return ping.probes;
}

/** Error transparency as the gatherer judges it: an error that quotes our destination and sequence. */
function transparencyFrom(report: WorkerReport): TransparencyResult {
  const probes = [...probesOf(report, 'ttl'), ...probesOf(report, 'echo')];
  const errorReturned = probes.some((p) => p.status === 'icmp-error' && p.error?.original?.dst === p.target && p.error.original.seq === p.wireSeq);
  return { target: SERVER, address: SERVER, method: 'ttl', probes, errorReturned };
}

/** Path MTU from a DF probe that fits the 1280 link and one a byte too big, as the gatherer's search ends. */
function pathMtuFrom(report: WorkerReport): PathMtuResult {
  const steps = [
    ...probesOf(report, 'fits').map((p) => ({ size: 1252, probe: p })),
    ...probesOf(report, 'too-big').map((p) => ({ size: 1253, probe: p })),
  ].map(({ size, probe }) => ({ size, packetBytes: size + 28, status: probe.status, mtu: probe.error?.mtu ?? null, errorName: probe.error?.name ?? null }));
  const passing = steps.filter((s) => s.status === 'reply').map((s) => s.size);
  const failing = steps.filter((s) => s.status !== 'reply');
  const reportedMtu = failing.find((s) => s.status === 'icmp-error' && s.mtu !== null)?.mtu ?? null;
  const largestPassing = passing.length > 0 ? Math.max(...passing) : null;
  return {
    target: MTU_SERVER,
    address: MTU_SERVER,
    family: 4,
    steps,
    largestPassing,
    smallestFailing: failing.length > 0 ? Math.min(...failing.map((s) => s.size)) : null,
    reportedMtu,
    blackHole: largestPassing !== null && failing.some((s) => s.status === 'timeout') && reportedMtu === null,
  };
}

function networkEvidence(report: WorkerReport): Evidence {
  return evidence((e) => {
    e.probes.icmp = echo(SERVER, probesOf(report, 'echo'));
    e.probes.tcp = report.tcp ? tcp(report.tcp.outcome, SERVER, PORT) : null;
    e.probes.transparency = gathered(transparencyFrom(report), 'lab: TTL-limited echo toward 10.200.2.2');
    e.probes.pathMtu = gathered(pathMtuFrom(report), 'lab: DF echo to 10.200.3.2');
  });
}

function byId(findings: Finding[]): Record<FindingId, Finding> {
  return Object.fromEntries(findings.map((f) => [f.id, f])) as Record<FindingId, Finding>;
}

const NETWORK_INPUTS: CheckInputs = inputs({ target: SERVER, tcpPort: PORT, product: 'generic' });

describe('checks against the namespace lab', { skip: labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  let listener: ChildProcess;
  let shim: string;

  /** Runs a remediation command as the user would paste it, `sudo` included, inside `role`. */
  async function applyFix(role: 'router' | 'denied', command: string): Promise<void> {
    const run = await lab.exec(role, ['bash', '-c', command], { env: { PATH: `${shim}:${process.env['PATH'] ?? ''}` } });
    assert.equal(run.code, 0, `${command}\n${run.stderr}`);
  }

  async function probeClient(): Promise<WorkerReport> {
    return runWorkerOk<WorkerReport>(lab, 'client', WORKER, [JSON.stringify(PROBES)], { user: 'unprivileged' });
  }

  before(async () => {
    lab = await createLab();
    // `sudo` is not installed here and we are root already: a shim lets the printed commands run as printed.
    shim = mkdtempSync(join(tmpdir(), 'icmp-doctor-sudo-'));
    writeFileSync(join(shim, 'sudo'), '#!/bin/sh\nexec "$@"\n');
    chmodSync(join(shim, 'sudo'), 0o755);
    listener = lab.spawn('server', [process.execPath, '-e', `require('net').createServer((s) => s.end()).listen(${PORT}, '::', () => console.log('ready'))`], { env: { NODE_OPTIONS: undefined } });
    await new Promise<void>((resolve, reject) => {
      listener.stdout?.once('data', () => resolve());
      listener.once('exit', (code) => reject(new Error(`TCP listener exited (${code})`)));
    });
  });

  after(async () => {
    await lab?.destroy();
    if (shim) rmSync(shim, { recursive: true, force: true });
  });

  it('a healthy path: TCP and ICMP pass, errors come back, the 1280 link is reported', async () => {
    const findings = byId(runChecks(networkEvidence(await probeClient()), NETWORK_INPUTS));
    assert.equal(findings['tcp-vs-icmp'].status, 'pass', findings['tcp-vs-icmp'].summary);
    assert.equal(findings['icmp-policy'].status, 'pass', findings['icmp-policy'].summary);
    assert.equal(findings['icmp-error-transparency'].status, 'pass', findings['icmp-error-transparency'].summary);
    assert.equal(findings['path-mtu'].status, 'warn', findings['path-mtu'].summary);
    assert.equal(findings['path-mtu'].reason?.key, 'path-mtu.reported', findings['path-mtu'].summary);
    assert.equal(findings['path-mtu'].reason?.params?.['mtu'], 1280, findings['path-mtu'].summary);
  });

  for (const fault of [
    { name: 'silently dropped', rule: 'icmp type echo-request drop', reason: 'icmp-policy.vanishes.tcp-reached', says: { port: 8022, outcome: 'connected' } },
    {
      name: 'refused as admin-prohibited',
      rule: 'icmp type echo-request reject with icmp type admin-prohibited',
      reason: 'icmp-policy.refused',
      says: { errors: [{ key: 'probe.error', params: { name: 'Packet filtered', kind: 'ICMP 3/13', from: '10.200.1.1' } }], senders: ['10.200.1.1'] },
    },
  ]) {
    it(`echo ${fault.name} while TCP passes: tcp-vs-icmp and icmp-policy fail, and the printed nft fix makes them pass`, async () => {
      // The router's own "filter" table, as on a host with Debian's nftables.conf, which the fix targets.
      await lab.nft('router', `table inet filter {\n  chain forward {\n    type filter hook forward priority 0; policy accept;\n    ${fault.rule}\n  }\n}\n`);
      try {
        const broken = byId(runChecks(networkEvidence(await probeClient()), NETWORK_INPUTS));
        assert.equal(broken['tcp-vs-icmp'].status, 'fail', broken['tcp-vs-icmp'].summary);
        assert.equal(broken['icmp-policy'].status, 'fail', broken['icmp-policy'].summary);
        const reason = broken['icmp-policy'].reason;
        assert.equal(reason?.key, fault.reason, broken['icmp-policy'].summary);
        for (const [name, value] of Object.entries(fault.says)) assert.deepEqual(reason?.params?.[name], value, name);
        const fix = broken['icmp-policy'].remediation.find((r) => r.id === 'allow-echo.nftables');
        assert.ok(fix, broken['icmp-policy'].remediation.map((r) => r.title).join('\n'));
        await applyFix('router', fix.text);

        const fixed = byId(runChecks(networkEvidence(await probeClient()), NETWORK_INPUTS));
        assert.equal(fixed['tcp-vs-icmp'].status, 'pass', fixed['tcp-vs-icmp'].summary);
        assert.equal(fixed['icmp-policy'].status, 'pass', fixed['icmp-policy'].summary);
      } finally {
        await lab.exec('router', ['nft', 'delete', 'table', 'inet', 'filter']);
      }
    });
  }

  it('a router that swallows its ICMP errors: transparency and path MTU fail; the printed nft fix makes them pass', async () => {
    // Drop what the router itself sends (its errors) from a higher-priority chain of its own
    // table, then let the printed fix (an accept in table inet filter, chain output) win.
    await lab.nft(
      'router',
      'table inet filter {\n  chain output {\n    type filter hook output priority 0; policy accept;\n    icmp type { destination-unreachable, time-exceeded } drop\n  }\n  chain forward {\n    type filter hook forward priority 0; policy accept;\n  }\n}\n',
    );
    try {
      const broken = byId(runChecks(networkEvidence(await probeClient()), NETWORK_INPUTS));
      assert.equal(broken['icmp-error-transparency'].status, 'fail', broken['icmp-error-transparency'].summary);
      assert.equal(broken['path-mtu'].status, 'fail', broken['path-mtu'].summary);
      assert.deepEqual(broken['path-mtu'].reason, { key: 'path-mtu.black-hole', params: { address: MTU_SERVER, mtu: 1280, failingBytes: 1281 } }, broken['path-mtu'].summary);
      assert.equal(broken['tcp-vs-icmp'].status, 'pass', 'echo itself still works');
      // The router's own errors leave through output, not forward: the same rule, in its output chain.
      const fix = broken['icmp-error-transparency'].remediation.find((r) => r.title.startsWith('The same with nftables'));
      assert.ok(fix);
      await applyFix('router', fix.text.replaceAll(' forward ', ' output '));
      const fixed = byId(runChecks(networkEvidence(await probeClient()), NETWORK_INPUTS));
      assert.equal(fixed['icmp-error-transparency'].status, 'pass', fixed['icmp-error-transparency'].summary);
      assert.equal(fixed['path-mtu'].status, 'warn', fixed['path-mtu'].summary);
    } finally {
      await lab.exec('router', ['nft', 'delete', 'table', 'inet', 'filter']);
    }
  });

  it('this machine under "1 0": local-icmp-socket fails; its printed sysctl command makes it pass', async () => {
    const localOf = (report: WorkerReport): Evidence =>
      evidence((e) => {
        e.local = {
          host: gathered({ os: 'lab', platform: 'linux', kernel: 'lab', arch: 'x64', hostname: 'denied', netns: null }, 'lab'),
          identity: gathered(report.identity, '/proc/self/status'),
          pingGroupRange: report.pingGroupRange ? gathered(report.pingGroupRange, '/proc/sys/net/ipv4/ping_group_range') : gathered({ low: 1, high: 0 }, 'x'),
          capability: gathered(report.capability, 'ICMP socket probe (native addon)'),
        };
      });
    await lab.setPingGroupRange('denied', 1, 0);
    const before = runChecks(localOf(await runWorkerOk<WorkerReport>(lab, 'denied', WORKER, ['{}'], { user: 'unprivileged' })), inputs())[0];
    assert.equal(before?.id, 'local-icmp-socket');
    assert.equal(before?.status, 'fail', before?.summary);
    assert.equal(before?.reason?.key, 'local-icmp-socket.refused');
    assert.deepEqual(before?.reason?.params?.['range'], { key: 'ping-range.quoted', params: { range: '1 0', empty: true } });
    assert.equal((before?.reason?.params?.['groups'] as Message | undefined)?.params?.['egid'], 65534);
    const now = before?.remediation.find((r) => r.id === 'ping-range.this-machine-now');
    assert.ok(now);
    await applyFix('denied', now.text);
    const afterFix = runChecks(localOf(await runWorkerOk<WorkerReport>(lab, 'denied', WORKER, ['{}'], { user: 'unprivileged' })), inputs())[0];
    assert.equal(afterFix?.status, 'pass', afterFix?.summary);
  });

  it('a connector (a real process as GID 65532) under "1 0" in its namespace: the printed fix, run from elsewhere, acts in that namespace and admits it', async () => {
    await lab.setPingGroupRange('denied', 1, 0);
    const standIn = lab.spawn('denied', ['setpriv', '--reuid=65532', '--regid=65532', '--clear-groups', '--no-new-privs', 'sleep', '600']);
    const pid = standIn.pid ?? assert.fail('no pid');
    // ip netns exec and setpriv exec in place: the pid becomes sleep's once it has dropped privileges.
    const status = await waitFor(() => {
      const text = readFileSync(`/proc/${pid}/status`, 'utf8');
      return /^Name:\s+sleep$/m.test(text) ? text : null;
    });
    const ids = (key: string): number[] => (new RegExp(`^${key}:\\s*(.*)$`, 'm').exec(status)?.[1] ?? '').trim().split(/\s+/).filter(Boolean).map(Number);
    const connectorNow = async (): Promise<ConnectorProcess> => {
      const [low, high] = await lab.getPingGroupRange('denied');
      return {
        kind: 'cloudflared',
        pid,
        command: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean),
        uids: ids('Uid') as [number, number, number, number],
        gids: ids('Gid') as [number, number, number, number],
        groups: ids('Groups'),
        netns: readlinkSync(`/proc/${pid}/ns/net`),
        sameNetnsAsUs: false,
        pingGroupRange: gathered({ low, high }, `/proc/${pid}/ns/net`),
        environment: gathered({}, `/proc/${pid}/environ`),
        container: null,
      };
    };
    const gidCheck = async (): Promise<Finding> => {
      const process = await connectorNow();
      return byId(runChecks(evidence((e) => (e.connectors = connectors(process))), inputs({ product: 'cloudflare' })))['connector-gid-range'];
    };
    const asConnector = () => lab.exec('denied', ['setpriv', '--reuid=65532', '--regid=65532', '--clear-groups', '--no-new-privs', 'node', '--import', 'tsx', WORKER, '{}'], { cwd: REPO_ROOT, env: { HOME: '/tmp' } });

    const broken = await gidCheck();
    assert.equal(broken.status, 'fail', broken.summary);
    const brokenNotes = (broken.reason?.params?.['notes'] ?? []) as Message[];
    assert.deepEqual(brokenNotes.map((n) => [n.key, n.params?.['pid'], n.params?.['egid']]), [['connector-gid.process.outside', pid, 65532]]);
    const refused = JSON.parse((await asConnector()).stdout) as WorkerReport;
    assert.equal(refused.capability.v4.allowed, false, 'GID 65532 is refused under "1 0"');

    // The connector has a network namespace of its own: the fix must act there, not on the host.
    // Run from another namespace (the router's), it still changes the connector's: nsenter targets its pid.
    assert.ok(!broken.remediation.some((r) => r.id === 'ping-range.host-now'), 'no host-only sysctl for a connector in its own netns');
    const inNetns = broken.remediation.find((r) => r.id === 'ping-range.netns-now');
    assert.ok(inNetns);
    assert.match(inNetns.text, new RegExp(`nsenter --net=/proc/${pid}/ns/net sysctl -w`));
    await applyFix('router', inNetns.text);

    const fixed = await gidCheck();
    assert.equal(fixed.status, 'pass', fixed.summary);
    const admitted = JSON.parse((await asConnector()).stdout) as WorkerReport;
    assert.equal(admitted.capability.v4.allowed, true, 'the suggested range admits the connector\'s GID for real');
  });
});

async function waitFor<T>(probe: () => T | null, attempts = 100): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    try {
      const value = probe();
      if (value !== null) return value;
    } catch {
      // not there yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('gave up waiting');
}
