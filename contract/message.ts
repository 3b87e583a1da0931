// A message: a key into the message catalogue (renderer/i18n/messages) and its parameters.
// Findings, evidence, fixes and gather failures carry one beside their rendered text, so the
// app, the CLI and the reports can say it in the user's language and scripts can read the
// key instead of parsing prose.

export type MessageParam = string | number | boolean | null | Message | readonly (string | number | Message)[];

export interface Message {
  key: string;
  params?: Readonly<Record<string, MessageParam>>;
}
