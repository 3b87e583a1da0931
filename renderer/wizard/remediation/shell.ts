// Shell commands built from words, never from string concatenation: every value a user gave
// (a path, an account id, a host name) reaches the program as exactly one argument, whatever
// quotes, `$(…)` or newlines it holds. Secrets are never inlined: a word may refer to an
// environment variable instead, which the shell expands when the user runs the command.

/** A reference to an environment variable, expanded by the user's shell ("$CLOUDFLARE_API_TOKEN"). */
export interface EnvReference {
  env: string;
}

/** One piece of a word: literal text or an environment variable. */
export type WordPart = string | EnvReference;

/** One argument: literal text, an environment variable, or pieces of both joined into one word. */
export type ShellWord = string | EnvReference | readonly WordPart[];

const BARE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Characters that keep their meaning inside double quotes ("!" is history expansion in interactive bash). */
const DOUBLE_QUOTE_SPECIAL = /["$`\\!]/;

export function env(name: string): EnvReference {
  return { env: name };
}

/**
 * Quotes one argument for a POSIX shell: words of plain characters stay bare, anything else
 * goes in single quotes (where nothing is special), with each `'` written as `'\''`.
 * NUL cannot be part of any argument, so it is dropped.
 */
export function shellQuote(value: string): string {
  const text = value.replaceAll('\0', '');
  if (BARE_WORD.test(text)) return text;
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function isEnvReference(part: WordPart | ShellWord): part is EnvReference {
  return typeof part === 'object' && part !== null && !Array.isArray(part) && 'env' in part;
}

/** `"${NAME}"`; a malformed name (never produced by our builders) is quoted as literal text instead. */
function renderEnv(reference: EnvReference): string {
  return ENV_NAME.test(reference.env) ? `"\${${reference.env}}"` : shellQuote(reference.env);
}

function renderParts(parts: readonly WordPart[]): string {
  const readable = parts.every((part) =>
    typeof part === 'string' ? !DOUBLE_QUOTE_SPECIAL.test(part) && !part.includes('\0') : ENV_NAME.test(part.env),
  );
  // Readable form: one double-quoted word, "Authorization: Bearer ${CLOUDFLARE_API_TOKEN}".
  if (readable) return `"${parts.map((part) => (typeof part === 'string' ? part : `\${${part.env}}`)).join('')}"`;
  // Otherwise adjacent quoted pieces, which the shell joins into one word.
  const pieces = parts.map((part) => (typeof part === 'string' ? (part === '' ? '' : shellQuote(part)) : renderEnv(part))).join('');
  return pieces === '' ? "''" : pieces;
}

export function shellWord(word: ShellWord): string {
  if (typeof word === 'string') return shellQuote(word);
  if (isEnvReference(word)) return renderEnv(word);
  return renderParts(word as readonly WordPart[]);
}

/** One command line: its words, quoted, separated by spaces. */
export function shellCommand(words: readonly ShellWord[]): string {
  return words.map(shellWord).join(' ');
}

/** One command spread over lines (each group of words on its own line, joined with `\`). */
export function shellCommandLines(groups: ReadonlyArray<readonly ShellWord[]>): string {
  return groups.map((words) => shellCommand(words)).join(' \\\n  ');
}

/** Commands run one after the other, each only if the previous one succeeded. */
export function shellAnd(commands: readonly string[]): string {
  return commands.join(' && ');
}
