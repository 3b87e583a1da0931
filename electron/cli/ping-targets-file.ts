// `--targets-file FILE`: one target per line (an address, a host name or a CIDR prefix), `#`
// starts a comment, blank lines are skipped; `-` reads stdin. Every entry keeps where it came
// from ("hosts.txt:12") so a later problem with it (a bad prefix, an unknown host) names the line.

import { readFile } from 'node:fs/promises';
import { fail, ok } from '../../contract/result';
import type { Result } from '../../contract/result';
import { shown } from './option-parsing';

/** One target as typed, and where: a command-line argument or FILE:LINE. */
export interface TargetEntry {
  text: string;
  /** null for a command-line argument; "FILE:LINE" for a line of a targets file. */
  origin: string | null;
}

/** The file name as messages show it: "stdin" for "-". */
export function fileLabel(path: string): string {
  return path === '-' ? 'stdin' : shown(path);
}

/**
 * Parses a targets file's text. A line holding more than one word, or control characters,
 * is refused naming FILE:LINE and showing the line escaped (so a stray escape sequence
 * cannot reach the terminal).
 */
export function parseTargetsText(text: string, path: string): Result<TargetEntry[], 'BAD_TARGETS_FILE'> {
  const label = fileLabel(path);
  const entries: TargetEntry[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const raw = lines[index] ?? '';
    // A Windows-edited file ends its lines with CR; that is not a control character in the target.
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const hash = line.indexOf('#');
    const content = (hash < 0 ? line : line.slice(0, hash)).trim();
    if (content === '') continue;
    const where = `${label}:${index + 1}`;
    if (/[\u0000-\u001f\u007f-\u009f]/.test(content)) {
      return fail('BAD_TARGETS_FILE', `${where}: ${JSON.stringify(content)}: control characters in a target; give one address, host name or CIDR prefix per line`);
    }
    if (/\s/.test(content)) {
      return fail('BAD_TARGETS_FILE', `${where}: ${shown(content)}: more than one word; give one address, host name or CIDR prefix per line (# starts a comment)`);
    }
    entries.push({ text: content, origin: where });
  }
  return ok(entries);
}

async function readAll(path: string): Promise<string> {
  if (path !== '-') return readFile(path, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads and parses `path` ("-" = stdin); a file that cannot be read is a failure naming it and why. */
export async function readTargetsFile(path: string): Promise<Result<TargetEntry[], 'BAD_TARGETS_FILE'>> {
  let text: string;
  try {
    text = await readAll(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : code;
    return fail('BAD_TARGETS_FILE', `--targets-file ${fileLabel(path)}: cannot read it (${why})`);
  }
  return parseTargetsText(text, path);
}
