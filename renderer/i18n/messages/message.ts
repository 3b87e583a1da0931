// A message is a key into the catalogue plus its parameters — never finished prose. The
// domain (checks, remediation, causes) and the gatherers build messages; the edges (app, CLI,
// reports) turn them into words in the user's language with render.ts. Scripts read the key,
// as Kubernetes conditions carry a `reason` beside their message.

import type { Message, MessageParam } from '../../../contract/message';
import type { MessageKey, MessageParams } from './catalogue';

export type { Message, MessageParam };

/** A parameter the caller may pass: where the catalogue wants words, a message will do. */
type Accepting<T> = T extends string ? string | Message : T extends readonly (infer E)[] ? readonly (E extends string ? string | Message : E)[] : T;
export type MessageArgs<K extends MessageKey> = MessageParams<K> extends undefined ? [] : [{ [N in keyof MessageParams<K>]: Accepting<MessageParams<K>[N]> }];

/** `msg('tcp-vs-icmp.both-reach', { address })`: the catalogue's types check key and parameters. */
export function msg<K extends MessageKey>(key: K, ...args: MessageArgs<K>): Message {
  const params = args[0] as Record<string, MessageParam> | undefined;
  return params === undefined ? { key } : { key, params };
}

/** True for a value shaped like a message (imported reports are not trusted to be). */
export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string' && !Array.isArray(value);
}
