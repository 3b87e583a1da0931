// Findings: first the causes in the order to fix them and the command to re-test with; then
// the verdicts walked in the checks' order — an overview of all of them, and the current one
// in full: status, title, summary, the evidence it cites and the fix, each fix with its exact
// text and a Copy button (a symptom names its causes instead).

import { useEffect, useRef } from 'react';
import { useApp, useAppActions, useConnectorView, useLocalizedFindings, useT, useWizard } from '../app/stores';
import { ScreenHeading } from '../components/ScreenHeading';
import { FindingBadge } from '../components/StatusBadge';
import { decideDeploy } from '../wizard/deploy/detect';
import { CausesSummary } from './CausesSummary';
import { ConnectorPicker } from './ConnectorPicker';
import { ConnectorTag } from './ConnectorTag';
import { FindingDetail } from './FindingDetail';

export function FindingsScreen() {
  const t = useT();
  const findings = useLocalizedFindings();
  const phase = useWizard((state) => state.phase);
  const inputs = useWizard((state) => state.inputs);
  const evidence = useWizard((state) => state.evidence);
  const { style } = decideDeploy(evidence, inputs);
  const { picked } = useConnectorView();
  // One connector picked: re-test that process alone (`--pid`), as its fixes are its own.
  const retestInputs = picked ? { ...inputs, pid: picked.connector.pid } : inputs;
  const index = useApp((state) => Math.min(state.findingIndex, Math.max(0, findings.length - 1)));
  const { showFinding, navigate } = useAppActions();
  const detailHeading = useRef<HTMLHeadingElement>(null);
  const walked = useRef(false);
  const current = findings[index];

  useEffect(() => {
    // Moving to another finding puts the reader at its heading; opening the screen does not.
    if (walked.current) detailHeading.current?.focus();
  }, [index]);

  const walk = (to: number): void => {
    walked.current = true;
    showFinding(to);
  };

  return (
    <section aria-labelledby="screen-title" className="screen">
      <ScreenHeading intro={t.findings.intro}>{t.findings.title}</ScreenHeading>
      {phase === 'idle' ? <p className="note">{t.findings.notRunNote}</p> : null}
      <ConnectorPicker />
      <CausesSummary
        findings={findings}
        inputs={retestInputs}
        decided={phase === 'done'}
        onShow={(id) => {
          const position = findings.findIndex((f) => f.id === id);
          if (position >= 0) walk(position);
        }}
      />

      <div className="findings-layout">
        <nav aria-label={t.findings.overview} className="finding-overview">
          <h2 className="overview-title">{t.findings.overview}</h2>
          <ol>
            {findings.map((finding, position) => (
              <li key={finding.id}>
                <button
                  type="button"
                  className={`overview-item${position === index ? ' current' : ''}`}
                  aria-current={position === index ? 'true' : undefined}
                  onClick={() => walk(position)}
                >
                  <span className="overview-number" aria-hidden="true">
                    {position + 1}
                  </span>
                  <span className="overview-text">
                    {finding.title}
                    <ConnectorTag finding={finding} />
                  </span>
                  <FindingBadge status={finding.status} />
                </button>
              </li>
            ))}
          </ol>
        </nav>

        {current ? (
          <div className="finding-pane">
            <FindingDetail finding={current} findings={findings} position={index + 1} count={findings.length} headingRef={detailHeading} style={style} />
            <div className="actions walk">
              <button type="button" className="button" onClick={() => walk(index - 1)} disabled={index === 0}>
                <span aria-hidden="true">← </span>
                {t.findings.previous}
              </button>
              {index < findings.length - 1 ? (
                <button type="button" className="button primary" onClick={() => walk(index + 1)}>
                  {t.findings.next}
                  <span aria-hidden="true"> →</span>
                </button>
              ) : (
                <button type="button" className="button primary" onClick={() => navigate('export')}>
                  {t.app.next(t.screens.export)}
                  <span aria-hidden="true"> →</span>
                </button>
              )}
            </div>
          </div>
        ) : null}
      </div>
    </section>
  );
}
