import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowEchoRemediation, allowIcmpErrorsRemediation, clampMssCommand } from './icmp-firewall';
import { parseIptablesSave, parseNftRuleset } from '../../../electron/core/evidence/imports/firewall-ruleset';
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

describe('firewall remediation from an imported ruleset', () => {
  const fw4 = parseNftRuleset(
    'table inet fw4 { # handle 1\n\tchain forward_wan { # handle 9\n\t\ttcp dport 22 accept # handle 50\n\t\tmeta l4proto icmp counter reject with icmp type admin-prohibited # handle 51\n\t}\n}\n',
    'fw4.txt',
  );
  const firewalld = parseNftRuleset('table inet firewalld {\n\tchain filter_IN_public_deny {\n\t\ticmpv6 type echo-request reject with icmpv6 admin-prohibited\n\t}\n}\n', 'firewalld.txt');
  const docker = parseIptablesSave('*filter\n:DOCKER-USER - [0:0]\n-A DOCKER-USER -p icmp -m icmp --icmp-type 8 -j DROP\nCOMMIT\n*mangle\n:FORWARD ACCEPT [0:0]\n-A FORWARD -p icmp -j DROP\nCOMMIT\n', 'rules.v4');

  it('inserts the nft accept in the table and chain that hold the reject, before its handle, for the ICMP version it drops (replies too: it rejects every type)', () => {
    const fixes = allowEchoRemediation(null, [fw4]);
    const nft = fixes.find((f) => f.id === 'allow-echo.nftables');
    assert.deepEqual(argvOf(nft?.text ?? ''), ['sudo', 'nft', 'insert', 'rule', 'inet', 'fw4', 'forward_wan', 'position', '51', 'icmp', 'type', '{ echo-request, echo-reply }', 'accept']);
    assert.match(nft?.title ?? '', /table inet fw4, chain forward_wan, before its reject rule handle 51 from fw4\.txt line 4/);
    assert.equal(fixes[0]?.id, 'allow-echo.nftables', 'the targeted fix comes first');
    assert.equal(fixes.filter((f) => f.id === 'allow-echo.nftables').length, 1, 'no second, guessed nft fix');
  });

  it('without a handle inserts at the top of that chain', () => {
    const nft = allowEchoRemediation(null, [firewalld]).find((f) => f.id === 'allow-echo.nftables');
    assert.deepEqual(argvOf(nft?.text ?? ''), ['sudo', 'nft', 'insert', 'rule', 'inet', 'firewalld', 'filter_IN_public_deny', 'icmpv6', 'type', 'echo-request', 'accept']);
    assert.match(nft?.title ?? '', /no handle in the listing: inserted at the top/);
  });

  it("uses iptables' own chain, and -t for a table other than filter", () => {
    const echo = allowEchoRemediation(null, [docker]).find((f) => f.id === 'allow-echo.iptables');
    assert.deepEqual((echo?.text.split(' && ') ?? []).map((c) => argvOf(c)), [
      ['sudo', 'iptables', '-I', 'DOCKER-USER', '-p', 'icmp', '--icmp-type', 'echo-request', '-j', 'ACCEPT'],
      ['sudo', 'iptables', '-t', 'mangle', '-I', 'FORWARD', '-p', 'icmp', '--icmp-type', 'echo-request', '-j', 'ACCEPT'],
      ['sudo', 'iptables', '-t', 'mangle', '-I', 'FORWARD', '-p', 'icmp', '--icmp-type', 'echo-reply', '-j', 'ACCEPT'],
    ]);
    const errors = allowIcmpErrorsRemediation(null, [docker]).find((f) => f.id === 'allow-icmp-errors.iptables');
    assert.deepEqual(
      (errors?.text.split(' && ') ?? []).map((c) => argvOf(c).slice(1, 5).join(' ')),
      ['iptables -t mangle -I', 'iptables -t mangle -I'],
      'the echo-only DOCKER-USER drop does not block errors',
    );
    for (const fix of [echo, errors]) assert.ok(bashSyntax(fix?.text ?? '').ok);
  });

  it('without a ruleset says the nft fix assumes inet filter forward and how to find the real chain', () => {
    for (const fix of [allowEchoRemediation(null)[1], allowIcmpErrorsRemediation(null)[1]]) {
      assert.match(fix?.title ?? '', /assumes table inet filter, chain forward; run `sudo nft -a list ruleset`.*--import nft-ruleset=FILE/);
    }
  });
});
