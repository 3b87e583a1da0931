// Every gatherer module says where its facts came from as a message when that has our own
// words, and the message reads in Japanese: one representative source per module, made by the
// real gatherer on this host (no lab needed), rendered in Japanese without English prose, and
// the English `source` kept word for word as before.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Gathered } from '../../../contract/evidence';
import { renderMessage } from '../../../renderer/i18n/messages/render';
import { englishProse } from '../../../test-support/i18n/english-prose';
import { createWizardApi } from '../../handlers/wizard-api';
import { gatherCloudflareApi } from './cloudflare-api/gather-cloudflare-api';
import { gatherCloudflared } from './cloudflared/gather-cloudflared';
import { parseCloudflaredLog } from './cloudflared/parse-log';
import { gatherConnectors } from './connectors/gather-connectors';
import { readConnectorRange } from './connectors/namespace-range';
import { parseTwingateHelmValues } from './imports/helm-values';
import { parseIdOutput } from './imports/id-output';
import { parsePodSpecs } from './imports/pod-spec';
import { sample } from './imports/testing';
import { parseSysctlOutput } from './imports/sysctl-output';
import { gatherLocal } from './local/gather-local';
import { gatherNativeParts } from './local/native-capability';
import { probeIcmp, probePathMtu, probeTcp, probeTransparency } from './probes';

/** The source said in Japanese, after checking it is a message with the expected key and English. */
function japaneseSource(fact: Gathered<unknown>, key: string, english: string | RegExp): string {
  assert.equal(fact.sourceMessage?.key, key, `source ${JSON.stringify(fact.source)} should be the message ${key}`);
  if (typeof english === 'string') assert.equal(fact.source, english);
  else assert.match(fact.source, english);
  assert.equal(renderMessage(fact.sourceMessage, 'en'), fact.source, 'the English source is the message in English');
  const ja = renderMessage(fact.sourceMessage, 'ja');
  assert.deepEqual(englishProse(ja), [], `English prose in ${JSON.stringify(ja)}`);
  assert.match(ja, /[\u3040-\u30ff\u3400-\u9fff]/, `not Japanese: ${ja}`);
  return ja;
}

const aborted = (): AbortSignal => {
  const controller = new AbortController();
  controller.abort();
  return controller.signal;
};

describe('evidence sources in Japanese', () => {
  it('probes: TCP connect, ICMP echo, path-MTU search and the transparency probe', async () => {
    // A port nobody listens on: refused is an outcome, so the fact is gathered with its full source.
    const tcp = await probeTcp({ target: '127.0.0.1', port: 1, timeoutMs: 2000 });
    assert.equal(japaneseSource(tcp, 'source.tcp-probe.to', 'TCP connect from this host to 127.0.0.1 port 1'), 'このホストから 127.0.0.1 ポート 1 への TCP 接続');
    // Refused requests carry the probe's own source (no target yet).
    const icmp = await probeIcmp({ target: '', count: 1 } as never);
    assert.equal(icmp.ok, false);
    japaneseSource(icmp, 'source.icmp-probe', 'ICMP echo from this host');
    const mtu = await probePathMtu({ target: '' } as never);
    japaneseSource(mtu, 'source.path-mtu-probe', 'path-MTU search (DF echo) from this host');
    const transparency = await probeTransparency({ target: '' } as never);
    japaneseSource(transparency, 'source.transparency-probe', 'ICMP error-transparency probe from this host');
  });

  it('this host: the native capability probe and a cancelled local gather', async () => {
    const parts = gatherNativeParts();
    japaneseSource(parts.identity, 'source.capability.identity', 'probeCapability() of the native addon (getuid/geteuid/getgid/getegid/getgroups)');
    japaneseSource(
      parts.capability,
      'source.capability.sockets',
      'probeCapability() of the native addon: socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP) and socket(AF_INET6, SOCK_DGRAM, IPPROTO_ICMPV6)',
    );
    const local = await gatherLocal({ signal: aborted() });
    japaneseSource(local.host, 'source.this-host', 'this host');
    japaneseSource(local.identity, 'source.this-process', 'this process');
  });

  it('connectors: the /proc scan and a namespace read through nsenter or shared with us', async () => {
    const scan = await gatherConnectors();
    japaneseSource(scan, 'source.proc-scan', /^\/proc \(\d+ processes\)$/);
    const shared = await readConnectorRange({ pid: 812, kind: 'cloudflared', netns: 'net:[1]', ownNetns: 'net:[1]', mayEnterNamespaces: false });
    japaneseSource(shared, 'source.shared-netns-range', '/proc/sys/net/ipv4/ping_group_range (pid 812 shares our network namespace net:[1])');
    const cancelled = await readConnectorRange({ pid: process.pid, kind: 'cloudflared', netns: 'net:[1]', ownNetns: 'net:[2]', mayEnterNamespaces: true, signal: aborted() });
    const ja = japaneseSource(cancelled, 'source.netns-range', `nsenter --net=/proc/${process.pid}/ns/net -- cat /proc/sys/net/ipv4/ping_group_range (the network namespace of pid ${process.pid}, net:[1])`);
    assert.ok(ja.includes(`nsenter --net=/proc/${process.pid}/ns/net`), 'the command stays as it is');
  });

  it('cloudflared and the Cloudflare API', async () => {
    japaneseSource(parseCloudflaredLog('', ''), 'source.pasted-log', 'pasted log');
    japaneseSource(await gatherCloudflared({ connectors: [] } as never, { signal: aborted() }), 'source.cloudflared', 'cloudflared');
    japaneseSource(await gatherCloudflareApi('', ''), 'source.cloudflare-api', 'Cloudflare API (zerotrust/connectivity_settings)');
  });

  it('imports: a line of pasted sysctl and id output, a Helm values section, and a pod of a List, text pasted without a name', async () => {
    const sysctl = parseSysctlOutput('net.ipv4.ip_forward = 1\nnet.ipv4.ping_group_range = 0\t2147483647\n', 'pasted sysctl output');
    assert.equal(japaneseSource(sysctl, 'source.import-line', 'pasted sysctl output (line 2)'), 'pasted sysctl output（2 行目）');
    const id = parseIdOutput('$ id\nuid=65532(nonroot) gid=65532(nonroot) groups=65532(nonroot)\n', 'id.txt');
    japaneseSource(id, 'source.import-line', 'id.txt (line 2)');
    const helm = parseTwingateHelmValues('connector:\n  icmpSupport:\n    enabled: true\n', 'values.yaml');
    japaneseSource(helm, 'source.helm-under', /^values\.yaml \(under "connector:"\)$/);
    const [pod] = parsePodSpecs(sample('pods-list.json'), 'pods.json');
    assert.ok(pod);
    assert.equal(
      japaneseSource(pod, 'source.pod-object', 'pods.json (document 1, item 1: Pod firezone/firezone-gateway-0)'),
      'pods.json の 1 番目のドキュメント、1 番目の要素（Pod firezone/firezone-gateway-0）',
    );
    const pasted = await createWizardApi().importEvidence({ kind: 'sysctl', text: 'net.ipv4.ping_group_range = 0 1', path: null, label: ' ' });
    assert.equal(pasted.kind, 'sysctl');
    japaneseSource(pasted.value as Gathered<unknown>, 'source.pasted-text', 'pasted text');
  });
});
