// Reads net.ipv4.ping_group_range from what a user pastes: `sysctl net.ipv4.ping_group_range`
// ("net.ipv4.ping_group_range = 1\t0"), an excerpt of `sysctl -a`, a sysctl.d file
// ("net.ipv4.ping_group_range=0 2147483647", "-net.ipv4…" too), `grep . /proc/sys/net/ipv4/*`
// ("/proc/sys/net/ipv4/ping_group_range:1\t0"), or the bare file content from
// `cat /proc/sys/net/ipv4/ping_group_range` / `sysctl -n` ("1\t0"), with or without the
// command line that printed it.

import type { Gathered, PingGroupRange } from '../../../../contract/evidence';
import { msg } from '../../../../renderer/i18n/messages/message';
import { gathered, notGathered } from '../gathered';
import { parsePingGroupRangeValue } from '../local/ping-group-range';
import { guardText } from './input-guard';
import type { Message } from '../../../../contract/message';

/** `sysctl -a` prints a few hundred KB; nothing longer is a sysctl listing. */
export const MAX_SYSCTL_CHARS = 4 * 1024 * 1024;

const KEY_LINE = /^\s*(?:-\s*)?(?:\/proc\/sys\/)?net[./]ipv4[./]ping_group_range\s*[=:](.*)$/;
const MISSING_LINE = /^sysctl: cannot stat \/proc\/sys\/net\/ipv4\/ping_group_range/;
/** Lines a paste may carry around the value: prompts with the command, comments. */
const NOISE_LINE = /^\s*([$#;]|sudo\s|sysctl\s|cat\s|root@|\S+@\S+[:$#])/;

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted?.[2] ?? value;
}

interface Found {
  line: number;
  range: PingGroupRange;
}

const WHAT = msg('gather.import.thing.sysctl-output');

/** ping_group_range from pasted sysctl text; UNPARSEABLE says what was wrong and what to paste. Never throws. */
export function parseSysctlOutput(text: string, source: string | Message): Gathered<PingGroupRange> {
  const guarded = guardText(text, WHAT, MAX_SYSCTL_CHARS);
  if (!guarded.ok) return notGathered('UNPARSEABLE', guarded.reason, source);
  const lines = guarded.value.split(/\r?\n/);
  const found: Found[] = [];
  const others: Array<{ line: number; text: string }> = [];
  for (const [index, line] of lines.entries()) {
    const number = index + 1;
    if (MISSING_LINE.test(line)) {
      return notGathered('NOT_FOUND', msg('gather.sysctl.missing', { line: number, text: line.trim() }), source);
    }
    const key = KEY_LINE.exec(line);
    if (key) {
      const parsed = parsePingGroupRangeValue(unquote((key[1] ?? '').trim()));
      if (!parsed.ok) return notGathered('UNPARSEABLE', msg('gather.sysctl.bad-line', { line: number, problem: parsed.reason }), source);
      found.push({ line: number, range: parsed.value });
    } else if (line.trim() !== '' && !NOISE_LINE.test(line)) {
      others.push({ line: number, text: line });
    }
  }
  if (found.length > 0) {
    const distinct = new Set(found.map((f) => `${f.range.low} ${f.range.high}`));
    if (distinct.size > 1) {
      const values = found.map((f) => `${f.range.low} ${f.range.high}`);
      return notGathered('UNPARSEABLE', msg('gather.sysctl.conflicting', { lines: found.map((f) => f.line), values }), source);
    }
    const first = found[0] as Found;
    return gathered(first.range, found.length === 1 && lines.length > 1 ? msg('source.import-line', { source, line: first.line }) : source);
  }
  // No key: the bare value, alone apart from prompts and comments.
  if (others.length === 1) {
    const only = others[0] as { line: number; text: string };
    const parsed = parsePingGroupRangeValue(only.text);
    if (parsed.ok) return gathered(parsed.value, source);
  }
  return notGathered('UNPARSEABLE', msg('gather.sysctl.none', { lines: lines.length }), source);
}
