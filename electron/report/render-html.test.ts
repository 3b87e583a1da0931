import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildReport } from './build-report';
import { escapeHtml } from './html-text';
import { renderHtml, REPORT_CSP } from './render-html';
import { mixedProbes } from '../../test-support/report/sample-probes';
import { HOSTILE, makeApiToken, makeTunnelToken, sampleReportInput } from '../../test-support/report/sample-report';

describe('renderHtml', () => {
  const secrets = { apiToken: makeApiToken(), tunnelToken: makeTunnelToken() };
  const probes = mixedProbes();
  const report = buildReport(sampleReportInput({ secrets, target: '10.200.9.1', echo: probes.slice(0, 3), transparency: probes.slice(3) }));
  const html = renderHtml(report);

  it('is one self-contained document with the strict CSP and no script at all', () => {
    assert.match(html, /^<!doctype html>\n<html lang="en"><head><meta charset="utf-8">/);
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`));
    assert.equal(REPORT_CSP, "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    assert.ok(!/<script/i.test(html), 'a <script> tag');
    assert.ok(!/<(link|img|iframe|object|embed|base|form)\b/i.test(html), 'an element that loads or navigates');
    assert.ok(!/\son[a-z]+=/i.test(html.replace(/<pre[\s\S]*?<\/pre>/g, '')), 'an event handler attribute');
    const hrefs = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]!);
    assert.ok(hrefs.length > 0 && hrefs.every((href) => href.startsWith('#finding-')), `unexpected links: ${hrefs.join(' ')}`);
    assert.equal((html.match(/<style>/g) ?? []).length, 1);
    assert.match(html, /@media print/);
  });

  it('shows the verdict, every finding with its evidence and fixes', () => {
    assert.match(html, /<p class="verdict status-fail">4 problems found: /);
    for (const finding of report.findings) {
      assert.ok(html.includes(`<article class="finding status-${finding.status}" id="finding-${finding.id}" data-finding="${finding.id}">`), finding.id);
      assert.ok(html.includes(escapeHtml(finding.title)), finding.title);
    }
    assert.ok(html.includes('<pre class="code lang-ini" data-kind="file"><code>net.ipv4.ping_group_range = 0 2147483647\n</code></pre>'));
    assert.ok(html.includes('<pre class="code lang-sh" data-kind="command"><code>sudo sysctl -w net.ipv4.ping_group_range=&#39;0 2147483647&#39;</code></pre>'));
    assert.ok(html.includes('<pre class="code lang-yaml" data-kind="yaml"><code>icmpSupport:\n  enabled: true\n</code></pre>'));
  });

  it('escapes every hostile string, so each shows as the text it is', () => {
    assert.ok(html.includes('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;'));
    assert.ok(html.includes('&lt;/pre&gt;&lt;img src=x onerror=alert(1)&gt;&lt;pre&gt;'));
    assert.ok(html.includes('He said &quot;yes&quot; &amp; she said &#39;no&#39; &amp;amp; more'));
    assert.ok(html.includes(HOSTILE.unicode));
    assert.ok(html.includes(HOSTILE.longLine));
    assert.ok(html.includes('bell\u2407 nul\u2400 esc\u241b[31m red'));
    assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(html), 'a raw control character');
    // The cloudflared log path is an input: it lands in a table cell, escaped.
    assert.ok(html.includes('/var/log/cloudflared &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;.log'));
    assert.equal((html.match(/<pre\b/g) ?? []).length, (html.match(/<\/pre>/g) ?? []).length);
  });

  it('has the RTT chart and a row per decoded ICMP error', () => {
    assert.equal((html.match(/<svg class="rtt-chart"/g) ?? []).length, 1);
    assert.equal((html.match(/data-status="/g) ?? []).length, probes.length);
    const rows = html.match(/<tr class="icmp-error-row">[\s\S]*?<\/tr>/g) ?? [];
    assert.equal(rows.length, 3);
    assert.match(rows[0]!, /ICMPv4 3\/13<\/td><td><code>communication-administratively-prohibited<\/code><br>Packet filtered<\/td><td class="nowrap">10\.200\.1\.1<\/td>/);
    assert.match(rows[0]!, /10\.200\.9\.1<br>id 31970 · seq 1<\/td><td><span class="match-yes">yes<\/span>/);
    assert.match(rows[2]!, /local<\/td>.*<td class="num">1280<\/td>/);
  });

  it('carries no secret', () => {
    assert.ok(!html.includes(secrets.apiToken));
    assert.ok(!html.includes(secrets.tunnelToken));
  });
});
