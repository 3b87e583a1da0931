// The one message catalogue: every sentence the checks, fixes, gatherers, CLI and reports say,
// keyed, in English and Japanese. Each part (parts/) holds one area's messages in both
// languages; the types make a Japanese part carry exactly the English part's keys and
// parameters, and catalogue.test.ts checks that no key is defined twice and every Japanese
// message is Japanese. Keys read "area.what": `tcp-vs-icmp.echo-vanishes`.

import * as common from './parts/common';
import * as probes from './parts/probes';
import * as tcpVsIcmp from './parts/tcp-vs-icmp';
import * as icmpPolicy from './parts/icmp-policy';
import * as icmpErrorTransparency from './parts/icmp-error-transparency';
import * as pathMtu from './parts/path-mtu';
import * as localIcmpSocket from './parts/local-icmp-socket';
import * as connectorGid from './parts/connector-gid';
import * as tunnelTransport from './parts/tunnel-transport';
import * as icmpProxy from './parts/icmp-proxy';
import * as scope from './parts/scope';
import * as remediation from './parts/remediation';
import * as gather from './parts/gather';
import * as cli from './parts/cli';
import * as report from './parts/report';
import * as steps from './parts/steps';
import * as sources from './parts/sources';
import * as cloudflaredStart from './parts/cloudflared-start';
import * as tunnelConnection from './parts/tunnel-connection';
import * as connectorDiscovery from './parts/connector-discovery';
import * as connectorVerdicts from './parts/connector-verdicts';
import * as twingateFirezone from './parts/twingate-firezone';
import * as rawSocket from './parts/raw-socket';
import * as windows from './parts/windows';
import * as trace from './parts/trace';
import * as routeThroughTunnel from './parts/route-through-tunnel';
import * as manyTargets from './parts/many-targets';
import type { Locale } from './locale';

/** Every part, in the order they are merged (the test checks no key is defined twice). */
export const MESSAGE_PARTS = { common, probes, tcpVsIcmp, icmpPolicy, icmpErrorTransparency, pathMtu, localIcmpSocket, connectorGid, tunnelTransport, icmpProxy, scope, remediation, gather, cli, report, steps, sources, cloudflaredStart, tunnelConnection, connectorDiscovery, connectorVerdicts, twingateFirezone, rawSocket, windows, trace, routeThroughTunnel, manyTargets } as const;

export const EN_MESSAGES = {
  ...common.en,
  ...probes.en,
  ...tcpVsIcmp.en,
  ...icmpPolicy.en,
  ...icmpErrorTransparency.en,
  ...pathMtu.en,
  ...localIcmpSocket.en,
  ...connectorGid.en,
  ...tunnelTransport.en,
  ...icmpProxy.en,
  ...scope.en,
  ...remediation.en,
  ...gather.en,
  ...cli.en,
  ...report.en,
  ...steps.en,
  ...sources.en,
  ...cloudflaredStart.en,
  ...tunnelConnection.en,
  ...connectorDiscovery.en,
  ...connectorVerdicts.en,
  ...twingateFirezone.en,
  ...rawSocket.en,
  ...windows.en,
  ...trace.en,
  ...routeThroughTunnel.en,
  ...manyTargets.en,
};

export const JA_MESSAGES: typeof EN_MESSAGES = {
  ...common.ja,
  ...probes.ja,
  ...tcpVsIcmp.ja,
  ...icmpPolicy.ja,
  ...icmpErrorTransparency.ja,
  ...pathMtu.ja,
  ...localIcmpSocket.ja,
  ...connectorGid.ja,
  ...tunnelTransport.ja,
  ...icmpProxy.ja,
  ...scope.ja,
  ...remediation.ja,
  ...gather.ja,
  ...cli.ja,
  ...report.ja,
  ...steps.ja,
  ...sources.ja,
  ...cloudflaredStart.ja,
  ...tunnelConnection.ja,
  ...connectorDiscovery.ja,
  ...connectorVerdicts.ja,
  ...twingateFirezone.ja,
  ...rawSocket.ja,
  ...windows.ja,
  ...trace.ja,
  ...routeThroughTunnel.ja,
  ...manyTargets.ja,
};

export type MessageCatalogue = typeof EN_MESSAGES;
export type MessageKey = keyof MessageCatalogue;
/** The parameters message K's words are built from (undefined: it takes none). */
export type MessageParams<K extends MessageKey> = Parameters<MessageCatalogue[K]> extends [infer P, ...unknown[]] ? P : undefined;

export const MESSAGE_CATALOGUES: Readonly<Record<Locale, MessageCatalogue>> = { en: EN_MESSAGES, ja: JA_MESSAGES };
