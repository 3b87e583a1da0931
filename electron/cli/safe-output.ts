// The one place where the CLI's text meets the terminal (or the pipe, or the file stdout was
// sent to): whatever a command prints — usage errors echoing a hostile argument, progress
// lines quoting a log, verdicts, JSON Lines, an internal error's message — passes through
// here. The API token is removed in every form it may have been echoed in, and control
// characters are made inert, so no path can forget either.

import { terminalSafe } from '../report/control-characters';
import { REDACTED } from '../report/redact-secrets';
import { redactSecretEchoes } from '../report/secret-echoes';
import type { Output } from './output';

/** The secrets this process holds: the Cloudflare API token from the environment, if any. */
export function secretsFrom(environment: NodeJS.ProcessEnv): string[] {
  const token = environment['CLOUDFLARE_API_TOKEN']?.trim();
  return token ? [token] : [];
}

/** `text` as it may be printed: `secrets` redacted first, then control characters made inert. */
export function printable(text: string, secrets: readonly string[]): string {
  const redacted = secrets.length > 0 ? redactSecretEchoes(secrets.reduce((out, secret) => out.split(secret).join(REDACTED), text), secrets, REDACTED) : text;
  return terminalSafe(redacted);
}

/** `output` with every write made printable (see above). */
export function safeOutput(output: Output, secrets: readonly string[]): Output {
  return {
    out: (text) => output.out(printable(text, secrets)),
    error: (text) => output.error(printable(text, secrets)),
    get stdoutClosed() {
      return output.stdoutClosed;
    },
    onStdoutClosed: (listener) => output.onStdoutClosed(listener),
  };
}
