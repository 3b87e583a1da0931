// Reads net.ipv4.ping_group_range from what a user pastes: `sysctl net.ipv4.ping_group_range`
// ("net.ipv4.ping_group_range = 1\t0"), an excerpt of `sysctl -a`, a sysctl.d file
// ("net.ipv4.ping_group_range=0 2147483647", "-net.ipv4…" too), `grep . /proc/sys/net/ipv4/*`
// ("/proc/sys/net/ipv4/ping_group_range:1\t0"), or the bare file content from
// `cat /proc/sys/net/ipv4/ping_group_range` / `sysctl -n` ("1\t0"), with or without the
// command line that printed it.

import type { Gathered, PingGroupRange } from '../../../../contract/evidence';
import { gathered, notGathered } from '../gathered';
import { parsePingGroupRangeValue } from '../local/ping-group-range';
import { guardText } from './input-guard';

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

const HOW_TO = 'paste the output of `sysctl net.ipv4.ping_group_range` (or `cat /proc/sys/net/ipv4/ping_group_range`) from the machine or container in question';

/** ping_group_range from pasted sysctl text; UNPARSEABLE says what was wrong and what to paste. Never throws. */
export function parseSysctlOutput(text: string, source: string): Gathered<PingGroupRange> {
  const guarded = guardText(text, 'the sysctl output', MAX_SYSCTL_CHARS);
  if (!guarded.ok) return notGathered('UNPARSEABLE', guarded.message, source);
  const lines = guarded.value.split(/\r?\n/);
  const found: Found[] = [];
  const others: Array<{ line: number; text: string }> = [];
  for (const [index, line] of lines.entries()) {
    const number = index + 1;
    if (MISSING_LINE.test(line)) {
      return notGathered('NOT_FOUND', `line ${number} says the kernel has no net.ipv4.ping_group_range ("${line.trim()}"): unprivileged ICMP sockets do not exist there`, source);
    }
    const key = KEY_LINE.exec(line);
    if (key) {
      const parsed = parsePingGroupRangeValue(unquote((key[1] ?? '').trim()));
      if (!parsed.ok) return notGathered('UNPARSEABLE', `line ${number}: ${parsed.message}`, source);
      found.push({ line: number, range: parsed.value });
    } else if (line.trim() !== '' && !NOISE_LINE.test(line)) {
      others.push({ line: number, text: line });
    }
  }
  if (found.length > 0) {
    const distinct = new Set(found.map((f) => `${f.range.low} ${f.range.high}`));
    if (distinct.size > 1) {
      const listed = found.map((f) => `line ${f.line}: "${f.range.low} ${f.range.high}"`).join(', ');
      return notGathered('UNPARSEABLE', `net.ipv4.ping_group_range appears with different values (${listed}); ${HOW_TO}, one machine at a time`, source);
    }
    const first = found[0] as Found;
    return gathered(first.range, found.length === 1 && lines.length > 1 ? `${source} (line ${first.line})` : source);
  }
  // No key: the bare value, alone apart from prompts and comments.
  if (others.length === 1) {
    const only = others[0] as { line: number; text: string };
    const parsed = parsePingGroupRangeValue(only.text);
    if (parsed.ok) return gathered(parsed.value, source);
  }
  return notGathered('UNPARSEABLE', `no net.ipv4.ping_group_range in ${lines.length} line${lines.length === 1 ? '' : 's'}; ${HOW_TO}`, source);
}
