// The comment block above a YAML snippet, kept apart from yaml-text.ts (which needs the `yaml`
// package) so the message catalogue can put translated comments above the same document.

/**
 * `comment` as `#` lines above `yaml`, then a blank line: every line of the comment, even one
 * that came from a user's value, stays a comment (YAML breaks lines only at CR and LF).
 */
export function yamlCommented(comment: string, yaml: string): string {
  const lines = comment
    .replaceAll('\0', '')
    .split(/\r\n|\r|\n/)
    .map((line) => (line === '' ? '#' : `# ${line}`));
  return `${lines.join('\n')}\n\n${yaml}`;
}
