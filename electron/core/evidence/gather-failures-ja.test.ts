// Every gatherer's failures read in Japanese: for each module, a real failure (a missing file,
// a refused field, a pasted text that is not what it claims, an API base that would leak the
// token…) is rendered from its reason in Japanese and must hold no English prose — only
// commands, paths, flags and product names, which stay as they are. Its English `message`
// stays what it always was (the gatherers' own tests assert those words).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import type { Gathered } from '../../../contract/evidence';
import type { Message } from '../../../contract/message';
import { renderMessage } from '../../../renderer/i18n/messages/render';
import { englishProse } from '../../../test-support/i18n/english-prose';
import { createWizardApi } from '../../handlers/wizard-api';
import { explainSocketDenied } from '../ping/socket-denied';
import { gatherCloudflareApi } from './cloudflare-api/index';
import { readCloudflaredConfig } from './cloudflared/config-file';
import { gatherCloudflared, parseCloudflaredLog } from './cloudflared/index';
import { readCloudflaredLogFile } from './cloudflared/read-log-file';
import { closedPort } from '../../../test-support/cloudflared/loopback-server';
import { gatherConnectors } from './connectors/index';
import { readConnectorRange } from './connectors/namespace-range';
import {
  parseCalicoPolicies,
  parseConnectorReport,
  parseIdOutput,
  parseIptablesSave,
  parseNftRuleset,
  parsePodSpecs,
  parseSysctlOutput,
  parseTwingateHelmValues,
} from './imports/index';
import { gatherLocal } from './local/index';
import { readPingGroupRangeFile } from './local/ping-group-range';
import { probeIcmp, probePathMtu, probeTcp, probeTransparency } from './probes/index';
import { capability } from '../../../test-support/ping/capability';

const ACCOUNT = '0123456789abcdef0123456789abcdef';

function reasonOf(result: Gathered<unknown> | { ok: boolean; reason?: Message }): Message {
  assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result).slice(0, 200)}`);
  const reason = (result as { reason?: Message }).reason;
  assert.ok(reason, `the failure has no reason: ${JSON.stringify(result).slice(0, 300)}`);
  return reason;
}

/** The reason in Japanese: a known key, said in Japanese, with no English prose and no pasted object. */
function assertJapanese(reason: Message, key: string): string {
  assert.equal(reason.key, key);
  const japanese = renderMessage(reason, 'ja');
  assert.notEqual(japanese, key, `${key} is not in the catalogue`);
  assert.ok(!japanese.includes('[object Object]'), `${key}: a message was pasted into a string: ${japanese}`);
  assert.match(japanese, /[\u3040-\u30ff\u3400-\u9fff]/, `${key} is not Japanese: ${japanese}`);
  assert.deepEqual(englishProse(japanese), [], `${key} still has English prose: ${japanese}`);
  assert.notEqual(japanese, renderMessage(reason, 'en'));
  return japanese;
}


describe('gather failures in Japanese', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'icd-gather-ja-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('local: a missing ping_group_range file, and gathering cancelled', async () => {
    assertJapanese(reasonOf(await readPingGroupRangeFile(join(dir, 'ping_group_range'), 'test')), 'gather.range.missing');
    const cancelled = await gatherLocal({ signal: AbortSignal.abort() });
    assertJapanese(reasonOf(cancelled.capability), 'gather.local.cancelled');
  });

  it('connectors: a namespace we may not enter, and a cancelled scan', async () => {
    const denied = await readConnectorRange({ pid: 4242, kind: 'cloudflared', netns: 'net:[4026532999]', ownNetns: 'net:[4026531840]', mayEnterNamespaces: false });
    const japanese = assertJapanese(reasonOf(denied), 'gather.connector.range-denied');
    assert.match(japanese, /CAP_SYS_ADMIN/);
    assert.match(japanese, /sudo icmp-doctor check --connector/);
    if (process.platform === 'linux') assertJapanese(reasonOf(await gatherConnectors({ signal: AbortSignal.abort() })), 'gather.connector.scan-cancelled');
  });

  it('probes: refused request fields of each probe', async () => {
    assertJapanese(reasonOf(await probeIcmp({ target: '' })), 'gather.field.target');
    assertJapanese(reasonOf(await probeTcp({ target: '192.0.2.1', port: 0 })), 'gather.field.integer');
    assertJapanese(reasonOf(await probePathMtu(null as never)), 'gather.field.request-object');
    const typed = assertJapanese(reasonOf(await probeTransparency({ target: ['192.0.2.1'] } as never)), 'gather.field.target');
    assert.match(typed, /array 型の値/);
  });

  it('ping: a refused ICMP socket, with the range to blame and without', () => {
    const notCovered = assertJapanese(explainSocketDenied(capability({}), 4).reason, 'raw-socket.denied');
    assert.match(notCovered, /sudo sysctl -w net\.ipv4\.ping_group_range="65534 65534"/);
    assertJapanese(explainSocketDenied(capability({ pingGroupRange: [0, 2147483647], coveredGroups: [65534] }), 6).reason, 'gather.socket-denied.covered');
    const unreadable = assertJapanese(explainSocketDenied(capability({ pingGroupRange: null, pingGroupRangeError: 'ENOENT' }), 4).reason, 'raw-socket.denied');
    assert.match(unreadable, /読み取れません（ENOENT）/);
  });

  it('imports: each kind of pasted text that is not what it claims', () => {
    assertJapanese(reasonOf(parsePodSpecs('kind: Service\nmetadata: {name: s}\n', 'p')[0]!), 'gather.pod.no-pods');
    assertJapanese(reasonOf(parseTwingateHelmValues('a: 1\n---\nb: 2\n', 'v')), 'gather.helm.documents');
    assertJapanese(reasonOf(parseCalicoPolicies('kind: Service\n', 'c')), 'gather.calico.none-of-kinds');
    assertJapanese(reasonOf(parseIdOutput('permission denied\n', 'id')), 'gather.id.none');
    assertJapanese(reasonOf(parseSysctlOutput('net.ipv4.ping_group_range = 1\t0\nnet.ipv4.ping_group_range = 0\t2147483647\n', 's')), 'gather.sysctl.conflicting');
    assertJapanese(reasonOf(parseNftRuleset('Error: Could not process rule\n', 'n')), 'gather.firewall.no-nft-table');
    assertJapanese(reasonOf(parseIptablesSave('iptables: permission denied\n', 'i')), 'gather.firewall.no-iptables-table');
    assertJapanese(reasonOf(parseSysctlOutput(' \n', 's')), 'gather.input.empty');
    assertJapanese(reasonOf(parseConnectorReport('{"local":{}}', 'r')), 'gather.report.unreadable');
    const report = { schema: 'icmp-doctor/connector-report@1', createdAt: 'yesterday', app: { version: '1' } };
    const malformed = assertJapanese(reasonOf(parseConnectorReport(JSON.stringify(report), 'r')), 'gather.report.malformed');
    assert.match(malformed, /report\.createdAt: "yesterday" になっています（期待する値: ISO 8601 形式の時刻）/);
  });

  it('cloudflared: a text that is no log, a gzipped log, a config that is a list, and nothing found', async () => {
    assertJapanese(reasonOf(parseCloudflaredLog('hello there this is not a log\nnor is this line of words\n', 'pasted')), 'gather.log.not-cloudflared');
    const gz = join(dir, 'cloudflared.log.1.gz');
    writeFileSync(gz, gzipSync(Buffer.from('x\n')));
    assertJapanese(reasonOf(await readCloudflaredLogFile(gz)), 'gather.log.gzip');
    const list = join(dir, 'list.yml');
    writeFileSync(list, '- protocol: quic\n');
    assertJapanese(reasonOf(await readCloudflaredConfig(list)), 'gather.config.not-mapping');
    const nothing = await gatherCloudflared(
      { connectors: [], configPath: null, logPath: null, metricsUrl: null },
      {
        defaultConfigPaths: [join(dir, 'no-such', 'config.yml')],
        journal: { directory: join(dir, 'no-such-journal'), command: join(dir, 'no-such-journalctl') },
        defaultLogPaths: [join(dir, 'no-such', 'cloudflared.err')],
        metricsPorts: [await closedPort()],
        metricsTimeoutMs: 500,
      },
    );
    const japanese = assertJapanese(reasonOf(nothing), 'gather.cloudflared.none-found');
    // Every place looked at is said in Japanese too, one line each.
    assert.equal(japanese.split('\n').filter((line) => line.startsWith('- ')).length, 4, japanese);
  });

  it('Cloudflare API: a bad account id, a base URL that would leak the token, a refused connection', async () => {
    assertJapanese(reasonOf(await gatherCloudflareApi('not-an-account-id', 'token')), 'gather.cf.bad-account');
    assertJapanese(reasonOf(await gatherCloudflareApi(ACCOUNT, 'token', 'http://192.0.2.1/client/v4')), 'gather.cf.base-insecure');
    const port = await closedPort();
    assertJapanese(reasonOf(await gatherCloudflareApi(ACCOUNT, 'token', `http://127.0.0.1:${port}/client/v4`)), 'gather.cf.refused');
  });

  it('wizard API: no token, and an import file that is not there', async () => {
    const api = createWizardApi({});
    assertJapanese(reasonOf(await api.gatherCloudflareApi({ accountId: ACCOUNT })), 'gather.cf.no-token-app');
    const imported = await api.importEvidence({ kind: 'sysctl', text: null, path: join(dir, 'nope.txt'), label: '' });
    assertJapanese(reasonOf(imported.value as Gathered<unknown>), 'gather.import-file.missing');
  });
});
