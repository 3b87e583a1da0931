// Reads the distribution's name from os-release(5): PRETTY_NAME, a shell-style assignment
// ("Debian GNU/Linux 12 (bookworm)"). /etc/os-release wins; /usr/lib/os-release is the
// vendor fallback the spec names.

import { readFile } from 'node:fs/promises';

export const OS_RELEASE_PATHS = ['/etc/os-release', '/usr/lib/os-release'] as const;

/** Undoes os-release's shell quoting: "…" with \" \\ \$ \` escapes, '…' verbatim, or bare. */
function unquote(raw: string): string {
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
    return raw.slice(1, -1).replace(/\\(["\\$`])/g, '$1');
  }
  if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'")) return raw.slice(1, -1);
  return raw;
}

/** PRETTY_NAME from os-release text, or NAME + VERSION when PRETTY_NAME is missing; null if neither. */
export function prettyNameFrom(text: string): string | null {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z0-9_]+)=(.*?)\s*$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) fields.set(match[1], unquote(match[2]));
  }
  const pretty = fields.get('PRETTY_NAME');
  if (pretty) return pretty;
  const name = fields.get('NAME');
  if (!name) return null;
  const version = fields.get('VERSION');
  return version ? `${name} ${version}` : name;
}

/** The distribution's pretty name and the file it came from, or null where no os-release exists. */
export async function readOsRelease(): Promise<{ name: string; path: string } | null> {
  for (const path of OS_RELEASE_PATHS) {
    try {
      const name = prettyNameFrom(await readFile(path, 'utf8'));
      if (name) return { name, path };
    } catch {
      // Missing or unreadable: try the next one, then fall back to os.type().
    }
  }
  return null;
}
