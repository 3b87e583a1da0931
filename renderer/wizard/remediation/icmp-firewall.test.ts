import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowEchoRemediation, allowIcmpErrorsRemediation, clampMssCommand } from './icmp-firewall';
import { argvOf, bashSyntax } from './testing/bash';

describe('firewall remediation', () => {
  it('names the node that refused, and every command parses', () => {
    const fixes = [...allowEchoRemediation('10.200.1.1'), ...allowIcmpErrorsRemediation(null)];
    assert.match(fixes[0]?.title ?? '', /at 10\.200\.1\.1/);
    assert.match(fixes[2]?.title ?? '', /that drops it/);
    for (const fix of fixes) {
      assert.equal(fix.kind, 'command');
      assert.ok(bashSyntax(fix.text).ok, fix.text);
    }
    assert.ok(bashSyntax(clampMssCommand()).ok);
  });

  it('hands nft its set as one argument', () => {
    const nft = allowIcmpErrorsRemediation(null)[1]?.text.split(' && ')[0] ?? '';
    assert.deepEqual(argvOf(nft), ['sudo', 'nft', 'insert', 'rule', 'inet', 'filter', 'forward', 'icmp', 'type', '{ destination-unreachable, time-exceeded }', 'accept']);
  });
});
