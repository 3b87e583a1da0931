// Messages of the fixes (renderer/wizard/remediation/): each fix's title ('fix.<fix id>') and,
// where its text holds words, the whole text ('fix.<fix id>.text'): dashboard steps, YAML and
// file comments. Commands, paths, YAML keys and values arrive as parameters and are printed as
// they are in both languages; only the words around them are translated.

import { yamlCommented } from '../../../wizard/remediation/yaml-comment';

type Where = { node: string | null };
type Wanted = 'echo' | 'errors';
type Tool = 'nftables' | 'iptables';

/** Where a firewall fix acts: the node that drops, when we know it. */
const whereEn = (node: string | null): string => (node ? `on the firewall or router at ${node}` : 'on the firewall or router that drops it');
const whereJa = (node: string | null): string => (node ? `${node} のファイアウォールまたはルーター` : 'ICMP を落としているファイアウォールまたはルーター');

const ASSUMED_EN = 'assumes table inet filter, chain forward; run `sudo nft -a list ruleset` on that host to find the chain that drops it, and import it with --import nft-ruleset=FILE';
const ASSUMED_JA = 'table inet filter、chain forward を仮定しています。そのホストで `sudo nft -a list ruleset` を実行して落としている chain を探し、--import nft-ruleset=FILE で取り込んでください';

/** "(hook input)" after a chain, when the listing names it. */
const hookEn = (hook: string | null): string => (hook ? ` (hook ${hook})` : '');
/** After a chain name: its hook in parentheses, else the space between the ASCII name and the particle. */
const hookJa = (hook: string | null): string => (hook ? `（hook ${hook}）` : ' ');

type NftPlace = { family: string; table: string; chain: string; hook: string | null; action: string; handle: number | null; position: number; source: string; line: number };
type IptablesPlace = { tool: string; table: string; chain: string; hook: string | null; action: string; position: number; source: string; line: number };

const SYSCTL_FILE_COMMENT_EN = '# Written for icmp-doctor: who may open unprivileged ICMP (ping) sockets.';
const SYSCTL_FILE_COMMENT_JA = '# icmp-doctor が作成: 非特権の ICMP（ping）ソケットを開けるグループの範囲';

export const en = {
  // calico-icmp-policy
  'fix.calico.allow-icmp-policy': (p: { before: string | null }) =>
    `Calico: a GlobalNetworkPolicy that allows echo (8 / 128) and the ICMP errors that matter, ordered before ${p.before ? `"${p.before}"` : 'your policies'}`,
  'fix.calico.allow-icmp-policy.text': (p: { order: number; reason: string; allowed: readonly string[]; yaml: string }) =>
    yamlCommented(
      [
        'Apply with: calicoctl apply -f allow-icmp.yaml  (or kubectl apply with the Calico API server)',
        `order ${p.order}: evaluated before policies with a higher order, so a Deny further down no longer matches ping.`,
        p.reason,
        'Allowed:',
        ...p.allowed,
      ].join('\n'),
      p.yaml,
    ),
  'fix.calico.allowed': (p: { protocol: string; type: number; why: string }) => `  ${p.protocol} ${p.type}: ${p.why}`,
  'fix.calico.why.echo-request': () => 'echo request (ping)',
  'fix.calico.why.echo-request-v6': () => 'echo request (ping6)',
  'fix.calico.why.unreachable-frag': () => 'destination unreachable, incl. fragmentation needed',
  'fix.calico.why.unreachable': () => 'destination unreachable',
  'fix.calico.why.time-exceeded-traceroute': () => 'time exceeded (traceroute)',
  'fix.calico.why.time-exceeded': () => 'time exceeded',
  'fix.calico.why.packet-too-big': () => 'packet too big (path MTU discovery)',
  'fix.calico.reason.all': () =>
    [
      'selector all() makes every endpoint policy-selected: traffic no policy allows is then denied.',
      'Narrow the selector to endpoints your policies already select (e.g. the connector and the target).',
    ].join('\n'),
  /** For the check that found the denying policy: the new policy reuses its selector. */
  'fix.calico.reason.same-selector': (p: { selector: string; policy: string }) =>
    `selector ${p.selector}: the same endpoints "${p.policy}" selects, so no other endpoint becomes policy-selected.`,

  // cloudflare-icmp-proxy
  'fix.icmp-proxy.dashboard': () => 'Zero Trust dashboard: turn on the ICMP proxy',
  'fix.icmp-proxy.dashboard.text': () =>
    [
      'In the Cloudflare dashboard (dash.cloudflare.com), open Zero Trust.',
      'Go to Traffic policies → Traffic settings.',
      'Under "Proxy and inspection settings", turn on "Allow Secure Web Gateway to proxy traffic" and select TCP and ICMP (UDP too, for DNS and other UDP services).',
      'Older dashboards show the same switch as Settings → Network → Firewall → Proxy → ICMP.',
    ].join('\n'),
  'fix.icmp-proxy.api': (p: { accountKnown: boolean }) =>
    `Or with the API (token from $CLOUDFLARE_API_TOKEN, with the "Zero Trust: Edit" permission${p.accountKnown ? '' : '; set CLOUDFLARE_ACCOUNT_ID to your account id'})`,
  'fix.icmp-proxy.api-read': () => 'Check it: result.icmp_proxy_enabled should be true',
  'fix.named-tunnel.dashboard': () => 'Replace the quick tunnel with a named tunnel (dashboard)',
  'fix.named-tunnel.dashboard.text': (p: { route: string | null }) =>
    [
      'Zero Trust → Networks → Tunnels (older dashboards: Networks → Connectors) → Create a tunnel → Cloudflared.',
      'Install and run the connector with the token it shows.',
      `Under Private networks (CIDR routes), add ${p.route ?? 'the CIDR of the network you want to reach'}.`,
      'Then turn on the ICMP proxy (see icmp-proxy) and run cloudflared over QUIC (see tunnel-transport).',
    ].join('\n'),
  'fix.named-tunnel.command': () => 'Or from the command line: create the tunnel, route the private network through it, run it',

  // cloudflared-transport
  'fix.transport.quic-flag': () => 'Run cloudflared with --protocol quic (your command line, token kept in $TUNNEL_TOKEN)',
  'fix.transport.systemd-drop-in': () =>
    'systemd: a drop-in that sets TUNNEL_TRANSPORT_PROTOCOL=quic for the cloudflared service (then: sudo systemctl daemon-reload && sudo systemctl restart cloudflared)',
  'fix.transport.systemd-restart': () => 'Reload systemd and restart cloudflared',
  'fix.transport.config-yml': (p: { path: string }) => `config.yml: protocol: quic (${p.path})`,
  'fix.transport.config-yml.text': (p: { path: string; yaml: string }) => yamlCommented(`Add to ${p.path} (top level), then restart cloudflared.`, p.yaml),
  'fix.transport.docker-env': () => 'Docker: TUNNEL_TRANSPORT_PROTOCOL=quic (TUNNEL_TOKEN passed from your shell)',
  'fix.transport.podman-env': () =>
    'Podman: TUNNEL_TRANSPORT_PROTOCOL=quic (TUNNEL_TOKEN passed from your shell; in a quadlet: Environment=TUNNEL_TRANSPORT_PROTOCOL=quic)',
  'fix.transport.kubernetes-env': () => "Kubernetes: the cloudflared container's env",
  'fix.transport.kubernetes-env.text': (p: { yaml: string }) =>
    yamlCommented('Merge into the cloudflared container of the Deployment (spec.template.spec.containers[]).', p.yaml),
  'fix.transport.kubernetes-rollout-restart': () => 'Kubernetes: restart the cloudflared pods so they reconnect over QUIC',
  'fix.transport.egress-iptables': (p: { port: number }) =>
    `Allow outbound UDP ${p.port} (QUIC to Cloudflare's edge: region1/region2.v2.argotunnel.com) with iptables, IPv4 and IPv6`,
  'fix.transport.egress-nftables': () => "The same with nftables (table inet filter, chain output, as in Debian's /etc/nftables.conf)",
  'fix.transport.egress-perimeter': (p: { port: number }) =>
    `A perimeter firewall or cloud security group must allow the same: UDP ${p.port} outbound from the connector host (TCP ${p.port} is what HTTP/2 uses)`,
  'fix.transport.egress-perimeter.text': (p: { port: number }) =>
    `Allow egress: protocol UDP, destination port ${p.port}, destination region1.v2.argotunnel.com and region2.v2.argotunnel.com (or any), source: the cloudflared host.`,
  'fix.transport.openwrt-no-quic': () =>
    'OpenWrt: its cloudflared package cannot use QUIC (the build lacks the cipher suites QUIC needs, so it runs with --protocol http2), and HTTP/2 never carries ICMP: run the connector on another machine in that network',
  'fix.transport.openwrt-no-quic.text': (p: { stop: string }) =>
    [
      'Switching the OpenWrt connector to QUIC is not possible; changing its protocol option only breaks it.',
      'Install cloudflared on another Linux machine in the same network (a Raspberry Pi, a VM, a container host) with the same tunnel token; the ways for that machine follow under "other ways".',
      `Once it is connected over QUIC, stop the router's connector: ${p.stop}`,
    ].join('\n'),

  // firezone-gateway
  'fix.firezone-gateway.compose-upgrade': () =>
    'Firezone: upgrade the gateway to a release with the ICMP error translation (firezone/firezone#7398, December 2024), Docker Compose install (firezone-gateway is the service name)',
  'fix.firezone-gateway.other-upgrade': () => 'Firezone: upgrade the gateway, other installs',
  'fix.firezone-gateway.other-upgrade.text': () =>
    "Admin portal → Sites → the site → Gateways shows each gateway's version; deploy the latest release with the install command the portal gives (Deploy a Gateway), then remove the old one.",

  // icmp-firewall
  'fix.allow-echo.iptables': (p: Where) => `Allow ping through ${whereEn(p.node)} (iptables; use INPUT instead of FORWARD if it is the target itself)`,
  'fix.allow-icmp-errors.iptables': (p: Where) => `Let ICMP errors through ${whereEn(p.node)}: unreachable, time exceeded, packet too big (iptables)`,
  /** The nftables twin of a guessed iptables fix: inet filter / forward is an assumption, and says so. */
  'fix.firewall.nftables-assumed': (p: Where) => `The same with nftables ${whereEn(p.node)} (${ASSUMED_EN})`,
  /** A fix aimed at the table and chain an imported ruleset showed. */
  'fix.firewall.targeted': (p: { wanted: Wanted; tool: Tool; node: string | null; places: readonly string[] }) =>
    `${p.wanted === 'echo' ? 'Allow ping' : 'Let ICMP errors (unreachable, time exceeded, packet too big) through'} ${whereEn(p.node)} with ${p.tool} in ${p.places.join('; ')}`,
  'fix.firewall.place.nft': (p: NftPlace) =>
    `table ${p.family} ${p.table}, chain ${p.chain}${hookEn(p.hook)}, before its ${p.action} rule ${
      p.handle !== null ? `handle ${p.handle}` : `at position ${p.position} (no handle in the listing: inserted at the top)`
    } from ${p.source} line ${p.line}`,
  'fix.firewall.place.iptables': (p: IptablesPlace) =>
    `${p.tool} table ${p.table}, chain ${p.chain}${hookEn(p.hook)}, above its ${p.action} rule ${p.position} from ${p.source} line ${p.line}`,
  'fix.firewall.place.policy': (p: { tool: string; family: string; table: string; chain: string; hook: string | null; source: string; line: number }) =>
    `${p.tool === 'nft' ? `table ${p.family} ${p.table}` : `${p.family === 'ip6' ? 'ip6tables' : 'iptables'} table ${p.table}`}, chain ${p.chain}${hookEn(p.hook)}, at its top: the chain's policy drops what no rule accepts (${p.source} line ${p.line})`,
  'fix.path-mtu.clamp-mss': () => 'If the black hole is outside your control: clamp TCP MSS to the path MTU on the router or connector host',

  // ping-group-range
  'fix.ping-range.netns-now': (p: { pid: number; key: string; value: string; reason: string }) =>
    `In the connector's own network namespace (pid ${p.pid}), not the host's: set ${p.key} to "${p.value}" (${p.reason})`,
  'fix.ping-range.netns-persist': () =>
    "Keep it: a new namespace starts from the defaults, so run the same sysctl where the namespace is created (e.g. `ip netns exec NAME sysctl -w …` in the unit's ExecStartPre=); /etc/sysctl.d only sets the host's",
  'fix.ping-range.host-now': (p: { key: string; value: string; reason: string }) => `On the host, now: set ${p.key} to "${p.value}" (${p.reason})`,
  'fix.ping-range.host-every-group': () =>
    'Or admit every group ("0 2147483647"): what Docker and Twingate\'s chart set; a ping socket can only send echo requests',
  'fix.ping-range.host-persist-file': (p: { path: string }) => `Keep it across reboots: write ${p.path}, then apply it with \`sudo sysctl -p ${p.path}\``,
  /** The sysctl.d file: a comment line, then `key = value`. */
  'fix.ping-range.persist-file.text': (p: { key: string; value: string }) => `${SYSCTL_FILE_COMMENT_EN}\n${p.key} = ${p.value}\n`,
  'fix.ping-range.host-persist-command': () => 'The same as one command: write the file and apply it',
  'fix.ping-range.systemd-restart': (p: { service: string; product: string; why: string }) =>
    `Restart ${p.service}, the ${p.product} connector's systemd unit, so it opens its ICMP sockets again (${p.why})`,
  /** Why a restart is needed: cloudflared reads the range once; the others open their sockets at start. */
  'fix.ping-range.restart-why': (p: { product: string | null }) =>
    p.product === 'cloudflared'
      ? 'cloudflared checks the range only when it starts'
      : p.product
        ? `the ${p.product} connector opens its ICMP sockets when it starts`
        : 'the connector opens its ICMP sockets when it starts',
  'fix.ping-range.read-only-proc-sys': () =>
    'Inside the container this cannot be applied: /proc/sys is mounted read-only there, so `sysctl -w` fails (EROFS)',
  'fix.ping-range.read-only-proc-sys.text': (p: { style: 'docker' | 'podman' }) =>
    `Give the range when the container is created — ${p.style === 'docker' ? '`docker run --sysctl` or Compose `sysctls:`' : "`podman run --sysctl` or a quadlet's `Sysctl=`"} (above) — then remove and re-create the container; a running container keeps the namespace it was created with.`,
  'fix.ping-range.docker-run': () =>
    'Docker: start the container with the sysctl (Docker 20.10+ sets "0 2147483647" by itself unless the container uses --network host or userns-remap; with --network host, fix the host)',
  'fix.ping-range.compose-sysctls': () => "Docker Compose: the service's sysctls",
  'fix.ping-range.compose-sysctls.text': (p: { service: string; yaml: string }) =>
    yamlCommented(`docker-compose.yml: merge into the ${p.service} service, then \`docker compose up -d ${p.service}\`.`, p.yaml),
  'fix.ping-range.podman-run': () => "Podman: the container's own --sysctl (the host's range does not reach a rootless or podman network namespace)",
  'fix.ping-range.podman-quadlet-sysctl': (p: { path: string; name: string }) =>
    `Podman quadlet: Sysctl= in ${p.path}'s [Container] section, then \`sudo systemctl daemon-reload && sudo systemctl restart ${p.name}\``,
  'fix.ping-range.kubernetes-pod-sysctls': (p: { workload: string | null }) => `Kubernetes: the pod's securityContext.sysctls${p.workload ? ` (${p.workload})` : ''}`,
  'fix.ping-range.kubernetes-pod-sysctls.text': (p: { workload: string | null; key: string; yaml: string }) =>
    yamlCommented(
      [
        `Merge into ${p.workload ? `the pod spec of ${p.workload}` : 'the pod spec'} (for a Deployment, DaemonSet or StatefulSet: spec.template.spec).`,
        `${p.key} is a "safe" sysctl since Kubernetes 1.18: no kubelet allow-list is needed.`,
        'It is per network namespace, so it cannot be set on a hostNetwork pod: fix the node instead.',
      ].join('\n'),
      p.yaml,
    ),
  'fix.ping-range.kubernetes-rollout-restart': () => 'Kubernetes: restart the pods so they start with it (a pod is never restarted with systemctl)',
  'fix.ping-range.helm-icmp-support': () => 'Twingate Helm chart: icmpSupport.enabled',
  'fix.ping-range.helm-icmp-support.text': (p: { key: string; yaml: string }) =>
    yamlCommented(
      [
        'values.yaml for the twingate/connector chart; apply with',
        '  helm upgrade <release> twingate/connector --reuse-values -f values.yaml',
        `It makes the chart add to the pod: securityContext.sysctls: [{name: ${p.key}, value: "0 2147483647"}]`,
        'which admits every group, including the 65532 the connector runs as.',
      ].join('\n'),
      p.yaml,
    ),
  'fix.ping-range.helm-upgrade': () => 'Twingate Helm chart: the same with --set (RELEASE is your release name); helm upgrade rolls the pods',
  'fix.ping-range.openwrt-now': (p: { key: string; value: string }) => `OpenWrt, now: set ${p.key} to "${p.value}" (as root; no sudo there)`,
  'fix.ping-range.openwrt-persist': (p: { path: string }) =>
    `OpenWrt: keep it across reboots in ${p.path} (read at boot by /etc/init.d/sysctl; /etc/sysctl.conf works too), then \`/etc/init.d/sysctl restart\``,
  'fix.ping-range.openwrt-restart': (p: { service: string; why: string }) => `Restart ${p.service} with its procd init script (${p.why})`,
  'fix.ping-range.systemd-primary-group': (p: { group: number }) =>
    `Or make group ${p.group} (already inside the range) cloudflared's primary group: a systemd drop-in, then \`sudo systemctl daemon-reload && sudo systemctl restart cloudflared\``,
  /** Why this range (the `reason` of a ping-range fix request), for the checks that ask for one. */
  'fix.ping-range.reason.smallest': (p: { groups: readonly number[]; keeps: string | null }) =>
    `the smallest change that admits group ${p.groups.join(', ')}${p.keeps ? ` and keeps what "${p.keeps}" admits today` : ''}`,
  'fix.ping-range.reason.connector-group-unknown': () => "the connector's group is not known, so every group",
  'fix.ping-range.reason.this-process': (p: { gid: number }) => `the current range widened just enough to admit this process's group ${p.gid}`,
  'fix.ping-range.reason.our-groups-unknown': () => 'every group, since our groups are unknown',

  // product-icmp-access
  'fix.product-access.twingate-resource': () => 'Twingate: allow ICMP on the Resource',
  'fix.product-access.twingate-resource.text': (p: { target: string | null }) =>
    [
      `Admin Console → Network → Resources → the Resource for ${p.target ?? 'the target'} → edit its protocol/port restrictions.`,
      'Allow ICMP (Terraform: protocols { allow_icmp = true } on the twingate_resource).',
      'A Resource that restricts ports allows only the listed TCP/UDP ports; ICMP is a separate switch.',
    ].join('\n'),
  'fix.product-access.firezone-resource': () => "Firezone: allow ICMP in the Resource's traffic restrictions",
  'fix.product-access.firezone-resource.text': (p: { target: string | null }) =>
    [
      `Admin portal → Resources → the Resource for ${p.target ?? 'the target'} → Edit.`,
      'Under Traffic restrictions, either remove the restrictions or add ICMP next to the allowed TCP/UDP ports.',
    ].join('\n'),

  // retest
  'fix.retest.ping': () => 'Ping again after the fix',
};

export const ja: typeof en = {
  // calico-icmp-policy
  'fix.calico.allow-icmp-policy': (p) =>
    `Calico: echo（8 / 128）と必要な ICMP エラーを許可する GlobalNetworkPolicy を、${p.before ? `「${p.before}」` : '既存のポリシー'}より先に評価される order で追加します`,
  'fix.calico.allow-icmp-policy.text': (p) =>
    yamlCommented(
      [
        '適用: calicoctl apply -f allow-icmp.yaml（Calico API サーバーがあれば kubectl apply でも可）',
        `order ${p.order}: これより大きい order のポリシーより先に評価されるため、後ろにある Deny に ping が一致しなくなります。`,
        p.reason,
        '許可する ICMP:',
        ...p.allowed,
      ].join('\n'),
      p.yaml,
    ),
  'fix.calico.allowed': (p) => `  ${p.protocol} タイプ ${p.type}: ${p.why}`,
  'fix.calico.why.echo-request': () => 'エコー要求（ping）',
  'fix.calico.why.echo-request-v6': () => 'エコー要求（ping6）',
  'fix.calico.why.unreachable-frag': () => '宛先到達不能（fragmentation needed を含む）',
  'fix.calico.why.unreachable': () => '宛先到達不能',
  'fix.calico.why.time-exceeded-traceroute': () => '時間超過（traceroute）',
  'fix.calico.why.time-exceeded': () => '時間超過',
  'fix.calico.why.packet-too-big': () => 'packet too big（経路 MTU 探索）',
  'fix.calico.reason.all': () =>
    [
      'selector all() はすべてのエンドポイントをポリシーの対象にします。以後、どのポリシーも許可しない通信は拒否されます。',
      'selector は、既存のポリシーがすでに対象にしているエンドポイント（例: コネクタと対象ホスト）に絞ってください。',
    ].join('\n'),
  'fix.calico.reason.same-selector': (p) =>
    `selector ${p.selector}: 「${p.policy}」と同じエンドポイントを選ぶため、ほかのエンドポイントが新たにポリシーの対象になることはありません。`,

  // cloudflare-icmp-proxy
  'fix.icmp-proxy.dashboard': () => 'Zero Trust ダッシュボードで ICMP プロキシを有効にします',
  'fix.icmp-proxy.dashboard.text': () =>
    [
      'Cloudflare ダッシュボード（dash.cloudflare.com）で Zero Trust を開きます。',
      'Traffic policies → Traffic settings に進みます。',
      '「Proxy and inspection settings」で「Allow Secure Web Gateway to proxy traffic」をオンにし、TCP と ICMP を選びます（DNS などの UDP サービスも通すなら UDP も）。',
      '古いダッシュボードでは、同じスイッチが Settings → Network → Firewall → Proxy → ICMP にあります。',
    ].join('\n'),
  'fix.icmp-proxy.api': (p) =>
    `API でも設定できます（トークンは $CLOUDFLARE_API_TOKEN から読み、「Zero Trust: Edit」権限が必要です${p.accountKnown ? '' : '。CLOUDFLARE_ACCOUNT_ID にアカウント ID を設定してください'}）`,
  'fix.icmp-proxy.api-read': () => '確認: result.icmp_proxy_enabled が true になっていれば有効です',
  'fix.named-tunnel.dashboard': () => 'Quick Tunnel を名前付きトンネルに置き換えます（ダッシュボード）',
  'fix.named-tunnel.dashboard.text': (p) =>
    [
      'Zero Trust → Networks → Tunnels（古いダッシュボードでは Networks → Connectors）→ Create a tunnel → Cloudflared を選びます。',
      '表示されたトークンでコネクタをインストールし、起動します。',
      `Private networks（CIDR routes）に ${p.route ?? '到達したいネットワークの CIDR'} を追加します。`,
      'そのあと ICMP プロキシを有効にし（icmp-proxy を参照）、cloudflared を QUIC で動かします（tunnel-transport を参照）。',
    ].join('\n'),
  'fix.named-tunnel.command': () => 'コマンドラインでも可能です: トンネルを作成し、プライベートネットワークをそのトンネルにルーティングして起動します',

  // cloudflared-transport
  'fix.transport.quic-flag': () => 'cloudflared を --protocol quic 付きで起動します（今のコマンドラインのまま。トークンは $TUNNEL_TOKEN に置きます）',
  'fix.transport.systemd-drop-in': () =>
    'systemd: cloudflared サービスに TUNNEL_TRANSPORT_PROTOCOL=quic を設定する drop-in を置きます（そのあと `sudo systemctl daemon-reload && sudo systemctl restart cloudflared` を実行します）',
  'fix.transport.systemd-restart': () => 'systemd を再読み込みし、cloudflared を再起動します',
  'fix.transport.config-yml': (p) => `config.yml に protocol: quic を設定します（${p.path}）`,
  'fix.transport.config-yml.text': (p) => yamlCommented(`${p.path} のトップレベルに追加し、cloudflared を再起動してください。`, p.yaml),
  'fix.transport.docker-env': () => 'Docker: TUNNEL_TRANSPORT_PROTOCOL=quic を設定します（TUNNEL_TOKEN はシェルから渡します）',
  'fix.transport.podman-env': () =>
    'Podman: TUNNEL_TRANSPORT_PROTOCOL=quic を設定します（TUNNEL_TOKEN はシェルから渡します。quadlet なら Environment=TUNNEL_TRANSPORT_PROTOCOL=quic）',
  'fix.transport.kubernetes-env': () => 'Kubernetes: cloudflared コンテナの env',
  'fix.transport.kubernetes-env.text': (p) => yamlCommented('Deployment の cloudflared コンテナ（spec.template.spec.containers[]）にマージしてください。', p.yaml),
  'fix.transport.kubernetes-rollout-restart': () => 'Kubernetes: cloudflared の Pod を再起動し、QUIC で接続し直させます',
  'fix.transport.egress-iptables': (p) =>
    `送信方向の UDP ${p.port}（Cloudflare エッジへの QUIC。宛先は region1/region2.v2.argotunnel.com）を iptables で許可します（IPv4 と IPv6）`,
  'fix.transport.egress-nftables': () => '同じ許可を nftables で入れます（Debian の /etc/nftables.conf と同じ table inet filter、chain output）',
  'fix.transport.egress-perimeter': (p) =>
    `境界のファイアウォールやクラウドのセキュリティグループでも同じ許可が必要です: コネクタホストから送信方向の UDP ${p.port}（TCP ${p.port} は HTTP/2 が使うポートです）`,
  'fix.transport.egress-perimeter.text': (p) =>
    `送信（egress）を許可します: プロトコル UDP、宛先ポート ${p.port}、宛先 region1.v2.argotunnel.com と region2.v2.argotunnel.com（または any）、送信元は cloudflared のホストです。`,
  'fix.transport.openwrt-no-quic': () =>
    'OpenWrt: この cloudflared パッケージは QUIC を使えません（QUIC に必要な暗号スイートがビルドにないため --protocol http2 で動きます）。HTTP/2 では ICMP を運べないので、同じネットワークの別のマシンでコネクタを動かしてください',
  'fix.transport.openwrt-no-quic.text': (p) =>
    [
      'OpenWrt のコネクタを QUIC に切り替えることはできません。protocol オプションを変えても動かなくなるだけです。',
      '同じネットワーク内の別の Linux マシン（Raspberry Pi、VM、コンテナホストなど）に、同じトンネルトークンで cloudflared をインストールしてください。そのマシン向けの手順は「ほかの方法」に続きます。',
      `そのマシンが QUIC で接続できたら、ルーターのコネクタを止めます: ${p.stop}`,
    ].join('\n'),

  // firezone-gateway
  'fix.firezone-gateway.compose-upgrade': () =>
    'Firezone: ゲートウェイを ICMP エラーの変換に対応したリリース（firezone/firezone#7398、2024 年 12 月）に更新します。Docker Compose でインストールした場合です（サービス名は firezone-gateway）',
  'fix.firezone-gateway.other-upgrade': () => 'Firezone: ゲートウェイの更新（そのほかのインストール方法）',
  'fix.firezone-gateway.other-upgrade.text': () =>
    '管理ポータルの Sites → 対象のサイト → Gateways で各ゲートウェイのバージョンを確認できます。ポータルに表示されるインストールコマンド（Deploy a Gateway）で最新リリースをデプロイし、古いゲートウェイを削除してください。',

  // icmp-firewall
  'fix.allow-echo.iptables': (p) => `${whereJa(p.node)}で ping を通します（iptables。対象ホスト自身で落としている場合は FORWARD の代わりに INPUT を使います）`,
  'fix.allow-icmp-errors.iptables': (p) => `${whereJa(p.node)}で ICMP エラー（unreachable、time exceeded、packet too big）を通します（iptables）`,
  'fix.firewall.nftables-assumed': (p) => `同じ許可を nftables で ${whereJa(p.node)}に入れます（${ASSUMED_JA}）`,
  'fix.firewall.targeted': (p) =>
    `${whereJa(p.node)}で${p.wanted === 'echo' ? ' ping ' : ' ICMP エラー（unreachable、time exceeded、packet too big）'}を通すルールを ${p.tool} で入れます。場所: ${p.places.join('。')}`,
  'fix.firewall.place.nft': (p) =>
    `table ${p.family} ${p.table}、chain ${p.chain}${hookJa(p.hook)}の ${p.action} ルール（${p.handle !== null ? `handle ${p.handle}` : `${p.position} 番目`}、${p.source} の ${p.line} 行目）の前${
      p.handle !== null ? '' : '（一覧に handle がないため chain の先頭に挿入します）'
    }`,
  'fix.firewall.place.iptables': (p) =>
    `${p.tool} の table ${p.table}、chain ${p.chain}${hookJa(p.hook)}の ${p.action} ルール（${p.position} 番目、${p.source} の ${p.line} 行目）より上`,
  'fix.firewall.place.policy': (p) =>
    `${p.tool === 'nft' ? `table ${p.family} ${p.table}` : `${p.family === 'ip6' ? 'ip6tables' : 'iptables'} の table ${p.table}`}、chain ${p.chain}${hookJa(p.hook)}の先頭（この chain のポリシーは、どのルールも許可しなかったパケットを破棄します。${p.source} の ${p.line} 行目）`,
  'fix.path-mtu.clamp-mss': () => 'ブラックホールを自分で直せない場合: ルーターかコネクタホストで TCP MSS を経路 MTU に合わせます（clamp）',

  // ping-group-range
  'fix.ping-range.netns-now': (p) =>
    `ホストではなく、コネクタ自身のネットワーク名前空間（pid ${p.pid}）で ${p.key} を「${p.value}」に設定します（${p.reason}）`,
  'fix.ping-range.netns-persist': () =>
    '永続化: 新しい名前空間は既定値から始まるため、名前空間を作る場所で同じ sysctl を実行します（例: ユニットの ExecStartPre= で `ip netns exec NAME sysctl -w …`）。/etc/sysctl.d で設定されるのはホストの値だけです',
  'fix.ping-range.host-now': (p) => `ホストで今すぐ ${p.key} を「${p.value}」に設定します（${p.reason}）`,
  'fix.ping-range.host-every-group': () =>
    'または、すべてのグループを許可します（「0 2147483647」）。Docker と Twingate の Helm チャートが設定する値です。ping ソケットで送れるのは echo request だけです',
  'fix.ping-range.host-persist-file': (p) => `再起動後も維持するには ${p.path} を書き、\`sudo sysctl -p ${p.path}\` で適用します`,
  'fix.ping-range.persist-file.text': (p) => `${SYSCTL_FILE_COMMENT_JA}\n${p.key} = ${p.value}\n`,
  'fix.ping-range.host-persist-command': () => '同じことを 1 つのコマンドで: ファイルを書いて適用します',
  'fix.ping-range.systemd-restart': (p) => `${p.product} コネクタの systemd ユニット ${p.service} を再起動し、ICMP ソケットを開き直させます（${p.why}）`,
  'fix.ping-range.restart-why': (p) =>
    p.product === 'cloudflared'
      ? 'cloudflared は起動時にしか範囲を確認しません'
      : p.product
        ? `${p.product} コネクタは起動時に ICMP ソケットを開きます`
        : 'コネクタは起動時に ICMP ソケットを開きます',
  'fix.ping-range.read-only-proc-sys': () =>
    'コンテナの中ではこの設定を適用できません: /proc/sys が読み取り専用でマウントされているため、`sysctl -w` は失敗します（EROFS）',
  'fix.ping-range.read-only-proc-sys.text': (p) =>
    `範囲はコンテナの作成時に指定します（上記の ${p.style === 'docker' ? '`docker run --sysctl` または Compose の `sysctls:`' : '`podman run --sysctl` または quadlet の `Sysctl=`'}）。そのあとコンテナを削除して作り直してください。動いているコンテナは、作成時の名前空間を使い続けます。`,
  'fix.ping-range.docker-run': () =>
    'Docker: sysctl を付けてコンテナを起動します（Docker 20.10 以降は --network host や userns-remap を使わない限り「0 2147483647」を自動で設定します。--network host の場合はホストを直してください）',
  'fix.ping-range.compose-sysctls': () => 'Docker Compose: サービスの sysctls',
  'fix.ping-range.compose-sysctls.text': (p) =>
    yamlCommented(`docker-compose.yml: ${p.service} サービスにマージしてから \`docker compose up -d ${p.service}\` を実行してください。`, p.yaml),
  'fix.ping-range.podman-run': () => 'Podman: コンテナ自身の --sysctl（ホストの範囲は、rootless や podman のネットワーク名前空間には届きません）',
  'fix.ping-range.podman-quadlet-sysctl': (p) =>
    `Podman quadlet: ${p.path} の [Container] セクションに Sysctl= を追加し、\`sudo systemctl daemon-reload && sudo systemctl restart ${p.name}\` を実行します`,
  'fix.ping-range.kubernetes-pod-sysctls': (p) => `Kubernetes: Pod の securityContext.sysctls${p.workload ? `（${p.workload}）` : ''}`,
  'fix.ping-range.kubernetes-pod-sysctls.text': (p) =>
    yamlCommented(
      [
        `${p.workload ? `${p.workload} の Pod spec` : 'Pod spec'} にマージしてください（Deployment、DaemonSet、StatefulSet では spec.template.spec）。`,
        `${p.key} は Kubernetes 1.18 から「safe」な sysctl なので、kubelet の許可リストは不要です。`,
        'ネットワーク名前空間ごとの設定なので、hostNetwork の Pod には設定できません。その場合はノード側を直してください。',
      ].join('\n'),
      p.yaml,
    ),
  'fix.ping-range.kubernetes-rollout-restart': () => 'Kubernetes: Pod を再起動して、新しい設定で起動させます（Pod を systemctl で再起動することはありません）',
  'fix.ping-range.helm-icmp-support': () => 'Twingate の Helm チャート: icmpSupport.enabled',
  'fix.ping-range.helm-icmp-support.text': (p) =>
    yamlCommented(
      [
        'twingate/connector チャートの values.yaml です。次のコマンドで適用します:',
        '  helm upgrade <release> twingate/connector --reuse-values -f values.yaml',
        `チャートが Pod に securityContext.sysctls: [{name: ${p.key}, value: "0 2147483647"}] を追加します。`,
        'これで、コネクタが動く 65532 を含むすべてのグループが許可されます。',
      ].join('\n'),
      p.yaml,
    ),
  'fix.ping-range.helm-upgrade': () => 'Twingate の Helm チャート: 同じ設定を --set で（RELEASE はリリース名）。helm upgrade で Pod が入れ替わります',
  'fix.ping-range.openwrt-now': (p) => `OpenWrt で今すぐ ${p.key} を「${p.value}」に設定します（root で実行します。OpenWrt に sudo はありません）`,
  'fix.ping-range.openwrt-persist': (p) =>
    `OpenWrt: 再起動後も維持するには ${p.path} に書きます（起動時に /etc/init.d/sysctl が読み込みます。/etc/sysctl.conf でも可）。そのあと \`/etc/init.d/sysctl restart\` を実行します`,
  'fix.ping-range.openwrt-restart': (p) => `procd の init スクリプトで ${p.service} を再起動します（${p.why}）`,
  'fix.ping-range.systemd-primary-group': (p) =>
    `または、すでに範囲内にあるグループ ${p.group} を cloudflared のプライマリグループにします: systemd の drop-in を置き、\`sudo systemctl daemon-reload && sudo systemctl restart cloudflared\` を実行します`,
  'fix.ping-range.reason.smallest': (p) =>
    `グループ ${p.groups.join('、')} を許可する最小の変更${p.keeps ? `。今の「${p.keeps}」で許可されているグループもそのまま許可します` : ''}`,
  'fix.ping-range.reason.connector-group-unknown': () => 'コネクタのグループが分からないため、すべてのグループを許可します',
  'fix.ping-range.reason.this-process': (p) => `今の範囲を、このプロセスのグループ ${p.gid} が入る分だけ広げます`,
  'fix.ping-range.reason.our-groups-unknown': () => 'このプロセスのグループが分からないため、すべてのグループを許可します',

  // product-icmp-access
  'fix.product-access.twingate-resource': () => 'Twingate: Resource で ICMP を許可します',
  'fix.product-access.twingate-resource.text': (p) =>
    [
      `Admin Console → Network → Resources → ${p.target ?? '対象'} の Resource で、プロトコルとポートの制限を編集します。`,
      'ICMP を許可します（Terraform では twingate_resource に protocols { allow_icmp = true }）。',
      'ポートを制限した Resource は、列挙した TCP/UDP ポートしか通しません。ICMP は別のスイッチです。',
    ].join('\n'),
  'fix.product-access.firezone-resource': () => 'Firezone: Resource の Traffic restrictions で ICMP を許可します',
  'fix.product-access.firezone-resource.text': (p) =>
    [
      `管理ポータルの Resources → ${p.target ?? '対象'} の Resource → Edit を開きます。`,
      'Traffic restrictions で制限を外すか、許可している TCP/UDP ポートに ICMP を加えます。',
    ].join('\n'),

  // retest
  'fix.retest.ping': () => '修正後にもう一度 ping します',
};
