// Checks the Setup form before the wizard runs: a bad value gets a message next to its field
// instead of a probe that fails later with a less helpful error. Returns message keys, so
// the screen shows them in the current language.

export type FieldError = 'target' | 'port' | 'url' | 'account';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HOST_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

function isIpv6(text: string): boolean {
  // Leave the fine print to the resolver in main; here: hex groups and colons, one "::" at most.
  const address = text.replace(/%[\w.-]+$/, '');
  if (!/^[0-9A-Fa-f:.]+$/.test(address) || !address.includes(':')) return false;
  if ((address.match(/::/g) ?? []).length > 1) return false;
  const groups = address.split(':');
  return groups.length >= 3 && groups.length <= 8 && groups.every((group) => group.length <= 4 || IPV4.test(group));
}

function isHostName(text: string): boolean {
  const name = text.endsWith('.') ? text.slice(0, -1) : text;
  return name.length > 0 && name.length <= 253 && name.split('.').every((label) => HOST_LABEL.test(label)) && !/^[\d.]+$/.test(name);
}

/** An IP address or a host name; empty is allowed (then only local checks run). */
export function targetError(text: string): FieldError | null {
  const value = text.trim();
  if (value === '') return null;
  return IPV4.test(value) || isIpv6(value) || isHostName(value) ? null : 'target';
}

export function portError(text: string): FieldError | null {
  const value = text.trim();
  if (value === '') return null;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  return port >= 1 && port <= 65535 ? null : 'port';
}

export function urlError(text: string): FieldError | null {
  const value = text.trim();
  if (value === '') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'url';
  } catch {
    return 'url';
  }
}

/** Cloudflare account ids are 32 hex digits. */
export function accountError(text: string): FieldError | null {
  const value = text.trim();
  return value === '' || /^[0-9a-f]{32}$/i.test(value) ? null : 'account';
}

export function parsePort(text: string): number | null {
  return text.trim() === '' || portError(text) !== null ? null : Number(text.trim());
}

/** Trimmed text, or null when empty: inputs use null for "not given". */
export function optional(text: string): string | null {
  const value = text.trim();
  return value === '' ? null : value;
}
