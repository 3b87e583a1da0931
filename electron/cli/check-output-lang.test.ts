// `check`'s terminal output in Japanese (issue 8): the Qiita seed's situation decided by the
// real checks, localized once into a report in Japanese, then printed the way check-command
// prints it. The findings say messages whose Japanese is known (the checks' own messages are
// converted elsewhere), so what is judged is the CLI's own words: the inputs line, the causes
// block, verdict lines, the fixes section, the deployment line, progress endings.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../contract/findings';
import { runChecks } from '../../renderer/wizard/checks/index';
import { QIITA_CAUSES, qiitaEvidence, qiitaInputs } from '../../test-support/causes/qiita';
import { msg } from '../../renderer/i18n/messages/message';
import { renderMessage } from '../../renderer/i18n/messages/render';
import type { StepState } from '../../renderer/wizard/store';
import { englishProse } from '../../test-support/i18n/english-prose';
import { buildReport } from '../report/build-report';
import { saidByKnownMessages } from '../../test-support/report/known-messages';
import { describeDeploy, describeInputs, displayWidth, formatCauses, formatFinding, formatFixes, formatVerdicts } from './check-output-human';
import { progressLine } from './check-progress';

function qiitaReport(lang: 'en' | 'ja', deploy: 'openwrt' | null = 'openwrt') {
  const evidence = qiitaEvidence();
  const inputs = { ...qiitaInputs, deploy };
  return buildReport({
    inputs,
    evidence,
    findings: runChecks(evidence, inputs).map(saidByKnownMessages),
    probes: [],
    appVersion: '0.1.0',
    host: { os: 'OpenWrt 23.05', kernel: '5.15.150', arch: 'arm64' },
    lang,
  });
}

/** The whole terminal output of a run, as check-command puts it together. */
function printed(lang: 'en' | 'ja', deploy: 'openwrt' | null = 'openwrt'): { text: string; findings: Finding[] } {
  const report = qiitaReport(lang, deploy);
  const text =
    `icmp-doctor check: ${describeInputs(report.inputs, lang)}\n\n` +
    formatCauses(report.findings, report.causes, report.inputs, lang) +
    formatVerdicts(report.findings, report.causes, lang) +
    formatFixes(report.findings, report.causes, report.deploy, lang);
  return { text, findings: report.findings };
}

/** The output without the fixes' own texts (commands, YAML, files: pasted as they are, never translated). */
function withoutFixTexts(text: string, findings: readonly Finding[]): string {
  return findings.flatMap((f) => f.remediation).reduce((rest, fix) => rest.split(fix.text.replace(/\n+$/, '')).join(' '), text);
}

describe('check output in Japanese', () => {
  const { text, findings } = printed('ja');

  it('says everything in Japanese: no English prose outside the commands', () => {
    assert.deepEqual(englishProse(withoutFixTexts(text, findings)), []);
    // The same output in English is full of it: the assertion above can fail.
    const english = printed('en');
    assert.notDeepEqual(englishProse(withoutFixTexts(english.text, english.findings)), []);
  });

  it('keeps the structure: the causes in fix order, each finding with its status, the fixes, the re-test command', () => {
    const lines = text.split('\n');
    assert.equal(lines[0], 'icmp-doctor check: 対象 192.168.1.20（TCP ポート 22）、製品 cloudflare、Cloudflare アカウント 0123456789abcdef0123456789abcdef（API トークンあり）');
    assert.equal(lines[2], '3 件の問題が見つかりました。この順に直してから再テストしてください:');
    const order = QIITA_CAUSES.map((id, index) => lines.findIndex((l) => l.startsWith(`  ${index + 1}. ${id} — `)));
    assert.ok(order.every((i) => i > 0) && order[0]! < order[1]! && order[1]! < order[2]!, text);
    assert.ok(lines.some((l) => /^再テスト: icmp-doctor check --target 192\.168\.1\.20 /.test(l)), text);
    assert.match(text, /^異常 {4}connector-gid-range — コネクタのグループと ping_group_range$/m);
    assert.match(text, /\n判定: 3 件の問題が見つかりました: コネクタのグループと ping_group_range／/);
    assert.match(text, /\n対処方法\n========\n\nコネクタの動かし方: openwrt（--deploy で指定）/);
    assert.match(text, /^ {2}対処 1（コマンド）: /m);
    assert.match(text, /^ {2}ほかの方法（openwrt 以外の動かし方向け）:$/m);
    for (const f of findings) if (f.explainedBy) assert.match(formatFinding(f, 'ja'), /^ {8}原因: connector-gid-range、tunnel-transport、icmp-proxy。/m);
  });

  it('pads the status column by terminal columns, so ids line up under wide characters', () => {
    // The verdict lines (the fixes section's headers are "異常 id", one space).
    const verdicts = text.split('\n').filter((l) => /^(正常|異常|注意|対象外|不明) {2,}[a-z]/.test(l));
    assert.equal(verdicts.length, findings.length);
    for (const line of verdicts) {
      const id = line.search(/[a-z]/);
      assert.equal(displayWidth(line.slice(0, id)), 8, line);
    }
    assert.equal(displayWidth('異常'), 4);
    assert.equal(displayWidth('FAIL'), 4);
  });

  it('says the deployment and the inputs without a target in Japanese too', () => {
    for (const line of [
      describeDeploy({ style: 'unknown', from: 'none', signal: null }, 'ja'),
      describeDeploy({ style: 'helm', from: 'detected', signal: null }, 'ja'),
      describeInputs({ ...qiitaInputs, target: null, cloudflareAccountId: null, connectorReports: ['a.json', 'b.json'] }, 'ja'),
      formatCauses([], [], qiitaInputs, 'ja'),
    ]) {
      assert.deepEqual(englishProse(line), [], line);
    }
    assert.match(describeDeploy({ style: 'unknown', from: 'none', signal: null }, 'ja'), /--deploy host\|systemd\|/);
  });

  it('progress in Japanese: the step\'s title and detail (the store\'s messages) and the endings', () => {
    const step: StepState = { id: 'local', title: msg('step.local.title'), why: msg('step.local.why'), status: 'done', detail: null };
    const title = renderMessage(step.title, 'ja');
    assert.equal(progressLine(step, 1, 9, 'ja'), `[1/9] ${title} … 完了\n`);
    assert.equal(progressLine({ ...step, status: 'running' }, 1, 9, 'ja'), `[1/9] ${title} …\n`);
    const skipped = progressLine({ ...step, status: 'skipped', detail: msg('step.skip.no-target') }, 6, 9, 'ja');
    assert.equal(skipped, `[6/9] ${title} … スキップ: ${renderMessage(msg('step.skip.no-target'), 'ja')}\n`);
    assert.equal(progressLine({ ...step, status: 'cancelled', detail: msg('step.cancelled') }, 2, 9, 'ja'), `[2/9] ${title} … 中止\n`);
    for (const line of [skipped ?? '', progressLine(step, 1, 9, 'ja') ?? '']) assert.deepEqual(englishProse(line), [], line);
    assert.equal(progressLine({ ...step, status: 'skipped' }, 3, 9, 'en'), '[3/9] This machine … skipped\n');
  });

  it('control characters in Japanese evidence stay visible pictures in the terminal', () => {
    const f = { ...findings[0]!, summary: '概要\u001b[2J\u0007です', evidence: [{ source: '出典', detail: 'ログ\u009b31m行' }] };
    const out = formatFinding(f, 'ja');
    assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(out), JSON.stringify(out));
    assert.ok(out.includes('概要\u241b[2J\u2407です') && out.includes('ログ\u27e8U+009B\u27e931m行'), out);
  });
});
