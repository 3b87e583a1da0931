// `icmp-doctor check` picks its language from --lang, else LC_ALL, LC_MESSAGES, LANG (as gettext
// does), and says it everywhere: the terminal, --json and the report files. The built CLI runs
// on this host with no target (no probe is sent; the host is only read). The checks' own
// summaries are converted elsewhere, so this asserts on the CLI's and the reports' own words,
// on `lang`, and on the findings' titles (fixed per id); report-lang.test.ts covers the rest.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FINDING_IDS } from '../../contract/findings';
import type { Report } from '../../contract/report';
import { renderMessage } from '../../renderer/i18n/messages/render';
import { englishProse } from '../../test-support/i18n/english-prose';
import { cliMissingReason, jsonLines, runCli, type CliRun } from '../../test-support/cli/run-cli';

/** No locale from the test's own environment leaks in: each case sets what it means. */
const NO_LOCALE = { LC_ALL: '', LC_MESSAGES: '', LANG: '' };
const JA_STATUS = /^(正常|異常|注意|対象外|不明) {2,}[a-z-]+ — /;

function check(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(['check', ...args], { env: { ...NO_LOCALE, ...env }, timeoutMs: 60_000 });
}

/** The lines of the human output the CLI writes in its own words (not the checks' summaries, evidence or fixes). */
function ownLines(stdout: string): string[] {
  const lines = stdout.split('\n');
  return lines.filter((l) => l.startsWith('icmp-doctor check: ') || /^(判定|Verdict): /.test(l) || /^(再テスト|Re-test with): /.test(l) || /^\d+ (件の問題|problems? found)/.test(l) || JA_STATUS.test(l) || /^(対処方法|How to fix)$/.test(l) || /^(コネクタの動かし方|Deployment): /.test(l));
}

function assertJapaneseOutput(run: CliRun): void {
  assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}: ${run.stderr}`);
  assert.match(run.stdout, /^icmp-doctor check: 対象なし（このホストのみ）、製品 generic\n/);
  assert.match(run.stdout, /\n判定: /);
  const own = ownLines(run.stdout);
  assert.equal(own.filter((l) => JA_STATUS.test(l)).length, FINDING_IDS.length, run.stdout);
  assert.deepEqual(englishProse(own.join('\n')), [], own.join('\n'));
  // Progress on stderr ends each step in Japanese.
  assert.match(run.stderr, / … (完了|スキップ|取得できません)/);
  assert.doesNotMatch(run.stderr, / … (done|skipped|not available)\b/);
}

describe('icmp-doctor check --lang', { skip: cliMissingReason() ?? false }, () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'icmp-doctor-lang-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('--lang ja: the terminal output in Japanese, whatever LANG says', async () => {
    assertJapaneseOutput(await check(['--lang', 'ja'], { LANG: 'en_US.UTF-8' }));
  });

  it('no flag, LANG=ja_JP.UTF-8: Japanese', async () => {
    assertJapaneseOutput(await check([], { LANG: 'ja_JP.UTF-8' }));
  });

  it('LC_ALL=C overrides LANG=ja_JP.UTF-8, and --lang en overrides the locale: English', async () => {
    for (const run of [await check([], { LC_ALL: 'C', LANG: 'ja_JP.UTF-8' }), await check(['--lang=en'], { LC_MESSAGES: 'ja_JP.UTF-8' })]) {
      assert.ok(run.code === 0 || run.code === 1, run.stderr);
      assert.match(run.stdout, /^icmp-doctor check: no target \(this host only\), product generic\n/);
      assert.match(run.stdout, /\nVerdict: /);
      assert.doesNotMatch(run.stdout, /[\u3040-\u30ff]/);
    }
  });

  it('a language it does not speak is a usage error naming the ones it does', async () => {
    const run = await check(['--lang', 'fr']);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^icmp-doctor: --lang fr: LANG must be one of en, ja /);
  });

  it('--json and the report files carry lang "ja", Japanese titles and Japanese headings', async () => {
    const md = join(dir, 'report.md');
    const html = join(dir, 'report.html');
    const json = join(dir, 'report.json');
    const runs = await Promise.all([check(['--json', '--report', md], { LANG: 'ja_JP.UTF-8' }), check(['--lang', 'ja', '--report', html]), check(['--lang', 'ja', '--report', json])]);
    for (const run of runs) assert.ok(run.code === 0 || run.code === 1, run.stderr);

    const [line, ...rest] = jsonLines(runs[0]!.stdout);
    assert.deepEqual(rest, []);
    const printed = line as unknown as Report & { type: string };
    const written = JSON.parse(await readFile(json, 'utf8')) as Report;
    for (const report of [printed, written]) {
      assert.equal(report.lang, 'ja');
      assert.equal(report.findings.length, FINDING_IDS.length);
      for (const f of report.findings) assert.equal(f.title, renderMessage({ key: `finding.title.${f.id}` }, 'ja'));
    }

    const markdown = await readFile(md, 'utf8');
    assert.match(markdown, /^# ICMP Doctor 診断レポート\n\n\*\*判定:\*\* /);
    // Headings and table heads outside code blocks (a sysctl.d file's "# comment" is a file's text).
    const outsideCode = markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, ' ');
    const headings = outsideCode.split('\n').filter((l) => /^#{1,3} /.test(l) || l.startsWith('| 状態 |'));
    assert.ok(headings.includes('## 診断結果') && headings.includes('| 状態 | 診断項目 | 概要 |'), headings.join('\n'));
    assert.deepEqual(englishProse(headings.join('\n')), []);

    const page = await readFile(html, 'utf8');
    assert.match(page, /^<!doctype html>\n<html lang="ja">/);
    // Headings, column heads, the header's labels, the raw evidence's summary and the footer (an evidence <dt> is the checks' source label).
    const meta = /<dl class="meta">([\s\S]*?)<\/dl>/.exec(page)?.[1] ?? '';
    const elements = [...page.matchAll(/<(h[1-4]|th|summary|footer)\b[^>]*>([\s\S]*?)<\/\1>/g), ...meta.matchAll(/<(dt)>([\s\S]*?)<\/dt>/g)];
    const chrome = elements.map((m) => m[2]!.replace(/<[^>]+>/g, ' '));
    assert.ok(chrome.length > 10);
    assert.deepEqual(englishProse(chrome.join('\n')), []);
  });
  it('connector mode speaks Japanese too: the summary, the hint and the progress', async () => {
    const run = await check(['--connector', '--lang', 'ja']);
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    const lines = run.stdout.split('\n');
    assert.match(lines[0] ?? '', /^このホスト: /);
    assert.match(lines[1] ?? '', /^ {2}実行ユーザー: uid \d+、egid \d+、グループ .*。ここの net\.ipv4\.ping_group_range: 「\d+ \d+」$/);
    // Its own lines (what a connector on this host runs as, its range, where to take the report);
    // the verdicts' words and gatherers' sources are the checks' and gatherers' own.
    const own = lines.filter((l) => /^(このホスト|コネクタ|このホストのコネクタ|ほかのマシンで|そのうえで|チェックを実行するマシン)|^ {2,4}実行ユーザー: |^ {4}その名前空間の /.test(l));
    assert.ok(own.length >= 4, run.stdout);
    assert.deepEqual(englishProse(own.join('\n')), [], own.join('\n'));
    for (const line of run.stderr.trim().split('\n')) assert.match(line, /^\[[123]\/3\] (このマシン|このホストのコネクタ|cloudflared) …( (完了|スキップ): .+)?$/);
  });
});
