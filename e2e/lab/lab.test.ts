// Proves the lab behaves as scenarios.ts says, with tools the product does not share: iputils
// ping (ping sockets as root and as an unprivileged user, raw sockets as root) and tshark.
// Skips, with the reason, when not root.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { captureIcmp } from './capture';
import { findTool } from './availability';
import { iputilsExpectation, parseRttMs, pingArgv } from './iputils';
import {
  ADDRESSES,
  LabCommandError,
  LabTimeoutError,
  createLab,
  labUnavailableReason,
  listLabNamespaces,
  listLabNetnsEtc,
  NETNS_ETC,
  sweepStaleLabs,
  type ExecResult,
  type Lab,
  type RunAs,
} from './lab';
import { SCENARIOS, scenario, sweepTargets, type Scenario } from './scenarios';
import { run } from './exec';

const unavailable = labUnavailableReason();
const skip = unavailable ?? false;
const LAB_MODULE = fileURLToPath(new URL('./lab.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The host's own name-resolution files, which setNameResolution must never touch. */
const HOST_NAME_FILES = ['/etc/hosts', '/etc/nsswitch.conf', '/etc/resolv.conf'];

/** Host state that must be identical after the whole file ran. */
const hostBefore = unavailable === null ? hostSnapshot() : null;

function hostSnapshot(): { pingGroupRange: string; nameFiles: string[]; links: string } {
  return {
    pingGroupRange: readFileSync('/proc/sys/net/ipv4/ping_group_range', 'utf8'),
    nameFiles: HOST_NAME_FILES.map((file) => (existsSync(file) ? readFileSync(file, 'utf8') : '(absent)')),
    links: readFileSync('/proc/net/dev', 'utf8')
      .split('\n')
      .slice(2)
      .map((l) => l.split(':')[0]?.trim())
      .filter(Boolean)
      .sort()
      .join(' '),
  };
}

async function probe(lab: Lab, s: Scenario, user: RunAs): Promise<ExecResult> {
  if (s.setup.flushRouteCache) await lab.flushRouteCache();
  if (s.setup.netem) await lab.setNetem(s.setup.netem);
  try {
    return await lab.exec(s.ns, pingArgv(s), { user, timeoutMs: s.waitMs + 10_000 });
  } finally {
    if (s.setup.netem) await lab.clearNetem();
  }
}

/** A scenario-style rule set: the router forwards everything but ICMP echo requests. */
const DROP_ECHO = `table inet scenario {
  chain c_forward {
    type filter hook forward priority 0;
    icmp type echo-request drop
    icmpv6 type echo-request drop
  }
}
`;

function assertIputils(s: Scenario, r: ExecResult): void {
  const e = iputilsExpectation(s);
  const shown = `\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
  assert.match(e.stream === 'stdout' ? r.stdout : r.stderr, e.output, `${s.id}: output${shown}`);
  if (e.notOutput) assert.doesNotMatch(r.stdout, e.notOutput, `${s.id}${shown}`);
  assert.equal(r.code, e.exitCode, `${s.id}: exit code${shown}`);
  if (s.expect.status === 'reply' && s.expect.minRttMs > 0) {
    const rtt = parseRttMs(r.stdout);
    assert.ok(rtt !== null && rtt >= s.expect.minRttMs, `${s.id}: RTT ${rtt} ms should be >= ${s.expect.minRttMs} ms${shown}`);
  }
}

/** Run a TypeScript snippet in a child Node (with tsx), e.g. as another user or to be killed. */
function nodeChild(code: string, argvPrefix: readonly string[] = []): ReturnType<typeof spawn> {
  const argv = [...argvPrefix, process.execPath, '--import', 'tsx', '--input-type=module', '-e', code];
  const [cmd, ...args] = argv;
  return spawn(cmd ?? process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: '/tmp' } });
}

function collect(child: ReturnType<typeof spawn>): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

describe('network-namespace lab', { skip }, () => {
  after(async () => {
    const before = hostBefore;
    assert.ok(before !== null);
    const now = hostSnapshot();
    assert.equal(now.pingGroupRange, before.pingGroupRange, "the host's ping_group_range changed");
    assert.equal(now.links, before.links, "the host's interfaces changed");
    assert.deepEqual(now.nameFiles, before.nameFiles, "the host's hosts / nsswitch.conf / resolv.conf changed");
    assert.deepEqual(listLabNamespaces().filter((n) => n.startsWith(`icd-${process.pid}-`)), [], 'namespaces left behind');
    assert.deepEqual(listLabNetnsEtc().filter((n) => n.startsWith(`icd-${process.pid}-`)), [], `${NETNS_ETC} directories left behind`);
  });

  // These three groups use labs of their own, so they run side by side.
  describe('labs side by side', { concurrency: true }, () => {
    // Three labs side by side, one per way of pinging; each walks the whole catalog.
    describe('every scenario, as iputils ping sees it', { concurrency: true }, () => {
      const variants: Array<{ title: string; user: RunAs; rawRoot: boolean }> = [
        { title: 'root, ping socket', user: 'root', rawRoot: false },
        { title: 'unprivileged (65534), ping socket', user: 'unprivileged', rawRoot: false },
        { title: 'root, raw socket (client ping_group_range "1 0")', user: 'root', rawRoot: true },
      ];
      for (const v of variants) {
        // Sequential inside a lab: scenarios change lab state (netem, route cache) for their duration.
        describe(v.title, { concurrency: 1 }, () => {
          let lab: Lab;
          before(async () => {
            lab = await createLab(v.rawRoot ? { clientPingGroupRange: [1, 0] } : {});
          });
          after(() => lab.destroy());
          for (const s of SCENARIOS) {
            // Root escapes the denied namespace through iputils' raw-socket fallback: only the
            // unprivileged run can show the refusal.
            const applies = s.ns === 'client' || v.user === 'unprivileged';
            it(`${s.id}: ${s.description}`, { skip: applies ? false : 'root falls back to a raw socket', timeout: 30_000 }, async () => {
              assertIputils(s, await probe(lab, s, v.user));
            });
          }
          if (v.rawRoot) {
            it('clientPingGroupRange [1, 0] refuses the unprivileged user a ping socket in the client', async () => {
              const s = scenario('reply-v4');
              const r = await lab.exec('client', pingArgv(s), { user: 'unprivileged' });
              assert.match(r.stderr, /socket: Operation not permitted/);
              assert.deepEqual(await lab.getPingGroupRange('client'), [1, 0]);
            });
          }
        });
      }
    });

    describe('on the wire (tshark in the client namespace)', { skip: findTool('tshark') === null ? 'tshark is not installed' : false }, () => {
      let lab: Lab;
      before(async () => {
        lab = await createLab();
      });
      after(() => lab.destroy());

      it('every error scenario: type, code, offender, MTU and quoted destination; blackholes send nothing', { timeout: 60_000 }, async () => {
        const capture = await captureIcmp(lab);
        const probed = SCENARIOS.filter((s) => s.ns === 'client' && (s.expect.status === 'icmp-error' || s.expect.status === 'timeout'));
        // All at once: the capture tells them apart by the quoted destination.
        await Promise.all(probed.map((s) => probe(lab, s, 'unprivileged')));
        const packets = await capture.stop();
        for (const s of probed) {
          const errors = packets.filter((p) => p.quotedDst === s.target && p.dst === ADDRESSES.client[s.family === 4 ? 'v4' : 'v6']);
          if (s.expect.status === 'timeout') {
            assert.deepEqual(errors, [], `${s.id}: no ICMP error expected`);
            assert.ok(packets.some((p) => p.dst === s.target), `${s.id}: the echo request was not seen`);
            continue;
          }
          if (s.expect.status !== 'icmp-error') continue;
          const e = s.expect.error;
          assert.equal(errors.length, 1, `${s.id}: expected one error quoting ${s.target}, saw ${JSON.stringify(packets)}`);
          const [p] = errors;
          assert.deepEqual(
            { family: p?.family, src: p?.src, icmpType: p?.icmpType, icmpCode: p?.icmpCode, mtu: p?.mtu },
            { family: s.family, src: e.from, icmpType: e.icmpType, icmpCode: e.icmpCode, mtu: e.mtu },
            s.id,
          );
        }
      });
    });

    // One lab whose state the tests change in turn: sequential.
    describe('lab mechanics', { concurrency: 1 }, () => {
      let lab: Lab;
      before(async () => {
        lab = await createLab();
      });
      after(() => lab.destroy());

      it('creates five uniquely named namespaces quickly enough to report', async () => {
        assert.match(lab.prefix, new RegExp(`^icd-${process.pid}-[0-9a-f]{4}-$`));
        const names = Object.values(lab.ns);
        assert.equal(names.length, 5);
        assert.deepEqual(listLabNamespaces().filter((n) => n.startsWith(lab.prefix)).sort(), [...names].sort());
        assert.ok(lab.setupMs > 0);
      });

      it('sets the per-namespace sysctls (rate limits off, forwarding on, ping ranges)', async () => {
        const read = async (role: 'client' | 'router' | 'server' | 'denied', key: string): Promise<string> =>
          (await lab.exec(role, ['sysctl', '-n', key], { check: true })).stdout.trim().replace(/\s+/g, ' ');
        for (const role of ['router', 'server'] as const) {
          assert.equal(await read(role, 'net.ipv4.icmp_ratelimit'), '0');
          assert.equal(await read(role, 'net.ipv6.icmp.ratelimit'), '0');
        }
        assert.equal(await read('router', 'net.ipv4.ip_forward'), '1');
        assert.equal(await read('router', 'net.ipv6.conf.all.forwarding'), '1');
        assert.equal(await read('client', 'net.ipv4.ping_group_range'), '0 2147483647');
        assert.equal(await read('denied', 'net.ipv4.ping_group_range'), '1 0');
      });

      it('exec runs as the unprivileged user without groups or capabilities', async () => {
        const r = await lab.exec('client', ['sh', '-c', 'id -u; id -g; id -G; grep -E "^(CapEff|NoNewPrivs)" /proc/self/status'], {
          user: 'unprivileged',
          check: true,
        });
        assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.replace(/\s+/g, ' ')), ['65534', '65534', '65534', 'CapEff: 0000000000000000', 'NoNewPrivs: 1']);
      });

      it('exec passes env and stdin', async () => {
        const r = await lab.exec('server', ['sh', '-c', 'printf "%s:" "$LAB_TEST"; cat'], { env: { LAB_TEST: 'hello' }, stdin: 'from stdin', check: true });
        assert.equal(r.stdout, 'hello:from stdin');
      });

      it('exec kills a command that outlives its timeout and says so', async () => {
        await assert.rejects(lab.exec('client', ['sh', '-c', 'sleep 30 & sleep 30'], { timeoutMs: 300 }), (e: unknown) => {
          assert.ok(e instanceof LabTimeoutError);
          assert.match(e.message, /timed out after 300 ms and was killed: ip netns exec \S+client sh -c/);
          return true;
        });
        const left = await run(['ip', 'netns', 'pids', lab.ns.client]);
        assert.equal(left.stdout.trim(), '', 'the command and its children are gone');
      });

      it('failed ip / nft / sysctl commands throw with the command and its stderr', async () => {
        await assert.rejects(lab.nft('router', 'this is not nftables\n'), (e: unknown) => {
          assert.ok(e instanceof LabCommandError);
          assert.match(e.message, /ip netns exec \S+router nft -f -/);
          assert.match(e.message, /syntax error/i);
          return true;
        });
        await assert.rejects(lab.addRoute('prohibit', '10.999.0.0/24'), (e: unknown) => {
          assert.ok(e instanceof LabCommandError);
          assert.match(e.message, /route add prohibit 10\.999\.0\.0\/24/);
          assert.match(e.stderr, /invalid|error/i);
          return true;
        });
        await assert.rejects(lab.exec('client', ['false'], { check: true }), LabCommandError);
      });

      it('setPingGroupRange changes one namespace only', async () => {
        await lab.setPingGroupRange('server', 100, 200);
        assert.deepEqual(await lab.getPingGroupRange('server'), [100, 200]);
        assert.deepEqual(await lab.getPingGroupRange('client'), [0, 2147483647]);
      });

      it('setNameResolution: commands in that namespace, root or not, see its own hosts / nsswitch.conf / resolv.conf', async () => {
        const hosts = '10.200.2.2 server.lab\nfd00:200:2::2 server.lab\n';
        const resolvConf = 'nameserver 10.200.9.3\noptions timeout:1 attempts:1\n';
        await lab.setNameResolution('client', { hosts, nsswitch: 'hosts: files\n', resolvConf });
        assert.deepEqual(listLabNetnsEtc().filter((n) => n.startsWith(lab.prefix)), [lab.ns.client]);
        const show = ['sh', '-c', 'cat /etc/hosts; echo --; cat /etc/nsswitch.conf; echo --; cat /etc/resolv.conf; echo --; getent hosts server.lab; echo "getent $?"'];
        for (const user of ['root', 'unprivileged'] as const) {
          const r = await lab.exec('client', show, { user, check: true });
          assert.equal(r.stdout, `${hosts}--\nhosts: files\n--\n${resolvConf}--\nfd00:200:2::2   server.lab\ngetent 0\n`, user);
        }
        // Other namespaces, and the host, keep the host's files.
        const server = await lab.exec('server', ['getent', 'hosts', 'server.lab']);
        assert.equal(server.code, 2, 'server.lab is unknown outside the client');
        for (const file of HOST_NAME_FILES.filter(existsSync)) {
          assert.equal((await lab.exec('server', ['cat', file], { check: true })).stdout, readFileSync(file, 'utf8'), file);
        }
        // A second call replaces the first: files it does not give are the host's again.
        await lab.setNameResolution('client', { nsswitch: 'hosts: files\n' });
        const replaced = await lab.exec('client', ['sh', '-c', 'cat /etc/nsswitch.conf /etc/hosts'], { check: true });
        assert.equal(replaced.stdout, `hosts: files\n${readFileSync('/etc/hosts', 'utf8')}`);
        await lab.setNameResolution('client', {});
        assert.deepEqual(listLabNetnsEtc().filter((n) => n.startsWith(lab.prefix)), [], '{} removes the directory');
        await assert.rejects(lab.setNameResolution('client', { gaiConf: 'x' } as never), /unknown file gaiConf/);
      });

      it('nft loads rules: the router can drop ICMP echo and undo it', async () => {
        const s = scenario('reply-v4');
        await lab.nft('router', DROP_ECHO);
        assertIputils({ ...s, expect: { status: 'timeout' } }, await lab.exec('client', pingArgv(s)));
        await lab.nft('router', 'delete table inet scenario\n');
        assertIputils(s, await lab.exec('client', pingArgv(s)));
      });

      it('netem: delay is a lower bound on the RTT, 100 % loss loses everything, clear restores', async () => {
        const s = scenario('netem-delay-v4');
        await lab.setNetem({ delayMs: 30, jitterMs: 5 });
        assert.deepEqual(lab.netem, { delayMs: 30, jitterMs: 5, lossPct: 0 });
        const slow = await lab.exec('client', pingArgv(s));
        assert.ok((parseRttMs(slow.stdout) ?? 0) >= 25, slow.stdout);
        await lab.setNetem({ delayMs: 0, lossPct: 100 });
        assertIputils({ ...s, expect: { status: 'timeout' } }, await lab.exec('client', pingArgv(s)));
        await lab.clearNetem();
        assertIputils({ ...s, expect: { status: 'reply', from: s.target, minRttMs: 0 } }, await lab.exec('client', pingArgv(s)));
        await assert.rejects(lab.setNetem({ delayMs: -1 }), RangeError);
      });

      it('1,024-address sweep: 512 answer, 512 are administratively prohibited (v4 and v6)', { timeout: 60_000 }, async () => {
        await lab.installSweep();
        // The router's own ICMP counters count the errors: fping does not report ICMPv6 errors.
        const sentErrors = async (family: 4 | 6): Promise<number> => {
          const file = family === 4 ? '/proc/net/snmp' : '/proc/net/snmp6';
          const text = (await lab.exec('router', ['cat', file], { check: true })).stdout;
          if (family === 6) return Number(/^Icmp6OutType1\s+(\d+)/m.exec(text)?.[1] ?? 0);
          const [names, values] = text.split('\n').filter((l) => l.startsWith('Icmp:'));
          const i = names?.split(/\s+/).indexOf('OutDestUnreachs') ?? -1;
          return i < 0 ? 0 : Number(values?.split(/\s+/)[i]);
        };
        for (const family of [4, 6] as const) {
          const targets = sweepTargets(family);
          const errorsBefore = await sentErrors(family);
          // fping as root, 1 ms apart, no retries: every address once; -a lists those that answered.
          const r = await lab.exec('client', ['fping', `-${family}`, '-r', '0', '-t', '500', '-i', '1', '-a', ...targets.map((t) => t.address)]);
          const alive = r.stdout.split('\n').filter(Boolean).sort();
          const expectedAlive = targets.filter((t) => t.expect.status === 'reply').map((t) => t.address).sort();
          assert.deepEqual(alive, expectedAlive, `v${family} alive`);
          assert.equal((await sentErrors(family)) - errorsBefore, 512, `v${family}: destination-unreachable errors sent by the router`);
        }
      });

      it('spawned processes are killed at destroy, and destroy is idempotent', async () => {
        const other = await createLab();
        const child = other.spawn('server', ['sleep', '1000']);
        await other.setNameResolution('server', { hosts: '192.0.2.1 x.lab\n' });
        await new Promise((r) => setTimeout(r, 50));
        await other.destroy();
        await other.destroy();
        assert.ok(child.exitCode !== null || child.signalCode !== null, 'the spawned process exited');
        assert.deepEqual(listLabNamespaces().filter((n) => n.startsWith(other.prefix)), []);
        assert.deepEqual(listLabNetnsEtc().filter((n) => n.startsWith(other.prefix)), [], `${NETNS_ETC}/${other.ns.server} removed`);
        assert.equal((await run(['ip', 'netns', 'list'])).stdout.includes(other.prefix), false);
        assert.throws(() => other.command('client', ['true']), /destroyed/);
        assert.ok((other.teardownMs ?? -1) >= 0);
      });

      it('two labs at once are isolated: same addresses, separate namespaces', async () => {
        const second = await createLab();
        try {
          assert.notEqual(second.prefix, lab.prefix);
          await second.nft('router', DROP_ECHO);
          const s = scenario('reply-v6');
          assertIputils(s, await lab.exec('client', pingArgv(s)));
          assertIputils({ ...s, expect: { status: 'timeout' } }, await second.exec('client', pingArgv(s)));
        } finally {
          await second.destroy();
        }
      });

      it("v4RouteErrors 'kernel': the route alone sends the same 3/13, but the host-wide limit shows", async () => {
        const kernel = await createLab({ v4RouteErrors: 'kernel' });
        try {
          const s = scenario('prohibit-v4');
          assertIputils(s, await kernel.exec('client', pingArgv(s)));
          const burst = ['ping', '-4', '-n', '-c', '20', '-i', '0.01', '-W', '1', s.target];
          const limited = await kernel.exec('client', burst);
          assert.doesNotMatch(limited.stdout, /\+20 errors/, limited.stdout);
          const mirrored = await lab.exec('client', burst);
          assert.match(mirrored.stdout, /\+20 errors/, mirrored.stdout);
        } finally {
          await kernel.destroy();
        }
      });
    });

  });

  // Last and alone: sweeping must not race other groups creating labs.
  describe('teardown and sweeping', { concurrency: 1 }, () => {
    it('sweepStaleLabs removes namespaces and /etc/netns directories of dead runs and keeps live ones', async () => {
      const dead = spawn('true');
      await new Promise((r) => dead.on('close', r));
      const stale = `icd-${dead.pid}-beef-client`;
      await run(['ip', 'netns', 'add', stale]);
      // A directory whose namespace is already gone (a run killed between the two deletions).
      const staleEtc = `icd-${dead.pid}-beef-server`;
      mkdirSync(`${NETNS_ETC}/${staleEtc}`, { recursive: true });
      writeFileSync(`${NETNS_ETC}/${staleEtc}/hosts`, '192.0.2.1 x.lab\n');
      const live = await createLab({ sweepStale: false });
      try {
        await live.setNameResolution('client', { hosts: '192.0.2.1 x.lab\n' });
        await sweepStaleLabs();
        // Not `swept.includes(stale)`: test files run side by side and every createLab sweeps,
        // so another file's lab may have swept them first. Either way they must be gone.
        assert.equal(listLabNamespaces().includes(stale), false);
        assert.equal(listLabNetnsEtc().includes(staleEtc), false);
        assert.equal(listLabNamespaces().filter((n) => n.startsWith(live.prefix)).length, 5);
        assert.deepEqual(listLabNetnsEtc().filter((n) => n.startsWith(live.prefix)), [live.ns.client]);
      } finally {
        await live.destroy();
      }
    });

    for (const how of ['process.exit()', 'SIGTERM', 'SIGINT'] as const) {
      it(`a process that ends by ${how} without destroy() leaves no namespace and no ${NETNS_ETC} directory behind`, { timeout: 30_000 }, async () => {
        const code =
          `import { createLab } from ${JSON.stringify(LAB_MODULE)};` +
          `const lab = await createLab({ sweepStale: false }); lab.spawn('server', ['sleep', '1000']);` +
          `await lab.setNameResolution('client', { hosts: '192.0.2.1 x.lab\\n' });` +
          `console.log(lab.prefix);` +
          // process.exit() waits for our go-ahead (SIGUSR2): exiting right after printing raced
          // the counts below, which then saw a lab already half torn down.
          (how === 'process.exit()' ? "process.on('SIGUSR2', () => process.exit(0));" : '') +
          'setInterval(() => {}, 1000);';
        const child = nodeChild(code);
        const finished = collect(child);
        const prefix = await new Promise<string>((resolve, reject) => {
          child.stdout?.once('data', (b: Buffer) => resolve(b.toString().trim()));
          child.once('close', (c) => reject(new Error(`child exited ${c} before creating a lab`)));
        });
        assert.equal(listLabNamespaces().filter((n) => n.startsWith(prefix)).length, 5);
        assert.equal(listLabNetnsEtc().filter((n) => n.startsWith(prefix)).length, 1);
        child.kill(how === 'process.exit()' ? 'SIGUSR2' : how);
        const done = await finished;
        if (how !== 'process.exit()') assert.equal(done.signal, how, 'the process still dies of the signal');
        assert.deepEqual(listLabNamespaces().filter((n) => n.startsWith(prefix)), []);
        assert.deepEqual(listLabNetnsEtc().filter((n) => n.startsWith(prefix)), [], `${NETNS_ETC} directory left behind`);
      });
    }

    it('createLab as a non-root user rejects with LabUnavailableError saying why', { timeout: 30_000 }, async () => {
      const code =
        `import { createLab } from ${JSON.stringify(LAB_MODULE)};` +
        `try { await createLab(); console.log('created'); } catch (e) { console.log(e.name + ': ' + e.message); }`;
      const dropped = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--no-new-privs', '--', 'env', '--'];
      const r = await collect(nodeChild(code, dropped));
      assert.match(r.stdout, /^LabUnavailableError: The network-namespace lab needs root: .*uid 65534.*CAP_NET_ADMIN.*sudo npm test/s, r.stdout + r.stderr);
    });
  });
});
