// Issue 10: "-v, the JSON summary and the report say which socket was used". The JSON report
// has it on every probe event; the check's human output, the Markdown and the HTML report say
// it in one line, in English and Japanese, and say nothing for reports without it.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProbeEvent, SocketKind } from '../../native/index';
import { englishProse } from '../../test-support/i18n/english-prose';
import { mixedProbes } from '../../test-support/report/sample-probes';
import { makeApiToken, makeTunnelToken, sampleReportInput } from '../../test-support/report/sample-report';
import { describeSocket } from '../cli/check-output-human';
import { buildReport } from './build-report';
import { socketsUsed } from './probe-socket';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-markdown';

function through(socket: SocketKind | undefined): ProbeEvent[] {
  return mixedProbes().map((probe) => (socket === undefined ? probe : { ...probe, socket }));
}

function reportWith(probes: ProbeEvent[], lang: 'en' | 'ja' = 'en') {
  return { ...buildReport(sampleReportInput({ secrets: { apiToken: makeApiToken(), tunnelToken: makeTunnelToken() }, target: '10.200.9.1', echo: probes.slice(0, 3), transparency: probes.slice(3) })), lang };
}

describe('the socket the probes went through', () => {
  it('is read from the probe events, each kind once', () => {
    assert.deepEqual(socketsUsed(through('raw')), ['raw']);
    assert.deepEqual(socketsUsed([...through('raw'), ...through('ping')]), ['ping', 'raw']);
    assert.deepEqual(socketsUsed(through(undefined)), []);
  });

  it('the check output names it in one line, in English and Japanese', () => {
    assert.equal(describeSocket(reportWith(through('raw')), 'en'), 'Probes went through: raw socket (CAP_NET_RAW)\n');
    assert.equal(describeSocket(reportWith(through('ping')), 'en'), 'Probes went through: unprivileged ping socket (net.ipv4.ping_group_range)\n');
    assert.equal(describeSocket(reportWith(through('icmp-api')), 'en'), "Probes went through: Windows' ICMP API (IcmpSendEcho2Ex)\n");
    const ja = describeSocket(reportWith(through('raw')), 'ja');
    assert.equal(ja, 'プローブに使ったソケット: raw ソケット（CAP_NET_RAW）\n');
    assert.deepEqual(englishProse(ja), []);
    assert.deepEqual(englishProse(describeSocket(reportWith(through('icmp-api')), 'ja')), []);
    assert.equal(describeSocket(reportWith(through(undefined)), 'en'), '', 'a report without sockets says nothing about them');
  });

  it('the Markdown report has a header row for it', () => {
    const rows = (markdown: string): string[] => markdown.split('\n').filter((line) => line.startsWith('| '));
    assert.ok(rows(renderMarkdown(reportWith(through('raw')))).includes('| Probes went through | raw socket \\(CAP\\_NET\\_RAW\\) |'));
    assert.ok(rows(renderMarkdown(reportWith(through('ping'), 'ja'))).includes('| プローブに使ったソケット | 非特権の ping ソケット（net.ipv4.ping\\_group\\_range） |'));
    assert.ok(!renderMarkdown(reportWith(through(undefined))).includes('Probes went through'));
  });

  it('the HTML report names it in the header', () => {
    assert.ok(renderHtml(reportWith(through('raw'))).includes('<dt>Probes went through</dt><dd>raw socket (CAP_NET_RAW)</dd>'));
    assert.ok(renderHtml(reportWith(through('icmp-api'), 'ja')).includes('<dt>プローブに使ったソケット</dt><dd>Windows の ICMP API（IcmpSendEcho2Ex）</dd>'));
    assert.ok(!renderHtml(reportWith(through(undefined))).includes('Probes went through'));
  });
});
