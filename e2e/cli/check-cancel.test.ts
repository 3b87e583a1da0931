// Ctrl-C during `icmp-doctor check`: the run is cancelled (the wizard store's cancel()), and the
// verdicts so far are still printed, marked as cancelled — for people and as the --json report
// line — with exit 130. A second signal does not wait for any of that: the process leaves at
// once. The run probes a target whose echo requests the lab's router drops, so the ICMP step
// is still waiting for its timeouts when the signal comes.

import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { FINDING_IDS } from '../../contract/findings';
import { createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { policyScenario } from '../lab/policy-scenarios';
import { cliArgv, cliMissingReason, finished, STACK_TRACE } from '../support/cli';
import { REPO_ROOT } from '../support/worker';
import { reportLine } from './support/check-results';

const SCENARIO = policyScenario('drop-echo-v4');
const ARGS = ['check', '--target', SCENARIO.target, '--tcp-port', String(SCENARIO.tcpPort)];
/** The ICMP step's start on stderr (human mode): the run is under way and waiting on the network. */
const ECHO_STARTED = /^\[7\/\d+\] ICMP echo to the target …$/m;

/** Socket inodes of ICMP (ping) sockets in `pid`'s network namespace: /proc/PID/net/icmp{,6} lists them. */
function icmpSocketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const file of ['icmp', 'icmp6']) {
    const lines = readFileSync(`/proc/${pid}/net/${file}`, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const inode = line.trim().split(/\s+/)[9];
      if (inode !== undefined) inodes.add(inode);
    }
  }
  return inodes;
}

/** Resolves once process `pid` itself holds an ICMP socket (only the run's steps open one). */
async function icmpSocketOpen(pid: number): Promise<void> {
  for (let attempt = 0; attempt < 2000; attempt += 1) {
    try {
      const inodes = icmpSocketInodes(pid);
      const held = readdirSync(`/proc/${pid}/fd`).some((fd) => {
        const link = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        return link?.[1] !== undefined && inodes.has(link[1]);
      });
      if (held) return;
    } catch {
      // the process is starting, or an fd closed while we looked
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.fail('the run never opened an ICMP socket');
}

describe('icmp-doctor check: Ctrl-C', { skip: cliMissingReason() ?? labUnavailableReason() ?? false, concurrency: true }, () => {
  let lab: Lab;
  before(async () => {
    lab = await createLab();
    await lab.serveTcp();
    await lab.applyPolicy(SCENARIO.policy);
  });
  after(() => lab?.destroy());

  /** Starts the CLI as the unprivileged user; ip netns exec, setpriv and env exec in turn, so the pid is the CLI's. */
  function start(args: readonly string[]): ChildProcess {
    return lab.spawn('client', cliArgv(args), { user: 'unprivileged', cwd: REPO_ROOT });
  }

  /** Resolves once `pattern` has appeared on `stream`. */
  function seen(stream: NodeJS.ReadableStream | null, pattern: RegExp): Promise<void> {
    let text = '';
    return new Promise((resolve) => {
      stream?.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        if (pattern.test(text)) resolve();
      });
    });
  }

  it('SIGINT: the verdicts so far, marked as cancelled; the steps that were running say "cancelled"; exit 130', async () => {
    const child = start(ARGS);
    const running = seen(child.stderr, ECHO_STARTED);
    const result = finished(child);
    await running;
    child.kill('SIGINT');
    const run = await result;
    assert.doesNotMatch(run.stderr, STACK_TRACE);
    assert.equal(run.code, 130, run.stderr);
    assert.match(run.stderr, /^\[7\/\d+\] ICMP echo to the target … cancelled: CANCELLED \(cancelled\): cancelled after /m);
    assert.match(run.stdout, /^icmp-doctor check: target 10\.200\.2\.2 \(TCP port 8080\), product generic\n\nCANCELLED: the run was interrupted; these verdicts stand on the evidence gathered so far\. Not finished: .*ICMP echo to the target/);
    for (const id of FINDING_IDS) assert.match(run.stdout, new RegExp(`^[A-Z]+\\s+${id} — `, 'm'), `a verdict for ${id}`);
    assert.match(run.stdout, /\n\(cancelled: the verdicts above are incomplete\)\n$/);
    // The echo that was cut short is cited as such, not as a timeout.
    assert.match(run.stdout, /ICMP echo from this host to 10\.200\.2\.2: CANCELLED \(cancelled\)/);
  });

  it('SIGINT with --json: one report line with "cancelled": true, exit 130', async () => {
    const child = start([...ARGS, '--json']);
    const result = finished(child);
    // --json prints no progress: wait until the run holds an ICMP socket (only its steps open one).
    await icmpSocketOpen(child.pid ?? assert.fail('no pid'));
    child.kill('SIGINT');
    const run = await result;
    assert.equal(run.code, 130, run.stderr);
    const report = reportLine({ ...run, code: run.code, signal: run.signal });
    assert.equal(report.cancelled, true);
    assert.equal(report.findings.length, FINDING_IDS.length);
    // The echo to a target that drops it takes seconds: it was cancelled (or not even sent), never finished.
    const icmp = report.evidence.probes.icmp;
    assert.ok(icmp === null || (!icmp.ok && icmp.code === 'CANCELLED'), `the ICMP probe did not finish: ${JSON.stringify(icmp)}`);
  });

  it('a second signal leaves at once, without waiting for the cancelled run to print its verdicts', async () => {
    const child = start(ARGS);
    const running = seen(child.stderr, ECHO_STARTED);
    const result = finished(child);
    await running;
    const pid = child.pid ?? assert.fail('no pid');
    // Held stopped, the process receives both signals together when it resumes (in either order):
    // the first starts the graceful cancel, the second must end the process before that prints anything.
    process.kill(pid, 'SIGSTOP');
    process.kill(pid, 'SIGINT');
    process.kill(pid, 'SIGTERM');
    process.kill(pid, 'SIGCONT');
    const run = await result;
    assert.ok(run.code === 130 || run.code === 143, `exit code ${String(run.code)} (signal ${String(run.signal)}; stdout: ${run.stdout.slice(0, 200)})`);
    assert.equal(run.stdout, '', 'no verdicts: it did not wait for them');
    assert.doesNotMatch(run.stderr, STACK_TRACE);
  });
});
