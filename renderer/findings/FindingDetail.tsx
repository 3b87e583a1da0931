// One finding in full, in the UI's language: the summary is said from the finding's reason,
// evidence and fix titles from their messages. What came without one (a quoted log line, a
// fix not yet keyed) stays as it came, marked lang="en" so a screen reader pronounces it right.

import type { RefObject } from 'react';
import type { DeployStyle } from '../../contract/deploy';
import type { Finding, Remediation } from '../../contract/findings';
import type { Locale } from '../i18n/locale';
import { useLocale, useT } from '../app/stores';
import { CodeBlock } from '../components/CodeBlock';
import { FindingBadge } from '../components/StatusBadge';
import { langOf } from '../components/texts';
import { splitFixes } from '../wizard/deploy/order';
import { ConnectorTag } from './ConnectorTag';

interface FindingDetailProps {
  /** Already in the UI's language (localizeFinding). */
  finding: Finding;
  /** All findings (localized too), to name the causes that explain this one. */
  findings: readonly Finding[];
  position: number;
  count: number;
  headingRef: RefObject<HTMLHeadingElement | null>;
  /** The deployment style whose fixes come first; the others fold under "Other ways". */
  style: DeployStyle | 'unknown';
}

export function FindingDetail({ finding, findings, position, count, headingRef, style }: FindingDetailProps) {
  const t = useT();
  const locale = useLocale();
  const headingId = `finding-${finding.id}`;
  const explainedBy = finding.explainedBy ?? [];
  const causeTitles = explainedBy.map((id) => {
    const cause = findings.find((f) => f.id === id);
    return cause ? cause.title : id;
  });
  return (
    <article className={`finding finding-${finding.status}`} aria-labelledby={headingId} data-finding={finding.id}>
      <p className="finding-position">{t.findings.position(position, count)}</p>
      <div className="finding-head">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {finding.title}
          <ConnectorTag finding={finding} />
        </h2>
        <FindingBadge status={finding.status} />
      </div>
      {explainedBy.length > 0 ? (
        <div className="note explained-by" data-explained-by={explainedBy.join(' ')}>
          <p>
            <strong>{t.findings.explainedBy}:</strong> {causeTitles.join(', ')}
          </p>
          <p className="subtle">{t.findings.explainedByNote}</p>
        </div>
      ) : null}
      <p className="finding-summary" lang={langOf(finding.reason !== undefined, locale)}>
        {finding.summary}
      </p>

      <h3>{t.findings.evidence}</h3>
      {finding.evidence.length === 0 ? (
        <p className="note subtle">{t.findings.noEvidence}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t.findings.evidence}>
          <table className="evidence-table">
            <thead>
              <tr>
                <th scope="col">{t.findings.source}</th>
                <th scope="col">{t.findings.detail}</th>
              </tr>
            </thead>
            <tbody>
              {finding.evidence.map((item, index) => (
                <tr key={index}>
                  <td className="mono source">{item.source}</td>
                  <td className="detail" lang={langOf(item.message !== undefined, locale)}>
                    {item.detail}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>{t.findings.fix}</h3>
      {explainedBy.length > 0 ? (
        // A symptom's fixes would repeat (or contradict) its causes': fixing those is the fix.
        <p className="note subtle">{t.findings.explainedByNote}</p>
      ) : finding.remediation.length === 0 ? (
        <p className="note subtle">{t.findings.noFix}</p>
      ) : (
        <FixLists remediation={finding.remediation} style={style} headingId={headingId} locale={locale} />
      )}
    </article>
  );
}

interface FixListsProps {
  remediation: readonly Remediation[];
  style: DeployStyle | 'unknown';
  headingId: string;
  locale: Locale;
}

/** The fixes that fit the deployment, then the others under their own heading, numbered on. */
function FixLists({ remediation, style, headingId, locale }: FixListsProps) {
  const t = useT();
  const { fitting, other } = splitFixes(remediation, style);
  const item = (fix: Remediation, index: number) => (
    <li key={index} className="fix" data-fix={fix.id}>
      <h4 id={`${headingId}-fix-${index}`} lang={langOf(fix.titleMessage !== undefined, locale)}>
        {fix.title}
      </h4>
      <CodeBlock remediation={fix} headingId={`${headingId}-fix-${index}`} />
    </li>
  );
  const styleName = style === 'unknown' ? '' : t.setup.deployStyles[style];
  return (
    <>
      {other.length > 0 ? <p className="note subtle">{t.findings.deployFirst(styleName)}</p> : null}
      {fitting.length > 0 ? <ol className="fix-list">{fitting.map(item)}</ol> : null}
      {other.length > 0 ? (
        <>
          <h4 className="other-ways">{t.findings.otherWays(styleName)}</h4>
          <ol className="fix-list" start={fitting.length + 1}>
            {other.map((fix, index) => item(fix, fitting.length + index))}
          </ol>
        </>
      ) : null}
    </>
  );
}
