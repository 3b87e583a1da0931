import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIptablesSave, parseNftRuleset } from './firewall-ruleset';
import { failureOf, failureReason, sample, valueOf } from './testing';

describe('parseNftRuleset', () => {
  it("finds OpenWrt fw4's reject in table inet fw4, chain forward_wan, with its handle, past sets and quoted braces", () => {
    const facts = valueOf(parseNftRuleset(sample('nft-fw4-openwrt.txt'), 'fw4.txt'));
    assert.equal(facts.tool, 'nft');
    assert.equal(facts.chains, 5);
    assert.deepEqual(
      facts.icmpRules.map((r) => ({ family: r.family, table: r.table, chain: r.chain, hook: r.hook, action: r.action, matches: r.matches, icmp: r.icmp, handle: r.handle, position: r.position, line: r.line })),
      [{ family: 'inet', table: 'fw4', chain: 'forward_wan', hook: null, action: 'reject', matches: 'all', icmp: 4, handle: 51, position: 2, line: 34 }],
    );
    assert.match(facts.icmpRules[0]?.text ?? '', /^meta l4proto icmp counter .* reject with icmp type admin-prohibited comment "!fw4: Block-Ping \{drop\}"$/);
  });

  it("finds firewalld's echo rejects with their hook-less chain, and not `icmp type != echo-request drop`", () => {
    const facts = valueOf(parseNftRuleset(sample('nft-firewalld.txt'), 'firewalld.txt'));
    assert.equal(facts.chains, 3);
    assert.deepEqual(
      facts.icmpRules.map((r) => [r.table, r.chain, r.action, r.matches, r.icmp, r.handle, r.position]),
      [
        ['firewalld', 'filter_IN_public_deny', 'reject', 'echo', 4, null, 1],
        ['firewalld', 'filter_IN_public_deny', 'reject', 'echo', 6, null, 2],
      ],
    );
  });

  it('records the hook of a base chain and ICMP error drops in a set', () => {
    const text = 'table ip filter {\n\tchain FORWARD {\n\t\ttype filter hook forward priority 0; policy accept;\n\t\ttcp dport 22 accept\n\t\ticmp type { time-exceeded, destination-unreachable } counter drop\n\t}\n}\n';
    const [rule] = valueOf(parseNftRuleset(text, 'pasted')).icmpRules;
    assert.deepEqual([rule?.family, rule?.table, rule?.chain, rule?.hook, rule?.action, rule?.matches, rule?.position], ['ip', 'filter', 'FORWARD', 'forward', 'drop', 'errors', 2]);
  });

  it('says what to paste when there is no table', () => {
    failureOf(parseNftRuleset('Error: Could not process rule: Operation not permitted\n', 'pasted'), 'UNPARSEABLE', /no `table FAMILY NAME \{` block/, /nft -a list ruleset/);
    const tooLarge = failureReason(parseNftRuleset('x'.repeat(9 * 1024 * 1024), 'huge'), 'UNPARSEABLE', /9\.0 MB; at most 8\.0 MB/);
    assert.deepEqual(tooLarge, { key: 'gather.input.too-large', params: { what: { key: 'gather.import.thing.nft-ruleset' }, size: '9.0 MB', max: '8.0 MB' } });
  });

  it('survives unbalanced braces and a flood of drop rules, keeping at most 200', () => {
    const flood = `table inet t {\nchain c {\n${'icmp type echo-request drop\n'.repeat(50_000)}}}}}}\n{{{{\n`;
    const facts = valueOf(parseNftRuleset(flood, 'flood'));
    assert.equal(facts.icmpRules.length, 200);
    assert.equal(facts.icmpRules[199]?.position, 200);
  });

  it('reads one 7 MB line of verdict words and braces without going quadratic', { timeout: 60_000 }, () => {
    const line = `table inet t {\nchain c {\nicmp type echo-request ${'drop accept { '.repeat(500_000)}reject\n}\n}\n`;
    const [rule] = valueOf(parseNftRuleset(line, 'long')).icmpRules;
    assert.equal(rule?.action, 'reject');
    assert.ok((rule?.text.length ?? 0) <= 301);
  });
});

describe('parseIptablesSave', () => {
  it("finds Docker's DOCKER-USER and Calico's cali-* drops in the filter table, and the mangle drop of fragmentation-needed", () => {
    const facts = valueOf(parseIptablesSave(sample('iptables-save-docker-calico.txt'), 'rules.v4'));
    assert.equal(facts.tool, 'iptables');
    assert.deepEqual(
      facts.icmpRules.map((r) => [r.family, r.table, r.chain, r.hook, r.action, r.matches, r.icmp, r.position, r.line]),
      [
        ['ip', 'filter', 'DOCKER-USER', null, 'drop', 'echo', 4, 2, 18],
        ['ip', 'filter', 'cali-pi-_Xk3mQ9bA2', null, 'drop', 'all', 4, 1, 20],
        ['ip', 'mangle', 'PREROUTING', 'prerouting', 'drop', 'errors', 4, 1, 26],
        // FORWARD's DROP policy: no rule of this listing accepts anything there, so what is not accepted dies at its end.
        ['ip', 'filter', 'FORWARD', 'forward', 'drop', 'all', null, 3, 11],
      ],
    );
    assert.equal(facts.icmpRules[3]?.policy, true);
    assert.equal(facts.icmpRules[0]?.text, '-A DOCKER-USER -p icmp -m icmp --icmp-type 8 -m comment --comment "block ping from outside" -j DROP');
  });

  it("records a chain's drop policy only when nothing the chain reaches accepts ICMP", () => {
    const fw = (forward: string) =>
      `table inet fw {\n\tchain forward { # handle 1\n\t\ttype filter hook forward priority filter; policy drop;\n${forward}\t}\n\tchain lan_in { # handle 2\n\t\ticmp type echo-request accept # handle 9\n\t}\n}\n`;
    const dropping = valueOf(parseNftRuleset(fw('\t\tct state established,related accept # handle 5\n\t\ttcp dport 22 accept # handle 6\n'), 'ruleset.nft')).icmpRules;
    assert.deepEqual(dropping.map((r) => [r.table, r.chain, r.hook, r.action, r.matches, r.position, r.policy]), [['fw', 'forward', 'forward', 'drop', 'all', 3, true]]);
    // The chain jumps to one that accepts echo: its policy proves nothing.
    const jumping = valueOf(parseNftRuleset(fw('\t\tiifname "br-lan" jump lan_in # handle 7\n'), 'ruleset.nft')).icmpRules;
    assert.deepEqual(jumping, []);
    // A plain accept for an interface lets echo through too.
    assert.deepEqual(valueOf(parseNftRuleset(fw('\t\tiifname "br-lan" accept # handle 8\n'), 'ruleset.nft')).icmpRules, []);
    const iptables = valueOf(parseIptablesSave('*filter\n:FORWARD DROP [0:0]\n-A FORWARD -i eth1 -o eth0 -j LAN\n-A LAN -p tcp --dport 443 -j ACCEPT\nCOMMIT\n', 'rules.v4')).icmpRules;
    assert.deepEqual(iptables.map((r) => [r.chain, r.position, r.policy]), [['FORWARD', 2, true]]);
    const iptablesAccepting = valueOf(parseIptablesSave('*filter\n:FORWARD DROP [0:0]\n-A FORWARD -i eth1 -o eth0 -j LAN\n-A LAN -j ACCEPT\nCOMMIT\n', 'rules.v4')).icmpRules;
    assert.deepEqual(iptablesAccepting, []);
  });

  it('reads ip6tables-save as family ip6, with REJECT', () => {
    const text = '# Generated by ip6tables-save v1.8.9\n*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -p ipv6-icmp -m icmp6 --icmpv6-type 128 -j REJECT --reject-with icmp6-adm-prohibited\nCOMMIT\n';
    const [rule] = valueOf(parseIptablesSave(text, 'rules.v6')).icmpRules;
    assert.deepEqual([rule?.family, rule?.chain, rule?.hook, rule?.action, rule?.matches, rule?.icmp], ['ip6', 'FORWARD', 'forward', 'reject', 'echo', 6]);
  });

  it('says what to paste when there is no *table', () => {
    failureOf(parseIptablesSave('iptables v1.8.7 (nf_tables): Could not fetch rule set generation id: Permission denied\n', 'pasted'), 'UNPARSEABLE', /no `\*TABLE` section/, /iptables-save/);
  });
});
