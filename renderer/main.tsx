// The renderer's entry: find the preload's bridge, adapt it into the WizardApi, create the
// wizard store and the UI's store on it, and render. Without a bridge: an error screen.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createAppStore } from './app/app-store';
import { BridgeMissing } from './app/BridgeMissing';
import { StoresProvider } from './app/stores';
import { findBridge } from './bridge/find-bridge';
import { wizardApiFromBridge } from './bridge/wizard-api-from-bridge';
import { createWizardStore } from './wizard/store';
import './styles/main.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
const root = createRoot(container);
const lookup = findBridge(window);

if (!lookup.ok) {
  document.documentElement.lang = navigator.language.startsWith('ja') ? 'ja' : 'en';
  root.render(<BridgeMissing problem={lookup.problem} language={navigator.language} />);
} else {
  const api = wizardApiFromBridge(lookup.bridge);
  const wizard = createWizardStore(api);
  const app = createAppStore({ bridge: lookup.bridge, api, wizard, initialLocale: navigator.language });
  void app.getState().loadAppInfo();
  root.render(
    <StrictMode>
      <StoresProvider stores={{ wizard, app }}>
        <App />
      </StoresProvider>
    </StrictMode>,
  );
}
