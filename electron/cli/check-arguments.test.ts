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
});
