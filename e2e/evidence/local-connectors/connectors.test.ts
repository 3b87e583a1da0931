// gatherConnectors() against real processes: stand-ins for cloudflared, a Twingate connector
// and a Firezone gateway (copies of bash under those names, so argv[0], comm and the
// executable all carry the name) run as uid/gid 65532 like the vendors' images, in lab
// namespaces whose ping_group_range differs, with secrets in their environment. The scan
// runs as root on the host, as root inside a lab namespace and as the unprivileged user in
// another namespace; each must see what the kernel says about those processes.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, copyFile, mkdtemp, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ConnectorKind, ConnectorProcess, Gathered, PingGroupRange } from '../../../contract/evidence';
import { gatherConnectors } from '../../../electron/core/evidence/connectors/index';
import { createLab, labUnavailableReason, type Lab } from '../../lab/lab';
import type { NsRole } from '../../lab/topology';
import { runWorkerOk } from '../../support/worker';
import type { GatherOutput } from './workers/gather';

const WORKER = 'e2e/evidence/local-connectors/workers/gather.ts';
const CONNECTOR_ID = 65532;
const EXTRA_GROUP = 4242;
const SECRETS = {
  TUNNEL_TOKEN: 'eyJhIjoiY2xvdWRmbGFyZWQtc2VjcmV0LXRva2VuIn0',
  TWINGATE_ACCESS_TOKEN: 'twingate-access-secret-0123456789',
  TWINGATE_REFRESH_TOKEN: 'twingate-refresh-secret-0123456789',
  FIREZONE_TOKEN: 'firezone-secret-token-0123456789',
};
const SCRIPT = 'sleep 600 & wait';

interface StandIn {
  kind: ConnectorKind;
  program: string;
  /** Lab namespace, or null for the host's own. */
  ns: NsRole | null;
  args: string[];
  env: Record<string, string>;
  /** What the environment must come back as (only allowlisted names). */
  expectedEnvironment: Record<string, string>;
}

const STAND_INS: StandIn[] = [
  {
    kind: 'cloudflared',
    program: 'cloudflared',
    ns: 'denied',
    args: ['cloudflared', '--no-autoupdate', '--protocol', 'http2', 'tunnel', 'run'],
    env: { TUNNEL_TRANSPORT_PROTOCOL: 'http2', TUNNEL_METRICS: '127.0.0.1:20241', TUNNEL_TOKEN: SECRETS.TUNNEL_TOKEN },
    expectedEnvironment: { TUNNEL_TRANSPORT_PROTOCOL: 'http2', TUNNEL_METRICS: '127.0.0.1:20241' },
  },
  {
    kind: 'twingate',
    program: 'twingate-connector',
    ns: 'client',
    args: ['twingate-connector', '--systemd-watchdog'],
    env: { TWINGATE_NETWORK: 'acme', TWINGATE_ACCESS_TOKEN: SECRETS.TWINGATE_ACCESS_TOKEN, TWINGATE_REFRESH_TOKEN: SECRETS.TWINGATE_REFRESH_TOKEN },
    expectedEnvironment: { TWINGATE_NETWORK: 'acme' },
  },
  {
    kind: 'firezone',
    program: 'firezone-gateway',
    ns: null,
    args: ['firezone-gateway'],
    env: { FIREZONE_NAME: 'lab-gateway', FIREZONE_TOKEN: SECRETS.FIREZONE_TOKEN },
    expectedEnvironment: { FIREZONE_NAME: 'lab-gateway' },
  },
];

interface Running {
  standIn: StandIn;
  child: ChildProcess;
  pid: number;
  argv: string[];
  netns: string;
  range: PingGroupRange;
}

/** Environment a root lab command gets, minus anything that would look like a connector's own. */
function cleanEnvironment(extra: Record<string, string>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const name of Object.keys(process.env)) if (/^(TUNNEL_|TWINGATE_|FIREZONE_|RUST_LOG)/.test(name)) env[name] = undefined;
  return { ...env, ...extra };
}

async function readCmdline(pid: number): Promise<string[] | null> {
  try {
    const parts = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    parts.pop();
    return parts;
  } catch {
    return null;
  }
}

/** Waits until `pid` has exec'd the stand-in (ip netns exec → setpriv → program keep the pid). */
async function untilExecuted(pid: number, argv: readonly string[]): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const now = await readCmdline(pid);
    if (now !== null && JSON.stringify(now) === JSON.stringify(argv)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`pid ${pid} never became ${argv.join(' ')}`);
}

function parseRange(text: string): PingGroupRange {
  const [low, high] = text.trim().split(/\s+/).map(Number);
  return { low: low ?? NaN, high: high ?? NaN };
}

function findPid(result: Gathered<ConnectorProcess[]> | undefined, pid: number): ConnectorProcess {
  assert.ok(result, 'the worker printed connectors');
  assert.equal(result.ok, true, JSON.stringify(result));
  const found = result.ok ? result.value.find((connector) => connector.pid === pid) : undefined;
  assert.ok(found, `pid ${pid} is among ${JSON.stringify(result.ok ? result.value.map((c) => [c.pid, c.command[0]]) : result)}`);
  return found;
}

function assertNoSecrets(value: unknown): void {
  const text = JSON.stringify(value);
  for (const [name, secret] of Object.entries(SECRETS)) {
    assert.ok(!text.includes(secret), `${name}'s value must never be gathered`);
    assert.ok(!text.includes(name), `${name} must not even be named in the evidence`);
  }
}

/** What every scan sees, whoever runs it: name, argv, ids from /proc/PID/status. */
function assertIdentity(connector: ConnectorProcess, running: Running): void {
  assert.equal(connector.kind, running.standIn.kind);
  assert.deepEqual(connector.command, running.argv);
  assert.deepEqual(connector.uids, [CONNECTOR_ID, CONNECTOR_ID, CONNECTOR_ID, CONNECTOR_ID]);
  assert.deepEqual(connector.gids, [CONNECTOR_ID, CONNECTOR_ID, CONNECTOR_ID, CONNECTOR_ID]);
  assert.deepEqual([...connector.groups].sort((a, b) => a - b), [EXTRA_GROUP, CONNECTOR_ID]);
  assert.equal(connector.container, null, 'a process in a bare network namespace is no container');
}

describe('gatherConnectors finds connector processes and reads their namespaces', { skip: labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  let directory: string;
  let hostNetns: string;
  const running: Running[] = [];
  const ownChildren: ChildProcess[] = [];

  before(async () => {
    lab = await createLab();
    directory = await mkdtemp(join(tmpdir(), 'icd-connectors-'));
    await chmod(directory, 0o755);
    hostNetns = await readlink('/proc/self/ns/net');
    for (const standIn of STAND_INS) {
      const program = join(directory, standIn.program);
      await copyFile('/bin/bash', program);
      await chmod(program, 0o755);
      const argv = [program, '-c', SCRIPT, ...standIn.args];
      const dropToConnector = ['setpriv', `--reuid=${CONNECTOR_ID}`, `--regid=${CONNECTOR_ID}`, `--groups=${CONNECTOR_ID},${EXTRA_GROUP}`, '--'];
      let child: ChildProcess;
      if (standIn.ns === null) {
        // The host's own namespace: started here, in its own process group, killed in after().
        child = spawn(dropToConnector[0] as string, [...dropToConnector.slice(1), ...argv], {
          detached: true,
          stdio: 'ignore',
          env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...standIn.env },
        });
        ownChildren.push(child);
      } else {
        child = lab.spawn(standIn.ns, [...dropToConnector, ...argv], { env: cleanEnvironment(standIn.env) });
      }
      assert.ok(child.pid !== undefined, `${standIn.program} started`);
      await untilExecuted(child.pid, argv);
      const netns = await readlink(`/proc/${child.pid}/ns/net`);
      const range = standIn.ns === null ? parseRange(await readFile('/proc/sys/net/ipv4/ping_group_range', 'utf8')) : await lab.getPingGroupRange(standIn.ns).then(([low, high]) => ({ low, high }));
      running.push({ standIn, child, pid: child.pid, argv, netns, range });
    }
  });

  after(async () => {
    for (const child of ownChildren) {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await lab?.destroy();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('the stand-ins see different ranges: 1 0 (denied), everyone (client), the host’s', () => {
    const byKind = Object.fromEntries(running.map((r) => [r.standIn.kind, r]));
    assert.deepEqual(byKind.cloudflared?.range, { low: 1, high: 0 });
    assert.deepEqual(byKind.twingate?.range, { low: 0, high: 2147483647 });
    assert.notEqual(byKind.cloudflared?.netns, hostNetns);
    assert.equal(byKind.firezone?.netns, hostNetns);
  });

  it('as root on the host: every stand-in, its namespace, the range inside it and its environment', async () => {
    const result = await gatherConnectors();
    for (const r of running) {
      const connector = findPid(result, r.pid);
      assertIdentity(connector, r);
      assert.equal(connector.netns, r.netns);
      assert.equal(connector.sameNetnsAsUs, r.standIn.ns === null);
      assert.deepEqual(connector.pingGroupRange.ok && connector.pingGroupRange.value, r.range, JSON.stringify(connector.pingGroupRange));
      // Another namespace is entered; our own is read directly.
      assert.match(connector.pingGroupRange.source, r.standIn.ns === null ? /shares our network namespace/ : /^nsenter --net=\/proc\/\d+\/ns\/net/);
      assert.deepEqual(connector.environment.ok && connector.environment.value, r.standIn.expectedEnvironment);
    }
    assertNoSecrets(result);
  });

  it('as root inside the cloudflared stand-in’s namespace: its range is ours, the others are entered', async () => {
    const output = await runWorkerOk<GatherOutput>(lab, 'denied', WORKER, ['connectors'], { user: 'root' });
    for (const r of running) {
      const connector = findPid(output.connectors, r.pid);
      assertIdentity(connector, r);
      assert.equal(connector.netns, r.netns);
      assert.equal(connector.sameNetnsAsUs, r.standIn.ns === 'denied');
      assert.deepEqual(connector.pingGroupRange.ok && connector.pingGroupRange.value, r.range, JSON.stringify(connector.pingGroupRange));
      assert.deepEqual(connector.environment.ok && connector.environment.value, r.standIn.expectedEnvironment);
    }
    assertNoSecrets(output);
  });

  it('as the unprivileged user in another namespace: found, but namespace and environment are denied with the fix', async () => {
    const output = await runWorkerOk<GatherOutput>(lab, 'server', WORKER, ['connectors'], { user: 'unprivileged' });
    for (const r of running) {
      const connector = findPid(output.connectors, r.pid);
      assertIdentity(connector, r);
      assert.equal(connector.netns, null, 'another user’s /proc/PID/ns/net is not readable');
      assert.equal(connector.sameNetnsAsUs, false);
      const range = connector.pingGroupRange;
      assert.equal(range.ok, false);
      assert.equal(!range.ok && range.code, 'PERMISSION_DENIED');
      assert.match(!range.ok ? range.message : '', /CAP_SYS_PTRACE/);
      assert.match(!range.ok ? range.message : '', /`sudo icmp-doctor check --connector`/);
      assert.match(!range.ok ? range.message : '', new RegExp(`sudo nsenter --net=/proc/${r.pid}/ns/net`));
      assert.equal(!range.ok && range.reason?.key, 'gather.connector.range-denied');
      const environment = connector.environment;
      assert.equal(!environment.ok && environment.code, 'PERMISSION_DENIED');
      assert.match(!environment.ok ? environment.message : '', new RegExp(`uid ${CONNECTOR_ID}.*sudo icmp-doctor check --connector`));
      assert.deepEqual(!environment.ok && environment.reason?.params, { pid: r.pid, uid: CONNECTOR_ID, checkCommand: 'sudo icmp-doctor check --connector' });
    }
    assertNoSecrets(output);
  });

  it('processes that exit mid-scan are skipped: scans during a churn of short-lived cloudflared processes all succeed', async () => {
    const program = join(directory, 'cloudflared');
    // Each iteration is a new "cloudflared" that lives for a moment, as a crash-looping one would.
    const churnArgv = [program, '-c', ':', 'cloudflared', 'tunnel', 'run'];
    const churn = lab.spawn('denied', ['bash', '-c', `while :; do "${program}" -c ':' cloudflared tunnel run; done`]);
    try {
      const survivors = running.map((r) => r.pid);
      for (let scan = 0; scan < 25; scan += 1) {
        const result = await gatherConnectors();
        assert.equal(result.ok, true, JSON.stringify(result));
        const pids = result.ok ? result.value.map((connector) => connector.pid) : [];
        for (const pid of survivors) assert.ok(pids.includes(pid), `scan ${scan} still finds pid ${pid}`);
        // A short-lived one caught alive is caught whole (other processes on the host are not ours to judge).
        for (const connector of result.ok ? result.value.filter((c) => c.command[0] === program && !survivors.includes(c.pid)) : []) {
          assert.deepEqual(connector.command, churnArgv);
          assert.deepEqual(connector.uids, [0, 0, 0, 0]);
          assert.deepEqual(connector.pingGroupRange.ok && connector.pingGroupRange.value, { low: 1, high: 0 });
        }
      }
    } finally {
      if (churn.pid !== undefined) process.kill(-churn.pid, 'SIGKILL');
    }
  });
});
