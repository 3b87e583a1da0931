// The main process's log: one line per event on stderr, prefixed so it stands out among
// Chromium's own messages. The Electron tests wait for these lines (for example
// "blocked navigation"), so their wording is part of what the tests check.

export type Log = (message: string) => void;

export const log: Log = (message) => {
  process.stderr.write(`[icmp-doctor] ${message}\n`);
};
