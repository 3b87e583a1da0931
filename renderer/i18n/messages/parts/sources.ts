// Where evidence came from, when that is said in our own words: the probes, the native
// capability probe, the connector scan, pasted text, a line of a log. Paths, URLs, commands and
// addresses are parameters and stay as they are.


export const en = {
  // ── probes from this host ──
  'source.tcp-probe': () => 'TCP connect from this host',
  'source.tcp-probe.to': (p: { target: string; port: number }) => `TCP connect from this host to ${p.target} port ${p.port}`,
  'source.icmp-probe': () => 'ICMP echo from this host',
  'source.icmp-probe.to': (p: { target: string }) => `ICMP echo from this host to ${p.target}`,
  'source.path-mtu-probe': () => 'path-MTU search (DF echo) from this host',
  'source.path-mtu-probe.to': (p: { target: string }) => `path-MTU search (DF echo) from this host to ${p.target}`,
  'source.transparency-probe': () => 'ICMP error-transparency probe from this host',
  'source.transparency-probe.ttl': (p: { target: string }) => `ICMP error-transparency probe from this host: TTL-limited echo toward ${p.target}`,
  'source.transparency-probe.unreachable': (p: { target: string }) =>
    `ICMP error-transparency probe from this host: echo to the should-be-unreachable ${p.target}`,

  // ── this host and this process ──
  'source.this-host': () => 'this host',
  'source.this-process': () => 'this process',
  'source.capability': () => 'probeCapability() of the native addon',
  'source.capability.identity': (p: { calls: string }) => `probeCapability() of the native addon (${p.calls})`,
  'source.capability.sockets': (p: { v4: string; v6: string }) => `probeCapability() of the native addon: ${p.v4} and ${p.v6}`,

  // ── connectors ──
  'source.proc-scan': (p: { path: string; count: number }) => `${p.path} (${p.count} processes)`,
  'source.netns-range': (p: { command: string; pid: number; netns: string }) => `${p.command} (the network namespace of pid ${p.pid}, ${p.netns})`,
  'source.shared-netns-range': (p: { path: string; pid: number; netns: string }) => `${p.path} (pid ${p.pid} shares our network namespace ${p.netns})`,

  // ── cloudflared and the Cloudflare API ──
  'source.cloudflared': () => 'cloudflared',
  'source.cloudflared.everywhere': () => 'cloudflared (processes, config, log, metrics server)',
  'source.cloudflared.pid': (p: { pid: number }) => `cloudflared pid ${p.pid}`,
  'source.cloudflared.log': () => 'cloudflared log',
  /** Every place cloudflared's facts were read from: its processes, config file, log, metrics server. */
  'source.cloudflared.gathered': (p: { pids: readonly number[]; config: string | null; log: boolean; metrics: string | null }) =>
    [...p.pids.map((pid) => `cloudflared pid ${pid}`), p.config, p.log ? 'cloudflared log' : null, p.metrics].filter((part) => typeof part === 'string').join(', '),
  'source.cloudflare-api': (p: { endpoint: string }) => `Cloudflare API (${p.endpoint})`,

  // ── pasted and imported text ──
  'source.pasted-text': () => 'pasted text',
  'source.pasted-log': () => 'pasted log',
  /** One line of a pasted text the fact was read from. */
  'source.import-line': (p: { source: string; line: number }) => `${p.source} (line ${p.line})`,
  'source.helm-under': (p: { source: string; under: string }) => `${p.source} (under "${p.under}:")`,
  /** One of several objects in a pasted YAML text ("document 2: Deployment/cloudflared"). */
  'source.pod-object': (p: { source: string; document: number; item: number | null; title: string }) =>
    `${p.source} (document ${p.document}${p.item !== null ? `, item ${p.item}` : ''}: ${p.title})`,
  /** Several files or texts the same facts were read from. */
  'source.several': (p: { sources: readonly string[] }) => p.sources.join(', '),

  // ── the checks' view of a source ──
  /** One line of a log or file. */
  'source.line': (p: { source: string; line: number }) => `${p.source}, line ${p.line}`,
  /** What one process of a gathered list said. */
  'source.pid': (p: { source: string; pid: number }) => `${p.source} (pid ${p.pid})`,
  'source.firezone-ranges': () => 'Firezone DNS resource ranges',
  /** A fact carried in a connector report made on another host. */
  'source.via-report': (p: { report: string; source: string }) => `connector report ${p.report}: ${p.source}`,
};

export const ja: typeof en = {
  'source.tcp-probe': () => 'このホストからの TCP 接続',
  'source.tcp-probe.to': (p) => `このホストから ${p.target} ポート ${p.port} への TCP 接続`,
  'source.icmp-probe': () => 'このホストからの ICMP echo',
  'source.icmp-probe.to': (p) => `このホストから ${p.target} への ICMP echo`,
  'source.path-mtu-probe': () => 'このホストからの経路 MTU 探索（DF 付き echo）',
  'source.path-mtu-probe.to': (p) => `このホストから ${p.target} への経路 MTU 探索（DF 付き echo）`,
  'source.transparency-probe': () => 'このホストからの ICMP エラー透過性プローブ',
  'source.transparency-probe.ttl': (p) => `このホストからの ICMP エラー透過性プローブ: ${p.target} 方向への TTL 制限付き echo`,
  'source.transparency-probe.unreachable': (p) => `このホストからの ICMP エラー透過性プローブ: 到達できないはずの ${p.target} への echo`,

  'source.this-host': () => 'このホスト',
  'source.this-process': () => 'このプロセス',
  'source.capability': () => 'ネイティブアドオンの probeCapability()',
  'source.capability.identity': (p) => `ネイティブアドオンの probeCapability()（${p.calls}）`,
  'source.capability.sockets': (p) => `ネイティブアドオンの probeCapability(): ${p.v4} と ${p.v6}`,

  'source.proc-scan': (p) => `${p.path}（${p.count} プロセスを走査）`,
  'source.netns-range': (p) => `${p.command}（pid ${p.pid} のネットワーク名前空間、${p.netns}）`,
  'source.shared-netns-range': (p) => `${p.path}（pid ${p.pid} はこのホストと同じネットワーク名前空間 ${p.netns} にいます）`,

  'source.cloudflared': () => 'cloudflared の情報',
  'source.cloudflared.everywhere': () => 'cloudflared（プロセス、設定、ログ、メトリクスサーバー）',
  'source.cloudflared.pid': (p) => `cloudflared プロセス（pid ${p.pid}）`,
  'source.cloudflared.log': () => 'cloudflared のログ',
  'source.cloudflared.gathered': (p) =>
    [...p.pids.map((pid) => `cloudflared プロセス（pid ${pid}）`), p.config, p.log ? 'cloudflared のログ' : null, p.metrics]
      .filter((part) => typeof part === 'string')
      .join('、'),
  'source.cloudflare-api': (p) => `Cloudflare API（${p.endpoint} エンドポイント）`,

  'source.pasted-text': () => '貼り付けたテキスト',
  'source.pasted-log': () => '貼り付けたログ',
  'source.import-line': (p) => `${p.source}（${p.line} 行目）`,
  'source.helm-under': (p) => `${p.source}（「${p.under}:」の下）`,
  'source.pod-object': (p) => `${p.source} の ${p.document} 番目のドキュメント${p.item !== null ? `、${p.item} 番目の要素` : ''}（${p.title}）`,
  'source.several': (p) => `${p.sources.join('、')}（${p.sources.length} 件）`,

  'source.line': (p) => `${p.source}、${p.line} 行目`,
  'source.pid': (p) => `${p.source}、pid ${p.pid} のプロセス`,
  'source.firezone-ranges': () => 'Firezone の DNS リソースのアドレス範囲',
  'source.via-report': (p) => `コネクタレポート ${p.report} 内の ${p.source}`,
};

