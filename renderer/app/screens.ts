// The wizard's screens, in the order the sidebar lists them and "Next" walks them.

export const SCREENS = ['setup', 'evidence', 'checks', 'findings', 'live', 'export'] as const;
export type ScreenId = (typeof SCREENS)[number];

export function screenAfter(screen: ScreenId): ScreenId | null {
  return SCREENS[SCREENS.indexOf(screen) + 1] ?? null;
}

export function screenBefore(screen: ScreenId): ScreenId | null {
  const index = SCREENS.indexOf(screen);
  return index > 0 ? (SCREENS[index - 1] ?? null) : null;
}
