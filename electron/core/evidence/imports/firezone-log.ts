// Facts from a Firezone gateway's log. Since gateway 1.4.12 (firezone/firezone#9684, commit
// 6fc2ebe5765d) the gateway logs one line at start, rust/gateway/src/main.rs:
//   tracing::info!(arch, os, version = env!("CARGO_PKG_VERSION"), system_uptime, "`gateway` started logging")
// rendered by rust/logging/src/format.rs as
//   2025-07-01T09:12:44.512Z  INFO firezone_gateway: `gateway` started logging arch="x86_64" os="linux" version="1.4.12" …
// or, with --log-format json, as one JSON object whose fields hold message and version.
// Older gateways log no version at all: a log without the line says nothing about it. For
// them the version comes from what a user can paste beside the log: `firezone-gateway --version`
// (clap's "firezone-gateway 1.4.1", the crate's name and version) or the image reference
// ghcr.io/firezone/gateway:1.4.1 (`docker ps`, a compose file); a bare major tag (":1") is no version.

import type { FirezoneLogFacts, Gathered } from '../../../../contract/evidence';
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
import { gathered, notGathered } from '../gathered';
import { guardText } from './input-guard';
import { MAX_PRODUCT_LOG_CHARS, productLogLines, withoutColour } from './product-log-lines';

const WHAT = msg('firezone.log.thing');

const START = /`gateway` started logging/;
const VERSION_FIELD = /\bversion"?\s*[=:]\s*"?(\d+\.\d+\.\d+)"?/;
const VERSION_OUTPUT = /^\s*firezone-gateway (\d+\.\d+\.\d+)\s*$/;
const IMAGE_TAG = /\bghcr\.io\/firezone\/gateway:(\d+\.\d+\.\d+)\b/;
/** Lines only a Firezone gateway writes: its crate as the tracing target, or its start line. */
const GATEWAY_LINE = /\bfirezone_gateway\b|\bfirezone_tunnel\b|\bconnlib\b|`gateway` started logging|firezone-gateway|ghcr\.io\/firezone\/gateway\b/;

/** FirezoneLogFacts from a gateway's log; UNPARSEABLE when nothing in it is a gateway's. Never throws. */
export function parseFirezoneLog(text: string, source: string | Message): Gathered<FirezoneLogFacts> {
  const guarded = guardText(withoutColour(text), WHAT, MAX_PRODUCT_LOG_CHARS);
  if (!guarded.ok) return notGathered('UNPARSEABLE', guarded.reason, source);
  const lines = productLogLines(guarded.value);
  let version: FirezoneLogFacts['version'] = null;
  let recognised = 0;
  for (const line of lines) {
    if (GATEWAY_LINE.test(line.text)) recognised += 1;
    const found = START.test(line.text) ? VERSION_FIELD.exec(line.text) : (VERSION_OUTPUT.exec(line.text) ?? IMAGE_TAG.exec(line.text));
    // The last start in the log is the gateway that runs now (an upgrade restarts it).
    if (found?.[1]) version = { value: found[1], quoted: { line: line.line, text: line.text.trim() } };
  }
  if (recognised === 0) return notGathered('UNPARSEABLE', msg('gather.firezone-log.not-gateway', { lines: lines.length }), source);
  return gathered({ lines: lines.length, version }, source);
}
