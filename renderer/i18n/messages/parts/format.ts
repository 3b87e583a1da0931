// Small formatting helpers the catalogue parts share, one per language where the languages
// differ (list separators, units stay as they are).

type Item = string | number;

/** "a, b and c". */
export function listEn(items: readonly Item[]): string {
  const words = items.map(String);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** 「a、b、c」. */
export function listJa(items: readonly Item[]): string {
  return items.map(String).join('、');
}

/** A duration in milliseconds as both languages write it: "12.3 ms". */
export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

/** "1 probe" / "3 probes". */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
