// Messages every check shares: the fixed finding titles and what a gather failure's code means.

import type { GatherFailureCode } from '../../../../contract/evidence';
import type { FindingId } from '../../../../contract/findings';

type Titles = { [K in FindingId as `finding.title.${K}`]: () => string };
type Failures = { [K in GatherFailureCode as `failure.code.${K}`]: () => string };

const titlesEn: Titles = {
  'finding.title.local-icmp-socket': () => 'ICMP sockets on this machine',
  'finding.title.tcp-vs-icmp': () => 'TCP vs ICMP to the target',
  'finding.title.tunnel-connection': () => 'Tunnel connected to the Cloudflare edge',
  'finding.title.tunnel-transport': () => 'Tunnel transport (QUIC carries ICMP, HTTP/2 does not)',
  'finding.title.icmp-proxy': () => 'Zero Trust ICMP proxy',
  'finding.title.connector-gid-range': () => "Connector's group vs ping_group_range",
  'finding.title.icmp-error-transparency': () => 'ICMP errors come back through the tunnel',
  'finding.title.path-mtu': () => 'Path MTU',
  'finding.title.icmp-policy': () => 'ICMP dropped or refused by policy',
  'finding.title.route-through-tunnel': () => "Target routed into the tunnel's interface",
};

const failuresEn: Failures = {
  'failure.code.NOT_FOUND': () => 'not found',
  'failure.code.PERMISSION_DENIED': () => 'not permitted to look',
  'failure.code.UNPARSEABLE': () => 'could not be understood',
  'failure.code.TIMEOUT': () => 'timed out',
  'failure.code.HTTP_ERROR': () => 'HTTP error',
  'failure.code.AUTH_FAILED': () => 'authentication failed',
  'failure.code.FORBIDDEN': () => 'forbidden',
  'failure.code.NOT_APPLICABLE': () => 'not applicable',
  'failure.code.CANCELLED': () => 'cancelled',
  'failure.code.FAILED': () => 'failed',
};

export const en = {
  ...titlesEn,
  ...failuresEn,
  /** A gather failure cited as evidence: "TIMEOUT (timed out): no answer from … in 10 s". */
  'failure.cited': (p: { code: string; meaning: string; message: string }) => `${p.code} (${p.meaning}): ${p.message}`,
  /** A gatherer's own words, for failures made before gatherers spoke in keys (imported reports). */
  'failure.verbatim': (p: { text: string }) => `${p.text}`,
};

export const ja: typeof en = {
  'finding.title.local-icmp-socket': () => 'このマシンの ICMP ソケット',
  'finding.title.tcp-vs-icmp': () => '対象への TCP と ICMP の比較',
  'finding.title.tunnel-connection': () => 'トンネルと Cloudflare エッジの接続',
  'finding.title.tunnel-transport': () => 'トンネルのトランスポート（ICMP を運べるのは QUIC のみ、HTTP/2 は不可）',
  'finding.title.icmp-proxy': () => 'Zero Trust の ICMP プロキシ',
  'finding.title.connector-gid-range': () => 'コネクタのグループと ping_group_range',
  'finding.title.icmp-error-transparency': () => 'ICMP エラーがトンネル越しに戻ってくるか',
  'finding.title.path-mtu': () => '経路 MTU',
  'finding.title.icmp-policy': () => 'ポリシーによる ICMP の破棄・拒否',
  'finding.title.route-through-tunnel': () => '対象がトンネルのインターフェースへルーティングされているか',
  'failure.code.NOT_FOUND': () => '見つかりません',
  'failure.code.PERMISSION_DENIED': () => '参照する権限がありません',
  'failure.code.UNPARSEABLE': () => '内容を解釈できません',
  'failure.code.TIMEOUT': () => 'タイムアウトしました',
  'failure.code.HTTP_ERROR': () => 'HTTP エラー',
  'failure.code.AUTH_FAILED': () => '認証に失敗しました',
  'failure.code.FORBIDDEN': () => 'アクセスが拒否されました',
  'failure.code.NOT_APPLICABLE': () => '該当しません',
  'failure.code.CANCELLED': () => 'キャンセルされました',
  'failure.code.FAILED': () => '失敗しました',
  'failure.cited': (p) => `${p.code}（${p.meaning}）: ${p.message}`,
  'failure.verbatim': (p) => `${p.text}`,
};
