import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gathered, notGathered } from '../../../electron/core/evidence/gathered';
import { msg } from '../../i18n/messages/message';
import { localizeFinding, renderMessage } from '../../i18n/messages/render';
import { assertFindingHasNoEnglishProse, englishProse } from '../../../test-support/i18n/english-prose';
import { atLine, cite, citeFailure, ofPid } from './cite';
import { finding } from './finding';

const probed = gathered({ replies: 0 }, msg('source.icmp-probe.to', { target: '10.200.2.2' }));

describe('cite', () => {
  it('keeps a plain source as it is, with no message', () => {
    assert.deepEqual(cite('/proc/sys/net/ipv4/ping_group_range', '1\t0'), { source: '/proc/sys/net/ipv4/ping_group_range', detail: '1\t0' });
  });

  it('carries the source message of a gathered value into the evidence, with its English words', () => {
    const cited = cite(probed, 'verbatim');
    assert.equal(cited.source, 'ICMP echo from this host to 10.200.2.2');
    assert.deepEqual(cited.sourceMessage, { key: 'source.icmp-probe.to', params: { target: '10.200.2.2' } });
    // Only the source fields: nothing else of the gathered value leaks into the evidence.
    assert.deepEqual(Object.keys(cited).sort(), ['detail', 'source', 'sourceMessage']);
  });

  it('carries the source message of a failure too', () => {
    const failure = notGathered('TIMEOUT', msg('gather.local.cancelled'), msg('source.this-process'));
    if (failure.ok) assert.fail('expected a failure');
    assert.equal(citeFailure(failure).sourceMessage?.key, 'source.this-process');
  });

  it('says a line and a pid around the original source, message or string, byte-identical in English', () => {
    assert.deepEqual(atLine('/var/log/cloudflared.log', 3), {
      source: '/var/log/cloudflared.log, line 3',
      sourceMessage: { key: 'source.line', params: { source: '/var/log/cloudflared.log', line: 3 } },
    });
    assert.deepEqual(atLine('/var/log/cloudflared.log', null), { source: '/var/log/cloudflared.log' });
    const nested = atLine(gathered(null, msg('source.cloudflared.log')), 12);
    assert.equal(nested.source, 'cloudflared log, line 12');
    assert.equal(renderMessage(nested.sourceMessage!, 'ja'), 'cloudflared のログ、12 行目');
    const pid = ofPid(gathered([], msg('source.proc-scan', { path: '/proc', count: 40 })), 812);
    assert.equal(pid.source, '/proc (40 processes) (pid 812)');
    assert.equal(renderMessage(pid.sourceMessage!, 'ja'), '/proc（40 プロセスを走査）、pid 812 のプロセス');
  });

  it('renders the source of a finding in Japanese, and the prose check sees an English one', () => {
    const f = finding('tcp-vs-icmp', 'fail', msg('failure.verbatim', { text: '応答がありません' }), [cite(probed, msg('failure.verbatim', { text: 'テスト' }))], []);
    const ja = localizeFinding(f, 'ja');
    assert.equal(ja.evidence[0]?.source, 'このホストから 10.200.2.2 への ICMP echo');
    assert.deepEqual(englishProse(ja.evidence[0]?.source ?? ''), []);
    assertFindingHasNoEnglishProse(ja);
    // The English source of the same finding is prose: the check must catch it when a message stands behind it.
    assert.throws(() => assertFindingHasNoEnglishProse({ ...ja, evidence: f.evidence }), /evidence source still has English prose/);
  });
});
