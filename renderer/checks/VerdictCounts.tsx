// How many problems there are and how the checks stand, as the evidence comes in — a polite
// live region, so a screen reader hears the verdicts change without leaving the progress.
// "Problems" are the causes, counted exactly as the Findings screen counts them; failing
// checks that follow from a cause are said apart, so the two numbers never seem to disagree.
// The step cards below are about gathering, not verdicts: a note says so.

import type { FindingStatus } from '../../contract/findings';
import { useConnectorView, useLocalizedFindings, useT, useWizard } from '../app/stores';
import { connectorName } from '../findings/connector-view';
import { fixesOfCauses, rootCauses } from '../wizard/causes/index';

export function VerdictCounts() {
  const t = useT();
  const phase = useWizard((state) => state.phase);
  const findings = useLocalizedFindings();
  const { picked } = useConnectorView();
  const count = (status: FindingStatus): number => findings.filter((finding) => finding.status === status).length;
  const explained = findings.filter((finding) => finding.status === 'fail' && (finding.explainedBy?.length ?? 0) > 0).length;
  const counts = { fail: count('fail'), explained, warn: count('warn'), pass: count('pass') };
  if (phase === 'idle') return null;
  // The same list, in the same fix order, as the Findings screen's "N problems found".
  const problems = fixesOfCauses(findings, rootCauses(findings)).map(({ finding }) => finding.title);
  return (
    <>
      <div className="verdict-counts" role="status" aria-live="polite" data-problems={problems.length}>
        <p>{t.checks.verdicts(problems.length, counts.fail, counts.explained, counts.warn, counts.pass)}</p>
        {picked ? <p className="subtle connector-counted">{t.connectors.checksNote(connectorName(picked.connector))}</p> : null}
        {problems.length > 0 ? (
          <ul className="problem-names" aria-label={t.checks.problemsList}>
            {problems.map((title) => (
              <li key={title}>{title}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <p className="subtle steps-note">{t.checks.stepsNote}</p>
    </>
  );
}
