// Every fix is made here, the same way: its words are messages (the catalogue's `fix.*` keys,
// renderer/i18n/messages/parts/remediation.ts) and the English `title`/`text` are rendered from
// them, so the report's default text and what the app, the CLI and the reports say in another
// language can never drift apart. Commands are not words: a command-only fix has `text` and no
// `textMessage`, and is printed byte for byte in every language.

import type { DeployStyle } from '../../../contract/deploy';
import type { Remediation, RemediationKind } from '../../../contract/findings';
import type { Message } from '../../../contract/message';
import { renderMessage } from '../../i18n/messages/render';

interface FixBase {
  /** Stable id ("ping-range.host-now"): tests and ordering use it. */
  id: string;
  /** The deployment styles it serves; empty: any. */
  deploy: readonly DeployStyle[];
  kind: RemediationKind;
  /** What the fix is for, as a `fix.*` message. */
  title: Message;
  /** For `file`: where it goes. */
  path?: string;
}

/** Either a literal text (a command, a file without words) or a message that renders the whole text. */
export type FixSpec = FixBase & ({ text: string; textMessage?: undefined } | { textMessage: Message; text?: undefined });

export function fix(spec: FixSpec): Remediation {
  const made: Remediation = {
    id: spec.id,
    deploy: [...spec.deploy],
    title: renderMessage(spec.title, 'en'),
    titleMessage: spec.title,
    kind: spec.kind,
    text: spec.textMessage ? renderMessage(spec.textMessage, 'en') : spec.text,
  };
  if (spec.textMessage) made.textMessage = spec.textMessage;
  if (spec.path !== undefined) made.path = spec.path;
  return made;
}
