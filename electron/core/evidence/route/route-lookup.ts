// Which interface and source address this machine sends the target's packets through, asked of
// the kernel with iproute2 (`ip -j route get ADDR`): it follows policy rules as the packet
// would (WARP on Linux puts its routes in table 65743 behind an `ip rule`; Firezone in its own
// table), needs no privilege, and `ip` is on every Linux that runs a tunnel client. Node has no
// netlink of its own. "Network is unreachable" and a prohibit route are answers too: the target
// has no usable route here. Only Linux is read; elsewhere the failure says what to run instead.

import { execFile } from 'node:child_process';
import type { CallOptions, RouteRequest } from '../../../../contract/api';
import type { Gathered, RouteFacts } from '../../../../contract/evidence';
import { msg } from '../../../../renderer/i18n/messages/message';
import { describeError, gathered, guarded, InputProblem, notGathered } from '../gathered';
import { describeTarget, resolveProbeTarget } from '../probes/probe-target';
import { requestObject, textField } from '../probes/request-fields';
import { parseAddrShow, parseRouteGet } from './parse-ip-json';

const IP_TIMEOUT_MS = 5_000;
const IP_MAX_OUTPUT = 1024 * 1024;

interface IpOutcome {
  ok: boolean;
  /** ENOENT when `ip` is not installed; the exit code otherwise. */
  code: number | string | null;
  stdout: string;
  stderr: string;
}

function runIp(args: readonly string[], signal: AbortSignal | undefined): Promise<IpOutcome> {
  return new Promise((resolve) => {
    execFile(
      'ip',
      [...args],
      { timeout: IP_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: IP_MAX_OUTPUT, encoding: 'utf8', ...(signal ? { signal } : {}) },
      (error, stdout, stderr) => {
        const code = error ? ((error as NodeJS.ErrnoException).code ?? null) : 0;
        resolve({ ok: error === null, code, stdout, stderr: stderr.trim() });
      },
    );
  });
}

/** The kernel's one-line refusal ("RTNETLINK answers: Network is unreachable"), without the prefix. */
function kernelAnswer(stderr: string): string {
  return stderr.replace(/^RTNETLINK answers:\s*/i, '').split('\n')[0]?.trim() || stderr;
}

export function gatherRoute(request: RouteRequest, options: CallOptions = {}): Promise<Gathered<RouteFacts>> {
  const source = msg('route.source');
  return guarded(source, async () => {
    const fields = requestObject(request);
    if (!fields.ok) return notGathered('UNPARSEABLE', fields.reason, source);
    const target = textField('target', fields.value['target']);
    if (!target.ok) return notGathered('UNPARSEABLE', target.reason, source);
    if (process.platform !== 'linux') {
      return notGathered('NOT_APPLICABLE', msg('route.gather.not-linux', { platform: process.platform, target: target.value }), source);
    }
    const resolved = await resolveProbeTarget(target.value, options.signal);
    if (!resolved.ok) return notGathered(resolved.code, resolved.reason, source);
    const { address } = resolved.value;
    const where = `ip -j route get ${address}`;

    const [route, addrs] = await Promise.all([runIp(['-j', 'route', 'get', address], options.signal), runIp(['-j', 'addr', 'show'], options.signal)]);
    if (options.signal?.aborted) return notGathered('CANCELLED', msg('route.gather.cancelled'), where);
    if (route.code === 'ENOENT' || addrs.code === 'ENOENT') return notGathered('NOT_FOUND', msg('route.gather.no-ip', { address }), where);
    if (!addrs.ok) return notGathered('FAILED', msg('route.gather.ip-failed', { command: 'ip -j addr show', detail: addrs.stderr || String(addrs.code) }), where);
    try {
      const interfaces = parseAddrShow(addrs.stdout);
      // `ip route get` exits 2 with the kernel's answer when there is no usable route.
      const facts: RouteFacts['route'] =
        route.ok ? parseRouteGet(route.stdout) : route.code === 2 && route.stderr ? { kind: 'unroutable', error: kernelAnswer(route.stderr) } : failed(route);
      return gathered({ target: target.value, address, route: facts, interfaces }, msg('route.source.to', { target: describeTarget(resolved.value) }));
    } catch (error) {
      if (error instanceof InputProblem) return notGathered('UNPARSEABLE', error.reason, where);
      return notGathered('FAILED', msg('route.gather.ip-failed', { command: where, detail: describeError(error) }), where);
    }
  });
}

function failed(outcome: IpOutcome): never {
  throw new Error(outcome.stderr || `exit ${String(outcome.code)}`);
}
