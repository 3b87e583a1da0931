// The deployment style orders every output's fixes (issue 8, item 3): the Qiita seed's
// situation, run through the real checks as an OpenWrt router (where the author first ran
// cloudflared) and as a systemd host, built into reports and rendered. Asserted by fix ids,
// commands and data, not wording.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeployStyle } from '../../contract/deploy';
import type { Report } from '../../contract/report';
import { fixesOfCauses } from '../../renderer/wizard/causes/index';
import { runChecks } from '../../renderer/wizard/checks/index';
import { qiitaEvidence, qiitaInputs } from '../../test-support/causes/qiita';
import { buildReport } from './build-report';
import { renderHtml } from './render-html';
import { markdownInline } from './markdown-text';
import { renderMarkdown } from './render-markdown';
import { say } from './say';

function report(deploy: DeployStyle | null): Report {
  const evidence = qiitaEvidence();
  const inputs = { ...qiitaInputs, deploy };
  return buildReport({ inputs, evidence, findings: runChecks(evidence, inputs), probes: [], createdAt: '2026-12-04T12:00:00.000Z', appVersion: '0.1.0', host: { os: 'OpenWrt 23.05', kernel: '5.15.150', arch: 'arm64' } });
}

function firstFixes(r: Report): Record<string, string | undefined> {
  return Object.fromEntries(fixesOfCauses(r.findings, r.causes).map(({ finding, fixes }) => [finding.id, fixes[0]?.id]));
}

describe('fixes that fit the deployment', () => {
  it('OpenWrt: each cause\'s first fix is the OpenWrt one, and QUIC is not advised for the router', () => {
    const r = report('openwrt');
    assert.deepEqual(r.deploy, { style: 'openwrt', from: 'chosen', signal: null });
    const first = firstFixes(r);
    assert.equal(first['connector-gid-range'], 'ping-range.openwrt-now');
    assert.equal(first['tunnel-transport'], 'transport.openwrt-no-quic');
    const transport = r.findings.find((f) => f.id === 'tunnel-transport');
    assert.ok(!transport?.remediation.some((f) => f.id === 'transport.quic-flag'));
  });

  it('systemd: the host sysctl and a systemctl restart of cloudflared come first', () => {
    const r = report('systemd');
    const gid = r.findings.find((f) => f.id === 'connector-gid-range');
    const ids = gid?.remediation.map((f) => f.id) ?? [];
    assert.equal(ids[0], 'ping-range.host-now');
    assert.ok(ids.indexOf('ping-range.systemd-restart') < ids.findIndex((id) => !/^ping-range\.(host|systemd)/.test(id)));
    assert.equal(firstFixes(r)['tunnel-transport'], 'transport.systemd-drop-in');
  });

  it('Markdown and HTML name the deployment and fold the other styles\' fixes after the style\'s own', () => {
    const r = report('openwrt');
    const md = renderMarkdown(r);
    assert.ok(md.includes('| Deployment | openwrt \\(chosen\\) |'));
    const openwrtRestart = md.indexOf('/etc/init.d/cloudflared restart');
    const fold = md.indexOf(`**${markdownInline(say('en', 'report.other-ways', { style: 'openwrt' }))}**`, openwrtRestart);
    assert.ok(openwrtRestart > 0 && fold > openwrtRestart, 'the OpenWrt restart comes before the fold');
    const html = renderHtml(r);
    const article = html.slice(html.indexOf('data-finding="connector-gid-range"'));
    const restart = article.indexOf('/etc/init.d/cloudflared restart');
    assert.ok(restart > 0 && restart < article.indexOf('<h4 class="other-ways">'));
  });
});
