// Entry point of the `icmp-doctor` command (bundled to dist/cli.cjs). Dispatches the
// subcommand and guarantees the two promises every command makes: bad input never prints
// a stack trace, and anything unexpected ends as one line with exit code 4.

import packageJson from '../../package.json';
import { ExitCode } from './exit-codes';
import { processOutput } from './output';
import { safeOutput, secretsFrom } from './safe-output';
import type { Output } from './output';
import { runCheckCommand } from './check-command';
import { runPingCommand } from './ping-command';
import { runTraceCommand } from './trace-command';
import { MAIN_USAGE } from './usage';
import { reportUsageError } from './usage-error';

type Command = (argv: readonly string[], output: Output) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  ping: runPingCommand,
  trace: runTraceCommand,
  check: runCheckCommand,
};

function version(): string {
  return `icmp-doctor ${packageJson.version}\n`;
}

async function main(argv: readonly string[], output: Output): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    output.error(MAIN_USAGE);
    return ExitCode.Usage;
  }
  if (first === '-h' || first === '--help') {
    output.out(MAIN_USAGE);
    return ExitCode.Reply;
  }
  if (first === '-V' || first === '--version') {
    output.out(version());
    return ExitCode.Reply;
  }
  if (first === 'help') {
    // `icmp-doctor help ping` is `icmp-doctor ping --help`.
    const topic = rest[0];
    if (topic === undefined) {
      output.out(MAIN_USAGE);
      return ExitCode.Reply;
    }
    const command = COMMANDS[topic];
    if (!command) return reportUsageError(output, { message: `${topic}: unknown command (commands: ${Object.keys(COMMANDS).join(', ')})`, command: null });
    return command(['--help'], output);
  }
  const command = COMMANDS[first];
  if (!command) {
    const what = first.startsWith('-') ? 'unknown option' : 'unknown command';
    return reportUsageError(output, { message: `${first}: ${what} (commands: ${Object.keys(COMMANDS).join(', ')})`, command: null });
  }
  return command(rest, output);
}

function internalError(output: Output, error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  output.error(`icmp-doctor: internal error: ${message.split('\n')[0] ?? ''} (this is a bug; please report it)\n`);
  // ICMP_DOCTOR_DEBUG=1 shows the stack for whoever debugs the bug.
  if (process.env.ICMP_DOCTOR_DEBUG && error instanceof Error && error.stack) output.error(`${error.stack}\n`);
  process.exit(ExitCode.Internal);
}

// Every write goes through safeOutput: the token redacted, control characters made inert.
const output = safeOutput(processOutput(), secretsFrom(process.env));
process.on('uncaughtException', (error) => internalError(output, error));
process.on('unhandledRejection', (error) => internalError(output, error));
main(process.argv.slice(2), output).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => internalError(output, error),
);
