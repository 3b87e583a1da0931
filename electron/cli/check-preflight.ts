// What `icmp-doctor check` verifies before it runs anything: every file named on the command
// line is a readable regular file, the report can be created where asked, and the target (and
// the should-be-unreachable address) resolve. A run takes tens of seconds; a typo should cost
// none of them, and is bad input (exit 2), not a finding.

import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { fail, ok, type Result } from '../../contract/result';
import { errnoOf } from '../core/evidence/gathered';
import { resolveTarget } from '../core/ping/resolve-target';
import type { CheckArguments, NamedFile } from './check-arguments';
import { reportPlaceProblem } from './report-path';
import { identifyProcess } from '../core/evidence/connectors/identify-process';
import { localeFromEnvironment, type Locale } from '../../renderer/i18n/messages/locale';
import { msg } from '../../renderer/i18n/messages/message';
import { renderMessage } from '../../renderer/i18n/messages/render';
import { shown } from './option-parsing';

/** Why `file` cannot be read, or null when it can. */
async function unreadable(file: NamedFile): Promise<string | null> {
  try {
    const info = await stat(file.path);
    if (info.isDirectory()) return `${file.typed}: this is a directory; give a file`;
    if (!info.isFile()) return `${file.typed}: not a regular file (a device, socket or pipe); give a file`;
    await access(file.path, constants.R_OK);
    return null;
  } catch (error) {
    switch (errnoOf(error)) {
      case 'ENOENT':
        return `${file.typed}: no such file`;
      case 'ENOTDIR':
        return `${file.typed}: a part of the path is not a directory`;
      case 'EACCES':
      case 'EPERM':
        return `${file.typed}: permission denied; read it as its owner, or run with sudo`;
      case 'ENAMETOOLONG':
        return `${file.typed}: the path is too long`;
      case 'ELOOP':
        return `${file.typed}: too many levels of symbolic links`;
      default:
        return `${file.typed}: cannot be read (${error instanceof Error ? error.message : String(error)})`;
    }
  }
}

/** Resolves a target-like option; a name that does not resolve is bad input, as with `ping`. */
async function unresolvable(option: string, value: string | null, signal: AbortSignal): Promise<string | null> {
  if (value === null) return null;
  const resolved = await resolveTarget(value, { signal });
  if (resolved.ok) return null;
  if (resolved.code === 'ABORTED') return null;
  return `${option} ${resolved.message}`;
}

/** `--pid PID` names a running connector; otherwise what runs under that PID, if anything (the name escaped). */
async function pidProblem(pid: number | null, locale: Locale): Promise<string | null> {
  if (pid === null) return null;
  const identity = await identifyProcess(pid);
  if (identity.kind === 'connector') return null;
  const problem = identity.kind === 'missing' ? msg('discovery.pid.missing', { pid }) : msg('discovery.pid.not-connector', { pid, program: shown(identity.program) });
  return renderMessage(problem, locale);
}

/** Checks the files, the report's place and the addresses; one usage message for the first problem. */
export async function preflightCheck(args: CheckArguments, signal: AbortSignal): Promise<Result<null, 'USAGE'>> {
  const files: NamedFile[] = [
    ...(args.cloudflaredLog ? [args.cloudflaredLog] : []),
    ...(args.cloudflaredConfig ? [args.cloudflaredConfig] : []),
    ...args.connectorReports,
    ...args.imports,
  ];
  for (const file of files) {
    const problem = await unreadable(file);
    if (problem) return fail('USAGE', problem);
  }
  if (args.report) {
    const problem = await reportPlaceProblem(args.report.typed, args.report.path);
    if (problem) return fail('USAGE', problem);
  }
  const pid = await pidProblem(args.pid, args.lang ?? localeFromEnvironment(process.env));
  if (pid) return fail('USAGE', pid);
  for (const [option, value] of [['--target', args.target], ['--unreachable', args.unreachable]] as const) {
    const problem = await unresolvable(option, value, signal);
    if (problem) return fail('USAGE', problem);
  }
  return ok(null);
}
