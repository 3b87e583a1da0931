// `icmp-doctor check` refuses bad or hostile input before it runs anything: each case runs the
// built CLI in the lab as the unprivileged user and expects exit 2, one line naming the flag,
// the value and what is accepted, then the pointer to `check --help`, nothing on stdout and no
// stack trace — in human and --json mode alike. Files the user names are real files: missing,
// a directory, root's own, binary garbage, malformed JSON. Also: --help, and exit 4 when the
// native addon cannot be found.

import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { hostsFileOnly } from '../lab/names';
import { cliArgv, cliMissingReason, runCli, STACK_TRACE } from '../support/cli';
import { REPO_ROOT } from '../support/worker';

const P = 'icmp-doctor: ';
/** Looks like an API token; pasted into --cloudflare-account by mistake it must not be echoed. */
const TOKEN_LIKE = 'Xq9vT3kLmN8pR2sW5yZ7aB4cD6eF1gH0jK3mN5pQ';
const ACCOUNT = '0123456789abcdef0123456789abcdef';

interface BadInputCase {
  name: string;
  /** `dir` is a directory of files made for these cases (see before()). */
  args: (dir: string) => string[];
  /** The first stderr line, exactly (string) or by pattern. */
  message: (dir: string) => string | RegExp;
  /** Text that must not appear anywhere in the output. */
  never?: string;
}

const CASES: BadInputCase[] = [
  { name: 'unknown option', args: () => ['check', '--frobnicate'], message: () => /^icmp-doctor: --frobnicate: unknown option \(accepted: --target --tcp-port .* -h\)$/ },
  { name: 'a positional argument', args: () => ['check', '10.0.0.5'], message: () => `${P}10.0.0.5: unexpected argument; check takes options only (did you mean --target 10.0.0.5?)` },
  { name: 'missing value', args: () => ['check', '--target'], message: () => `${P}--target: missing TARGET (an IP address or host name)` },
  { name: 'empty target', args: () => ['check', '--target', ''], message: () => `${P}--target "": TARGET is empty; give an IP address or host name` },
  { name: 'port out of range', args: () => ['check', '--target', '10.200.2.2', '--tcp-port', '70000'], message: () => `${P}--tcp-port 70000: PORT must be an integer from 1 to 65535` },
  { name: 'port not a number', args: () => ['check', '--target', '10.200.2.2', '--tcp-port=http'], message: () => `${P}--tcp-port=http: PORT must be an integer from 1 to 65535` },
  { name: 'port 0', args: () => ['check', '--target', '10.200.2.2', '--tcp-port', '0'], message: () => `${P}--tcp-port 0: PORT must be an integer from 1 to 65535` },
  { name: 'port without target', args: () => ['check', '--tcp-port', '22'], message: () => `${P}--tcp-port 22: needs --target (the host the probes go to)` },
  { name: 'unreachable without target', args: () => ['check', '--unreachable', '10.200.9.2'], message: () => `${P}--unreachable 10.200.9.2: needs --target (the host the probes go to)` },
  { name: 'bad deployment style', args: () => ['check', '--deploy', 'openshift'], message: () => `${P}--deploy openshift: STYLE must be one of host, systemd, docker, podman, kubernetes, helm, openwrt (leave --deploy out to detect it)` },
  { name: 'bad product', args: () => ['check', '--product', 'zscaler'], message: () => `${P}--product zscaler: PRODUCT must be one of cloudflare, twingate, firezone, generic` },
  {
    name: 'a Cloudflare option with another product',
    args: () => ['check', '--product', 'twingate', '--cloudflare-account', ACCOUNT],
    message: () => `${P}--cloudflare-account applies to Cloudflare tunnels only, but --product is twingate; drop it, or use --product cloudflare`,
  },
  {
    name: 'bad account id (not echoed: it may be a token)',
    args: () => ['check', '--cloudflare-account', TOKEN_LIKE],
    message: () => /^icmp-doctor: --cloudflare-account: The Cloudflare account id must be 32 hexadecimal characters \(0-9, a-f\); the one given has 40 characters, some of them not 0-9 or a-f\. /,
    never: TOKEN_LIKE,
  },
  { name: 'bad metrics address', args: () => ['check', '--metrics', 'localhost'], message: () => /^icmp-doctor: --metrics localhost: URL must be cloudflared's metrics address with a port/ },
  { name: 'target not a host name', args: () => ['check', '--target', 'bad_host!'], message: () => /^icmp-doctor: --target bad_host!: not an IP address or a valid host name/ },
  { name: 'multicast target', args: () => ['check', '--target', '224.0.0.1'], message: () => `${P}--target 224.0.0.1: this is a multicast address (a group, not one host); give a unicast host address` },
  { name: 'unknown host', args: () => ['check', '--target', 'nosuch.lab'], message: () => /^icmp-doctor: --target nosuch\.lab: unknown host \(no address found, ENOTFOUND\)/ },
  { name: 'option given twice', args: () => ['check', '--target', '10.200.2.2', '--target', '10.200.3.2'], message: () => `${P}--target 10.200.3.2: --target was already given; give it once` },
  { name: 'flag with a value', args: () => ['check', '--json=yes'], message: () => `${P}--json=yes: --json takes no value` },
  { name: 'import without KIND=', args: () => ['check', '--import', 'sysctl.txt'], message: () => /^icmp-doctor: --import sysctl\.txt: KIND=FILE expected, e\.g\. --import sysctl=sysctl\.txt/ },
  { name: 'import of an unknown KIND', args: () => ['check', '--import', 'netplan=x.yaml'], message: () => /^icmp-doctor: --import netplan=x\.yaml: KIND must be one of cloudflared-log, sysctl, id, pod-spec, helm-values, calico-policy, connector-report, nft-ruleset, iptables-save, twingate-log, firezone-log, firezone-resource$/ },
  { name: 'import of a missing file', args: (d) => ['check', '--import', `sysctl=${d}/missing.txt`], message: (d) => `${P}--import sysctl=${d}/missing.txt: no such file` },
  { name: 'import of a directory', args: (d) => ['check', '--import', `id=${d}`], message: (d) => `${P}--import id=${d}: this is a directory; give a file` },
  { name: 'import of binary garbage', args: (d) => ['check', '--import', `sysctl=${d}/garbage.bin`], message: (d) => new RegExp(`^icmp-doctor: --import sysctl=${d}/garbage\\.bin: .*(binary|NUL|text)`, 'i') },
  { name: 'a log only root may read', args: (d) => ['check', '--cloudflared-log', `${d}/root-only.log`], message: (d) => `${P}--cloudflared-log ${d}/root-only.log: permission denied; read it as its owner, or run with sudo` },
  { name: 'a missing connector report', args: (d) => ['check', '--connector-report', `${d}/none.json`], message: (d) => `${P}--connector-report ${d}/none.json: no such file` },
  { name: 'a malformed connector report', args: (d) => ['check', '--connector-report', `${d}/bad.json`], message: (d) => new RegExp(`^icmp-doctor: --connector-report ${d}/bad\\.json: the connector report is not valid JSON`) },
  { name: 'a diagnostic report given as a connector report', args: (d) => ['check', '--connector-report', `${d}/diagnostic.json`], message: () => /it is a diagnostic report \(icmp-doctor\/report@1\), not a connector report/ },
  { name: 'report with a bad extension', args: () => ['check', '--report', 'out.txt'], message: () => `${P}--report out.txt: the extension decides the format: give a file name ending in .json, .html, .htm, .md` },
  { name: 'report in a missing directory', args: () => ['check', '--report', '/nonexistent/dir/r.html'], message: () => `${P}--report /nonexistent/dir/r.html: the directory /nonexistent/dir does not exist; create it or choose another place` },
  { name: 'report in a directory we may not write', args: (d) => ['check', '--report', `${d}/r.md`], message: (d) => `${P}--report ${d}/r.md: no permission to create files in ${d}; choose a directory you can write to` },
  { name: '--connector with --target', args: () => ['check', '--connector', '--target', '10.200.2.2'], message: () => /^icmp-doctor: --connector cannot be used with --target: connector mode only gathers this host's connector evidence/ },
  { name: '--connector with --import', args: (d) => ['check', '--connector', '--import', `sysctl=${d}/sysctl.txt`], message: () => /^icmp-doctor: --connector cannot be used with --import: / },
  { name: '--connector with an HTML report', args: () => ['check', '--connector', '--report', 'c.html'], message: () => `${P}--report c.html: a connector report is JSON, for import with --connector-report; give a file name ending in .json` },
  // --json changes nothing for bad usage: stderr, exit 2, empty stdout.
  { name: '--json with a bad port', args: () => ['check', '--json', '--target', '10.200.2.2', '--tcp-port', '-1'], message: () => `${P}--tcp-port -1: PORT must be an integer from 1 to 65535` },
];

describe('icmp-doctor check: bad input', { skip: cliMissingReason() ?? labUnavailableReason() ?? false, concurrency: 8 }, () => {
  let lab: Lab;
  let dir: string;
  before(async () => {
    lab = await createLab();
    await lab.setNameResolution('client', hostsFileOnly());
    dir = mkdtempSync(join(tmpdir(), 'icd-check-bad-'));
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'sysctl.txt'), 'net.ipv4.ping_group_range = 1\t0\n', { mode: 0o644 });
    writeFileSync(join(dir, 'garbage.bin'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff, 0xfe, 0, 0x1b, 0x5b, 0x32, 0x4a]), { mode: 0o644 });
    writeFileSync(join(dir, 'bad.json'), '{"schema": "icmp-doctor/connector-report@1", "local": ', { mode: 0o644 });
    writeFileSync(join(dir, 'diagnostic.json'), JSON.stringify({ schema: 'icmp-doctor/report@1', findings: [] }), { mode: 0o644 });
    writeFileSync(join(dir, 'root-only.log'), '2024-10-13T09:39:24Z INF Starting tunnel\n', { mode: 0o600 });
  });
  after(async () => {
    await lab?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const testCase of CASES) {
    it(`exit 2: ${testCase.name}`, async () => {
      const args = testCase.args(dir);
      const run = await runCli(lab, 'client', args);
      assert.doesNotMatch(run.stderr, STACK_TRACE, 'no stack trace');
      assert.equal(run.code, 2, `exit code (stderr: ${run.stderr})`);
      assert.equal(run.stdout, '', 'nothing on stdout');
      const [first = '', second, ...rest] = run.stderr.split('\n');
      const expected = testCase.message(dir);
      if (typeof expected === 'string') assert.equal(first, expected);
      else assert.match(first, expected);
      assert.equal(second, "Try 'icmp-doctor check --help'.");
      assert.deepEqual(rest, [''], 'exactly two lines');
      if (testCase.never) assert.ok(!run.stderr.includes(testCase.never), 'the value is not echoed');
    });
  }

  it('--help: the options, every exit code, exit 0; `help check` is the same', async () => {
    const run = await runCli(lab, 'client', ['check', '--help']);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^Usage: icmp-doctor check /);
    for (const option of ['--target', '--tcp-port', '--unreachable', '--product', '--cloudflared-log', '--cloudflared-config', '--metrics', '--cloudflare-account', '--connector-report', '--import', '--json', '--report', '--connector']) {
      assert.match(run.stdout, new RegExp(`^\\s+${option} `, 'm'), option);
    }
    for (const code of ['0', '1', '2', '4', '130']) assert.match(run.stdout, new RegExp(`^\\s+${code}\\s+\\S`, 'm'), `exit code ${code}`);
    const viaHelp = await runCli(lab, 'client', ['help', 'check']);
    assert.equal(viaHelp.stdout, run.stdout);
  });

  for (const json of [false, true]) {
    it(`exit 4 without the native addon${json ? ' (--json: one fatal object)' : ''}, no stack trace`, async () => {
      const args = ['check', '--target', '10.200.2.2', ...(json ? ['--json'] : [])];
      const run = await lab.exec('client', cliArgv(args), {
        user: 'unprivileged',
        cwd: REPO_ROOT,
        env: { ICMP_DOCTOR_ADDON: '/nonexistent/icmp-doctor.node' },
      });
      assert.equal(run.code, 4, run.stderr);
      assert.doesNotMatch(run.stderr + run.stdout, STACK_TRACE);
      if (json) {
        assert.equal(run.stderr, '');
        const fatal = JSON.parse(run.stdout) as Record<string, unknown>;
        assert.deepEqual([fatal.type, fatal.code], ['fatal', 'ADDON_UNAVAILABLE']);
        assert.match(String(fatal.message), /\/nonexistent\/icmp-doctor\.node/);
      } else {
        assert.equal(run.stdout, '');
        assert.match(run.stderr, /^icmp-doctor: the native addon for linux-x64 was not found \(looked in: \/nonexistent\/icmp-doctor\.node\)\. Build it with `npm run build:native`/);
        assert.equal(run.stderr.split('\n').length, 2);
      }
    });
  }
});
