// Reads a user's identity from pasted `id` output:
//   uid=1000(me) gid=1000(me) groups=1000(me),27(sudo),999(docker)
//   uid=0(root) gid=0(root) euid=65532 egid=65532 groups=0(root)        (setuid/setgid programs)
//   uid=65532(nonroot) gid=65532(nonroot) groups=65532(nonroot) context=system_u:…   (SELinux)
// coreutils translates the third label in some locales ("Gruppen=", "groupes="), and names in
// parentheses may contain spaces ("513(domain users)"), so fields are found by their shape.
// `groups` is the list as printed; `id` lists the effective gid there too, which the kernel's
// ping-socket check also counts, so nothing is lost.

import type { Gathered, Identity } from '../../../../contract/evidence';
import { msg } from '../../../../renderer/i18n/messages/message';
import { gathered, notGathered } from '../gathered';
import { guardText } from './input-guard';
import type { Message } from '../../../../contract/message';

export const MAX_ID_CHARS = 64 * 1024;

const MAX_ID = 4294967295;
/** A name in parentheses is bounded so that a line of unclosed "(" cannot make matching quadratic. */
const ENTRY = String.raw`\d{1,12}(?:\([^)]{0,256}\))?`;
/** label=123(name) or label=1(a),2(b c),3 — a label followed by one id or a list of them. */
const FIELD = new RegExp(String.raw`(?:^|\s)([A-Za-z\u00C0-\uFFFF_]+)=(${ENTRY}(?:,${ENTRY})*)`, 'g');
const WHAT = msg('gather.import.thing.id-output');

function ids(list: string): number[] {
  return list.split(',').map((entry) => Number(/^\d+/.exec(entry)?.[0] ?? NaN));
}

interface IdLine {
  line: number;
  fields: Map<string, number[]>;
  /** The first label that is not uid/gid/euid/egid: "groups" or its translation. */
  groups: number[] | null;
}

function readLine(text: string, line: number): IdLine | null {
  const fields = new Map<string, number[]>();
  let groups: number[] | null = null;
  for (const match of text.matchAll(FIELD)) {
    const label = match[1] ?? '';
    const values = ids(match[2] ?? '');
    if (['uid', 'gid', 'euid', 'egid'].includes(label)) fields.set(label, values);
    else if (groups === null) groups = values;
  }
  return fields.has('uid') && fields.has('gid') ? { line, fields, groups } : null;
}

/** Identity from pasted `id` output; UNPARSEABLE says what was wrong and what to paste. Never throws. */
export function parseIdOutput(text: string, source: string | Message): Gathered<Identity> {
  const guarded = guardText(text, WHAT, MAX_ID_CHARS);
  if (!guarded.ok) return notGathered('UNPARSEABLE', guarded.reason, source);
  const lines = guarded.value.split(/\r?\n/);
  const found = lines.map((line, index) => readLine(line, index + 1)).filter((line): line is IdLine => line !== null);
  if (found.length === 0) return notGathered('UNPARSEABLE', msg('gather.id.none'), source);
  const distinct = new Set(found.map((line) => (lines[line.line - 1] ?? '').trim()));
  if (distinct.size > 1) {
    return notGathered('UNPARSEABLE', msg('gather.id.several', { count: distinct.size, lines: found.map((l) => l.line) }), source);
  }
  const first = found[0] as IdLine;
  const single = (label: string): number | null => {
    const values = first.fields.get(label);
    return values !== undefined && values.length === 1 ? (values[0] ?? null) : null;
  };
  const uid = single('uid');
  const gid = single('gid');
  if (uid === null || gid === null) return notGathered('UNPARSEABLE', msg('gather.id.not-single', { line: first.line }), source);
  const identity: Identity = { uid, euid: single('euid') ?? uid, gid, egid: single('egid') ?? gid, groups: first.groups ?? [] };
  const all = [identity.uid, identity.euid, identity.gid, identity.egid, ...identity.groups];
  if (all.some((n) => !Number.isSafeInteger(n) || n > MAX_ID)) {
    return notGathered('UNPARSEABLE', msg('gather.id.too-large', { line: first.line, max: MAX_ID }), source);
  }
  return gathered(identity, lines.length > 1 ? msg('source.import-line', { source, line: first.line }) : source);
}
