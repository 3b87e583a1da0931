// Each deployment style gets fixes that act where the connector runs and restart it the way
// that style restarts (issue 8, item 3). Asserted through ids, tags and commands, not prose.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Remediation } from '../../../contract/findings';
import type { Message } from '../../../contract/message';
import type { Locale } from '../../i18n/messages/locale';
import { renderMessage } from '../../i18n/messages/render';
import { orderFixes } from '../deploy/order';
import { quicRemediation } from './cloudflared-transport';
import { pingRangeRemediation, thisMachineRangeRemediation, type PingRangeFixRequest } from './ping-group-range';

const ALL = { low: 0, high: 2147483647 };
function request(partial: Partial<PingRangeFixRequest>): PingRangeFixRequest {
  return { range: ALL, reason: 'r', deployments: ['host'], connector: 'cloudflared', workload: null, ...partial };
}
const ids = (fixes: readonly Remediation[]): string[] => fixes.map((f) => f.id);
const LOCALES: readonly Locale[] = ['en', 'ja'];

/** A fix's message in `locale`; the fix must carry it. */
function said(message: Message | undefined, locale: Locale): string {
  assert.ok(message, 'the fix carries its words as a message');
  return renderMessage(message, locale);
}

describe('every fix is tagged', () => {
  it('carries an id and deploy styles, and ids are unique within a list', () => {
    const lists = [
      pingRangeRemediation(request({ deployments: ['host', 'systemd', 'docker', 'podman', 'kubernetes', 'helm', 'openwrt'] })),
      quicRemediation({ command: null, configPath: null }),
      quicRemediation({ command: null, configPath: null, openwrt: true }),
    ];
    for (const list of lists) {
      for (const fix of list) {
        assert.match(fix.id, /^[a-z-]+\.[a-z0-9-]+$/);
        assert.ok(Array.isArray(fix.deploy));
      }
      assert.equal(new Set(ids(list)).size, list.length);
    }
  });
});

describe('Kubernetes and Helm', () => {
  it('a Twingate pod: chart values and pod sysctls first, restarts with helm/kubectl, never systemctl', () => {
    const fixes = orderFixes(pingRangeRemediation(request({ connector: 'twingate', deployments: ['kubernetes', 'helm'], workload: 'twingate-connector' })), 'kubernetes');
    assert.deepEqual(ids(fixes).slice(0, 2), ['ping-range.kubernetes-pod-sysctls', 'ping-range.kubernetes-rollout-restart']);
    assert.equal(fixes[1]?.text, 'kubectl rollout restart deployment/twingate-connector');
    assert.ok(fixes.every((f) => !f.text.includes('systemctl')));
    const helm = orderFixes(fixes, 'helm');
    assert.deepEqual(ids(helm).slice(0, 2), ['ping-range.helm-icmp-support', 'ping-range.helm-upgrade']);
    assert.match(helm[1]?.text ?? '', /^helm upgrade .*icmpSupport\.enabled=true/);
  });
});

describe('a connector in a network namespace of its own', () => {
  it('sets the range inside that namespace with nsenter, not on the host', () => {
    const fixes = pingRangeRemediation(request({ deployments: ['systemd'], ownNetnsPid: 4242 }));
    assert.equal(fixes[0]?.id, 'ping-range.netns-now');
    assert.equal(fixes[0]?.text, "sudo nsenter --net=/proc/4242/ns/net sysctl -w 'net.ipv4.ping_group_range=0 2147483647'");
    assert.ok(!ids(fixes).includes('ping-range.host-now'));
    assert.ok(!ids(fixes).includes('ping-range.host-persist-file'));
  });
});

describe('restarting the right product', () => {
  it('the Twingate restart names twingate-connector and never cloudflared', () => {
    const restart = pingRangeRemediation(request({ connector: 'twingate', deployments: ['systemd'] })).find((f) => f.id === 'ping-range.systemd-restart');
    assert.equal(restart?.text, 'sudo systemctl restart twingate-connector');
    assert.equal(restart?.titleMessage?.params?.['product'], 'Twingate');
    for (const locale of LOCALES) {
      const title = said(restart?.titleMessage, locale);
      assert.doesNotMatch(title, /cloudflared/, locale);
      assert.match(title, /Twingate/, locale);
      assert.match(title, /twingate-connector/, locale);
    }
  });
});

describe('OpenWrt', () => {
  it('sysctl.d plus the procd init script, no sudo, no systemctl', () => {
    const fixes = orderFixes(pingRangeRemediation(request({ deployments: ['host', 'openwrt'] })), 'openwrt');
    assert.deepEqual(ids(fixes).slice(0, 3), ['ping-range.openwrt-now', 'ping-range.openwrt-persist', 'ping-range.openwrt-restart']);
    assert.equal(fixes[1]?.path, '/etc/sysctl.d/60-icmp-doctor-ping.conf');
    assert.match(fixes[1]?.text ?? '', /^net\.ipv4\.ping_group_range = 0 2147483647$/m);
    assert.equal(fixes[2]?.text, '/etc/init.d/cloudflared restart');
    assert.ok(fixes.slice(0, 3).every((f) => f.deploy.includes('openwrt') && !/\bsudo\b|systemctl/.test(f.text)));
  });

  it('does not advise QUIC for the router\'s own cloudflared: its build cannot (seeds/002)', () => {
    const fixes = orderFixes(quicRemediation({ command: ['cloudflared', 'tunnel', '--protocol', 'http2', 'run'], configPath: null, openwrt: true }), 'openwrt');
    assert.equal(fixes[0]?.id, 'transport.openwrt-no-quic');
    assert.ok(!ids(fixes).includes('transport.quic-flag'));
    // Nothing else is offered for OpenWrt itself: the QUIC ways are for another machine.
    assert.deepEqual(fixes.filter((f) => f.deploy.includes('openwrt') || f.deploy.length === 0).map((f) => f.id), ['transport.openwrt-no-quic']);
    for (const locale of LOCALES) assert.match(said(fixes[0]?.textMessage, locale), /: \/etc\/init\.d\/cloudflared stop && \/etc\/init\.d\/cloudflared disable$/, locale);
  });
});

describe('Podman', () => {
  it('the container\'s own --sysctl first, quadlet Sysctl= as the alternative, before any host fix', () => {
    const fixes = orderFixes(pingRangeRemediation(request({ deployments: ['podman', 'host'] })), 'podman');
    assert.deepEqual(ids(fixes).slice(0, 3), ['ping-range.podman-run', 'ping-range.podman-quadlet-sysctl', 'ping-range.podman-read-only-proc-sys']);
    assert.match(fixes[0]?.text ?? '', /^podman run -d .*--sysctl 'net\.ipv4\.ping_group_range=0 2147483647' /);
    assert.equal(fixes[1]?.kind, 'file');
    assert.match(fixes[1]?.path ?? '', /^\/etc\/containers\/systemd\/cloudflared\.container$/);
    assert.match(fixes[1]?.text ?? '', /^\[Container\]\nSysctl=net\.ipv4\.ping_group_range=0 2147483647\n$/);
  });

  it('QUIC in a Podman container: its own env, not Docker\'s', () => {
    const fixes = orderFixes(quicRemediation({ command: null, configPath: null }), 'podman');
    assert.equal(fixes[0]?.id, 'transport.podman-env');
    assert.match(fixes[0]?.text ?? '', /^podman run .*TUNNEL_TRANSPORT_PROTOCOL=quic/);
  });
});

describe('a read-only /proc/sys in the container', () => {
  it('says the range cannot be set inside and points at creation time, for Docker and Podman', () => {
    for (const style of ['docker', 'podman'] as const) {
      const note = pingRangeRemediation(request({ deployments: [style] })).find((f) => f.id === `ping-range.${style}-read-only-proc-sys`);
      assert.ok(note, style);
      assert.deepEqual(note.deploy, [style]);
      for (const locale of LOCALES) assert.match(said(note.textMessage, locale), style === 'docker' ? /`docker run --sysctl`/ : /`podman run --sysctl`/, locale);
    }
  });
});

describe('this machine\'s own range (local-icmp-socket)', () => {
  it('serves every style: the connector\'s deployment never folds it away', () => {
    const fixes = thisMachineRangeRemediation({ low: 0, high: 0 }, 'r');
    assert.ok(fixes.length > 0);
    assert.ok(fixes.every((f) => f.deploy.length === 0 && f.id.startsWith('ping-range.this-machine-')));
    assert.deepEqual(ids(orderFixes(fixes, 'openwrt')), ids(fixes));
    assert.match(fixes[0]?.text ?? '', /^sudo sysctl -w /);
  });
});
