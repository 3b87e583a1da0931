// A small "cloudflared pid N" beside a host-wide finding that came from one connector's own
// verdict (the connectors disagreed on it): whose facts, evidence and fixes these are.

import type { Finding } from '../../contract/findings';
import { useT } from '../app/stores';
import { connectorName } from './connector-view';

export function ConnectorTag({ finding }: { finding: Finding }) {
  const t = useT();
  if (finding.connector === undefined) return null;
  const name = connectorName(finding.connector);
  return (
    <span className="connector-tag mono" data-connector-pid={finding.connector.pid} title={t.connectors.tagLabel(name)}>
      {name}
    </span>
  );
}
