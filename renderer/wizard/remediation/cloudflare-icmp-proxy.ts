// Fixes for Cloudflare's side of ICMP: the Zero Trust ICMP proxy toggle (dashboard and API)
// and, for quick tunnels, the named tunnel that replaces one. The API token is only ever a
// reference to $CLOUDFLARE_API_TOKEN; it is never written into a command.

import type { Remediation } from '../../../contract/findings';
import { parseAddress } from '../checks/address';
import { env, shellCommand, shellCommandLines, type ShellWord } from './shell';

export const CLOUDFLARE_API_BASE = 'https://api.cloudflare.com/client/v4';

/** encodeURIComponent, which would throw on a lone UTF-16 surrogate: those become U+FFFD first. */
function encodeSegment(text: string): string {
  return encodeURIComponent(text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}

/** The account id as typed by the user, or a reference to $CLOUDFLARE_ACCOUNT_ID when we have none. */
function settingsUrl(accountId: string | null, apiBase: string): ShellWord {
  const base = apiBase.replace(/\/+$/, '');
  // Encoded: whatever was typed stays one path segment of a valid URL.
  return accountId ? `${base}/accounts/${encodeSegment(accountId)}/zerotrust/connectivity_settings` : [`${base}/accounts/`, env('CLOUDFLARE_ACCOUNT_ID'), '/zerotrust/connectivity_settings'];
}

const AUTHORIZATION: ShellWord = ['Authorization: Bearer ', env('CLOUDFLARE_API_TOKEN')];

/** PATCH connectivity_settings {"icmp_proxy_enabled":true}; the token needs "Zero Trust: Edit". */
export function enableIcmpProxyCommand(accountId: string | null, apiBase: string = CLOUDFLARE_API_BASE): string {
  return shellCommandLines([
    ['curl', '-sS', '-X', 'PATCH', settingsUrl(accountId, apiBase)],
    ['-H', AUTHORIZATION],
    ['-H', 'Content-Type: application/json'],
    ['--data', JSON.stringify({ icmp_proxy_enabled: true })],
  ]);
}

/** GET connectivity_settings: `result.icmp_proxy_enabled` should now be true. */
export function readIcmpProxyCommand(accountId: string | null, apiBase: string = CLOUDFLARE_API_BASE): string {
  return shellCommandLines([['curl', '-sS', settingsUrl(accountId, apiBase)], ['-H', AUTHORIZATION]]);
}

export const ICMP_PROXY_DASHBOARD_STEPS = [
  'In the Cloudflare dashboard (dash.cloudflare.com), open Zero Trust.',
  'Go to Traffic policies → Traffic settings.',
  'Under "Proxy and inspection settings", turn on "Allow Secure Web Gateway to proxy traffic" and select TCP and ICMP (UDP too, for DNS and other UDP services).',
  'Older dashboards show the same switch as Settings → Network → Firewall → Proxy → ICMP.',
].join('\n');

export function icmpProxyRemediation(accountId: string | null): Remediation[] {
  return [
    { id: 'icmp-proxy.dashboard', deploy: [], title: 'Zero Trust dashboard: turn on the ICMP proxy', kind: 'dashboard', text: ICMP_PROXY_DASHBOARD_STEPS },
    {
      id: 'icmp-proxy.api',
      deploy: [],
      title: `Or with the API (token from $CLOUDFLARE_API_TOKEN, with the "Zero Trust: Edit" permission${accountId ? '' : '; set CLOUDFLARE_ACCOUNT_ID to your account id'})`,
      kind: 'command',
      text: enableIcmpProxyCommand(accountId),
    },
    { id: 'icmp-proxy.api-read', deploy: [], title: 'Check it: result.icmp_proxy_enabled should be true', kind: 'command', text: readIcmpProxyCommand(accountId) },
  ];
}

/**
 * A quick tunnel (trycloudflare.com) carries HTTP to one origin and never private-network
 * traffic, so ICMP needs a named tunnel with a route to the private network.
 */
export function namedTunnelRemediation(target: string | null): Remediation[] {
  const address = target ? parseAddress(target) : null;
  const route = target && address ? `${target}/${address.family === 4 ? 32 : 128}` : null;
  const name = 'private-network';
  return [
    {
      id: 'named-tunnel.dashboard',
      deploy: [],
      title: 'Replace the quick tunnel with a named tunnel (dashboard)',
      kind: 'dashboard',
      text: [
        'Zero Trust → Networks → Tunnels (older dashboards: Networks → Connectors) → Create a tunnel → Cloudflared.',
        'Install and run the connector with the token it shows.',
        `Under Private networks (CIDR routes), add ${route ?? 'the CIDR of the network you want to reach'}.`,
        'Then turn on the ICMP proxy (see icmp-proxy) and run cloudflared over QUIC (see tunnel-transport).',
      ].join('\n'),
    },
    {
      id: 'named-tunnel.command',
      deploy: [],
      title: 'Or from the command line: create the tunnel, route the private network through it, run it',
      kind: 'command',
      text: [
        shellCommand(['cloudflared', 'tunnel', 'login']),
        shellCommand(['cloudflared', 'tunnel', 'create', name]),
        shellCommand(['cloudflared', 'tunnel', 'route', 'ip', 'add', route ?? '10.0.0.0/8', name]),
        shellCommand(['cloudflared', 'tunnel', '--protocol', 'quic', 'run', name]),
      ].join('\n'),
    },
  ];
}
