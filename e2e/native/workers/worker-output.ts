// What the native workers share: one JSON line per result on stdout (the parent test reads
// them), and a thrown error as the plain fields a test asserts on.

/** Writes `value` as one JSON line. */
export function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** What `run` threw (name, Node-style code, message), or null when it returned. */
export function errorOf(run: () => unknown): { name: string; code: string | null; message: string } | null {
  try {
    run();
    return null;
  } catch (error) {
    const e = error as Error & { code?: string };
    return { name: e.name, code: e.code ?? null, message: e.message };
  }
}
