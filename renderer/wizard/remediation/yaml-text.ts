// YAML snippets are built as data and printed by the `yaml` package, so a user's value (a pod
// name, a policy name, a path) can never break the document's structure: it is always one
// scalar, quoted when it needs to be. Explanations travel as YAML comments (yaml-comment.ts),
// which the catalogue's fix texts put above the document in the user's language.

import { Document } from 'yaml';
import { yamlCommented } from './yaml-comment';

/** `value` as a YAML document, with `comment` (any text; each line becomes a `#` line) above it. */
export function yamlText(value: unknown, comment?: string): string {
  const body = new Document(value).toString({ lineWidth: 0 });
  return comment ? yamlCommented(comment, body) : body;
}
