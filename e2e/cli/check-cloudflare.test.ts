// A Cloudflare tunnel with all three of seed 002's traps, diagnosed by the built CLI in the lab:
// a cloudflared stand-in started with `--protocol http2`, its log with an HTTP/2 registration
// and the "Group ID 0 is not between ping group 1 to 0" warning, and the Zero Trust ICMP proxy
// off — the Cloudflare API served as its documented JSON on 127.0.0.1 in the CLI's namespace
// (CLOUDFLARE_API_BASE), the token in CLOUDFLARE_API_TOKEN. tunnel-transport, icmp-proxy and
// connector-gid-range fail, each citing its evidence. The token is planted on the stand-in's
// command line too, and must appear in no output: stdout (human and --json), stderr, and the
// .json, .html and .md reports — which exist, parse and carry the findings. A token the API
// refuses (401) leaves icmp-proxy unknown, citing the refusal.

import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Message } from '../../contract/message';
import type { Report } from '../../contract/report';
import { createLab, labUnavailableReason, UNPRIVILEGED, type ExecResult, type Lab } from '../lab/lab';
import { cliArgv, cliMissingReason, STACK_TRACE } from '../support/cli';
import { byId, evidenceText, reportLine, statuses } from './support/check-results';
import { startFakeCloudflareApi, type FakeCloudflareApi } from './support/fake-cloudflare-api';
import { startStandIn } from './support/lab-stand-in';
import { PidNamespace } from './support/pid-namespace';

/** Shaped like a Cloudflare API token (40 URL-safe characters). */
const API_TOKEN = 'Zt9Q4mX2vB7nK1pL8sR3wY6cH0dF5gJ2aE4uT7iO';
const WRONG_TOKEN = 'Wr0ngT0kenQ4mX2vB7nK1pL8sR3wY6cH0dF5gJ2a';
const ACCOUNT = '699d98642c564d2e855e9661899b7252';

/** seed 002's two warnings as the journal has them, then a connection registered over HTTP/2. */
const LOG_LINES = [
  'Oct 13 18:39:24 raspberrypi2 cloudflared[21808]: 2024-10-13T09:39:24Z WRN The user running cloudflared process has a GID (group ID) that is not within ping_group_range. You might need to add that user to a group within that range, or instead update the range to encompass a group the user is already in by modifying /proc/sys/net/ipv4/ping_group_range. Otherwise cloudflared will not be able to ping this network error="Group ID 0 is not between ping group 1 to 0"',
  'Oct 13 18:39:24 raspberrypi2 cloudflared[21808]: 2024-10-13T09:39:24Z WRN ICMP proxy feature is disabled error="cannot create ICMPv4 proxy: Group ID 0 is not between ping group 1 to 0 nor ICMPv6 proxy: socket: permission denied"',
  'Oct 13 18:39:25 raspberrypi2 cloudflared[21808]: 2024-10-13T09:39:25Z INF Registered tunnel connection connIndex=0 connection=1c2a3b4d-5e6f-4a1b-9c2d-3e4f5a6b7c00 event=0 ip=198.41.192.227 location=nrt01 protocol=http2',
];

const FAILING = ['connector-gid-range', 'icmp-proxy', 'tunnel-transport'];

describe('icmp-doctor check: a Cloudflare tunnel on HTTP/2, ICMP proxy off, cloudflared outside the range', { skip: cliMissingReason() ?? labUnavailableReason() ?? false, concurrency: true }, () => {
  let lab: Lab;
  let space: PidNamespace;
  let api: FakeCloudflareApi;
  let dir: string;
  let reports: string;
  let log: string;
  let standInPid: number;
  /** The three runs with the accepted token, started once. */
  let runs: Promise<{ human: ExecResult; json: ExecResult; markdown: ExecResult }>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'icd-check-cf-'));
    chmodSync(dir, 0o755);
    log = join(dir, 'cloudflared.log');
    writeFileSync(log, `${LOG_LINES.join('\n')}\n`, { mode: 0o644 });
    // The unprivileged user writes the reports here, as a user would in their own directory.
    reports = join(dir, 'reports');
    mkdirSync(reports, { mode: 0o755 });
    chownSync(reports, UNPRIVILEGED.uid, UNPRIVILEGED.gid);

    lab = await createLab();
    space = await PidNamespace.start(lab, 'client');
    api = await startFakeCloudflareApi(lab, 'client', { token: API_TOKEN, accountId: ACCOUNT, icmpProxyEnabled: false });
    standInPid = await startStandIn(space, {
      dir: mkdtempSync(join(dir, 'stand-in-')),
      uid: 65532,
      gid: 65532,
      // The API token where it does not belong: a connector's argv is quoted as evidence.
      args: ['tunnel', '--no-autoupdate', '--protocol', 'http2', 'run', '--token', API_TOKEN],
      env: { PATH: '/usr/bin:/bin' },
    });
    const check = (token: string, extra: string[]): Promise<ExecResult> =>
      space.exec(cliArgv(['check', '--cloudflared-log', log, '--cloudflare-account', ACCOUNT, ...extra]), {
        user: 'unprivileged',
        env: { CLOUDFLARE_API_TOKEN: token, CLOUDFLARE_API_BASE: api.base },
      });
    runs = Promise.all([
      check(API_TOKEN, ['--report', join(reports, 'report.html')]),
      check(API_TOKEN, ['--json', '--report', join(reports, 'report.json')]),
      check(API_TOKEN, ['--report', join(reports, 'report.md')]),
    ]).then(([human, json, markdown]) => ({ human, json, markdown }));
  });
  after(async () => {
    space?.stop();
    api?.stop();
    await lab?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('--json: tunnel-transport, icmp-proxy and connector-gid-range fail, each citing its evidence', async () => {
    const { json } = await runs;
    assert.equal(json.code, 1, json.stderr);
    assert.equal(json.stderr, '');
    const report = reportLine(json);
    assert.deepEqual(report.findings.filter((f) => f.status === 'fail').map((f) => f.id).sort(), FAILING, statuses(report.findings));
    // No target: nothing is a symptom; the three traps are the causes, in the order to fix them.
    assert.deepEqual(report.causes, ['connector-gid-range', 'tunnel-transport', 'icmp-proxy']);
    const findings = byId(report.findings);

    const transport = findings['tunnel-transport'];
    assert.equal(transport.reason?.key, 'tunnel-transport.fail');
    // The connector's log (HTTP/2 registration, line 3) decides it before its --protocol flag would.
    assert.deepEqual(transport.reason?.params?.['reasons'], [{ key: 'tunnel-transport.registered-http2' }]);
    // Cited by line; the evidence's sources name the file the lines came from.
    assert.ok(transport.evidence.some((e) => e.source.endsWith('cloudflared log, line 3') && e.detail === LOG_LINES[2]), evidenceText(transport));
    assert.ok(transport.remediation.some((r) => /--protocol quic/.test(r.text)), 'the QUIC fix');
    assert.ok(transport.remediation.some((r) => /7844/.test(`${r.title} ${r.text}`)), 'UDP 7844 egress');

    const proxy = findings['icmp-proxy'];
    assert.deepEqual(proxy.reason, { key: 'icmp-proxy.off', params: { account: ACCOUNT, gidWarning: true } });
    assert.equal(proxy.evidence[0]?.source, `GET ${api.base}/accounts/${ACCOUNT}/zerotrust/connectivity_settings`);
    assert.deepEqual(proxy.evidence[0]?.message, { key: 'icmp-proxy.api-setting', params: { account: ACCOUNT, enabled: false } });
    assert.ok(proxy.remediation.some((r) => r.kind === 'dashboard'), 'the dashboard steps');
    assert.ok(proxy.remediation.some((r) => r.kind === 'command' && r.text.includes('${CLOUDFLARE_API_TOKEN}')), 'the API call refers to the token by name');

    const gid = findings['connector-gid-range'];
    const logged = ((gid.reason?.params?.['notes'] ?? []) as Message[]).find((note) => note.key === 'connector-gid.log.gid-outside');
    assert.deepEqual(logged?.params, { gid: 0, quoted: { key: 'ping-range.quoted', params: { range: '1 0', empty: true } } }, gid.summary);
    assert.ok(gid.evidence.some((e) => e.source.endsWith('cloudflared log, line 1') && e.detail === LOG_LINES[0]), evidenceText(gid));
    assert.ok(gid.remediation.some((r) => r.text.includes('net.ipv4.ping_group_range')), 'a ping_group_range fix');

    // The product follows from the Cloudflare options; the token is known to be there, never what it is.
    assert.equal(report.inputs.product, 'cloudflare');
    assert.equal(report.inputs.cloudflareApiToken, 'provided');
    assert.equal(report.inputs.cloudflareAccountId, ACCOUNT);
    // The stand-in was found, its --protocol read, its token not kept.
    const connectors = report.evidence.connectors;
    assert.ok(connectors?.ok);
    const standIn = connectors.value.find((c) => c.pid === standInPid) ?? assert.fail('the stand-in is in the evidence');
    assert.deepEqual(standIn.command.slice(1), ['tunnel', '--no-autoupdate', '--protocol', 'http2', 'run', '--token', '[redacted]']);
    // Its cgroup path is recorded as /proc/PID/cgroup has it (the signal for --deploy detection), and the
    // report says how the deployment was decided: not chosen here.
    const cgroupLine = readFileSync(`/proc/${standInPid}/cgroup`, 'utf8').split('\n').find((l) => l.startsWith('0::'));
    if (cgroupLine) assert.equal(standIn.cgroup, cgroupLine.slice(3));
    assert.notEqual(report.deploy.from, 'chosen');
    const cloudflared = report.evidence.cloudflared;
    assert.ok(cloudflared?.ok);
    assert.equal(cloudflared.value.requestedTransport?.value, 'http2');
    assert.ok(cloudflared.value.sources.some((source) => source.includes(log)), cloudflared.value.sources.join('\n'));
    // The API was asked, with the token, by every run.
    assert.ok(api.requests.filter((r) => r.authorized && r.path.endsWith(`/accounts/${ACCOUNT}/zerotrust/connectivity_settings`)).length >= 3, JSON.stringify(api.requests));
  });

  it('for people: the three verdicts and their fixes, the report written; progress on stderr', async () => {
    const { human } = await runs;
    assert.doesNotMatch(human.stderr, STACK_TRACE);
    assert.equal(human.code, 1, human.stderr);
    for (const id of FAILING) assert.match(human.stdout, new RegExp(`^FAIL\\s+${id} — `, 'm'));
    // The causes first, in the order to fix them, then the re-test command with the same options.
    const opening = human.stdout.split('\n').slice(2, 10);
    assert.match(opening[0] ?? '', /^3 problems found\b/);
    assert.deepEqual(
      opening.filter((l) => /^ {2}\d\. /.test(l)).map((l) => l.split(' ')[3]),
      ['connector-gid-range', 'tunnel-transport', 'icmp-proxy'],
      opening.join('\n'),
    );
    assert.match(human.stdout, new RegExp(`^Re-test with: icmp-doctor check --product cloudflare --cloudflared-log ${log.replaceAll('/', '\\/')} --cloudflare-account ${ACCOUNT}$`, 'm'));
    assert.match(human.stdout, /^Verdict: 3 problems found: /m);
    assert.match(human.stdout, /^  Fix \d+ \(in the dashboard\): Zero Trust dashboard: turn on the ICMP proxy$/m);
    assert.match(human.stdout, /^Report written to .*\/reports\/report\.html \(\d+ bytes\)\.$/m);
    assert.match(human.stderr, /^\[4\/\d+\] Zero Trust ICMP proxy setting … done: ICMP proxy disabled$/m);
    assert.match(human.stderr, /^\[3\/\d+\] cloudflared transport and ICMP proxy … done: registered over http2$/m);
  });

  it('the token appears in no output: stdout and stderr of every run, the .json, .html and .md reports', async () => {
    const outputs = await runs;
    const files = Object.fromEntries(['report.json', 'report.html', 'report.md'].map((name) => [name, readFileSync(join(reports, name), 'utf8')]));
    const texts: Record<string, string> = {
      ...Object.fromEntries(Object.entries(outputs).flatMap(([name, run]) => [[`${name} stdout`, run.stdout], [`${name} stderr`, run.stderr]])),
      ...files,
    };
    for (const [name, text] of Object.entries(texts)) {
      assert.ok(!text.includes(API_TOKEN), `${name} leaks the API token`);
      assert.ok(!text.includes(API_TOKEN.slice(0, 20)), `${name} leaks part of the API token`);
    }
    // The human outputs and every file did mention the stand-in's command line, redacted.
    for (const name of ['human stdout', 'report.json', 'report.md']) assert.match(texts[name] ?? '', /--token \[redacted\]/, name);
  });

  it('--report: .json, .html and .md exist, parse and carry the findings; no temp file is left', async () => {
    await runs;
    assert.deepEqual(readdirSync(reports).sort(), ['report.html', 'report.json', 'report.md']);
    const json = JSON.parse(readFileSync(join(reports, 'report.json'), 'utf8')) as Report;
    assert.equal(json.schema, 'icmp-doctor/report@1');
    assert.deepEqual(json.findings.filter((f) => f.status === 'fail').map((f) => f.id).sort(), FAILING);
    const html = readFileSync(join(reports, 'report.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>/i);
    assert.doesNotMatch(html, /<script/i, 'no script in the report');
    const markdown = readFileSync(join(reports, 'report.md'), 'utf8');
    assert.match(markdown, /^# ICMP Doctor report/);
    for (const finding of json.findings) {
      assert.ok(html.includes(finding.id), `the HTML names ${finding.id}`);
      assert.ok(markdown.includes(finding.id), `the Markdown names ${finding.id}`);
    }
    for (const id of FAILING) assert.match(html, new RegExp(`FAIL[\\s\\S]{0,400}?${id}|${id}[\\s\\S]{0,400}?FAIL`), `the HTML marks ${id} as failing`);
  });

  it('a token the API refuses (401): icmp-proxy is unknown and cites the refusal; that token appears nowhere either', async () => {
    const refused = await space.exec(cliArgv(['check', '--cloudflared-log', log, '--cloudflare-account', ACCOUNT, '--json']), {
      user: 'unprivileged',
      env: { CLOUDFLARE_API_TOKEN: WRONG_TOKEN, CLOUDFLARE_API_BASE: api.base },
    });
    assert.equal(refused.code, 1, refused.stderr);
    assert.ok(!refused.stdout.includes(WRONG_TOKEN) && !refused.stderr.includes(WRONG_TOKEN));
    const findings = byId(reportLine(refused).findings);
    const proxy = findings['icmp-proxy'];
    assert.equal(proxy.status, 'unknown', proxy.summary);
    assert.deepEqual(proxy.reason?.params?.['advice'], { key: 'icmp-proxy.advice.auth-failed' }, 'says the token was not accepted');
    assert.match(evidenceText(proxy), /AUTH_FAILED \(authentication failed\): The Cloudflare API refused the token \(HTTP 401\).*Cloudflare says: 10000 Authentication error\./);
    assert.ok(api.requests.some((r) => !r.authorized), 'the refused token reached the API');
    // The other two causes do not depend on the API.
    assert.equal(findings['tunnel-transport'].status, 'fail');
    assert.equal(findings['connector-gid-range'].status, 'fail');
  });
});
