// tshark as an independent witness: the fields it dissects from a pcap, per frame.

import { execFileSync } from 'node:child_process';

/** Per frame: field name → every occurrence in order (outer header first, then the quote). */
export type Dissection = Map<string, string[]>;

/** Runs `tshark -r file` and returns the requested fields of every frame, in frame order. */
export function dissect(pcapPath: string, fields: readonly string[]): Dissection[] {
  const argv = ['-n', '-r', pcapPath, '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=a', '-E', 'aggregator=|'];
  for (const field of fields) argv.push('-e', field);
  const output = execFileSync('tshark', argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return output
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const columns = line.split('\t');
      return new Map(fields.map((field, index) => [field, (columns[index] ?? '').split('|').filter((value) => value !== '')]));
    });
}

/** The numeric value of a field's `occurrence`-th appearance (-1: the last), or null. */
export function numberField(frame: Dissection, field: string, occurrence = 0): number | null {
  const values = frame.get(field) ?? [];
  const value = occurrence < 0 ? values.at(occurrence) : values[occurrence];
  if (value === undefined) return null;
  return value.startsWith('0x') ? Number.parseInt(value, 16) : Number(value);
}

export function textField(frame: Dissection, field: string, occurrence = 0): string | null {
  const values = frame.get(field) ?? [];
  return (occurrence < 0 ? values.at(occurrence) : values[occurrence]) ?? null;
}
