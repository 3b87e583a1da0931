// Debugging aid: build a lab, print how to get into it, keep it until Ctrl-C.
//   sudo node --import tsx e2e/lab/shell.ts [--netem MS]
import { createLab, LabUnavailableError } from './lab';

const netemAt = process.argv.indexOf('--netem');
const netemMs = netemAt > 0 ? Number(process.argv[netemAt + 1]) : 0;

try {
  const lab = await createLab();
  if (netemMs > 0) await lab.setNetem({ delayMs: netemMs });
  const n = lab.ns;
  const a = lab.addresses;
  const drop = 'setpriv --reuid=65534 --regid=65534 --clear-groups --no-new-privs env --';
  console.log(`lab ${lab.prefix} ready in ${lab.setupMs.toFixed(0)} ms${netemMs > 0 ? `, netem ${netemMs} ms` : ''}

namespaces: ${Object.entries(n).map(([role, name]) => `${role}=${name}`).join('  ')}

  shell in the client (root):       ip netns exec ${n.client} bash
  shell in the client (65534):      ip netns exec ${n.client} ${drop} bash
  denied namespace (65534):         ip netns exec ${n.denied} ${drop} ping -c1 127.0.0.1
  watch the client's link:          ip netns exec ${n.client} tshark -n -i c-router -f 'icmp or icmp6'
  router routes / rules:            ip -n ${n.router} route; ip netns exec ${n.router} nft list ruleset

  server ${a.server.main.v4} / ${a.server.main.v6}, behind MTU 1280 ${a.server.mtu.v4} / ${a.server.mtu.v6},
  behind netem ${a.server.netem.v4} / ${a.server.netem.v6}; prohibit ${a.routes.prohibit.v4}, unreachable ${a.routes.unreachable.v4},
  blackhole ${a.routes.blackhole.v4}, no route ${a.noRoute.v4}, no neighbour ${a.noNeighbour.v4} (and the v6 twins).

Ctrl-C removes everything.`);
  process.once('SIGINT', () => {
    void lab.destroy().then(() => {
      console.log(`\nremoved ${lab.prefix}* in ${lab.teardownMs?.toFixed(0)} ms`);
      process.exit(0);
    });
  });
  setInterval(() => {}, 1 << 30);
} catch (e) {
  console.error(e instanceof LabUnavailableError ? e.reason : e);
  process.exit(1);
}
