// Reads iproute2's JSON (`ip -j route get ADDR`, `ip -j addr show`) into RouteFacts parts.
// Pure, so the shapes real `ip` prints (captured in the tests) are checked without a network.
// Anything that is not the JSON we expect is an InputProblem, never a guess.

import type { NetworkInterfaceFacts, RouteFacts } from '../../../../contract/evidence';
import { msg } from '../../../../renderer/i18n/messages/message';
import { InputProblem } from '../gathered';

function parseJsonArray(text: string, command: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputProblem(msg('route.gather.not-json', { command }));
  }
  if (!Array.isArray(value)) throw new InputProblem(msg('route.gather.not-json', { command }));
  return value;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** The route `ip -j route get ADDR` printed: the first entry's device, preferred source, gateway and table (main is not printed). */
export function parseRouteGet(text: string): Extract<RouteFacts['route'], { kind: 'via' }> {
  const entry = record(parseJsonArray(text, 'ip -j route get')[0]);
  const device = entry ? stringOrNull(entry['dev']) : null;
  if (!entry || device === null) throw new InputProblem(msg('route.gather.no-device'));
  return { kind: 'via', device, source: stringOrNull(entry['prefsrc']), gateway: stringOrNull(entry['gateway']), table: stringOrNull(entry['table']) };
}

/** Every interface `ip -j addr show` printed, with its state and addresses. */
export function parseAddrShow(text: string): NetworkInterfaceFacts[] {
  return parseJsonArray(text, 'ip -j addr show').flatMap((item): NetworkInterfaceFacts[] => {
    const entry = record(item);
    const name = entry ? stringOrNull(entry['ifname']) : null;
    if (!entry || name === null) return [];
    const flags = Array.isArray(entry['flags']) ? entry['flags'].filter((f): f is string => typeof f === 'string') : [];
    const addrInfo = Array.isArray(entry['addr_info']) ? entry['addr_info'] : [];
    const addresses = addrInfo.flatMap((a) => {
      const local = stringOrNull(record(a)?.['local']);
      return local === null ? [] : [local];
    });
    return [{ name, up: flags.includes('UP'), operstate: stringOrNull(entry['operstate']), linkType: stringOrNull(entry['link_type']), addresses }];
  });
}
