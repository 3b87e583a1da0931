// The top of the Findings screen, as flutter doctor opens: how many problems (causes, not
// their symptoms), each cause in the order to fix it with its first fix, then the command to
// re-test with. A cause's title opens it in the walk below.

import type { Finding } from '../../contract/findings';
import type { CheckInputs } from '../../contract/inputs';
import { useLocale, useT } from '../app/stores';
import { CodeBlock } from '../components/CodeBlock';
import { FindingBadge } from '../components/StatusBadge';
import { langOf } from '../components/texts';
import { fixesOfCauses, retestCommand, rootCauses } from '../wizard/causes/index';
import { ConnectorTag } from './ConnectorTag';

interface CausesSummaryProps {
  /** Already in the UI's language. */
  findings: readonly Finding[];
  inputs: CheckInputs;
  /** The checks have run, so "no cause" means no problem rather than "not looked yet". */
  decided: boolean;
  onShow: (id: Finding['id']) => void;
}

export function CausesSummary({ findings, inputs, decided, onShow }: CausesSummaryProps) {
  const t = useT();
  const locale = useLocale();
  const causes = fixesOfCauses(findings, rootCauses(findings));
  if (causes.length === 0) return decided ? <p className="note causes-none">{t.findings.causes.none}</p> : null;
  const retest = retestCommand(inputs);
  const symptoms = findings.filter((f) => f.status === 'fail' && (f.explainedBy?.length ?? 0) > 0).length;
  return (
    <section className="causes-summary" aria-labelledby="causes-title">
      <h2 id="causes-title">{t.findings.causes.title(causes.length)}</h2>
      <p className="subtle">{t.findings.causes.intro}</p>
      {symptoms > 0 ? <p className="subtle">{t.findings.causes.symptoms(symptoms)}</p> : null}
      <ol className="causes-list">
        {causes.map(({ finding, fixes }) => {
          const first = fixes[0] ?? finding.remediation[0];
          return (
            <li key={finding.id} data-cause={finding.id}>
              <div className="cause-head">
                <button type="button" className="link-button" onClick={() => onShow(finding.id)} aria-label={t.findings.causes.show(finding.title)}>
                  {finding.title}
                </button>
                <ConnectorTag finding={finding} />
                <FindingBadge status={finding.status} />
              </div>
              <p className="cause-fix">
                {first ? (
                  <>
                    {t.findings.causes.firstFix}: <span lang={langOf(first.titleMessage !== undefined, locale)}>{first.title}</span>
                  </>
                ) : (
                  t.findings.causes.noFix
                )}
              </p>
            </li>
          );
        })}
      </ol>
      <h3 id="causes-retest">{t.findings.causes.retest}</h3>
      <CodeBlock remediation={{ id: 'retest.check', deploy: [], title: t.findings.causes.retest, kind: 'command', text: retest }} headingId="causes-retest" />
    </section>
  );
}
