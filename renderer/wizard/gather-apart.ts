// Each cloudflared process's evidence gathered on its own (issue 9): one gatherCloudflared call
// per process, with only that process, only the files the user named that are its own, and only
// the host-wide places that can be told to be its own (given-files.ts), all at once. The wizard's cloudflared step and `check --connector` share it.

import type { CallOptions, WizardApi } from '../../contract/api';
import type { CloudflaredEvidence, ConnectorProcess, Gathered } from '../../contract/evidence';
import type { CheckInputs } from '../../contract/inputs';
import { attributeGivenFiles, hostWideLeadsFor, type UnattributedInput } from './given-files';

export interface GatheredApart {
  /** In the order the processes were found. */
  perConnector: Array<{ pid: number; cloudflared: Gathered<CloudflaredEvidence> }>;
  /** The inputs given to no process (none or several claimed them). */
  unattributed: UnattributedInput[];
}

export async function gatherCloudflaredApart(
  api: Pick<WizardApi, 'gatherCloudflared'>,
  inputs: Pick<CheckInputs, 'cloudflaredLog' | 'cloudflaredConfig' | 'metricsUrl'>,
  connectors: readonly ConnectorProcess[],
  options: CallOptions,
): Promise<GatheredApart> {
  const plan = attributeGivenFiles(inputs, connectors);
  const leads = hostWideLeadsFor(connectors);
  const perConnector = await Promise.all(
    connectors.map(async (connector) => {
      const given = plan.byPid.get(connector.pid) ?? { logPath: null, configPath: null, metricsUrl: null };
      const hostWideLeads = leads.get(connector.pid) ?? { journal: false, serviceLogs: false, portScan: false };
      return { pid: connector.pid, cloudflared: await api.gatherCloudflared({ ...given, connectors: [connector], hostWideLeads }, options) };
    }),
  );
  return { perConnector, unattributed: plan.unattributed };
}
