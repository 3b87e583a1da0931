// How many findings fail, warn and pass, as the evidence comes in — a polite live region, so
// a screen reader hears the verdicts change without leaving the progress.

import { useShallow } from 'zustand/react/shallow';
import type { FindingStatus } from '../../contract/findings';
import { useT, useWizard } from '../app/stores';

export function VerdictCounts() {
  const t = useT();
  const phase = useWizard((state) => state.phase);
  const counts = useWizard(
    useShallow((state) => {
      const count = (status: FindingStatus): number => state.findings.filter((finding) => finding.status === status).length;
      return { fail: count('fail'), warn: count('warn'), pass: count('pass') };
    }),
  );
  if (phase === 'idle') return null;
  return (
    <p className="verdict-counts" role="status" aria-live="polite">
      {t.checks.verdicts(counts.fail, counts.warn, counts.pass)}
    </p>
  );
}
