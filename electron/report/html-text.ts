// Escaping for HTML text and attribute values. Everything that came from a log, a pasted file,
// a process or the network is hostile until it has been through here.

import { visibleControls } from './control-characters';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * `text` safe inside an element or a double- or single-quoted attribute. Control characters
 * (binary garbage in a log) become their visible Unicode pictures (U+2400…) instead of
 * reaching the parser; tabs and line breaks stay.
 */
export function escapeHtml(text: unknown): string {
  return visibleControls(String(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c));
}

/** A token safe as a class name or id fragment: lower-case letters, digits and dashes only. */
export function htmlToken(text: string): string {
  return String(text).toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 64) || 'x';
}
