// Each field report's situation (seeds/000–003), rebuilt in the lab and diagnosed by the built
// CLI as the unprivileged user, in English and in Japanese: the report's causes are the real
// ones, in the order to fix them; each cause's first fix is the one for the deployment; every
// failing symptom names its causes; the human output opens with exactly those causes and the
// re-test command, and in Japanese that opening carries no English prose. The token given for
// seed 002 appears in no output.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { labUnavailableReason } from '../lab/lab';
import { cliMissingReason } from '../support/cli';
import { assertFindingHasNoEnglishProse, englishProse } from '../../test-support/i18n/english-prose';
import { reportLine } from '../cli/support/check-results';
import { startSeedLab, type SeedLab } from './run-seed';
import { SEED_SITUATIONS, SEED_TOKEN } from './situations';

/** The human output's opening: the header and the causes block, up to the second blank line. */
export function opening(stdout: string): string {
  return stdout.split('\n\n').slice(0, 2).join('\n\n');
}

describe('the seeds, rebuilt in the lab', { skip: cliMissingReason() ?? labUnavailableReason() ?? false, concurrency: true }, () => {
  const labs = new Map<string, SeedLab>();
  before(async () => {
    await Promise.all(SEED_SITUATIONS.map(async (s) => labs.set(s.seed, await startSeedLab(s))));
  });
  after(async () => {
    await Promise.all([...labs.values()].map((lab) => lab.destroy()));
  });

  for (const s of SEED_SITUATIONS) {
    const lab = (): SeedLab => labs.get(s.seed) ?? assert.fail(`no lab for seed ${s.seed}`);

    it(`seed ${s.seed} (${s.title}): causes ${s.causes.join(', ')} in order, each with the fix for its deployment first`, async () => {
      const run = await lab().check(['--json', '--lang', 'en']);
      assert.equal(run.code, 1, run.stderr);
      const report = reportLine(run);
      assert.deepEqual(report.causes, s.causes);
      if (s.deploy) assert.equal(report.deploy.style, s.deploy);
      for (const [cause, fixId] of Object.entries(s.firstFix)) {
        const finding = report.findings.find((f) => f.id === cause) ?? assert.fail(`no ${cause}`);
        assert.equal(finding.remediation[0]?.id, fixId, `${cause}'s fixes: ${finding.remediation.map((f) => f.id).join(', ')}`);
      }
      for (const finding of report.findings) {
        if (s.causes.includes(finding.id)) {
          assert.equal(finding.explainedBy, undefined, `${finding.id} is a cause`);
          continue;
        }
        if (finding.status !== 'fail') continue;
        assert.ok(finding.explainedBy && finding.explainedBy.length > 0, `${finding.id} fails but is no cause: it must name what explains it`);
        for (const id of finding.explainedBy) assert.ok(s.causes.includes(id), `${finding.id} explained by ${id}, not a cause`);
      }
    });

    it(`seed ${s.seed}: the human output opens with the causes in order and the re-test command, in English and in Japanese`, async () => {
      const [english, japanese] = await Promise.all([lab().check(['--lang', 'en']), lab().check([], { LC_ALL: '', LANG: 'ja_JP.UTF-8' })]);
      for (const run of [english, japanese]) {
        assert.equal(run.code, 1, run.stderr);
        const head = opening(run.stdout);
        const numbered = head.split('\n').filter((line) => /^ {2}\d\. /.test(line)).map((line) => line.trim().split(' ')[1]);
        assert.deepEqual(numbered, s.causes, head);
        assert.match(head, /icmp-doctor check --target /, 'the re-test command');
        // Re-testing reads the same imported files again.
        for (const item of lab().run.imports) assert.ok(head.includes(item.path), `re-test reads ${item.kind} ${item.path} again:\n${head}`);
        assert.ok(!run.stdout.includes(SEED_TOKEN) && !run.stderr.includes(SEED_TOKEN), 'the token appears nowhere');
      }
      assert.deepEqual(englishProse(opening(japanese.stdout)), [], opening(japanese.stdout));
      assert.notDeepEqual(englishProse(english.stdout), [], 'the English output is prose, so the Japanese check can fail');
    });

    it(`seed ${s.seed}: --lang ja --json says every finding, its evidence and its fixes in Japanese`, async () => {
      const run = await lab().check(['--json', '--lang', 'ja']);
      assert.equal(run.code, 1, run.stderr);
      const report = reportLine(run);
      assert.equal(report.lang, 'ja');
      assert.deepEqual(report.causes, s.causes);
      for (const finding of report.findings) assertFindingHasNoEnglishProse(finding);
    });
  }
});
