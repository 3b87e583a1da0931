// Runs one seed situation's `check` in its own lab, as the unprivileged user in the client
// namespace, in one language; shared by the test and the capture script.

import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLab, type ExecResult, type Lab } from '../lab/lab';
import { execIsolated } from '../cli/support/pid-namespace';
import { cliArgv } from '../support/cli';
import type { SeedRun, SeedSituation } from './situations';

export interface SeedLab {
  lab: Lab;
  run: SeedRun;
  check(extra: readonly string[], env?: Record<string, string>): Promise<ExecResult>;
  destroy(): Promise<void>;
}

export async function startSeedLab(situation: SeedSituation): Promise<SeedLab> {
  const dir = mkdtempSync(join(tmpdir(), `icd-seed-${situation.seed}-`));
  chmodSync(dir, 0o755);
  const lab = await createLab();
  await lab.serveTcp();
  await lab.applyPolicy(situation.policy);
  const run = await situation.setUp(lab, dir);
  return {
    lab,
    run,
    check: (extra, env = {}) => execIsolated(lab, 'client', cliArgv([...run.args, ...extra]), { env: { ...run.env, ...env } }),
    async destroy() {
      run.stop();
      await lab.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
