// Which config.yml the running cloudflared uses and what it says: its --config (as the
// process sees the path), else the path the user gave, else cloudflared's own search of its
// default locations. A tunnel run with --token may have no config file at all.

import type { CloudflaredInvocation } from './connector-invocation';
import { readCloudflaredConfig, type CloudflaredConfig } from './config-file';
import { pathsAsSeenBy } from './process-paths';
import type { Problem } from './problems';

export interface ConfigSearch {
  config: CloudflaredConfig | null;
  notes: string[];
  problems: Problem[];
}

interface Lead {
  paths: string[];
  label: string;
}

/** Reads the first of `lead.paths` that exists; a file that exists but fails ends the lead. */
async function follow(lead: Lead, problems: Problem[]): Promise<CloudflaredConfig | null> {
  for (const path of lead.paths) {
    const outcome = await readCloudflaredConfig(path);
    if (outcome.ok) return outcome.config;
    if (outcome.code !== 'NOT_FOUND') {
      problems.push({ code: outcome.code, message: `${outcome.message} (${lead.label})` });
      return null;
    }
  }
  problems.push({ code: 'NOT_FOUND', message: `cloudflared config ${lead.paths[0]} does not exist (${lead.label})` });
  return null;
}

export async function findCloudflaredConfig(
  invocations: readonly CloudflaredInvocation[],
  givenPath: string | null,
  defaultPaths: readonly string[],
): Promise<ConfigSearch> {
  const notes: string[] = [];
  const problems: Problem[] = [];
  const leads: Lead[] = invocations
    .filter((invocation) => invocation.configFlag !== null)
    .map((invocation) => ({
      paths: pathsAsSeenBy(invocation.pid, invocation.configFlag!, invocation.home),
      label: `--config of cloudflared pid ${invocation.pid}`,
    }));
  if (givenPath) leads.push({ paths: [givenPath], label: 'the config file given' });

  for (const lead of leads) {
    const config = await follow(lead, problems);
    if (!config) continue;
    if (givenPath && lead.label !== 'the config file given' && !lead.paths.includes(givenPath)) {
      notes.push(`the config file given (${givenPath}) was not read: the running cloudflared uses ${config.path}`);
    }
    return { config, notes, problems };
  }
  if (leads.length > 0) return { config: null, notes, problems };

  for (const path of defaultPaths) {
    const outcome = await readCloudflaredConfig(path);
    if (outcome.ok) return { config: outcome.config, notes, problems };
    if (outcome.code !== 'NOT_FOUND') {
      problems.push({ code: outcome.code, message: outcome.message });
      return { config: null, notes, problems };
    }
  }
  problems.push({
    code: 'NOT_FOUND',
    message: `no cloudflared config file: none of ${defaultPaths.join(', ')} exists (a tunnel run with --token needs none)`,
  });
  return { config: null, notes, problems };
}
