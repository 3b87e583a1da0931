import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowEchoRemediation, allowIcmpErrorsRemediation, clampMssCommand } from './icmp-firewall';
import { parseIptablesSave, parseNftRuleset } from '../../../electron/core/evidence/imports/firewall-ruleset';
import type { Message } from '../../../contract/message';
import type { Locale } from '../../i18n/messages/locale';
import { msg } from '../../i18n/messages/message';
import { renderMessage } from '../../i18n/messages/render';
import { argvOf, bashSyntax } from '../../../test-support/remediation/bash';

const LOCALES: readonly Locale[] = ['en', 'ja'];

/** A fix's message in `locale`; the fix must carry it. */
function said(message: Message | undefined, locale: Locale): string {
  assert.ok(message, 'the fix carries its words as a message');
  return renderMessage(message, locale);
}

/** The places a targeted fix names (its title's `places`). */
function places(message: Message | undefined): Message[] {
  assert.equal(message?.key, 'fix.firewall.targeted');
  return message?.params?.['places'] as Message[];
}

describe('firewall remediation', () => {
  it('names the node that refused, and every command parses', () => {
    const fixes = [...allowEchoRemediation('10.200.1.1'), ...allowIcmpErrorsRemediation(null)];
    assert.deepEqual(fixes[0]?.titleMessage, msg('fix.allow-echo.iptables', { node: '10.200.1.1' }));
    for (const locale of LOCALES) assert.match(said(fixes[0]?.titleMessage, locale), /10\.200\.1\.1/, locale);
    assert.deepEqual(fixes[2]?.titleMessage, msg('fix.allow-icmp-errors.iptables', { node: null }));
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
    assert.deepEqual(places(nft?.titleMessage), [
      msg('fix.firewall.place.nft', { family: 'inet', table: 'fw4', chain: 'forward_wan', hook: null, action: 'reject', handle: 51, position: 2, source: 'fw4.txt', line: 4 }),
    ]);
    assert.equal(nft?.titleMessage?.params?.['wanted'], 'echo');
    assert.match(said(nft?.titleMessage, 'ja'), /table inet fw4、chain forward_wan の reject ルール（handle 51、fw4\.txt の 4 行目）の前/);
    assert.equal(fixes[0]?.id, 'allow-echo.nftables', 'the targeted fix comes first');
    assert.equal(fixes.filter((f) => f.id === 'allow-echo.nftables').length, 1, 'no second, guessed nft fix');
  });

  it('without a handle inserts at the top of that chain', () => {
    const nft = allowEchoRemediation(null, [firewalld]).find((f) => f.id === 'allow-echo.nftables');
    assert.deepEqual(argvOf(nft?.text ?? ''), ['sudo', 'nft', 'insert', 'rule', 'inet', 'firewalld', 'filter_IN_public_deny', 'icmpv6', 'type', 'echo-request', 'accept']);
    const [place] = places(nft?.titleMessage);
    assert.equal(place?.key, 'fix.firewall.place.nft');
    assert.equal(place?.params?.['handle'], null);
    assert.equal(place?.params?.['chain'], 'filter_IN_public_deny');
  });

  it("puts the accept at the top of a chain whose policy drops (OpenWrt fw4's forward), and says it is the policy", () => {
    const fw4 = parseNftRuleset('table inet fw4 {\n\tchain forward { # handle 2\n\t\ttype filter hook forward priority filter; policy drop;\n\t\tct state established,related accept # handle 5\n\t}\n}\n', 'ruleset.nft');
    const nft = allowEchoRemediation(null, [fw4]).find((f) => f.id === 'allow-echo.nftables');
    assert.deepEqual(argvOf(nft?.text.split(' && ')[0] ?? ''), ['sudo', 'nft', 'insert', 'rule', 'inet', 'fw4', 'forward', 'icmp', 'type', '{ echo-request, echo-reply }', 'accept']);
    const [place] = places(nft?.titleMessage);
    assert.equal(place?.key, 'fix.firewall.place.policy');
    for (const locale of LOCALES) assert.match(renderMessage(place as Message, locale), /fw4/);
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
      assert.deepEqual(fix?.titleMessage, msg('fix.firewall.nftables-assumed', { node: null }));
      // The command that finds the real chain and the import that uses it, in both languages.
      for (const locale of LOCALES) assert.match(said(fix?.titleMessage, locale), /table inet filter.*chain forward.*`sudo nft -a list ruleset`.*--import nft-ruleset=FILE/, locale);
    }
  });
});
