// Defense in depth for everything a report carries: the API token never enters inputs by
// design, but a log line, an error message or a connector's command line might still hold
// it (or another credential). Every report passes through here before it is rendered.

import { redactSecretEchoes } from './secret-echoes';

export const REDACTED = '[redacted]';

/** Nesting deeper than this is not report data; it is cut off rather than risk the stack. */
const MAX_DEPTH = 256;

/**
 * Header names whose value is a credential, in header form (`Authorization: Bearer x`) or as
 * a JSON/query key (`"authorization":"…"`, `x-auth-key=…`). Longest first, so the
 * alternation prefers `proxy-authorization` over `authorization`.
 */
const CREDENTIAL_HEADERS = [
  'proxy-authorization',
  'authorization',
  'cf-access-client-secret',
  'x-auth-user-service-key',
  'x-auth-key',
  'cf-access-token',
  'cookie',
];

const HEADER_TEXT = new RegExp(
  `(\\b(?:${CREDENTIAL_HEADERS.join('|')})["']?\\s*[:=]\\s*["']?)[^"'\\r\\n]*[^"'\\r\\n\\s]`,
  'gi',
);

/** A bearer token wherever it appears ("Bearer abc.def"), with or without a header name. */
const BEARER_TEXT = /\b(bearer\s+)[A-Za-z0-9._~+/-]+=*/gi;

/** Environment-style assignments of a credential: TUNNEL_TOKEN=…, CLOUDFLARE_API_TOKEN=… */
const SECRET_ENV_NAME = /^[A-Z][A-Z0-9_]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|CREDENTIALS?)$/;
const SECRET_ENV_TEXT = /\b([A-Z][A-Z0-9_]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|CREDENTIALS?)=)[^\s"']+/g;

/**
 * cloudflared flags whose value is a credential (`tunnel run --token eyJ…`); in a command line
 * as text (`--token=x`, `--token x`) or as argv, where the value is the next element.
 */
const SECRET_FLAGS = ['--token', '--credentials-contents'];
// Tokens are base64/JWT-like, so the value is that alphabet only: trailing punctuation stays,
// and a value already shown as a redaction marker ("[redacted]") is not matched again.
const SECRET_FLAG_TEXT = new RegExp(`((?:^|\\s)(?:${SECRET_FLAGS.join('|')})(?:=|\\s+))[A-Za-z0-9+/=._~-]+`, 'g');
/**
 * A word of letters alone, up to 15 of them, after `--token` in text is prose ("a tunnel run
 * with --token needs none", "--token TOKEN"), never a token: cloudflared's are long base64.
 */
const PROSE_WORD = /^[A-Za-z]{1,15}$/;
/** Shorter than this, a value from argv is not searched for everywhere (it would hit ordinary words). */
const MIN_HELD_SECRET_CHARS = 8;

/** Secrets worth searching for: non-blank, and their URL-encoded form when it differs. */
function searchableSecrets(secrets: readonly string[]): string[] {
  const found = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.trim() === '') continue;
    found.add(secret);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) found.add(encoded);
  }
  // Longest first: a secret that contains another must be replaced whole.
  return [...found].sort((a, b) => b.length - a.length);
}

/**
 * A shell variable reference ("$CLOUDFLARE_API_TOKEN", "Bearer ${TOKEN}") names a secret
 * without holding it: remediation commands are written that way on purpose and must survive.
 */
const VARIABLE_REFERENCE = /^(?:(?:bearer|basic)\s+)?\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})$/i;

/** A replacer keeping the label (group 1) and redacting the value, unless the value is only a variable reference. */
function keepLabel(match: string, label: string): string {
  const value = match.slice(label.length);
  return VARIABLE_REFERENCE.test(value.trim()) ? match : `${label}${REDACTED}`;
}

/** The flag's value redacted unless it is a word of prose or a variable reference. */
function keepFlagLabel(match: string, label: string): string {
  return PROSE_WORD.test(match.slice(label.length)) ? match : keepLabel(match, label);
}

function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  // Then every other form and any part of a secret (see secret-echoes.ts).
  out = redactSecretEchoes(out, secrets, REDACTED);
  return out
    .replace(HEADER_TEXT, keepLabel)
    .replace(BEARER_TEXT, keepLabel)
    .replace(SECRET_ENV_TEXT, keepLabel)
    .replace(SECRET_FLAG_TEXT, keepFlagLabel);
}

function isSecretFlag(value: unknown): boolean {
  return typeof value === 'string' && SECRET_FLAGS.includes(value);
}

function isCredentialKey(key: string): boolean {
  return SECRET_ENV_NAME.test(key) || CREDENTIAL_HEADERS.includes(key.toLowerCase());
}

function redactNode(value: unknown, secrets: readonly string[], ancestors: Set<object>, depth: number): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deeply nested]';
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      // argv: the element after `--token` is the token itself.
      return value.map((item, index) =>
        index > 0 && isSecretFlag(value[index - 1]) && typeof item === 'string'
          ? REDACTED
          : redactNode(item, secrets, ancestors, depth + 1),
      );
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const safeKey = redactText(key, secrets);
      out[safeKey] =
        isCredentialKey(key) && typeof item === 'string' ? REDACTED : redactNode(item, secrets, ancestors, depth + 1);
    }
    return out;
  } finally {
    ancestors.delete(value);
  }
}

/**
 * The credentials `value` itself holds where their place says so: the argv element after
 * `--token` (or `--token=VALUE`), a `TUNNEL_TOKEN=…` environment entry, a credential-named
 * key's value. Redacting these values everywhere — a pasted pod spec, a quoted log line —
 * touches only the secret, never the words around a flag.
 */
function secretsHeldBy(value: unknown, found: Set<string>, seen: Set<object>, depth: number): void {
  if (value === null || typeof value !== 'object' || seen.has(value) || depth >= MAX_DEPTH) return;
  seen.add(value);
  const keep = (secret: unknown): void => {
    if (typeof secret === 'string' && secret.trim().length >= MIN_HELD_SECRET_CHARS && !VARIABLE_REFERENCE.test(secret.trim()) && secret !== REDACTED) found.add(secret.trim());
  };
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      if (typeof item === 'string') {
        if (index > 0 && isSecretFlag(value[index - 1])) keep(item);
        const inline = /^(--?[a-z-]+)=(.*)$/s.exec(item);
        if (inline && isSecretFlag(`--${inline[1]!.replace(/^-+/, '')}`)) keep(inline[2]);
        const assignment = /^([A-Z][A-Z0-9_]*)=(.*)$/s.exec(item);
        if (assignment && SECRET_ENV_NAME.test(assignment[1]!)) keep(assignment[2]);
      } else {
        secretsHeldBy(item, found, seen, depth + 1);
      }
    });
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (isCredentialKey(key)) keep(item);
    else secretsHeldBy(item, found, seen, depth + 1);
  }
}

/**
 * A deep copy of `value` (plain JSON-like data) with every occurrence of each of `secrets`
 * replaced by `[redacted]`, in keys and values alike, and with credential-looking text
 * redacted too: `Authorization:`-style headers, `Bearer …` tokens, `*_TOKEN=…` assignments
 * and cloudflared's `--token` argument. Blank secrets are ignored; cycles and absurd nesting
 * are cut off, never followed.
 */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
  const held = new Set<string>();
  secretsHeldBy(value, held, new Set(), 0);
  return redactNode(value, searchableSecrets([...secrets, ...held]), new Set(), 0) as T;
}
