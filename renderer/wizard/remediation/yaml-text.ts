// YAML snippets are built as data and printed by the `yaml` package, so a user's value (a pod
// name, a policy name, a path) can never break the document's structure: it is always one
// scalar, quoted when it needs to be. Explanations travel as YAML comments.

import { Document } from 'yaml';

/** `value` as a YAML document, with `comment` (any text; each line becomes a `#` line) above it. */
export function yamlText(value: unknown, comment?: string): string {
  const document = new Document(value);
  if (comment) {
    // Every line of the comment, even one that came from a user's value, stays a comment.
    document.commentBefore = comment
      .split(/\r\n|\r|\n/)
      .map((line) => ` ${line.replaceAll('\0', '')}`)
      .join('\n');
  }
  return document.toString({ lineWidth: 0 });
}
