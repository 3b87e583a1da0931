// Where evidence came from, when that is said in our own words: the probes, the native
// capability probe, the connector scan, pasted text, a line of a log. Paths, URLs, commands and
// addresses are parameters and stay as they are.


const PROTOCOLS = 'auto, quic, http2';

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

  // ── what the cloudflared gatherer read (CloudflaredEvidence.sourceMessages) ──
  /** `command` is the argv as shown, secrets already replaced by [redacted]. */
  'source.cloudflared.command-line': (p: { pid: number; command: string }) => `command line of cloudflared pid ${p.pid}: ${p.command}`,
  'source.cloudflared.environment-unread': (p: { pid: number; problem: string }) => `environment of cloudflared pid ${p.pid} not read: ${p.problem}`,
  'source.cloudflared.bad-protocol-flag': (p: { pid: number; flag: string; raw: string }) =>
    `cloudflared pid ${p.pid}: ${p.flag} ${p.raw} is not a protocol cloudflared knows (${PROTOCOLS})`,
  'source.cloudflared.bad-protocol-env': (p: { pid: number; raw: string }) =>
    `cloudflared pid ${p.pid}: TUNNEL_TRANSPORT_PROTOCOL=${p.raw} is not a protocol cloudflared knows (${PROTOCOLS})`,
  'source.cloudflared.bad-protocol-config': (p: { path: string; raw: string }) => `${p.path}: protocol: ${p.raw} is not a protocol cloudflared knows (${PROTOCOLS})`,
  /** `keys`: the config's lines that matter, as YAML ("tunnel: ID"), or source.cloudflared.config.no-protocol. */
  'source.cloudflared.config': (p: { path: string; keys: readonly string[] }) => `cloudflared config ${p.path} (${p.keys.join(', ')})`,
  'source.cloudflared.config.no-protocol': () => 'no protocol: (auto)',
  'source.cloudflared.config-not-used': (p: { given: string; used: string }) => `the config file given (${p.given}) was not read: the running cloudflared uses ${p.used}`,
  /**
   * A log read: `name` a path or source.cloudflared.journal; `tail` when only the end of a long
   * log was read (sizes as "50 MB" or a character count); `runs` when it started more than once.
   */
  'source.cloudflared.log-read': (p: {
    name: string;
    lines: number;
    firstLine: number | null;
    tail: string | null;
    total: string | null;
    numbered: boolean;
    runs: number;
    lastStart: number | null;
  }) => {
    const parts = [`${p.lines} lines${p.firstLine !== null && p.firstLine > 1 ? ` from line ${p.firstLine}` : ''}`];
    if (p.tail !== null) parts.push(`only the last ${p.tail} of ${p.total ?? '?'} were read${p.numbered ? '' : '; line numbers unknown, the skipped part was not counted'}`);
    if (p.runs > 1) parts.push(`cloudflared started ${p.runs} times; only its last start${p.lastStart !== null ? ` at line ${p.lastStart}` : ''} and after count`);
    return `cloudflared log ${p.name}: ${parts.join('; ')}`;
  },
  'source.cloudflared.journal': (p: { command: string }) => `from the systemd journal (${p.command})`,
  'source.cloudflared.characters': (p: { count: number }) => `${p.count} characters`,
  /** A log found through a lead (gather.lead.*). */
  'source.cloudflared.log-via': (p: { log: string; lead: string }) => `${p.log} (${p.lead})`,
  /** The metrics server read: `why` is how it was found (gather.lead.*), `facts` what it said. */
  'source.cloudflared.metrics': (p: { url: string; why: string; facts: readonly string[] }) => `cloudflared metrics ${p.url}, found by ${p.why}: ${p.facts.join('; ')}`,
  'source.cloudflared.metrics.quic-tried': (p: { connections: number | null }) => `QUIC tried (quic_client_total_connections ${p.connections ?? '?'})`,
  'source.cloudflared.metrics.quic-untried': () => 'no quic_client_* metrics (QUIC never tried)',
  'source.cloudflared.metrics.icmp': (p: { requests: number | null; replies: number | null }) =>
    `ICMP requests ${p.requests ?? 'not counted'}, replies ${p.replies ?? 'not counted'}`,
  'source.cloudflared.metrics.ready': (p: { status: number; connections: number }) => `/ready: ${p.status}, ${p.connections} connections`,
  'source.cloudflared.metrics.diag-protocol': (p: { protocol: string }) => `/diag/configuration: protocol ${p.protocol}`,
  'source.cloudflared.metrics.not-read': (p: { notes: readonly string[] }) => `not read: ${p.notes.join('; ')}`,
  /** An endpoint of the metrics server that did not answer usefully. */
  'source.cloudflared.endpoint.failed': (p: { path: string; problem: string }) => `${p.path}: ${p.problem}`,
  'source.cloudflared.endpoint.status': (p: { path: string; status: number }) =>
    `${p.path}: HTTP ${p.status}${p.status === 404 ? ' (not served by this cloudflared version)' : ''}`,
  'source.cloudflared.endpoint.not-json': (p: { path: string }) => `${p.path}: not the JSON cloudflared serves there`,
  /** Looked for and not had (a gather.* reason). */
  'source.cloudflared.not-read': (p: { problem: string }) => `not read: ${p.problem}`,
  /** Where a requested transport came from (CloudflaredEvidence.requestedTransport.detailMessage). */
  'source.cloudflared.requested.flag': (p: { flag: string; raw: string; pid: number }) => `${p.flag} ${p.raw} on the command line of cloudflared pid ${p.pid}`,
  'source.cloudflared.requested.env': (p: { raw: string; pid: number }) => `TUNNEL_TRANSPORT_PROTOCOL=${p.raw} in the environment of cloudflared pid ${p.pid}`,
  'source.cloudflared.requested.config': (p: { raw: string; path: string }) => `protocol: ${p.raw} in ${p.path}`,
  'source.cloudflared.requested.logged-env': (p: { value: string; line: number | null }) =>
    `TUNNEL_TRANSPORT_PROTOCOL=${p.value}, as cloudflared listed its environment at startup${p.line !== null ? ` (log line ${p.line})` : ''}`,
  /** A capped list's summary: the first few places, then how many more (the full list is in the evidence). */
  'source.cloudflared.places': (p: { count: number; first: readonly string[]; more: number }) =>
    `${p.count} places: ${p.first.join(', ')}${p.more > 0 ? ` and ${p.more} more` : ''}`,

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

  'source.cloudflared.command-line': (p) => `cloudflared（pid ${p.pid}）のコマンドライン: ${p.command}`,
  'source.cloudflared.environment-unread': (p) => `cloudflared（pid ${p.pid}）の環境変数は読めませんでした（${p.problem}）`,
  'source.cloudflared.bad-protocol-flag': (p) => `cloudflared（pid ${p.pid}）の ${p.flag} ${p.raw} は cloudflared のプロトコル（${PROTOCOLS}）ではありません`,
  'source.cloudflared.bad-protocol-env': (p) => `cloudflared（pid ${p.pid}）の TUNNEL_TRANSPORT_PROTOCOL=${p.raw} は cloudflared のプロトコル（${PROTOCOLS}）ではありません`,
  'source.cloudflared.bad-protocol-config': (p) => `${p.path} の protocol: ${p.raw} は cloudflared のプロトコル（${PROTOCOLS}）ではありません`,
  'source.cloudflared.config': (p) => `cloudflared の設定ファイル ${p.path}（${p.keys.join('、')}）`,
  'source.cloudflared.config.no-protocol': () => 'protocol: なし（auto）',
  'source.cloudflared.config-not-used': (p) => `指定された設定ファイル（${p.given}）は読んでいません。動いている cloudflared は ${p.used} を使っています`,
  'source.cloudflared.log-read': (p) => {
    const parts = [`${p.firstLine !== null && p.firstLine > 1 ? `${p.firstLine} 行目から ` : ''}${p.lines} 行`];
    if (p.tail !== null) parts.push(`${p.total ?? '?'} のうち最後の ${p.tail} だけを読みました${p.numbered ? '' : '（読み飛ばした部分は数えていないため、行番号は分かりません）'}`);
    if (p.runs > 1) parts.push(`cloudflared は ${p.runs} 回起動しています。最後の起動${p.lastStart !== null ? `（${p.lastStart} 行目）` : ''}以降だけを見ます`);
    return `cloudflared のログ ${p.name}: ${parts.join('。')}`;
  },
  'source.cloudflared.journal': (p) => `（systemd のジャーナル、${p.command}）`,
  'source.cloudflared.characters': (p) => `${p.count} 文字`,
  'source.cloudflared.log-via': (p) => `${p.log}（参照元: ${p.lead}）`,
  'source.cloudflared.metrics': (p) => `cloudflared のメトリクス ${p.url}（発見元: ${p.why}）: ${p.facts.join('。')}`,
  'source.cloudflared.metrics.quic-tried': (p) => `QUIC は試されています（quic_client_total_connections ${p.connections ?? '?'}）`,
  'source.cloudflared.metrics.quic-untried': () => 'quic_client_* のメトリクスがありません（QUIC は一度も試されていません）',
  'source.cloudflared.metrics.icmp': (p) => `ICMP リクエスト ${p.requests ?? '未計測'}、応答 ${p.replies ?? '未計測'}`,
  'source.cloudflared.metrics.ready': (p) => `/ready: ${p.status}、接続数 ${p.connections}`,
  'source.cloudflared.metrics.diag-protocol': (p) => `/diag/configuration の protocol は ${p.protocol}`,
  'source.cloudflared.metrics.not-read': (p) => `読めなかったもの: ${p.notes.join('、')}`,
  'source.cloudflared.endpoint.failed': (p) => `${p.path}: 読めませんでした（${p.problem}）`,
  'source.cloudflared.endpoint.status': (p) => `${p.path}: HTTP ${p.status} が返りました${p.status === 404 ? '（このバージョンの cloudflared にはありません）' : ''}`,
  'source.cloudflared.endpoint.not-json': (p) => `${p.path}: cloudflared が返す JSON ではありません`,
  'source.cloudflared.not-read': (p) => `読めなかったもの: ${p.problem}`,
  'source.cloudflared.requested.flag': (p) => `cloudflared（pid ${p.pid}）のコマンドラインの ${p.flag} ${p.raw}`,
  'source.cloudflared.requested.env': (p) => `cloudflared（pid ${p.pid}）の環境変数 TUNNEL_TRANSPORT_PROTOCOL=${p.raw}`,
  'source.cloudflared.requested.config': (p) => `${p.path} の protocol: ${p.raw}`,
  'source.cloudflared.requested.logged-env': (p) =>
    `起動時に cloudflared がログに出した環境変数の TUNNEL_TRANSPORT_PROTOCOL=${p.value}${p.line !== null ? `（ログの ${p.line} 行目）` : ''}`,
  'source.cloudflared.places': (p) => `${p.count} か所（${p.first.join('、')}${p.more > 0 ? ` ほか ${p.more} か所` : ''}）`,

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

