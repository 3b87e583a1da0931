// parseCheckArguments beyond what the CLI's bad-input matrix shows (e2e/cli/check-bad-input):
// what good input turns into — the product implied by Cloudflare options, repeatable options,
// `=` and space forms, the --unreachable-target spelling the checks' advice uses.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCheckArguments, type CheckArguments } from './check-arguments';

function parsed(argv: string[]): CheckArguments {
  const result = parseCheckArguments(argv);
  assert.ok(result.ok, result.ok ? '' : result.message);
  assert.equal(result.value.kind, 'run');
  return (result.value as { kind: 'run'; arguments: CheckArguments }).arguments;
}

describe('parseCheckArguments', () => {
  it('no options: this host only, product generic, human output', () => {
    const args = parsed([]);
    assert.deepEqual(
      [args.connector, args.target, args.tcpPort, args.product, args.json, args.report, args.imports, args.connectorReports],
      [false, null, null, 'generic', false, null, [], []],
    );
  });

  it('--socket: auto by default, ping or raw in either form; anything else names the choices and CAP_NET_RAW', () => {
    assert.equal(parsed([]).socket, 'auto');
    assert.equal(parsed(['--socket', 'raw']).socket, 'raw');
    assert.equal(parsed(['--socket=PING']).socket, 'ping');
    const bad = parseCheckArguments(['--socket', 'dgram']);
    assert.ok(!bad.ok);
    assert.match(bad.message, /^--socket dgram: KIND must be one of auto, ping, raw \(raw needs CAP_NET_RAW/);
  });

  it('a Cloudflare-only option implies --product cloudflare; an explicit product wins', () => {
    assert.equal(parsed(['--cloudflared-log', 'c.log']).product, 'cloudflare');
    assert.equal(parsed(['--metrics=127.0.0.1:20241']).product, 'cloudflare');
    assert.equal(parsed(['--product', 'GENERIC', '--cloudflared-config', 'config.yml']).product, 'generic');
  });

  it('reads both value forms, repeatable options in order, and the report format from the extension', () => {
    const args = parsed([
      '--target=10.0.0.5', '--tcp-port', '22', '--unreachable-target', '10.0.9.9',
      '--import', 'sysctl=a.txt', '--import=id=b.txt', '--connector-report', 'one.json', '--connector-report=two.json',
      '--cloudflare-account', '0123456789ABCDEF0123456789ABCDEF', '--report', 'Out.HTML', '--json',
    ]);
    assert.deepEqual([args.target, args.tcpPort, args.unreachable], ['10.0.0.5', 22, '10.0.9.9']);
    assert.deepEqual(args.imports.map((i) => [i.kind, i.path, i.typed]), [['sysctl', 'a.txt', '--import sysctl=a.txt'], ['id', 'b.txt', '--import=id=b.txt']]);
    assert.deepEqual(args.connectorReports.map((f) => f.path), ['one.json', 'two.json']);
    assert.equal(args.cloudflareAccount, '0123456789abcdef0123456789abcdef');
    assert.deepEqual([args.report?.path, args.report?.format, args.json], ['Out.HTML', 'html', true]);
  });

  it('-h anywhere is help, whatever else is wrong', () => {
    const result = parseCheckArguments(['--bogus', '-h']);
    assert.ok(result.ok && result.value.kind === 'help');
  });

  it('--unreachable and --unreachable-target are one option: giving both is giving it twice', () => {
    const result = parseCheckArguments(['--target', 'x', '--unreachable', 'a', '--unreachable-target', 'b']);
    assert.ok(!result.ok);
    assert.equal(result.message, '--unreachable-target b: --unreachable-target was already given; give it once');
  });

  it('connector mode takes the cloudflared options and a .json report', () => {
    const args = parsed(['--connector', '--cloudflared-log', 'c.log', '--report', 'connector.json']);
    assert.deepEqual([args.connector, args.product, args.report?.format], [true, 'cloudflare', 'json']);
  });

  it('refuses a --metrics address that can never be reached, saying why', () => {
    const refused: Array<[string, RegExp]> = [
      [`${'a'.repeat(300)}:20241`, /host name of 300 characters; a host name has at most 253/],
      [`${'a'.repeat(64)}.example:20241`, /a label longer than 63 characters/],
      [`http://${'b'.repeat(100)}.${'c'.repeat(100)}.${'d'.repeat(60)}:2000`, /host name of 262 characters/],
      [`127.0.0.1:${'9'.repeat(3000)}`, /is 3010 characters long; an address has at most 2048/],
      ['127.0.0.1:70000', /is not host:port or a URL \(and a port is a number from 1 to 65535\)/],
      ['127.0.0.1:port', /is not host:port or a URL/],
      ['ftp://127.0.0.1:20241', /uses ftp:\/\/; cloudflared's metrics server speaks http/],
      ['file:///etc/passwd', /uses file:\/\//],
      ['http://user:secret@127.0.0.1:20241', /holds a user name or password/],
      ['http://127.0.0.1\r:20241', /./],
      ['http://127.0.\n0.1:20241', /contains spaces or control characters/],
      ['127.0.0.1:0', /has no port/],
      ['localhost', /has no port/],
    ];
    for (const [address, why] of refused) {
      const result = parseCheckArguments(['--metrics', address]);
      assert.ok(!result.ok, address);
      assert.match(result.message, /^--metrics \S.*: URL must be cloudflared's metrics address with a port/, address);
      assert.match(result.message, why, address);
    }
    assert.equal(parsed(['--metrics', `${'a'.repeat(63)}.example:20241`]).metricsUrl, `${'a'.repeat(63)}.example:20241`);
  });

  it('refuses a --report name that can never be a file: a trailing slash, ".", "..", over NAME_MAX or PATH_MAX', () => {
    const refused: Array<[string, RegExp]> = [
      ['out/r.json/', /FILE names a directory \(it ends in "\/", "\." or "\.\."\)/],
      ['out/r.json/.', /FILE names a directory/],
      ['out/..', /FILE names a directory/],
      [`${'é'.repeat(130)}.json`, /the file name is 265 bytes long; a name has at most 255/],
      [`${'d/'.repeat(2100)}r.json`, /the path is \d+ bytes long; a path has at most 4095/],
    ];
    for (const [path, why] of refused) {
      const result = parseCheckArguments(['--report', path]);
      assert.ok(!result.ok, path);
      assert.match(result.message, why, path);
    }
  });
  it('--lang: en or ja in either form and case; absent, null (the locale decides); anything else is a usage error naming both', () => {
    assert.equal(parsed([]).lang, null);
    assert.equal(parsed(['--lang', 'ja']).lang, 'ja');
    assert.equal(parsed(['--lang=EN']).lang, 'en');
    for (const argv of [['--lang', 'fr'], ['--lang=ja_JP'], ['--lang', '']]) {
      const result = parseCheckArguments(argv);
      assert.ok(!result.ok, argv.join(' '));
      assert.equal(result.code, 'USAGE');
      assert.match(result.message, /LANG must be one of en, ja\b/, result.message);
    }
    assert.match((parseCheckArguments(['--lang']) as { message: string }).message, /^--lang: missing LANG \(one of en, ja\)$/);
  });
});
