// Where the app's own pages live: a custom, privileged scheme instead of file://.
// Why not file://: every file:// page shares one opaque origin, so "is this our page?" could
// only be answered by path prefix, file:// responses cannot carry a CSP header, and a
// file:// page may reach any readable file on disk. `icmp-doctor://app/` serves only the
// bundled renderer directory, gives our pages one origin of their own (which the IPC sender
// check relies on), and lets every response carry the Content-Security-Policy header.
// No electron import here: tests and the IPC layer use these facts without Electron.

/** The scheme registered with protocol.registerSchemesAsPrivileged / protocol.handle. */
export const APP_SCHEME = 'icmp-doctor';

/** The only host the scheme serves. */
export const APP_HOST = 'app';

/** The origin of every page the app loads. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The page the window opens. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The privileges of APP_SCHEME: standard (a real origin, relative URLs, 'self' in the CSP)
 * and secure (a secure context, like https). Nothing that widens what a page may do:
 * no CSP bypass, no service workers, no fetch or CORS access from pages.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  bypassCSP: false,
  allowServiceWorkers: false,
  supportFetchAPI: false,
  corsEnabled: false,
  stream: false,
  codeCache: false,
} as const;

/** True when `url` is a page of ours: exactly our scheme and host (no credentials, no port). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    // Node leaves the host of a non-special scheme as written; Chromium lowercases it.
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
