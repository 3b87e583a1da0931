// The window: a skip link, a header (name, target, run state, language), the wizard's steps
// in a sidebar, the current screen, and the polite live region for short announcements.
// Escape cancels a running check from anywhere.

import { useEffect, type JSX } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ChecksScreen } from '../checks/ChecksScreen';
import { EvidenceScreen } from '../evidence/EvidenceScreen';
import { ExportScreen } from '../export/ExportScreen';
import { FindingsScreen } from '../findings/FindingsScreen';
import { CATALOGUES, LOCALES } from '../i18n/locale';
import { LiveScreen } from '../live/LiveScreen';
import { rootCauses } from '../wizard/causes/index';
import { SetupScreen } from '../setup/SetupScreen';
import { SCREENS, screenAfter, type ScreenId } from './screens';
import { useApp, useAppActions, useShownFindings, useT, useWizard, useWizardActions } from './stores';

const SCREEN_VIEWS: Readonly<Record<ScreenId, () => JSX.Element>> = {
  setup: SetupScreen,
  evidence: EvidenceScreen,
  checks: ChecksScreen,
  findings: FindingsScreen,
  live: LiveScreen,
  export: ExportScreen,
};

function LanguageSwitch() {
  const t = useT();
  const locale = useApp((state) => state.locale);
  const { setLocale } = useAppActions();
  return (
    <div className="language" role="group" aria-label={t.app.language}>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className={`segment${locale === option ? ' selected' : ''}`}
          aria-pressed={locale === option}
          onClick={() => setLocale(option)}
        >
          {CATALOGUES[option].languageName}
        </button>
      ))}
    </div>
  );
}

/**
 * A short status beside each step in the sidebar: progress, problems, probe count. Problems
 * are the causes, counted as the Findings screen counts them (its "N problems found"), so the
 * badge and the screen never disagree; a failing check that follows from a cause is no extra
 * problem.
 */
function useNavBadges(): Partial<Record<ScreenId, string>> {
  const t = useT();
  // What the Findings screen shows: with one connector picked, that connector's own problems.
  const problems = rootCauses(useShownFindings()).length;
  const counts = useWizard(
    useShallow((state) => ({
      phase: state.phase,
      done: state.progress.done,
      total: state.progress.total,
      probes: state.probes.length,
    })),
  );
  return {
    checks: counts.phase === 'idle' ? '' : `${counts.done}/${counts.total}`,
    findings: counts.phase === 'idle' ? '' : t.app.problemsBadge(problems),
    live: counts.probes > 0 ? String(counts.probes) : '',
  };
}

function StepsNav() {
  const t = useT();
  const screen = useApp((state) => state.screen);
  const badges = useNavBadges();
  const { navigate } = useAppActions();
  return (
    <nav className="sidebar" aria-label={t.app.stepsNav}>
      <ol>
        {SCREENS.map((id, index) => (
          <li key={id}>
            <button type="button" className={`nav-item${screen === id ? ' current' : ''}`} aria-current={screen === id ? 'step' : undefined} onClick={() => navigate(id)}>
              <span className="nav-number" aria-hidden="true">
                {index + 1}
              </span>
              <span className="nav-text">
                <span className="nav-name-row">
                  <span className="nav-name">{t.screens[id]}</span>
                  {badges[id] ? <span className="nav-badge mono">{badges[id]}</span> : null}
                </span>
                <span className="nav-hint">{t.screenHints[id]}</span>
              </span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Header() {
  const t = useT();
  const target = useWizard((state) => state.inputs.target);
  const phase = useWizard((state) => state.phase);
  return (
    <header className="topbar">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
          <circle cx="12" cy="12" r="10" />
          <path d="M4 12h4l2-5 4 10 2-5h4" />
        </svg>
        <span className="brand-name">{t.app.name}</span>
        <span className="brand-tagline">{t.app.tagline}</span>
      </div>
      <div className="topbar-status">
        <span className="target-chip">
          <span className="label">{t.app.target}</span> <span className="mono">{target ?? t.app.noTarget}</span>
        </span>
        <span className={`phase-chip phase-${phase}`}>{t.phase[phase]}</span>
        <LanguageSwitch />
      </div>
    </header>
  );
}

function Announcer() {
  const t = useT();
  const announcement = useApp((state) => state.announcement);
  return (
    <div className="visually-hidden" role="status" aria-live="polite">
      {announcement ? <span key={announcement.serial}>{announcement.key === 'copied' ? t.findings.copied : t.findings.copyFailed}</span> : null}
    </div>
  );
}

function NextStep() {
  const t = useT();
  const screen = useApp((state) => state.screen);
  const { navigate } = useAppActions();
  const next = screenAfter(screen);
  // Setup's own button runs the checks; Findings walks its own way to Export.
  if (next === null || screen === 'setup' || screen === 'findings') return null;
  return (
    <div className="next-step">
      <button type="button" className="button" onClick={() => navigate(next)}>
        {t.app.next(t.screens[next])}
        <span aria-hidden="true"> →</span>
      </button>
    </div>
  );
}

export function App() {
  const t = useT();
  const locale = useApp((state) => state.locale);
  const screen = useApp((state) => state.screen);
  const running = useWizard((state) => state.phase === 'running');
  const { cancel } = useWizardActions();
  const Screen = SCREEN_VIEWS[screen];

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t.app.name;
  }, [locale, t]);

  useEffect(() => {
    if (!running) return undefined;
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' && !event.defaultPrevented) cancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [running, cancel]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t.app.skipToMain}
      </a>
      <Header />
      <div className="body">
        <StepsNav />
        <main id="main" className="main" tabIndex={-1}>
          <Screen />
          <NextStep />
        </main>
      </div>
      <Announcer />
    </div>
  );
}
