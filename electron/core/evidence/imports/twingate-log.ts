// Facts from a Twingate connector's log. The connector is closed source; what its lines look
// like comes from Twingate's help articles, e.g. "Connector Offline—Gone, code 410 in Logs"
// (help.twingate.com/articles/4908519978): "[INFO] [connector] State: Error",
// "[WARN] [libsdwan] [controller] operator(): failed to get SD: Gone, code 410" — a level and
// a component in brackets, then the message. No public text quotes its ICMP socket failure, so
// that is recognised by what any Linux program logs when the kernel refuses a ping socket: a
// line naming ICMP or ping together with "permission denied" / "operation not permitted" /
// EACCES / EPERM, or one that names ping_group_range.

import type { Gathered, LogLine, TwingateLogFacts } from '../../../../contract/evidence';
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
import { gathered, notGathered } from '../gathered';
import { guardText } from './input-guard';
import { MAX_PRODUCT_LOG_CHARS, productLogLines, withoutColour } from './product-log-lines';

const WHAT = msg('twingate.log.thing');

const ICMP_WORD = /\b(icmp|icmpv4|icmpv6|ping)\b/i;
const REFUSED = /permission denied|operation not permitted|\beacces\b|\beperm\b/i;
const PING_RANGE = /ping_group_range/i;
const STATE = /\[connector\]\s+State:\s*([A-Za-z][\w-]*)/;
const VERSION = /\b(?:connector|twingate)\b.*?\bversion\b[\s:=]*v?(\d+\.\d+(?:\.\d+)*)/i;
/** Any line a Twingate connector writes: "[LEVEL] [component] …". */
const TWINGATE_LINE = /\[(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL)\]\s+\[(?:connector|libsdwan|sdwan|controller)\]/i;

function isIcmpDenied(line: LogLine): boolean {
  return (ICMP_WORD.test(line.text) && REFUSED.test(line.text)) || PING_RANGE.test(line.text);
}

/** TwingateLogFacts from a connector's log; UNPARSEABLE when nothing in it is a Twingate connector's. Never throws. */
export function parseTwingateLog(text: string, source: string | Message): Gathered<TwingateLogFacts> {
  const guarded = guardText(withoutColour(text), WHAT, MAX_PRODUCT_LOG_CHARS);
  if (!guarded.ok) return notGathered('UNPARSEABLE', guarded.reason, source);
  const lines = productLogLines(guarded.value);
  const icmpDenied: LogLine[] = [];
  let version: TwingateLogFacts['version'] = null;
  let state: TwingateLogFacts['state'] = null;
  let recognised = 0;
  for (const line of lines) {
    if (TWINGATE_LINE.test(line.text)) recognised += 1;
    if (isIcmpDenied(line)) icmpDenied.push({ line: line.line, text: line.text.trim() });
    const named = VERSION.exec(line.text);
    // The last start in the log is the run that is going on now.
    if (named?.[1]) version = { value: named[1], quoted: { line: line.line, text: line.text.trim() } };
    const said = STATE.exec(line.text);
    if (said?.[1]) state = { value: said[1], quoted: { line: line.line, text: line.text.trim() } };
  }
  if (recognised === 0 && icmpDenied.length === 0 && version === null) {
    return notGathered('UNPARSEABLE', msg('gather.twingate-log.not-twingate', { lines: lines.length }), source);
  }
  return gathered({ lines: lines.length, version, icmpDenied, state }, source);
}
