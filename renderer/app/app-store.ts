// The desktop UI's own state, beside the wizard store: which screen is shown, the language,
// the imports and their outcomes, the token's state, the last export. Every side effect the
// UI has — the bridge's dialogs, handing over the token, the clipboard — happens in an action
// here, never in a component. The token itself is never stored: it passes through.

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ImportRequest, WizardApi } from '../../contract/api';
import type { AppInfo, DoctorBridge } from '../../contract/bridge';
import type { ImportKind } from '../../contract/evidence';
import { FINDING_IDS } from '../../contract/findings';
import type { ReportFormat } from '../../contract/report';
import { describeImport, type ImportOutcome } from '../evidence/describe-import';
import { localeFrom, type Locale } from '../i18n/locale';
import { reportFromState, suggestedReportName } from '../report/report-from-state';
import type { WizardStore } from '../wizard/store';
import type { ScreenId } from './screens';

export interface ImportRecord {
  id: number;
  kind: ImportKind;
  label: string;
  /** null while the parser runs. */
  outcome: ImportOutcome | null;
}

export type TokenState = { state: 'absent' | 'sending' | 'held' } | { state: 'failed'; message: string };

export type ExportState =
  | { state: 'idle' }
  | { state: 'saving'; format: ReportFormat }
  | { state: 'saved'; format: ReportFormat; path: string; bytes: number }
  | { state: 'cancelled' }
  | { state: 'failed'; message: string };

/** Short messages for the polite live region (in the current language when shown). */
export type Announcement = 'copied' | 'copyFailed';

export interface AppState {
  screen: ScreenId;
  /** Bumped by navigation: the new screen's heading takes focus (not on first load). */
  focusRequest: number;
  locale: Locale;
  /** The user picked a language: the OS's preference no longer overrides it. */
  localeChosen: boolean;
  appInfo: AppInfo | null;
  findingIndex: number;
  /**
   * With several connector processes: the one whose own verdict is shown (its pid), or null
   * for the host-wide roll-up (renderer/findings/connector-view.ts).
   */
  connectorPid: number | null;
  imports: ImportRecord[];
  token: TokenState;
  exported: ExportState;
  announcement: { key: Announcement; serial: number } | null;

  navigate(screen: ScreenId): void;
  setLocale(locale: Locale): void;
  loadAppInfo(): Promise<void>;
  /** Shows the Checks screen and runs the wizard. */
  startRun(): Promise<void>;
  showFinding(index: number): void;
  /** Shows one connector's own verdict (its pid), or the roll-up of all of them (null). */
  showConnector(pid: number | null): void;
  importEvidence(request: ImportRequest): Promise<void>;
  /** Opens the file dialog for `kind` and imports what was picked (nothing when cancelled). */
  importFile(kind: ImportKind): Promise<void>;
  /** Opens the file dialog and returns the chosen path (for the Setup screen's file fields). */
  choosePath(kind: ImportKind): Promise<string | null>;
  holdToken(token: string): Promise<void>;
  forgetToken(): Promise<void>;
  saveReport(format: ReportFormat): Promise<void>;
  /** Copies and announces the outcome; resolves to the announcement's serial. */
  copy(text: string): Promise<number>;
}

export type AppStore = StoreApi<AppState>;

export interface AppStoreOptions {
  bridge: DoctorBridge;
  api: WizardApi;
  wizard: WizardStore;
  /** Default: navigator.clipboard.writeText. */
  writeClipboard?: (text: string) => Promise<void>;
  /** Before the app says which language the OS prefers: navigator.language. */
  initialLocale?: string;
  now?: () => Date;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createAppStore(options: AppStoreOptions): AppStore {
  const { bridge, api, wizard } = options;
  const writeClipboard = options.writeClipboard ?? ((text: string) => navigator.clipboard.writeText(text));
  const now = options.now ?? (() => new Date());
  let importIds = 0;
  let announcements = 0;

  return createStore<AppState>()((set, get) => {
    const updateImport = (id: number, outcome: ImportOutcome): void =>
      set((state) => ({ imports: state.imports.map((record) => (record.id === id ? { ...record, outcome } : record)) }));

    return {
      screen: 'setup',
      focusRequest: 0,
      locale: localeFrom(options.initialLocale),
      localeChosen: false,
      appInfo: null,
      findingIndex: 0,
      connectorPid: null,
      imports: [],
      token: { state: 'absent' },
      exported: { state: 'idle' },
      announcement: null,

      navigate(screen) {
        set((state) => ({ screen, focusRequest: state.focusRequest + 1 }));
      },

      setLocale(locale) {
        set({ locale, localeChosen: true });
      },

      async loadAppInfo() {
        try {
          const appInfo = await bridge.appInfo();
          set((state) => ({ appInfo, locale: state.localeChosen ? state.locale : localeFrom(appInfo.locale) }));
        } catch {
          // Without it the app still works: the browser's language and "unknown" version stand in.
        }
      },

      async startRun() {
        get().navigate('checks');
        set({ findingIndex: 0, exported: { state: 'idle' } });
        await wizard.getState().run();
      },

      showFinding(index) {
        const clamped = Math.max(0, Math.min(FINDING_IDS.length - 1, index));
        set({ findingIndex: clamped });
      },

      showConnector(pid) {
        set({ connectorPid: pid });
      },

      async importEvidence(request) {
        importIds += 1;
        const id = importIds;
        set((state) => ({ imports: [...state.imports, { id, kind: request.kind, label: request.label, outcome: null }] }));
        try {
          updateImport(id, describeImport(await wizard.getState().importEvidence(request)));
        } catch (error) {
          updateImport(id, { ok: false, code: 'FAILED', message: messageOf(error) });
        }
      },

      async importFile(kind) {
        const path = await get().choosePath(kind);
        if (path === null) return;
        const name = path.split(/[\\/]/).pop() ?? path;
        await get().importEvidence({ kind, text: null, path, label: name });
      },

      async choosePath(kind) {
        try {
          return (await bridge.pickFile(kind))?.path ?? null;
        } catch {
          return null;
        }
      },

      async holdToken(token) {
        const value = token.trim();
        if (value === '') return;
        set({ token: { state: 'sending' } });
        try {
          await api.setCloudflareApiToken(value);
          wizard.getState().setInputs({ cloudflareApiToken: 'provided' });
          set({ token: { state: 'held' } });
        } catch (error) {
          set({ token: { state: 'failed', message: messageOf(error) } });
        }
      },

      async forgetToken() {
        // Whatever main answers, no verdict may rely on a token the user withdrew.
        wizard.getState().setInputs({ cloudflareApiToken: 'absent' });
        try {
          await api.setCloudflareApiToken(null);
          set({ token: { state: 'absent' } });
        } catch (error) {
          set({ token: { state: 'failed', message: messageOf(error) } });
        }
      },

      async saveReport(format) {
        set({ exported: { state: 'saving', format } });
        if (get().appInfo === null) await get().loadAppInfo();
        const info = get().appInfo;
        const createdAt = now().toISOString();
        const wizardState = wizard.getState();
        const report = reportFromState(wizardState, { version: info?.version ?? 'unknown', platform: info?.platform ?? 'unknown' }, createdAt);
        try {
          // The report speaks the language the user reads the app in.
          const result = await bridge.saveReport(report, suggestedReportName(wizardState.inputs.target, createdAt, format), get().locale);
          if (result.ok) set({ exported: { state: 'saved', format: result.value.format, path: result.value.path, bytes: result.value.bytes } });
          else if (result.code === 'CANCELLED') set({ exported: { state: 'cancelled' } });
          else set({ exported: { state: 'failed', message: result.message } });
        } catch (error) {
          set({ exported: { state: 'failed', message: messageOf(error) } });
        }
      },

      async copy(text) {
        let key: Announcement = 'copied';
        try {
          await writeClipboard(text);
        } catch {
          key = 'copyFailed';
        }
        announcements += 1;
        set({ announcement: { key, serial: announcements } });
        return announcements;
      },
    };
  });
}
