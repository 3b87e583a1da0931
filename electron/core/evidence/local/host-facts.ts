// Facts about this machine for the report header and for comparing network namespaces
// with connectors': OS, kernel, architecture, host name, our netns.

import { access, readlink } from 'node:fs/promises';
import os from 'node:os';
import type { Gathered, HostFacts } from '../../../../contract/evidence';
import { gathered } from '../gathered';
import { readOsRelease } from './os-release';

export const OWN_NETNS_LINK = '/proc/self/ns/net';
/** Present on every OpenWrt system (base-files): the connector then runs under procd and uci, not systemd. */
export const OPENWRT_RELEASE = '/etc/openwrt_release';

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** "net:[4026531840]" for `/proc/<pid>/ns/net`, or null where it cannot be read (not Linux, not permitted, gone). */
export async function readNetnsLink(path: string): Promise<string | null> {
  try {
    return await readlink(path);
  } catch {
    return null;
  }
}

/** Never fails: every part has a fallback (os.type(), null netns). */
export async function gatherHostFacts(): Promise<Gathered<HostFacts>> {
  const release = await readOsRelease();
  const netns = process.platform === 'linux' ? await readNetnsLink(OWN_NETNS_LINK) : null;
  const sources = [release ? release.path : 'os.type()', 'os.release()', 'os.arch()', 'os.hostname()'];
  if (netns !== null) sources.push(OWN_NETNS_LINK);
  const openwrt = await exists(OPENWRT_RELEASE);
  if (openwrt) sources.push(OPENWRT_RELEASE);
  return gathered(
    {
      os: release?.name ?? os.type(),
      platform: process.platform,
      kernel: os.release(),
      arch: os.arch(),
      hostname: os.hostname(),
      netns,
      openwrt,
    },
    sources.join(', '),
  );
}
