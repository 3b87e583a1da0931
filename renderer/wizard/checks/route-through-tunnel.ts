// route-through-tunnel: is the target routed into the tunnel's interface on this machine
// (DESIGN §2)? A split-tunnel exclusion (WARP excludes the private ranges by default) or a
// missing private-network route sends ping somewhere else, and then no setting on the
// connector's side matters (cloudflared#726: the range and the proxy were right, the address
// was never sent into the tunnel). Decided from the kernel's own route lookup, which follows
// policy rules, and the interfaces present: pass when the route names the product's tunnel
// interface (any known tunnel for `generic`), fail when such an interface exists and the route
// goes elsewhere (warn when ping answers that way all the same), unknown when there is no
// tunnel interface to compare with. On a connector
// host (`check --connector`) it is not among the findings reported.

import type { Evidence, NetworkInterfaceFacts, RouteFacts } from '../../../contract/evidence';
import type { Finding, FindingEvidence } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import type { TcpBeside } from '../../i18n/messages/parts/route-through-tunnel';
import { routeThroughTunnelRemediation } from '../remediation/route-through-tunnel';
import { cite, citeFailure, failureMessage } from './cite';
import { finding } from './finding';
import { tallyProbes } from './probes';
import { productName } from './scope';
import { expectedNames, isTunnelFor, tunnelKindOf } from './tunnel-interfaces';

const ID = 'route-through-tunnel';

function describeRoute(route: RouteFacts['route']): Message {
  return route.kind === 'via'
    ? msg('route-through-tunnel.route.via', { device: route.device, source: route.source, gateway: route.gateway, table: route.table })
    : msg('route-through-tunnel.route.unroutable', { error: route.error });
}

function clientOf(name: string): string {
  return tunnelKindOf(name)?.client ?? name;
}

function describeInterface(i: NetworkInterfaceFacts): Message {
  return msg('route-through-tunnel.interface', { name: i.name, client: clientOf(i.name), up: i.up, addresses: i.addresses });
}

/** What TCP to the target showed: it matters when the route goes around the tunnel. */
function tcpBeside(evidence: Evidence): TcpBeside {
  const tcp = evidence.probes.tcp;
  if (!tcp?.ok || tcp.value.outcome !== 'connected') return 'none';
  return tcp.value.proxied === true ? 'proxied' : 'connected';
}

/** Echo to the target got replies (along whatever route it took). */
function echoAnswered(evidence: Evidence): boolean {
  const icmp = evidence.probes.icmp;
  return icmp?.ok === true && tallyProbes(icmp.value.probes).replies.length > 0;
}

export function checkRouteThroughTunnel(evidence: Evidence, inputs: CheckInputs): Finding {
  if (!inputs.target) return finding(ID, 'skip', msg('route-through-tunnel.skip.no-target'));
  const gathered = evidence.route ?? null;
  if (gathered === null) return finding(ID, 'unknown', msg('route-through-tunnel.unknown.not-gathered', { target: inputs.target }));
  if (!gathered.ok) return finding(ID, 'unknown', msg('route-through-tunnel.unknown.failed', { failure: failureMessage(gathered) }), [citeFailure(gathered)]);

  const { address, route, interfaces } = gathered.value;
  const tunnels = interfaces.filter((i) => isTunnelFor(i.name, inputs.product));
  const cited: FindingEvidence[] = [
    cite(gathered, msg('route-through-tunnel.evidence.route', { address, route: describeRoute(route) })),
    tunnels.length > 0
      ? cite(gathered, msg('route-through-tunnel.evidence.tunnels', { tunnels: tunnels.map(describeInterface) }))
      : cite(gathered, msg('route-through-tunnel.evidence.no-tunnels', { interfaces: interfaces.map((i) => i.name) })),
  ];

  if (route.kind === 'via' && isTunnelFor(route.device, inputs.product)) {
    return finding(ID, 'pass', msg('route-through-tunnel.pass', { address, device: route.device, client: clientOf(route.device), source: route.source }), cited);
  }
  if (tunnels.length === 0) {
    const product = inputs.product === 'generic' ? null : productName(inputs.product);
    return finding(ID, 'unknown', msg('route-through-tunnel.unknown.no-tunnel', { address, route: describeRoute(route), product, expected: expectedNames(inputs.product) }), cited);
  }

  // An interface that is up is the one the client uses; a down one still shows which client it is.
  const tunnel = tunnels.find((i) => i.up) ?? (tunnels[0] as NetworkInterfaceFacts);
  const product = inputs.product === 'generic' ? (tunnelKindOf(tunnel.name)?.product ?? null) : inputs.product;
  const fixes = routeThroughTunnelRemediation({ product, address, tunnel: tunnel.name });
  const around = { address, route: describeRoute(route), tunnel: tunnel.name, client: clientOf(tunnel.name) };
  // Ping answered along the other route (the target is on a local network, say): nothing is
  // broken, but the tunnel is not what was tested.
  if (echoAnswered(evidence)) return finding(ID, 'warn', msg('route-through-tunnel.warn-answered', around), cited, fixes);
  return finding(ID, 'fail', msg('route-through-tunnel.fail', { ...around, tunnelUp: tunnel.up, tcp: tcpBeside(evidence) }), cited, fixes);
}
