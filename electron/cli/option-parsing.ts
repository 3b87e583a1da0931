// What every subcommand's argument parser shares: how options are described, how a value
// option finds its value (attached with "=" or directly, or the next argument), how values
// are shown in messages, and the wording of the problems that are the same everywhere.

/** An option that takes a value. */
export interface ValueOption<A> {
  takesValue: true;
  /** Placeholder shown in messages, e.g. COUNT. */
  name: string;
  /** What is accepted, completing "COUNT must be …", e.g. "an integer from 0 to 1000000". */
  accepts: string;
  /** May appear more than once (each adds one). */
  repeatable?: boolean;
  /** Sets the value, or returns why `raw` is refused (a phrase after "-c 300: "). */
  apply(args: A, raw: string, typed: string): string | null;
}

/** An option without a value. */
export interface FlagOption<A> {
  takesValue: false;
  apply(args: A): void;
}

export type OptionSpec<A> = ValueOption<A> | FlagOption<A>;

/**
 * Shows a value as typed, quoting it when it would otherwise be invisible or ambiguous: with
 * spaces, quotes or control characters (JSON-escaped: "\u001b]0;…"); the CLI's output
 * guard (safe-output.ts) makes anything still unsafe inert.
 */
export function shown(raw: string): string {
  return /^[^\s'"\u0000-\u001f\u007f-\u009f]+$/.test(raw) ? raw : JSON.stringify(raw);
}

/** A whole number within `min..max` written in plain digits, or null. */
export function integerIn(raw: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(raw)) return null;
  const value = Number(raw);
  return value >= min && value <= max ? value : null;
}

export type OptionValue = { ok: true; raw: string; usedNext: boolean } | { ok: false; message: string };

/**
 * The value of option `typed` (spec `spec`) written at `argv[index]`: the part `attached` to
 * it, else the next argument. The message of a failure is the whole usage line.
 */
export function optionValue(argv: readonly string[], index: number, typed: string, attached: string | null, spec: ValueOption<never>): OptionValue {
  if (attached !== null) return { ok: true, raw: attached, usedNext: false };
  const next = argv[index + 1];
  if (next === undefined) return { ok: false, message: `${typed}: missing ${spec.name} (${spec.accepts})` };
  return { ok: true, raw: next, usedNext: true };
}

export function unknownOption(typed: string, accepted: string): string {
  return `${shown(typed)}: unknown option (accepted: ${accepted})`;
}

export function flagTakesNoValue(typed: string, joiner: string, attached: string): string {
  return `${typed}${joiner}${shown(attached)}: ${typed} takes no value`;
}
