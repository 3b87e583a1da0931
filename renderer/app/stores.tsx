// React's view of the two vanilla stores: components read them through selectors (atoms, or
// useShallow for objects) and change them only by calling their actions.

import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Finding } from '../../contract/findings';
import type { Message } from '../../contract/message';
import { localizedFindings, say } from '../components/texts';
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

export type AppActions = Omit<AppState, 'screen' | 'focusRequest' | 'locale' | 'localeChosen' | 'appInfo' | 'findingIndex' | 'imports' | 'token' | 'exported' | 'announcement'>;

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

/** The wizard's findings in the UI's language (localized once per list and language). */
export function useLocalizedFindings(): readonly Finding[] {
  const findings = useWizard((state) => state.findings);
  return localizedFindings(findings, useLocale());
}
