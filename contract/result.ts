// The result shape every core function returns across a boundary (IPC, CLI, wizard):
// failures are values with a stable `code`, never exceptions, so callers must handle them.

/** A success carrying `value`, or a failure with a stable `code` and a message for people. */
export type Result<T, C extends string = string> = Ok<T> | Failure<C>;

export interface Ok<T> {
  ok: true;
  value: T;
}

export interface Failure<C extends string = string> {
  ok: false;
  code: C;
  message: string;
}

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function fail<C extends string>(code: C, message: string): Failure<C> {
  return { ok: false, code, message };
}
