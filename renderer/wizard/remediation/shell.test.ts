import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { env, shellAnd, shellCommand, shellCommandLines, shellQuote } from './shell';
import { argvOf, bashSyntax, HOSTILE_VALUES } from '../../../test-support/remediation/bash';

const PWNED = '/tmp/icmp-doctor-pwned';

describe('shellQuote', () => {
  it('leaves plain words bare and quotes the rest', () => {
    assert.equal(shellQuote('net.ipv4.ping_group_range=0'), 'net.ipv4.ping_group_range=0');
    assert.equal(shellQuote('/etc/sysctl.d/60-x.conf'), '/etc/sysctl.d/60-x.conf');
    assert.equal(shellQuote('0 0'), "'0 0'");
    assert.equal(shellQuote("it's"), "'it'\\''s'");
    assert.equal(shellQuote(''), "''");
  });

  it('makes every hostile value arrive as exactly one argument, unchanged, with nothing executed', () => {
    for (const value of HOSTILE_VALUES) {
      const command = shellCommand(['sysctl', '-w', value]);
      assert.ok(bashSyntax(command).ok, `bash -n rejects ${JSON.stringify(command)}`);
      assert.deepEqual(argvOf(command), ['sysctl', '-w', value], `for ${JSON.stringify(value)}`);
    }
    assert.equal(existsSync(PWNED), false, 'a $(…) in a value was executed');
  });

  it('drops NUL, which no argument can carry', () => {
    assert.deepEqual(argvOf(shellCommand(['echo', 'a\0b'])), ['echo', 'ab']);
  });
});

describe('environment references', () => {
  it('expand in the user\'s shell to one argument, even when the value is hostile', () => {
    const command = shellCommand(['curl', '-H', ['Authorization: Bearer ', env('CLOUDFLARE_API_TOKEN')], env('CLOUDFLARE_API_TOKEN')]);
    assert.equal(command, 'curl -H "Authorization: Bearer ${CLOUDFLARE_API_TOKEN}" "${CLOUDFLARE_API_TOKEN}"');
    const token = 'tok "$(touch /tmp/icmp-doctor-pwned)" x';
    assert.deepEqual(argvOf(command, { CLOUDFLARE_API_TOKEN: token }), ['curl', '-H', `Authorization: Bearer ${token}`, token]);
    assert.equal(existsSync(PWNED), false);
  });

  it('join with literal text that needs quoting into one word', () => {
    const word = [`it's $HOME`, env('X'), '!'];
    const command = shellCommand(['printf', word]);
    assert.ok(bashSyntax(command).ok);
    assert.deepEqual(argvOf(command, { X: 'mid' }), ['printf', `it's $HOMEmid!`]);
  });

  it('treat a malformed variable name as literal text', () => {
    assert.deepEqual(argvOf(shellCommand(['echo', env('A B;$(id)')])), ['echo', 'A B;$(id)']);
  });
});

describe('multi-line and chained commands', () => {
  it('parse with bash -n', () => {
    const lines = shellCommandLines([
      ['curl', '-X', 'PATCH', "https://example.test/a b'c"],
      ['--data', '{"icmp_proxy_enabled":true}'],
    ]);
    assert.match(lines, / \\\n {2}--data /);
    assert.ok(bashSyntax(lines).ok);
    assert.deepEqual(argvOf(lines), ['curl', '-X', 'PATCH', "https://example.test/a b'c", '--data', '{"icmp_proxy_enabled":true}']);
    assert.ok(bashSyntax(shellAnd([shellCommand(['true']), shellCommand(['echo', 'x; y'])])).ok);
  });
});
