// Shown instead of the wizard when the preload's bridge is absent: says what is wrong rather
// than a blank window or a crash on the first click.

import { CATALOGUES, localeFrom } from '../i18n/locale';

export function BridgeMissing({ problem, language }: { problem: string; language: string }) {
  const t = CATALOGUES[localeFrom(language)];
  return (
    <main className="fatal" role="alert" aria-labelledby="fatal-title">
      <h1 id="fatal-title">{t.missingBridge.title}</h1>
      <p>{t.missingBridge.body}</p>
      <p className="subtle">
        {t.missingBridge.detail}: <code className="mono">{problem}</code>
      </p>
    </main>
  );
}
