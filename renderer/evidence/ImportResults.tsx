// The imports so far: kind, the name given, and what came of it — the facts parsed, or the
// parser's specific error. New outcomes are announced politely.

import { useApp, useSay, useT } from '../app/stores';

export function ImportResults() {
  const t = useT();
  const say = useSay();
  const imports = useApp((state) => state.imports);
  return (
    <section className="panel" aria-labelledby="imports-heading">
      <h2 id="imports-heading">{t.evidence.resultsHeading}</h2>
      <div role="status" aria-live="polite">
        {imports.length === 0 ? (
          <p className="note subtle">{t.evidence.none}</p>
        ) : (
          <div className="table-wrap">
            <table className="import-table">
              <thead>
                <tr>
                  <th scope="col">{t.evidence.resultColumns.kind}</th>
                  <th scope="col">{t.evidence.resultColumns.name}</th>
                  <th scope="col">{t.evidence.resultColumns.result}</th>
                </tr>
              </thead>
              <tbody>
                {imports.map((record) => (
                  <tr key={record.id} data-import-state={record.outcome === null ? 'pending' : record.outcome.ok ? 'ok' : 'failed'}>
                    <td>{t.importKinds[record.kind]}</td>
                    <td className="mono">{record.label}</td>
                    <td>
                      {record.outcome === null ? (
                        <span className="subtle">{t.evidence.pending}</span>
                      ) : record.outcome.ok ? (
                        <>
                          <span className="badge tone-pass">
                            <span className="badge-icon" aria-hidden="true">
                              ✓
                            </span>
                            {t.evidence.ok}
                          </span>{' '}
                          <span className="mono">{say(record.outcome.facts)}</span>
                        </>
                      ) : (
                        <>
                          <span className="badge tone-fail">
                            <span className="badge-icon" aria-hidden="true">
                              ✕
                            </span>
                            {t.evidence.failed}
                          </span>{' '}
                          <span className="failure-code">{t.failureCodes[record.outcome.code]}:</span>{' '}
                          {record.outcome.reason ? <span>{say(record.outcome.reason)}</span> : <span lang="en">{record.outcome.message}</span>}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
