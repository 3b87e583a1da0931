// The Evidence screen's one-line outcomes, from what the real parsers make of real text.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCloudflaredLog } from '../../electron/core/evidence/cloudflared/index';
import { parseCalicoPolicies, parseConnectorReport, parseIdOutput, parseIptablesSave, parseNftRuleset, parsePodSpecs, parseSysctlOutput, parseTwingateHelmValues } from '../../electron/core/evidence/imports/index';
import { englishProse } from '../../test-support/i18n/english-prose';
import type { Message } from '../../contract/message';
import { renderMessage } from '../i18n/messages/render';
import { describeImport, type ImportOutcome } from './describe-import';

/** The outcome with its facts said in English (and checked to have no English prose in Japanese). */
function inEnglish(outcome: ImportOutcome): { ok: true; facts: string } | ImportOutcome {
  if (!outcome.ok) return outcome;
  const facts: Message = outcome.facts;
  assert.deepEqual(englishProse(renderMessage(facts, 'ja')), [], renderMessage(facts, 'ja'));
  return { ok: true, facts: renderMessage(facts, 'en') };
}

describe('describeImport', () => {
  it('states the facts a parse found', () => {
    assert.deepEqual(inEnglish(describeImport({ kind: 'sysctl', value: parseSysctlOutput('net.ipv4.ping_group_range = 1\t0\n', 'pasted') })), {
      ok: true,
      facts: 'net.ipv4.ping_group_range = 1 0',
    });
    const id = inEnglish(describeImport({ kind: 'id', value: parseIdOutput('uid=65532(nonroot) gid=65532(nonroot) groups=65532(nonroot),4242\n', 'pasted') }));
    assert.deepEqual(id, { ok: true, facts: 'uid=65532 gid=65532 egid=65532 groups=65532,4242' });
    const helm = inEnglish(describeImport({ kind: 'helm-values', value: parseTwingateHelmValues('icmpSupport:\n  enabled: true\n', 'values.yaml') }));
    assert.deepEqual(helm, { ok: true, facts: 'icmpSupport.enabled: true' });
    const log = inEnglish(describeImport({
      kind: 'cloudflared-log',
      value: parseCloudflaredLog('2024-05-01T10:00:00Z WRN The user running cloudflared process has a GID (group ID) that is not within ping_group_range. You might need to add that user to a group within that range, or instead update the range to encompass a group the user is already in by modifying /proc/sys/net/ipv4/ping_group_range. Otherwise cloudflared will not be able to ping this network error="Group ID 65532 is not between ping group 1 to 0"\n', 'cloudflared.log'),
    }));
    assert.equal(log.ok, true);
    assert.match(log.ok && typeof log.facts === 'string' ? log.facts : '', /group 65532 outside ping_group_range 1 0/);
  });

  it('passes the parser’s own error on, with its code', () => {
    const sysctl = describeImport({ kind: 'sysctl', value: parseSysctlOutput('this is not sysctl output', 'pasted') });
    assert.equal(sysctl.ok, false);
    assert.ok(!sysctl.ok && sysctl.code === 'UNPARSEABLE' && sysctl.message.length > 10, JSON.stringify(sysctl));
    const report = describeImport({ kind: 'connector-report', value: parseConnectorReport('{"schema":"something-else"}', 'x.json') });
    assert.equal(report.ok, false);
    const calico = describeImport({ kind: 'calico-policy', value: parseCalicoPolicies('kind: [unclosed', 'policy.yaml') });
    assert.equal(calico.ok, false);
  });

  it('keeps a failure’s reason, so the Evidence screen can say it in the UI’s language', () => {
    const reason = { key: 'failure.verbatim', params: { text: 'x' } };
    const keyed = describeImport({ kind: 'sysctl', value: { ok: false, code: 'UNPARSEABLE', message: 'not sysctl output', reason, source: 'pasted', at: '2026-12-04T12:00:00Z' } });
    assert.deepEqual(keyed, { ok: false, code: 'UNPARSEABLE', message: 'not sysctl output', reason });
    const pod = describeImport({ kind: 'pod-spec', value: [{ ok: false, code: 'UNPARSEABLE', message: 'not YAML', reason, source: 'pod.yaml', at: '2026-12-04T12:00:00Z' }] });
    assert.equal(!pod.ok && pod.reason?.key, 'failure.verbatim');
  });

  it('names where a firewall import found ICMP dropped, or that it found none', () => {
    const nft = inEnglish(describeImport({ kind: 'nft-ruleset', value: parseNftRuleset('table inet fw4 {\n\tchain forward_wan {\n\t\ticmp type echo-request drop # handle 7\n\t}\n}\n', 'fw4.txt') }));
    assert.deepEqual(nft, { ok: true, facts: '1 chain; ICMP drop in inet fw4 forward_wan, rule 1' });
    const ipt = inEnglish(describeImport({ kind: 'iptables-save', value: parseIptablesSave('*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -p tcp -j ACCEPT\nCOMMIT\n', 'rules.v4') }));
    assert.deepEqual(ipt, { ok: true, facts: '1 chain; no rule that drops or rejects ICMP' });
  });

  it('a YAML stream without any pod is an error, not an empty success', () => {
    const outcome = describeImport({ kind: 'pod-spec', value: parsePodSpecs('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n', 'cm.yaml') });
    assert.equal(outcome.ok, false);
    const pods = inEnglish(describeImport({
      kind: 'pod-spec',
      value: parsePodSpecs('apiVersion: v1\nkind: Pod\nmetadata:\n  name: connector\nspec:\n  containers:\n    - name: c\n      image: twingate/connector\n', 'pod.yaml'),
    }));
    assert.deepEqual(pods, { ok: true, facts: 'Pod connector' });
  });
});
