// Checks: every step of the wizard with what it looks at and why, its live status and one
// line of what it found; overall progress in a live region; Cancel (also Escape, handled by
// the App); when finished, the way on to the findings.

import { useShallow } from 'zustand/react/shallow';
import { useAppActions, useSay, useT, useWizard, useWizardActions } from '../app/stores';
import { ScreenHeading } from '../components/ScreenHeading';
import { StepBadge } from '../components/StatusBadge';
import { VerdictCounts } from './VerdictCounts';

/** Beyond this, a detail (e.g. every place cloudflared was looked for) folds behind its first words. */
const DETAIL_FOLD = 160;

/** The step's result, already said in the UI's language (the page's `lang`). */
function StepDetail({ text }: { text: string }) {
  if (text.length <= DETAIL_FOLD) return <p className="step-detail mono">{text}</p>;
  return (
    <details className="step-detail mono">
      <summary>{`${text.slice(0, DETAIL_FOLD - 40).trimEnd()}…`}</summary>
      {text}
    </details>
  );
}

export function ChecksScreen() {
  const t = useT();
  const say = useSay();
  const steps = useWizard((state) => state.steps);
  const phase = useWizard((state) => state.phase);
  const progress = useWizard(useShallow((state) => state.progress));
  const { cancel } = useWizardActions();
  const { navigate, startRun } = useAppActions();
  const percent = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;

  return (
    <section aria-labelledby="screen-title" className="screen">
      <ScreenHeading intro={t.checks.intro}>{t.checks.title}</ScreenHeading>

      <div className="progress-panel">
        <div className="progress-head">
          <span id="progress-label" className="progress-label">
            {t.checks.progressLabel}
          </span>
          <span className="progress-text" role="status" aria-live="polite">
            {phase === 'idle' ? t.checks.notRun : t.checks.progress(progress.done, progress.total)}
            {phase === 'done' || phase === 'cancelled' ? (
              <strong className={phase === 'done' ? 'tone-text-pass' : 'tone-text-fail'}>
                {' · '}
                {phase === 'done' ? t.checks.finished : t.checks.cancelled}
              </strong>
            ) : null}
          </span>
        </div>
        <div
          className="progress-track"
          role="progressbar"
          aria-labelledby="progress-label"
          aria-valuemin={0}
          aria-valuemax={progress.total}
          aria-valuenow={progress.done}
          aria-valuetext={t.checks.progress(progress.done, progress.total)}
        >
          <div className={`progress-fill phase-${phase}`} style={{ width: `${percent}%` }} />
        </div>
        <VerdictCounts />
        <div className="actions">
          {phase === 'running' ? (
            <button type="button" className="button danger" onClick={cancel} aria-keyshortcuts="Escape">
              {t.checks.cancel} <kbd>{t.checks.cancelHint}</kbd>
            </button>
          ) : phase === 'idle' ? (
            <button type="button" className="button primary" onClick={() => navigate('setup')}>
              {t.checks.goSetup}
            </button>
          ) : (
            <>
              <button type="button" className="button primary" onClick={() => navigate('findings')}>
                {t.checks.seeFindings}
              </button>
              <button type="button" className="button" onClick={() => void startRun()}>
                {t.checks.runAgain}
              </button>
            </>
          )}
        </div>
      </div>

      <ol className="step-list">
        {steps.map((step) => (
          <li key={step.id} className={`step-item step-${step.status}`} aria-labelledby={`step-${step.id}-title`}>
            <div className="step-head">
              <h2 id={`step-${step.id}-title`} className="step-title">
                {say(step.title)}
              </h2>
              <StepBadge status={step.status} />
            </div>
            <p className="step-why">
              <span className="label">{t.checks.why}: </span>
              {say(step.why)}
            </p>
            {step.detail ? <StepDetail text={say(step.detail)} /> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
