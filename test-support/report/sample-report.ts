// Report inputs shaped exactly like contract/ (what the checks and gatherers produce), with
// the traps a report must survive planted in them: a real-looking API token in a log line,
// an error message and an Authorization header; a tunnel token in a connector's argv and
// environment; and hostile text (markup, fences, table pipes, control bytes, huge lines).

import { randomBytes } from 'node:crypto';
import { emptyEvidence, type Evidence, type Gathered } from '../../contract/evidence';
import type { Finding } from '../../contract/findings';
import { defaultInputs, type CheckInputs } from '../../contract/inputs';
import type { ProbeEvent } from '../../native/index';
import type { BuildReportInput } from '../../electron/report/build-report';

/** A token shaped like Cloudflare's (40 URL-safe characters after a recognisable prefix), new each run. */
export function makeApiToken(): string {
  return `cf-test-token-${randomBytes(30).toString('base64url')}`;
}

/** cloudflared's tunnel token is base64 JSON ("eyJh…"); never part of the secrets list, caught by shape. */
export function makeTunnelToken(): string {
  return `eyJhIjoi${randomBytes(48).toString('base64url')}`;
}

export const HOSTILE = {
  script: '<script>alert("pwned")</script>',
  preBreak: '</pre><img src=x onerror=alert(1)><pre>',
  quotes: `He said "yes" & she said 'no' &amp; more`,
  unicode: 'Grüße 日本語 ✓ 𝄞 Ωμέγα',
  fence: '```\nrm -rf /\n```\n````',
  pipes: 'left | middle | right',
  newlines: 'first line\nsecond line\r\nthird line',
  control: 'bell\u0007 nul\u0000 esc\u001b[31m red',
  longLine: `${'A'.repeat(20_000)}END-OF-LONG-LINE`,
  markdown: '# not a heading [link](javascript:alert(1)) **bold** <b>tag</b>',
} as const;

export interface SampleSecrets {
  apiToken: string;
  tunnelToken: string;
}

function at(): string {
  return '2025-01-15T10:00:00.000Z';
}

function gathered<T>(value: T, source: string): Gathered<T> {
  return { ok: true, value, source, at: at() };
}

export function sampleInputs(target: string): CheckInputs {
  return {
    ...defaultInputs(),
    target,
    tcpPort: 443,
    product: 'cloudflare',
    unreachableTarget: '10.200.9.2',
    cloudflaredLog: `/var/log/cloudflared "><script>alert(1)</script>.log`,
    cloudflaredConfig: '/etc/cloudflared/config.yml',
    cloudflareAccountId: '0123456789abcdef0123456789abcdef',
    cloudflareApiToken: 'provided',
  };
}

/** Evidence with every kind of gathered fact; the probe results carry the given real events. */
export function sampleEvidence(secrets: SampleSecrets, probes: { echo: ProbeEvent[]; transparency: ProbeEvent[]; target: string }): Evidence {
  const evidence = emptyEvidence();
  evidence.local = {
    host: gathered({ os: 'Debian GNU/Linux 12 (bookworm)', platform: 'linux', kernel: '6.1.0-18-amd64', arch: 'x64', hostname: 'connector-1', netns: 'net:[4026531840]' }, 'os-release, uname'),
    identity: gathered({ uid: 1000, euid: 1000, gid: 1000, egid: 1000, groups: [1000, 27] }, 'process'),
    pingGroupRange: gathered({ low: 0, high: 2147483647 }, '/proc/sys/net/ipv4/ping_group_range'),
    capability: gathered({ v4: { allowed: true, errno: null }, v6: { allowed: true, errno: null } }, 'native capability probe'),
  };
  evidence.connectors = gathered(
    [
      {
        kind: 'cloudflared',
        pid: 4242,
        command: ['/usr/bin/cloudflared', 'tunnel', '--no-autoupdate', 'run', '--token', secrets.tunnelToken],
        uids: [65532, 65532, 65532, 65532],
        gids: [65532, 65532, 65532, 65532],
        groups: [],
        netns: 'net:[4026532999]',
        sameNetnsAsUs: false,
        pingGroupRange: gathered({ low: 1, high: 0 }, 'nsenter --net=/proc/4242/ns/net'),
        environment: gathered({ TUNNEL_TRANSPORT_PROTOCOL: 'http2', TUNNEL_TOKEN: secrets.tunnelToken }, '/proc/4242/environ'),
        container: 'docker',
      },
    ],
    '/proc',
  );
  evidence.cloudflared = gathered(
    {
      requestedTransport: { value: 'http2', from: 'env', detail: 'TUNNEL_TRANSPORT_PROTOCOL=http2 in /proc/4242/environ' },
      registered: [{ transport: 'http2', evidence: { text: '2025-01-15T09:59:01Z INF Registered tunnel connection connIndex=0 event=0 ip=198.41.200.13 location=nrt01 protocol=http2', line: 12 } }],
      fallbackToHttp2: { text: '2025-01-15T09:58:59Z WRN Switching to fallback protocol http2', line: 9 },
      quicTried: true,
      gidOutsideRange: { gid: 65532, low: 1, high: 0, evidence: { text: 'WRN The user running cloudflared process has a GID (group ID) that is not within ping_group_range. error="Group ID 65532 is not between ping group 1 to 0"', line: 3 } },
      icmpProxyDisabled: { text: 'WRN ICMP proxy feature is disabled error="cannot create ICMPv4 proxy: Group ID 65532 is not between ping group 1 to 0"', line: 4 },
      icmpRequests: 12,
      icmpReplies: 0,
      quickTunnel: null,
      configPath: '/etc/cloudflared/config.yml',
      sources: ['/var/log/cloudflared.log', 'flags of pid 4242', 'http://127.0.0.1:20241/metrics'],
    },
    '/var/log/cloudflared.log',
  );
  evidence.cloudflareApi = {
    ok: false,
    code: 'AUTH_FAILED',
    // A misbehaving proxy echoed the request back: the token rides in an error message.
    message: `401 Unauthorized from GET /accounts/0123/zerotrust/connectivity_settings (request had Authorization: Bearer ${secrets.apiToken}); the token needs "Zero Trust: Read"`,
    source: 'https://api.cloudflare.com/client/v4',
    at: at(),
  };
  evidence.probes.icmp = gathered({ target: probes.target, address: probes.target, probes: probes.echo, done: null }, 'ICMP echo probe');
  evidence.probes.transparency = gathered(
    { target: probes.target, address: probes.target, method: 'ttl', probes: probes.transparency, errorReturned: probes.transparency.some((p) => p.status === 'icmp-error') },
    'TTL-limited probes',
  );
  evidence.imported.cloudflaredLogs.push(
    gathered(
      {
        requestedTransport: null,
        registered: [],
        fallbackToHttp2: null,
        quicTried: null,
        gidOutsideRange: null,
        icmpProxyDisabled: null,
        icmpRequests: null,
        icmpReplies: null,
        quickTunnel: { text: `${HOSTILE.script} ${HOSTILE.preBreak} trycloudflare.com token=${secrets.apiToken}`, line: 77 },
        configPath: null,
        sources: ['pasted by the user'],
      },
      'pasted by the user',
    ),
  );
  return evidence;
}

/** One finding per id, as the checks would write them, with fixes in every snippet kind. */
export function sampleFindings(secrets: SampleSecrets, target: string): Finding[] {
  return [
    {
      id: 'local-icmp-socket',
      status: 'pass',
      title: 'This machine can open ICMP sockets',
      summary: 'ping_group_range 0–2147483647 admits group 1000; ICMPv4 and ICMPv6 datagram sockets opened.',
      evidence: [{ source: '/proc/sys/net/ipv4/ping_group_range', detail: '0\t2147483647' }],
      remediation: [],
    },
    {
      id: 'tcp-vs-icmp',
      status: 'fail',
      title: 'TCP reaches the target but ICMP echo does not',
      summary: `TCP ${target}:443 connected; ICMP echo to ${target} was refused: ${HOSTILE.pipes}\n${HOSTILE.newlines}`,
      evidence: [
        { source: 'probe', detail: `TCP connect to ${target}:443: connected in 0.4 ms` },
        { source: 'probe', detail: `ICMP echo to ${target}: Packet filtered from 10.200.1.1` },
      ],
      remediation: [],
    },
    {
      id: 'tunnel-connection',
      status: 'pass',
      title: 'Tunnel connected to the Cloudflare edge',
      summary: "cloudflared holds a connection to Cloudflare's edge: the log shows 1 registered connection (http2).",
      evidence: [{ source: 'cloudflared log line 10', detail: '2025-01-15T09:59:00Z INF Registered tunnel connection connIndex=0 event=0 ip=198.41.192.27 location=nrt01 protocol=http2' }],
      remediation: [],
    },
    {
      id: 'tunnel-transport',
      status: 'fail',
      title: 'cloudflared fell back to HTTP/2, which does not carry ICMP',
      summary: 'The connector registered its connections with protocol=http2 after QUIC (UDP 7844) failed.',
      evidence: [
        { source: 'cloudflared log line 9', detail: '2025-01-15T09:58:59Z WRN Switching to fallback protocol http2' },
        { source: 'flags of pid 4242', detail: `cloudflared tunnel --no-autoupdate run --token ${secrets.tunnelToken}` },
      ],
      remediation: [
        { id: 'sample', deploy: [], title: 'Run the tunnel over QUIC', kind: 'command', text: 'cloudflared tunnel --protocol quic run my-tunnel' },
        { id: 'sample', deploy: [], title: 'Persist it in the configuration', kind: 'file', path: '/etc/cloudflared/config.yml', text: 'tunnel: my-tunnel\nprotocol: quic\n' },
        { id: 'sample', deploy: [], title: 'Allow UDP 7844 out', kind: 'command', text: "sudo nft add rule inet filter output udp dport 7844 accept comment '\"cloudflared QUIC\"'" },
      ],
    },
    {
      id: 'icmp-proxy',
      status: 'unknown',
      title: 'The Zero Trust ICMP proxy setting could not be read',
      summary: 'The Cloudflare API refused the token (401). Give a token with "Zero Trust: Read", or check the dashboard.',
      evidence: [
        { source: 'Cloudflare API', detail: `GET /accounts/0123/zerotrust/connectivity_settings → 401; request header Authorization: Bearer ${secrets.apiToken}` },
        { source: 'api error', detail: `invalid token ${secrets.apiToken} for account` },
      ],
      remediation: [
        { id: 'sample', deploy: [], title: 'Dashboard', kind: 'dashboard', text: 'Zero Trust → Settings → Network → Proxy → enable ICMP' },
        { id: 'sample', deploy: [],
          title: 'Cloudflare API',
          kind: 'command',
          text: `curl -X PATCH "https://api.cloudflare.com/client/v4/accounts/0123/zerotrust/connectivity_settings" -H "Authorization: Bearer $CLOUDFLARE_API_TOKEN" --json '{"icmp_proxy_enabled":true}'`,
        },
      ],
    },
    {
      id: 'connector-gid-range',
      status: 'fail',
      title: "The connector's group is outside ping_group_range in its network namespace",
      summary: 'cloudflared (pid 4242) runs with GID 65532; its namespace has ping_group_range "1 0", so it cannot open ICMP sockets.',
      evidence: [
        { source: '/proc/4242/status', detail: 'Gid:\t65532\t65532\t65532\t65532' },
        { source: 'cloudflared log line 3', detail: 'error="Group ID 65532 is not between ping group 1 to 0"' },
      ],
      remediation: [
        { id: 'sample', deploy: [], title: 'Now (until reboot)', kind: 'command', text: "sudo sysctl -w net.ipv4.ping_group_range='0 2147483647'" },
        { id: 'sample', deploy: [], title: 'Persist across reboots', kind: 'file', path: '/etc/sysctl.d/99-icmp-doctor.conf', text: 'net.ipv4.ping_group_range = 0 2147483647\n' },
        { id: 'sample', deploy: [], title: 'Docker', kind: 'command', text: "docker run --sysctl net.ipv4.ping_group_range='0 2147483647' cloudflare/cloudflared:latest tunnel run" },
        { id: 'sample', deploy: [],
          title: 'Kubernetes pod',
          kind: 'yaml',
          text: 'spec:\n  securityContext:\n    sysctls:\n      - name: net.ipv4.ping_group_range\n        value: "0 2147483647"\n',
        },
        { id: 'sample', deploy: [], title: 'Twingate Helm chart', kind: 'yaml', text: 'icmpSupport:\n  enabled: true\n' },
      ],
    },
    {
      id: 'icmp-error-transparency',
      status: 'pass',
      title: 'ICMP errors come back and quote our probe',
      summary: 'A TTL-limited probe drew "Time to live exceeded" from 10.200.1.1 quoting our destination and sequence number.',
      evidence: [{ source: 'probe', detail: `Time to live exceeded from 10.200.1.1 (quoted dst ${target})` }],
      remediation: [],
    },
    {
      id: 'path-mtu',
      status: 'warn',
      // Titles are fixed per finding id (the catalogue's): hostile text goes where data goes.
      title: 'Path MTU is 1280',
      summary: `Packets over 1280 bytes get "Frag needed"; fine for ping, worth knowing for tunnels. ${HOSTILE.quotes} ${HOSTILE.unicode}`,
      evidence: [
        { source: 'pasted log', detail: `${HOSTILE.script}\n${HOSTILE.preBreak}\n${HOSTILE.fence}\n${HOSTILE.control}` },
        { source: 'huge line', detail: HOSTILE.longLine },
        { source: `source ${HOSTILE.markdown}`, detail: HOSTILE.markdown },
      ],
      remediation: [],
    },
    {
      id: 'icmp-policy',
      status: 'fail',
      title: 'A Calico policy denies ICMP echo',
      summary: 'GlobalNetworkPolicy block-icmp (order 200) denies ICMP ingress; nothing allows type 8 before it.',
      evidence: [{ source: 'calico-policy.yaml', detail: 'block-icmp: ingress Deny protocol ICMP (any type)' }],
      remediation: [
        { id: 'sample', deploy: [],
          title: 'Allow echo and the errors that matter',
          kind: 'yaml',
          text: [
            'apiVersion: projectcalico.org/v3',
            'kind: GlobalNetworkPolicy',
            'metadata:',
            '  name: allow-ping-and-icmp-errors',
            'spec:',
            '  order: 100',
            '  selector: all()',
            '  types: [Ingress]',
            '  ingress:',
            '    - action: Allow',
            '      protocol: ICMP',
            '      icmp: {type: 8}',
            '    - action: Allow',
            '      protocol: ICMPv6',
            '      icmp: {type: 128}',
            '',
          ].join('\n'),
        },
      ],
    },
    {
      id: 'route-through-tunnel',
      status: 'pass',
      title: "Target routed into the tunnel's interface",
      summary: `${target} is routed into the tunnel: through CloudflareWARP (Cloudflare WARP), source 172.16.0.2.`,
      evidence: [{ source: `route lookup on this machine for ${target} (ip route get, ip addr show)`, detail: `route to ${target}: routed through CloudflareWARP, source 172.16.0.2 (table 65743)` }],
      remediation: [],
    },
  ];
}

/** A complete BuildReportInput around the given probe events (echo + transparency). */
export function sampleReportInput(options: {
  secrets: SampleSecrets;
  target: string;
  echo: ProbeEvent[];
  transparency: ProbeEvent[];
  extraProbes?: ProbeEvent[];
}): BuildReportInput {
  const { secrets, target, echo, transparency } = options;
  return {
    inputs: sampleInputs(target),
    evidence: sampleEvidence(secrets, { echo, transparency, target }),
    findings: sampleFindings(secrets, target),
    probes: [...echo, ...transparency, ...(options.extraProbes ?? [])],
    createdAt: '2025-01-15T10:00:05.000Z',
    appVersion: '0.1.0',
    host: { os: 'Debian GNU/Linux 12 (bookworm)', kernel: '6.1.0-18-amd64', arch: 'x64', hostname: 'connector-1' },
    secrets: [secrets.apiToken],
  };
}
