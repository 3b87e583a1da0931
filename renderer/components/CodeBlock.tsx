// A fix's exact text — command, file, YAML or dashboard steps — as it must be typed, with a
// Copy button. The app store does the copying and announces the outcome to screen readers.
// Long lines wrap rather than run off the edge, with a hanging indent (CSS), so a wrapped
// command reads as one line continued, not as two commands. The wrapping is only visual: the
// text stays one text node, and Copy copies it exactly as given.

import { useState } from 'react';
import type { Remediation } from '../../contract/findings';
import { useApp, useAppActions, useT } from '../app/stores';

export function CodeBlock({ remediation, headingId }: { remediation: Remediation; headingId: string }) {
  const t = useT();
  const { copy } = useAppActions();
  const announcement = useApp((state) => state.announcement);
  // Which copy was ours: the button says "Copied" only for the block that was copied.
  const [ownSerial, setOwnSerial] = useState<number | null>(null);
  const copied = announcement !== null && announcement.serial === ownSerial && announcement.key === 'copied';

  const onCopy = async (): Promise<void> => {
    setOwnSerial(await copy(remediation.text));
  };

  return (
    <div className="code-block">
      <div className="code-bar">
        <span className="code-kind">{t.remediationKinds[remediation.kind]}</span>
        {remediation.path ? (
          <span className="code-path">
            {t.findings.path}: <code>{remediation.path}</code>
          </span>
        ) : null}
        <button type="button" className="button small" onClick={() => void onCopy()} aria-label={t.findings.copyLabel(remediation.title)}>
          <span aria-hidden="true">{copied ? '✓ ' : ''}</span>
          {copied ? t.findings.copied : t.findings.copy}
        </button>
      </div>
      <pre tabIndex={0} aria-labelledby={headingId} className={remediation.kind === 'dashboard' ? 'prose-pre' : 'wrapped-lines'}>
        <code>{remediation.text}</code>
      </pre>
    </div>
  );
}
