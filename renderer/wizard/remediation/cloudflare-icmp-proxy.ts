// Fixes for Cloudflare's side of ICMP: the Zero Trust ICMP proxy toggle (dashboard and API)
// and, for quick tunnels, the named tunnel that replaces one. The API token is only ever a
// reference to $CLOUDFLARE_API_TOKEN; it is never written into a command.

import type { Remediation } from '../../../contract/findings';
import { msg } from '../../i18n/messages/message';
import { renderMessage } from '../../i18n/messages/render';
import { parseAddress } from '../checks/address';
import { fix } from './fix';
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

/** The dashboard steps in English (the fix carries them as a message). */
export const ICMP_PROXY_DASHBOARD_STEPS = renderMessage(msg('fix.icmp-proxy.dashboard.text'), 'en');

export function icmpProxyRemediation(accountId: string | null): Remediation[] {
  return [
    fix({ id: 'icmp-proxy.dashboard', deploy: [], title: msg('fix.icmp-proxy.dashboard'), kind: 'dashboard', textMessage: msg('fix.icmp-proxy.dashboard.text') }),
    fix({ id: 'icmp-proxy.api', deploy: [], title: msg('fix.icmp-proxy.api', { accountKnown: Boolean(accountId) }), kind: 'command', text: enableIcmpProxyCommand(accountId) }),
    fix({ id: 'icmp-proxy.api-read', deploy: [], title: msg('fix.icmp-proxy.api-read'), kind: 'command', text: readIcmpProxyCommand(accountId) }),
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
    fix({ id: 'named-tunnel.dashboard', deploy: [], title: msg('fix.named-tunnel.dashboard'), kind: 'dashboard', textMessage: msg('fix.named-tunnel.dashboard.text', { route }) }),
    fix({
      id: 'named-tunnel.command',
      deploy: [],
      title: msg('fix.named-tunnel.command'),
      kind: 'command',
      text: [
        shellCommand(['cloudflared', 'tunnel', 'login']),
        shellCommand(['cloudflared', 'tunnel', 'create', name]),
        shellCommand(['cloudflared', 'tunnel', 'route', 'ip', 'add', route ?? '10.0.0.0/8', name]),
        shellCommand(['cloudflared', 'tunnel', '--protocol', 'quic', 'run', name]),
      ].join('\n'),
    }),
  ];
}
