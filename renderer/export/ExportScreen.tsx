// Export: choose JSON, HTML or Markdown and save the report through the app's save dialog;
// where it was written (or why not) is shown and announced.

import { useState } from 'react';
import type { ReportFormat } from '../../contract/report';
import { useApp, useAppActions, useT, useWizard } from '../app/stores';
import { ScreenHeading } from '../components/ScreenHeading';

const FORMATS: readonly ReportFormat[] = ['json', 'html', 'md'];

export function ExportScreen() {
  const t = useT();
  const [format, setFormat] = useState<ReportFormat>('html');
  const exported = useApp((state) => state.exported);
  const phase = useWizard((state) => state.phase);
  const findings = useWizard((state) => state.findings.length);
  const probes = useWizard((state) => state.probes.length);
  // The report carries every connector's own verdict, whichever one the Findings screen shows.
  const connectors = useWizard((state) => state.connectorVerdicts.length);
  const { saveReport } = useAppActions();

  return (
    <section aria-labelledby="screen-title" className="screen">
      <ScreenHeading intro={t.export.intro}>{t.export.title}</ScreenHeading>
      {phase === 'idle' ? <p className="note">{t.export.notRun}</p> : null}
      <div className="panel">
        <fieldset className="formats">
          <legend>{t.export.formatLegend}</legend>
          {FORMATS.map((option) => (
            <label key={option} className={`format-option${format === option ? ' selected' : ''}`}>
              <input type="radio" name="format" value={option} checked={format === option} onChange={() => setFormat(option)} />
              <span className="format-name">{t.export.formats[option].name}</span>
              <span className="format-detail">{t.export.formats[option].detail}</span>
            </label>
          ))}
        </fieldset>
        <p className="subtle">
          {t.export.contents(findings, probes)}
          {connectors > 1 ? <> {t.connectors.exportNote(connectors)}</> : null}
        </p>
        <div className="actions">
          <button type="button" className="button primary" onClick={() => void saveReport(format)} disabled={exported.state === 'saving'}>
            {exported.state === 'saving' ? t.export.saving : t.export.save}
          </button>
        </div>
        <div role="status" aria-live="polite" className="export-result">
          {exported.state === 'saved' ? (
            <p className="tone-text-pass">
              <span aria-hidden="true">✓ </span>
              {t.export.saved(exported.bytes)} <code className="mono saved-path">{exported.path}</code>
            </p>
          ) : exported.state === 'cancelled' ? (
            <p className="subtle">{t.export.cancelled}</p>
          ) : exported.state === 'failed' ? (
            <p className="tone-text-fail">
              <span aria-hidden="true">✕ </span>
              {t.export.failed} <span lang="en">{exported.message}</span>
            </p>
          ) : null}
        </div>
      </div>
    </section>
  );
}
