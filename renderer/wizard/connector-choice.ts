// `check --pid PID` (DESIGN §2, "the connector process to examine"): of the connectors found,
// only that process stays, so every connector check (and the cloudflared step, which reads the
// connectors found) speaks of it alone. Not among them: a failure naming the PID, not silence.

import type { ConnectorProcess, Gathered } from '../../contract/evidence';
import { msg } from '../i18n/messages/message';
import { renderMessage } from '../i18n/messages/render';

export function chosenConnector(found: Gathered<ConnectorProcess[]>, pid: number | null | undefined): Gathered<ConnectorProcess[]> {
  if (typeof pid !== 'number' || !found.ok) return found;
  const chosen = found.value.filter((connector) => connector.pid === pid);
  if (chosen.length > 0) return { ...found, value: chosen };
  const reason = msg('discovery.pid.not-in-scan', { pid });
  const { ok: _ok, value: _value, ...rest } = found;
  return { ...rest, ok: false, code: 'NOT_FOUND', message: renderMessage(reason, 'en'), reason };
}
