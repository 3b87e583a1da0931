// The set-up most UI tests share: a lab serving TCP, the real core bridged into it, and one
// Chromium, made before the suite's tests and torn down after them.

import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { createLab, type Lab } from '../../lab/lab';
import { launchChromium } from './browser';
import { startCoreBridge, type CoreBridge } from './core-bridge';

export interface UiLab {
  readonly lab: Lab;
  readonly bridge: CoreBridge;
  readonly browser: Browser;
}

/** Registers the suite's before/after hooks; the fields are there once `before` has run. */
export function useUiLab(): UiLab {
  const parts: { lab?: Lab; bridge?: CoreBridge; browser?: Browser } = {};
  before(async () => {
    parts.lab = await createLab();
    await parts.lab.serveTcp();
    parts.bridge = await startCoreBridge(parts.lab);
    parts.browser = await launchChromium();
  });
  after(async () => {
    await parts.browser?.close();
    await parts.bridge?.close();
    await parts.lab?.destroy();
  });
  const present = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`useUiLab: the ${name} is made in before(); use it inside a test`);
    return value;
  };
  return {
    get lab() {
      return present(parts.lab, 'lab');
    },
    get bridge() {
      return present(parts.bridge, 'core bridge');
    },
    get browser() {
      return present(parts.browser, 'browser');
    },
  };
}
