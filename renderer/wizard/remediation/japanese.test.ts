// Every fix every builder can make, said in Japanese the way the app, the CLI and the reports
// say it (localizeFinding): titles and worded texts carry no English prose, and what the user
// pastes — commands, YAML, file lines, commands inside dashboard steps — is byte for byte the
// same in both languages.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { FirewallFacts, Gathered } from '../../../contract/evidence';
import type { Finding, Remediation } from '../../../contract/findings';
import { msg } from '../../i18n/messages/message';
import { localizeFinding, renderMessage } from '../../i18n/messages/render';
import { englishProse } from '../../../test-support/i18n/english-prose';
import { parseIptablesSave, parseNftRuleset } from '../../../electron/core/evidence/imports/firewall-ruleset';
import { DEFAULT_CALICO_ALLOW, calicoAllowRemediation } from './calico-icmp-policy';
import { icmpProxyRemediation, namedTunnelRemediation } from './cloudflare-icmp-proxy';
import { quicRemediation } from './cloudflared-transport';
import { upgradeFirezoneGateway } from './firezone-gateway';
import { allowEchoRemediation, allowIcmpErrorsRemediation, clampMssRemediation } from './icmp-firewall';
import { pingRangeRemediation, primaryGroupDropIn, thisMachineRangeRemediation } from './ping-group-range';
import { productIcmpAccess } from './product-icmp-access';
import { pingAgainRemediation } from './retest';
import { DEPLOY_STYLES } from '../../../contract/deploy';

const RULESETS: Array<Gathered<FirewallFacts>> = [
  parseNftRuleset(
    'table inet fw4 { # handle 1\n\tchain forward_wan { # handle 9\n\t\tmeta l4proto icmp counter reject with icmp type admin-prohibited # handle 51\n\t}\n}\n' +
      'table inet firewalld {\n\tchain filter_IN_public_deny {\n\t\ticmpv6 type packet-too-big drop\n\t}\n}\n',
    'ruleset.txt',
  ),
  parseIptablesSave('*filter\n:DOCKER-USER - [0:0]\n-A DOCKER-USER -p icmp -m icmp --icmp-type 8 -j DROP\nCOMMIT\n*mangle\n:FORWARD ACCEPT [0:0]\n-A FORWARD -p icmp -j DROP\nCOMMIT\n', 'rules.v4'),
];

/** Every fix id in remediation/ (53): a builder added without a call below shows up here. */
const EVERY_ID = [
  'allow-echo.iptables',
  'allow-echo.nftables',
  'allow-icmp-errors.iptables',
  'allow-icmp-errors.nftables',
  'calico.allow-icmp-policy',
  'firezone-gateway.compose-upgrade',
  'firezone-gateway.other-upgrade',
  'icmp-proxy.api',
  'icmp-proxy.api-read',
  'icmp-proxy.dashboard',
  'named-tunnel.command',
  'named-tunnel.dashboard',
  'path-mtu.clamp-mss',
  'ping-range.compose-sysctls',
  'ping-range.docker-read-only-proc-sys',
  'ping-range.docker-run',
  'ping-range.helm-icmp-support',
  'ping-range.helm-upgrade',
  'ping-range.host-every-group',
  'ping-range.host-now',
  'ping-range.host-persist-command',
  'ping-range.host-persist-file',
  'ping-range.kubernetes-pod-sysctls',
  'ping-range.kubernetes-rollout-restart',
  'ping-range.netns-now',
  'ping-range.netns-persist',
  'ping-range.openwrt-now',
  'ping-range.openwrt-persist',
  'ping-range.openwrt-restart',
  'ping-range.podman-quadlet-sysctl',
  'ping-range.podman-read-only-proc-sys',
  'ping-range.podman-run',
  'ping-range.systemd-primary-group',
  'ping-range.systemd-restart',
  'ping-range.this-machine-every-group',
  'ping-range.this-machine-now',
  'ping-range.this-machine-persist-command',
  'ping-range.this-machine-persist-file',
  'product-access.firezone-resource',
  'product-access.twingate-resource',
  'retest.ping',
  'transport.config-yml',
  'transport.docker-env',
  'transport.egress-iptables',
  'transport.egress-nftables',
  'transport.egress-perimeter',
  'transport.kubernetes-env',
  'transport.kubernetes-rollout-restart',
  'transport.openwrt-no-quic',
  'transport.podman-env',
  'transport.quic-flag',
  'transport.systemd-drop-in',
  'transport.systemd-restart',
];

/** Every fix, from every builder, for every deployment style, product and shape of input. */
function everyFix(): Remediation[] {
  const fixes: Remediation[] = [];
  const range = { low: 0, high: 65532 };
  for (const connector of ['cloudflared', 'twingate', 'firezone', null] as const) {
    for (const workload of ['cloudflared-7d9f', null]) {
      const reason = msg('fix.ping-range.reason.smallest', { groups: [65532], keeps: '0 0' });
      fixes.push(...pingRangeRemediation({ range, reason, deployments: DEPLOY_STYLES, connector, workload }));
      fixes.push(...pingRangeRemediation({ range, reason: msg('fix.ping-range.reason.connector-group-unknown'), deployments: ['systemd'], connector, workload, ownNetnsPid: 4242 }));
    }
  }
  fixes.push(primaryGroupDropIn(1000));
  fixes.push(...thisMachineRangeRemediation(range, msg('fix.ping-range.reason.this-process', { gid: 1000 })));
  fixes.push(...thisMachineRangeRemediation({ low: 0, high: 2147483647 }, msg('fix.ping-range.reason.our-groups-unknown')));
  for (const openwrt of [false, true]) {
    fixes.push(...quicRemediation({ command: ['cloudflared', 'tunnel', '--protocol', 'http2', 'run', '--token', 'secret'], configPath: '/srv/cf/config.yml', openwrt }));
    fixes.push(...quicRemediation({ command: null, configPath: null, openwrt }));
  }
  for (const account of ['699d98642c564d2e855e9661899b7252', null]) fixes.push(...icmpProxyRemediation(account));
  for (const target of ['10.0.0.5', 'fd00::5', 'db.internal', null]) {
    fixes.push(...namedTunnelRemediation(target));
    for (const product of ['cloudflare', 'twingate', 'firezone', 'generic'] as const) fixes.push(...productIcmpAccess(product, target, null));
  }
  fixes.push(calicoAllowRemediation(DEFAULT_CALICO_ALLOW, null));
  fixes.push(
    calicoAllowRemediation(
      { ...DEFAULT_CALICO_ALLOW, order: 199, selector: "app == 'cloudflared'", directions: ['Ingress'], reason: msg('fix.calico.reason.same-selector', { selector: "app == 'cloudflared'", policy: 'deny-icmp' }) },
      'deny-icmp',
    ),
  );
  for (const node of ['10.200.1.1', null]) {
    fixes.push(...allowEchoRemediation(node), ...allowIcmpErrorsRemediation(node));
    fixes.push(...allowEchoRemediation(node, RULESETS), ...allowIcmpErrorsRemediation(node, RULESETS));
  }
  fixes.push(clampMssRemediation(), ...upgradeFirezoneGateway(), pingAgainRemediation('10.0.0.5'));
  return fixes;
}

/** The fixes as the edges show them: inside a finding, localized. */
function shown(fixes: Remediation[], locale: 'en' | 'ja'): Remediation[] {
  const finding: Finding = { id: 'icmp-policy', status: 'fail', title: 'x', summary: 'x', evidence: [], remediation: fixes };
  return localizeFinding(finding, locale).remediation;
}

/** What the user copies out of a worded text: lines that are not comments (YAML, files), and `code` spans. */
function literal(fix: Remediation): string[] {
  if (fix.kind === 'yaml' || fix.kind === 'file') return fix.text.split('\n').filter((line) => !line.startsWith('#'));
  return [...fix.text.matchAll(/`[^`]+`|(?:\/etc\/init\.d\/\S+ \S+(?: && )?)+/g)].map((m) => m[0]);
}

/** An ASCII word glued to Japanese (or the reverse): the style wants a half-width space between them. */
const GLUED = /[A-Za-z0-9][\u3040-\u30ff\u4e00-\u9fff]|[\u3040-\u30ff\u4e00-\u9fff][A-Za-z0-9]/;

describe('every fix in Japanese', () => {
  const fixes = everyFix();
  const english = shown(fixes, 'en');
  const japanese = shown(fixes, 'ja');

  it('covers every fix id the builders make', () => {
    // Keeps this test honest: every id the builders can make is among the fixes checked below.
    assert.deepEqual([...new Set(fixes.map((f) => f.id))].sort(), EVERY_ID);
  });

  it('every fix carries its title as a fix.* message, and the English text is rendered from the messages', () => {
    for (const [index, fix] of fixes.entries()) {
      assert.ok(fix.titleMessage?.key.startsWith('fix.'), fix.id);
      assert.equal(english[index]?.title, fix.title, fix.id);
      assert.equal(english[index]?.text, fix.text, fix.id);
      if (fix.kind === 'command') assert.equal(fix.textMessage, undefined, `${fix.id}: a command is not words`);
      if (fix.kind === 'dashboard') assert.ok(fix.textMessage, `${fix.id}: dashboard steps are words`);
    }
  });

  it('says titles and worded texts without English prose, and never pastes a message into a string', () => {
    for (const fix of japanese) {
      assert.ok(!JSON.stringify(fix).includes('[object Object]'), fix.id);
      assert.deepEqual(englishProse(fix.title), [], `${fix.id} title: ${fix.title}`);
      assert.doesNotMatch(fix.title, GLUED, `${fix.id} title: ${fix.title}`);
      if (fix.textMessage) {
        assert.deepEqual(englishProse(fix.text), [], `${fix.id} text: ${fix.text}`);
        assert.doesNotMatch(fix.text.replace(/^(?!#).*$/gm, ''), GLUED, `${fix.id} text: ${fix.text}`);
      }
    }
  });

  it('keeps commands, YAML, file lines and the commands inside steps byte for byte', () => {
    for (const [index, ja] of japanese.entries()) {
      const en = english[index];
      assert.ok(en);
      assert.equal(ja.id, en.id);
      assert.deepEqual(ja.deploy, en.deploy, ja.id);
      assert.equal(ja.path, en.path, ja.id);
      if (!ja.textMessage) assert.equal(ja.text, en.text, `${ja.id}: a command or plain file is the same text`);
      assert.deepEqual(literal(ja), literal(en), ja.id);
      if (ja.kind === 'yaml') assert.deepEqual(parse(ja.text), parse(en.text), ja.id);
    }
  });

  it('renders the ping-range reasons the checks give in both languages', () => {
    const reason = msg('fix.ping-range.reason.smallest', { groups: [65532, 1000], keeps: '0 0' });
    assert.equal(renderMessage(reason, 'en'), 'the smallest change that admits group 65532, 1000 and keeps what "0 0" admits today');
    assert.deepEqual(englishProse(renderMessage(reason, 'ja')), []);
    assert.match(renderMessage(reason, 'ja'), /65532、1000/);
  });
});
