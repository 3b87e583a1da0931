// React's view of the two vanilla stores: components read them through selectors (atoms, or
// useShallow for objects) and change them only by calling their actions.

import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ConnectorVerdict, Finding } from '../../contract/findings';
import type { Message } from '../../contract/message';
import { localizedFindings, say } from '../components/texts';
import { pickedVerdict, shownFindings } from '../findings/connector-view';
import { CATALOGUES, type Locale } from '../i18n/locale';
import type { Messages } from '../i18n/en';
import type { WizardState, WizardStore } from '../wizard/store';
import type { AppState, AppStore } from './app-store';

export interface Stores {
  wizard: WizardStore;
  app: AppStore;
}

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (stores === null) throw new Error('a component that reads the stores is rendered outside <StoresProvider>');
  return stores;
}

export function useWizard<T>(selector: (state: WizardState) => T): T {
  return useStore(useStores().wizard, selector);
}

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useStores().app, selector);
}

/** The actions, which never change identity: safe to call from any handler. */
export function useWizardActions(): Pick<WizardState, 'setInputs' | 'run' | 'cancel' | 'reset'> {
  return useStores().wizard.getState();
}

export type AppActions = Omit<AppState, 'screen' | 'focusRequest' | 'locale' | 'localeChosen' | 'appInfo' | 'findingIndex' | 'connectorPid' | 'imports' | 'token' | 'exported' | 'announcement'>;

export function useAppActions(): AppActions {
  return useStores().app.getState();
}

/** The catalogue of the current language. */
export function useT(): Messages {
  return CATALOGUES[useApp((state) => state.locale)];
}

export function useLocale(): Locale {
  return useApp((state) => state.locale);
}

/** Says a message (a step's title, why and result) in the UI's language. */
export function useSay(): (message: Message) => string {
  const locale = useLocale();
  return (message) => say(message, locale);
}

/**
 * The findings the app shows: the wizard's, or — with several connector processes and one
 * picked — that connector's own. Every count (the sidebar, Checks, Findings) reads these, so
 * they never disagree with the screen.
 */
export function useShownFindings(): readonly Finding[] {
  const pid = useApp((state) => state.connectorPid);
  return useWizard((state) => shownFindings(state, pid));
}

/** The connectors' own verdicts (empty with fewer than two) and the one picked, if any. */
export function useConnectorView(): { verdicts: readonly ConnectorVerdict[]; picked: ConnectorVerdict | null } {
  const pid = useApp((state) => state.connectorPid);
  const verdicts = useWizard((state) => state.connectorVerdicts);
  const picked = useWizard((state) => pickedVerdict(state, pid));
  return { verdicts, picked };
}

/** The shown findings in the UI's language (localized once per list and language). */
export function useLocalizedFindings(): readonly Finding[] {
  return localizedFindings(useShownFindings(), useLocale());
}
