// axe-core, injected from node_modules into the page, run against the whole document. Tests
// assert that nothing serious or critical is found.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Injected as a script: the page's CSP forbids inline scripts, but evaluation is the test's own.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    interface AxeResult {
      violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
    }
    const axe = Reflect.get(globalThis, 'axe') as { run(context: unknown, options: unknown): Promise<AxeResult> };
    const result = await axe.run(Reflect.get(globalThis, 'document'), { resultTypes: ['violations'], preload: false });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.map(String).join(' ')),
    }));
  });
}

export function seriousOnly(violations: readonly AxeViolation[]): AxeViolation[] {
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations.map((v) => `${v.impact}: ${v.id} — ${v.help}\n    ${v.targets.join('\n    ')}`).join('\n');
}
