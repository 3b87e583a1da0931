// icmp-proxy (renderer/wizard/checks/icmp-proxy.ts): is the account's Zero Trust ICMP proxy
// on. Every summary may carry the note that cloudflared's own "ICMP proxy feature is disabled"
// is about its group, not this setting (`gidWarning`). Dashboard labels are Cloudflare's own
// and stay quoted as the dashboard shows them.

const DASHBOARD_PATH = 'Traffic policies → Traffic settings → ICMP';

const gidNoteEn = (gidWarning: boolean): string =>
  gidWarning
    ? ' cloudflared also logged "ICMP proxy feature is disabled": that is about its group being outside ping_group_range on the connector host (see connector-gid-range), not about this Zero Trust setting.'
    : '';
const gidNoteJa = (gidWarning: boolean): string =>
  gidWarning
    ? 'なお、cloudflared がログに出した「ICMP proxy feature is disabled」は、コネクタのホストで cloudflared のグループが ping_group_range の範囲外にあるという意味で（connector-gid-range を参照）、この Zero Trust の設定とは関係ありません。'
    : '';

/** What would let the API be read: the missing token and account, or the step that reads it. */
function missingEn(p: { needToken: boolean; needAccount: boolean }): string {
  const missing = [
    ...(p.needToken ? ['set CLOUDFLARE_API_TOKEN (a token with "Zero Trust: Read")'] : []),
    ...(p.needAccount ? ['give --cloudflare-account ACCOUNT_ID'] : []),
  ];
  return missing.length > 0 ? missing.join(' and ') : 'run the "Zero Trust ICMP proxy setting" step';
}
function missingJa(p: { needToken: boolean; needAccount: boolean }): string {
  const missing = [
    ...(p.needToken ? ['CLOUDFLARE_API_TOKEN（「Zero Trust: Read」権限を持つトークン）を設定'] : []),
    ...(p.needAccount ? ['--cloudflare-account ACCOUNT_ID を指定'] : []),
  ];
  if (missing.length === 0) return '「Zero Trust の ICMP プロキシ設定」ステップを実行して';
  return missing.map((step, i) => (i < missing.length - 1 ? `${step}し` : `${step}して`)).join('、');
}

export const en = {
  // Evidence.
  'icmp-proxy.api-setting': (p: { account: string; enabled: boolean }) => `account ${p.account}: icmp_proxy_enabled = ${p.enabled}`,
  'icmp-proxy.counters': (p: { requests: number; replies: number | null }) =>
    `cloudflared_icmp_total_requests = ${p.requests}, cloudflared_icmp_total_replies = ${p.replies ?? 'n/a'}`,
  // Summaries.
  'icmp-proxy.quick-tunnel': (p: { gidWarning: boolean }) =>
    `cloudflared runs a quick tunnel (trycloudflare.com): quick tunnels carry HTTP to one origin and never proxy ICMP or private-network traffic. Use a named tunnel with a private network route.${gidNoteEn(p.gidWarning)}`,
  'icmp-proxy.on': (p: { account: string; gidWarning: boolean }) => `The Zero Trust ICMP proxy is on for account ${p.account}.${gidNoteEn(p.gidWarning)}`,
  'icmp-proxy.off': (p: { account: string; gidWarning: boolean }) =>
    `The Zero Trust ICMP proxy is off for account ${p.account} (icmp_proxy_enabled: false): Cloudflare drops ping to private networks before it reaches cloudflared.${gidNoteEn(p.gidWarning)}`,
  /** `apiFailure`: why the API could not be read, when it was asked. */
  'icmp-proxy.counted': (p: { apiFailure: string | null; gidWarning: boolean }) =>
    `cloudflared has received ICMP requests through the tunnel, so the Zero Trust ICMP proxy is on${p.apiFailure ? ` (the API could not be read: ${p.apiFailure})` : ''}.${gidNoteEn(p.gidWarning)}`,
  'icmp-proxy.unknown-api-failed': (p: { advice: string; gidWarning: boolean }) =>
    `Whether the Zero Trust ICMP proxy is on is not known: the API could not be read — ${p.advice}. Or look in the dashboard (${DASHBOARD_PATH}).${gidNoteEn(p.gidWarning)}`,
  'icmp-proxy.unknown-not-asked': (p: { needToken: boolean; needAccount: boolean; gidWarning: boolean }) =>
    `Whether the Zero Trust ICMP proxy is on is not known: ${missingEn(p)} so it can be read from the API, or look in the dashboard (${DASHBOARD_PATH}).${gidNoteEn(p.gidWarning)}`,
  // What to do about an API failure, by its code.
  'icmp-proxy.advice.auth-failed': () => 'the token was not accepted (expired, revoked or mistyped): create a new API token and put it in CLOUDFLARE_API_TOKEN',
  'icmp-proxy.advice.forbidden': () => 'the token lacks the account permission "Zero Trust: Read" (or is not scoped to this account): add it to the token',
  'icmp-proxy.advice.timeout': () => "the Cloudflare API did not answer in time: check this machine's HTTPS egress to api.cloudflare.com (or CLOUDFLARE_API_BASE) and retry",
  'icmp-proxy.advice.not-found': () => 'the account was not found: check --cloudflare-account (the 32-character account id from the dashboard URL)',
  'icmp-proxy.advice.other': () => 'retry, or read the setting in the dashboard',
};

export const ja: typeof en = {
  'icmp-proxy.api-setting': (p) => `アカウント ${p.account} の設定: icmp_proxy_enabled = ${p.enabled}`,
  'icmp-proxy.counters': (p) =>
    `cloudflared のメトリクス: cloudflared_icmp_total_requests = ${p.requests}、cloudflared_icmp_total_replies = ${p.replies ?? '（なし）'}`,
  'icmp-proxy.quick-tunnel': (p) =>
    `cloudflared は Quick Tunnel（trycloudflare.com）で動いています。Quick Tunnel が運ぶのは 1 つのオリジンへの HTTP だけで、ICMP やプライベートネットワーク宛ての通信は中継しません。プライベートネットワークのルートを設定した名前付きトンネルを使ってください。${gidNoteJa(p.gidWarning)}`,
  'icmp-proxy.on': (p) => `アカウント ${p.account} では Zero Trust の ICMP プロキシが有効です。${gidNoteJa(p.gidWarning)}`,
  'icmp-proxy.off': (p) =>
    `アカウント ${p.account} では Zero Trust の ICMP プロキシが無効です（icmp_proxy_enabled: false）。プライベートネットワーク宛ての ping は、cloudflared に届く前に Cloudflare で破棄されます。${gidNoteJa(p.gidWarning)}`,
  'icmp-proxy.counted': (p) =>
    `cloudflared がトンネル経由で ICMP リクエストを受け取っているので、Zero Trust の ICMP プロキシは有効です${p.apiFailure ? `（API は読み取れませんでした: ${p.apiFailure}）` : ''}。${gidNoteJa(p.gidWarning)}`,
  'icmp-proxy.unknown-api-failed': (p) =>
    `Zero Trust の ICMP プロキシが有効かどうか分かりません。API を読み取れませんでした。${p.advice}。または、ダッシュボードの「${DASHBOARD_PATH}」で確認してください。${gidNoteJa(p.gidWarning)}`,
  'icmp-proxy.unknown-not-asked': (p) =>
    `Zero Trust の ICMP プロキシが有効かどうか分かりません。${missingJa(p)} API から読み取るか、ダッシュボードの「${DASHBOARD_PATH}」で確認してください。${gidNoteJa(p.gidWarning)}`,
  'icmp-proxy.advice.auth-failed': () => 'トークンが受け付けられませんでした（期限切れ、失効、または入力ミス）。新しい API トークンを作成して CLOUDFLARE_API_TOKEN に設定してください',
  'icmp-proxy.advice.forbidden': () => 'トークンにアカウントの権限「Zero Trust: Read」がないか、このアカウントが対象に含まれていません。トークンにこの権限を追加してください',
  'icmp-proxy.advice.timeout': () => 'Cloudflare API が時間内に応答しませんでした。このマシンから api.cloudflare.com（または CLOUDFLARE_API_BASE）への HTTPS 通信を確認して、再試行してください',
  'icmp-proxy.advice.not-found': () => 'アカウントが見つかりませんでした。--cloudflare-account（ダッシュボードの URL にある 32 文字のアカウント ID）を確認してください',
  'icmp-proxy.advice.other': () => '再試行するか、ダッシュボードで設定を確認してください',
};
