// A Firezone resource's traffic restrictions, as Firezone's REST API returns it
// (elixir/priv/static/openapi.json, schemas Resource and ResourceFilter): `filters` is a list
// of {protocol: tcp|udp|icmp, ports: ["80", "8000 - 9000"]}; an empty list permits every
// protocol and port. Accepts one resource, a list, or the API's {"data": …} envelope.

import type { FirezoneResourceFacts, Gathered } from '../../../../contract/evidence';
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
import { gathered, notGathered } from '../gathered';
import { guardText } from './input-guard';
import { MAX_YAML_CHARS, parseJsonOrYaml } from './safe-yaml';
import { at, isDict, shown, stringAt, type Dict } from './untrusted-values';

const WHAT = msg('firezone.resource.thing');
const PROTOCOLS = ['tcp', 'udp', 'icmp'] as const;

class ResourceProblem extends Error {
  constructor(readonly reason: Message) {
    super('firezone resource');
  }
}

function filterOf(value: unknown, index: number, resource: string): FirezoneResourceFacts['filters'][number] {
  if (!isDict(value)) throw new ResourceProblem(msg('gather.firezone-resource.bad-filter', { resource, index, got: shown(value) }));
  const protocol = PROTOCOLS.find((p) => p === String(value.protocol ?? '').toLowerCase());
  if (!protocol) throw new ResourceProblem(msg('gather.firezone-resource.bad-protocol', { resource, index, got: shown(value.protocol) }));
  const ports = Array.isArray(value.ports) ? value.ports.map((port) => String(port)) : [];
  return { protocol, ports };
}

function resourceOf(value: Dict, index: number): FirezoneResourceFacts {
  const name = stringAt(value, 'name');
  const label = name ?? `#${index + 1}`;
  const filters = at(value, 'filters');
  if (filters === undefined) throw new ResourceProblem(msg('gather.firezone-resource.no-filters', { resource: label }));
  if (filters !== null && !Array.isArray(filters)) throw new ResourceProblem(msg('gather.firezone-resource.filters-not-list', { resource: label, got: shown(filters) }));
  return { name, address: stringAt(value, 'address'), filters: (filters ?? []).map((f, i) => filterOf(f, i + 1, label)) };
}

/** The resources in a pasted API answer; UNPARSEABLE says what is wrong and what to paste. Never throws. */
export function parseFirezoneResources(text: string, source: string | Message): Gathered<FirezoneResourceFacts[]> {
  const guarded = guardText(text, WHAT, MAX_YAML_CHARS);
  if (!guarded.ok) return notGathered('UNPARSEABLE', guarded.reason, source);
  const documents = parseJsonOrYaml(guarded.value, WHAT);
  if (!documents.ok) return notGathered('UNPARSEABLE', documents.reason, source);
  const top = documents.value.find((document) => document !== null);
  const body = isDict(top) && Object.hasOwn(top, 'data') ? top.data : top;
  const list = Array.isArray(body) ? body : [body];
  if (list.length === 0 || !list.every(isDict)) return notGathered('UNPARSEABLE', msg('gather.firezone-resource.not-resource', { got: shown(body) }), source);
  try {
    return gathered(
      list.map((item, index) => resourceOf(item as Dict, index)),
      source,
    );
  } catch (error) {
    if (error instanceof ResourceProblem) return notGathered('UNPARSEABLE', error.reason, source);
    return notGathered('FAILED', msg('gather.firezone-resource.failed', { detail: String(error) }), source);
  }
}
