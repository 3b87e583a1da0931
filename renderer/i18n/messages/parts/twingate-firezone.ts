// Twingate connector logs and Helm values, Firezone gateway version and resource filters (issue 9).
// Versions, line numbers, protocols and resource names are values and stay as they are.

import { listEn, listJa, plural } from './format';

type Helm = 'enabled' | 'host-network' | null;

const helmEn = (helm: Helm): string =>
  helm === 'enabled'
    ? ' This contradicts the imported Helm values, which set icmpSupport.enabled=true (the chart then sets the pod sysctl to admit every group): those values may not be the deployed ones (check with `helm get values RELEASE`), or the pod was not restarted since.'
    : helm === 'host-network'
      ? ' The imported Helm values set hostNetwork=true: the node\u2019s ping_group_range applies, and icmpSupport.enabled cannot change it; set the range on the node.'
      : '';
const helmJa = (helm: Helm): string =>
  helm === 'enabled'
    ? 'これは、インポートした Helm の values（icmpSupport.enabled=true。チャートが Pod の sysctl ですべてのグループを許可します）と矛盾します。その values が実際にデプロイされたものではない（`helm get values RELEASE` で確認してください）か、変更後に Pod が再起動されていない可能性があります。'
    : helm === 'host-network'
      ? 'インポートした Helm の values は hostNetwork=true です。ノードの ping_group_range が適用されるため、icmpSupport.enabled では変えられません。ノードで範囲を設定してください。'
      : '';

export const en = {
  // Imports.
  'twingate.log.thing': () => 'the Twingate connector log',
  'gather.twingate-log.not-twingate': (p: { lines: number }) =>
    `There is no Twingate connector line among its ${p.lines} lines ("[INFO] [connector] …", "[ERROR] [libsdwan] …"): export the log with \`journalctl -u twingate-connector\`, \`docker logs CONTAINER\` or \`kubectl logs POD\`.`,
  'twingate.import.facts': (p: { version: string | null; denied: number; state: string | null }) =>
    `${p.version ? `Connector version ${p.version}` : 'No version line'}; ${p.denied > 0 ? plural(p.denied, 'line says', 'lines say') + ' ICMP was refused' : 'no ICMP refusal'}${p.state ? `; last state ${p.state}` : ''}.`,
  'firezone.log.thing': () => 'the Firezone gateway log',
  'gather.firezone-log.not-gateway': (p: { lines: number }) =>
    `There is no Firezone gateway line among its ${p.lines} lines (firezone_gateway, "\`gateway\` started logging"): export the log with \`journalctl -u firezone-gateway\` or \`docker logs CONTAINER\`.`,
  'firezone.import.facts.log': (p: { version: string | null }): string =>
    p.version ? `Gateway version ${p.version} (start line).` : 'No start line with a version (gateways before 1.4.12 write none, or the log does not reach back to the start).',
  'firezone.resource.thing': () => 'the Firezone resource',
  'gather.firezone-resource.not-resource': (p: { got: string }) =>
    `There is no Firezone resource here (an object with "filters", as GET /resources/ID returns it, or a list of them); got ${p.got}.`,
  'gather.firezone-resource.no-filters': (p: { resource: string }) =>
    `Resource ${p.resource} has no "filters" key: paste the resource as Firezone's API returns it (GET /resources/ID).`,
  'gather.firezone-resource.filters-not-list': (p: { resource: string; got: string }) => `Resource ${p.resource}: "filters" must be a list, got ${p.got}.`,
  'gather.firezone-resource.bad-filter': (p: { resource: string; index: number; got: string }) => `Resource ${p.resource}, filter ${p.index}: expected an object with "protocol", got ${p.got}.`,
  'gather.firezone-resource.bad-protocol': (p: { resource: string; index: number; got: string }) =>
    `Resource ${p.resource}, filter ${p.index}: protocol must be tcp, udp or icmp, got ${p.got}.`,
  'gather.firezone-resource.failed': (p: { detail: string }) => `Reading the Firezone resource failed: ${p.detail}.`,
  'firezone.import.facts.resources': (p: { resources: readonly string[]; icmp: readonly boolean[] }) =>
    `${plural(p.resources.length, 'resource', 'resources')}: ${listEn(p.resources.map((name, i) => `${name} (ICMP ${p.icmp[i] ? 'permitted' : 'not permitted'})`))}.`,

  // connector-gid-range: Twingate's log.
  'twingate.gid.denied': (p: { lines: readonly number[]; helm: Helm }) =>
    `The Twingate connector's log says opening an ICMP socket was refused (line ${listEn(p.lines.map(String))}): the connector's group is outside net.ipv4.ping_group_range where it runs, so it cannot ping resources.${helmEn(p.helm)}`,
  'twingate.gid.contradicted': (p: { note: string }) => `Another source says the opposite: ${p.note}`,
  'twingate.gid.evidence.helm': (p: { helm: 'enabled' | 'host-network' }): string =>
    p.helm === 'enabled' ? 'icmpSupport.enabled=true here, yet the connector log says ICMP was refused' : 'hostNetwork=true here: the node\u2019s range applies',

  // icmp-error-transparency: the gateway's version.
  'firezone.gateway.predates': (p: { version: string; fixed: string }) =>
    `The Firezone gateway runs ${p.version}, older than ${p.fixed}, the first version that translates ICMP errors for DNS resources (firezone/firezone#7398): it drops them. Upgrade the gateway to ${p.fixed} or later.`,
  'firezone.gateway.has-fix': (p: { version: string; fixed: string }) =>
    `The Firezone gateway runs ${p.version}, which translates ICMP errors for DNS resources (since ${p.fixed}): the gateway is not what drops them.`,
  'firezone.gateway.versions-disagree': (p: { versions: readonly string[]; fixed: string }) =>
    `The imported gateway logs name different versions (${listEn(p.versions)}); those older than ${p.fixed} drop ICMP errors for DNS resources: upgrade every gateway of the site.`,
  'firezone.gateway.evidence.no-version': () => 'no start line with a version: gateways before 1.4.12 write none, or the log does not reach back to the start',

  // icmp-policy: traffic restrictions.
  'firezone.filter.refused': (p: { address: string; errors: readonly string[] }) =>
    `Echo requests to ${p.address} were refused through Firezone with ${listEn(p.errors)}: the gateway answers this way, by design (since gateway 1.4.13), when the resource's traffic restrictions leave ICMP out. It is not a firewall.`,
  'firezone.filter.resource-no-icmp': (p: { resource: string; allowed: readonly string[] }) =>
    `The Firezone resource ${p.resource} restricts traffic to ${listEn(p.allowed)}: ICMP is not among them, so its gateways refuse ping.`,
  'firezone.filter.resource-allows': (p: { resource: string; unrestricted: boolean }): string =>
    p.unrestricted ? `The Firezone resource ${p.resource} has no traffic restrictions: ICMP is permitted.` : `The Firezone resource ${p.resource} lists ICMP in its traffic restrictions.`,
  'firezone.filter.contradiction': (p: { resources: readonly string[]; address: string }) =>
    `The imported resource ${listEn(p.resources)} permits ICMP, yet the gateway refused echo to ${p.address}: the imported resource may be out of date, another resource may cover the address, or the access authorization expired.`,
  'firezone.filter.silent-gateway': (p: { versions: readonly string[]; since: string; address: string }) =>
    `The Firezone gateway runs ${listEn(p.versions)}: before ${p.since} a gateway drops what a resource's traffic restrictions leave out without answering, so they may be why echo to ${p.address} vanished. Check that the resource's Traffic Restrictions include ICMP in the admin portal.`,
  'firezone.filter.answering-gateway': (p: { versions: readonly string[]; since: string; address: string }) =>
    `The Firezone gateway runs ${listEn(p.versions)}: since ${p.since} it answers what the traffic restrictions leave out with ICMP 3/13, so they did not make echo to ${p.address} vanish.`,
  'firezone.filter.unreadable': (p: { code: string }) => `The imported Firezone resource could not be read (${p.code}).`,
  'firezone.filter.evidence.filters': (p: { resource: string; allowed: readonly string[] }): string =>
    p.allowed.length === 0 ? `${p.resource}: no traffic restrictions (every protocol and port)` : `${p.resource}: traffic restrictions ${listEn(p.allowed)}`,
  'fix.firezone.allow-icmp': () => 'Firezone: allow ICMP in the resource\u2019s traffic restrictions',
  'fix.firezone.allow-icmp.text': (p: { resources: readonly string[] }) =>
    `In the Firezone admin portal, open Resources \u2192 ${p.resources.length > 0 ? listEn(p.resources) : 'the resource'} \u2192 Edit. Under Traffic Restrictions, add ICMP (or remove every restriction: by default, all protocols and ports are accessible). Save: the site's gateways receive the change at once.`,

  // s/finish9: a running Twingate connector's own log, read on its host (connectors/twingate-own-log.ts).
  'twingate.own-log.journal': (p: { pid: number; unit: string; command: string }) => `the systemd journal of unit ${p.unit}, which Twingate connector pid ${p.pid} runs in (${p.command})`,
  'twingate.own-log.output': (p: { pid: number; path: string; stream: 'stdout' | 'stderr' }) => `${p.path}, the file Twingate connector pid ${p.pid} writes its ${p.stream} to`,
  'twingate.own-log.unread': (p: { pid: number; why: string }) => `The log of Twingate connector pid ${p.pid} was not read: ${p.why}`,
  'twingate.own-log.unreadable': (p: { pid: number; path: string; errno: string }) => `${p.path} (the output of Twingate connector pid ${p.pid}) could not be read: ${p.errno}`,
  'twingate.own-log.step': (p: { one: string; lines: number | null; denied: number }) =>
    p.lines === null ? `${p.one} (its own log could not be read)` : `${p.one} (its own log: ${p.lines} lines, ${p.denied} refused ICMP sockets)`,
};

export const ja: typeof en = {
  'twingate.log.thing': () => 'Twingate コネクタのログ',
  'gather.twingate-log.not-twingate': (p) =>
    `${p.lines} 行のどれも Twingate コネクタのログ（「[INFO] [connector] …」「[ERROR] [libsdwan] …」）ではありません。\`journalctl -u twingate-connector\`、\`docker logs CONTAINER\` または \`kubectl logs POD\` でログを書き出してください。`,
  'twingate.import.facts': (p) =>
    `${p.version ? `コネクタのバージョン ${p.version}` : 'バージョンの行はありません'}。${p.denied > 0 ? `ICMP が拒否された行が ${p.denied} 行あります` : 'ICMP の拒否はありません'}${p.state ? `。最後の状態は ${p.state} です` : ''}。`,
  'firezone.log.thing': () => 'Firezone ゲートウェイのログ',
  'gather.firezone-log.not-gateway': (p) =>
    `${p.lines} 行のどれも Firezone ゲートウェイのログ（firezone_gateway、「\`gateway\` started logging」）ではありません。\`journalctl -u firezone-gateway\` または \`docker logs CONTAINER\` でログを書き出してください。`,
  'firezone.import.facts.log': (p) =>
    p.version
      ? `ゲートウェイのバージョンは ${p.version} です（起動時の行）。`
      : 'バージョンを含む起動時の行がありません（1.4.12 より前のゲートウェイは書きません。またはログが起動時まで遡っていません）。',
  'firezone.resource.thing': () => 'Firezone のリソース',
  'gather.firezone-resource.not-resource': (p) =>
    `Firezone のリソース（GET /resources/ID が返す、「filters」を持つオブジェクト）またはその一覧を想定していましたが、${p.got} でした。`,
  'gather.firezone-resource.no-filters': (p) => `リソース ${p.resource} に「filters」キーがありません。Firezone の API が返すとおりに貼り付けてください（GET /resources/ID）。`,
  'gather.firezone-resource.filters-not-list': (p) => `リソース ${p.resource}: 「filters」はリストである必要がありますが、${p.got} でした。`,
  'gather.firezone-resource.bad-filter': (p) => `リソース ${p.resource} のフィルタ ${p.index}: 「protocol」を持つオブジェクトを想定していましたが、${p.got} でした。`,
  'gather.firezone-resource.bad-protocol': (p) => `リソース ${p.resource} のフィルタ ${p.index}: protocol は tcp、udp、icmp のいずれかです。${p.got} は使えません。`,
  'gather.firezone-resource.failed': (p) => `Firezone のリソースを読み取れませんでした: ${p.detail}。`,
  'firezone.import.facts.resources': (p) =>
    `リソース ${p.resources.length} 件: ${listJa(p.resources.map((name, i) => `${name}（ICMP は${p.icmp[i] ? '許可' : '不許可'}）`))}。`,

  'twingate.gid.denied': (p) =>
    `Twingate コネクタのログに、ICMP ソケットを開けなかったと記録されています（${listJa(p.lines.map(String))} 行目）。コネクタのグループが、動いている場所の net.ipv4.ping_group_range の外にあるため、リソースに ping できません。${helmJa(p.helm)}`,
  'twingate.gid.contradicted': (p) => `別の証跡は逆のことを示しています: ${p.note}`,
  'twingate.gid.evidence.helm': (p) =>
    p.helm === 'enabled' ? 'ここでは icmpSupport.enabled=true ですが、コネクタのログは ICMP の拒否を記録しています' : 'ここでは hostNetwork=true です。ノードの範囲が適用されます',

  'firezone.gateway.predates': (p) =>
    `Firezone ゲートウェイのバージョンは ${p.version} で、DNS リソースの ICMP エラーを変換する最初のバージョン ${p.fixed}（firezone/firezone#7398）より古いため、ICMP エラーを捨てます。ゲートウェイを ${p.fixed} 以降に更新してください。`,
  'firezone.gateway.has-fix': (p) =>
    `Firezone ゲートウェイのバージョンは ${p.version} で、DNS リソースの ICMP エラーを変換します（${p.fixed} 以降）。ICMP エラーを捨てているのはゲートウェイではありません。`,
  'firezone.gateway.versions-disagree': (p) =>
    `インポートしたゲートウェイのログで、バージョンが食い違っています（${listJa(p.versions)}）。${p.fixed} より古いものは DNS リソースの ICMP エラーを捨てます。サイトのすべてのゲートウェイを更新してください。`,
  'firezone.gateway.evidence.no-version': () => 'バージョンを含む起動時の行がありません。1.4.12 より前のゲートウェイは書かないか、ログが起動時まで遡っていません',

  'firezone.filter.refused': (p) =>
    `${p.address} へのエコー要求は、Firezone 経由で${listJa(p.errors)}により拒否されました。リソースのトラフィック制限（Traffic Restrictions）に ICMP が含まれていないとき、ゲートウェイは仕様どおりこう応答します（ゲートウェイ 1.4.13 以降）。ファイアウォールではありません。`,
  'firezone.filter.resource-no-icmp': (p) =>
    `Firezone のリソース ${p.resource} はトラフィックを ${listJa(p.allowed)} に制限しています。ICMP が含まれていないため、ゲートウェイは ping を拒否します。`,
  'firezone.filter.resource-allows': (p) =>
    p.unrestricted ? `Firezone のリソース ${p.resource} にはトラフィック制限がありません。ICMP は許可されています。` : `Firezone のリソース ${p.resource} のトラフィック制限には ICMP が含まれています。`,
  'firezone.filter.contradiction': (p) =>
    `インポートしたリソース ${listJa(p.resources)} は ICMP を許可していますが、ゲートウェイは ${p.address} へのエコーを拒否しました。インポートしたリソースが古いか、別のリソースがこのアドレスを含んでいるか、アクセス許可の期限が切れている可能性があります。`,
  'firezone.filter.silent-gateway': (p) =>
    `Firezone ゲートウェイのバージョンは ${listJa(p.versions)} です。${p.since} より前のゲートウェイは、リソースのトラフィック制限（Traffic Restrictions）で許可されていない通信を応答なしで捨てるため、${p.address} へのエコーが消えた原因かもしれません。管理ポータルで、リソースのトラフィック制限に ICMP が含まれているか確認してください。`,
  'firezone.filter.answering-gateway': (p) =>
    `Firezone ゲートウェイのバージョンは ${listJa(p.versions)} です。${p.since} 以降のゲートウェイは、トラフィック制限で許可されていない通信に ICMP 3/13 で応答します。${p.address} へのエコーが消えた原因はトラフィック制限ではありません。`,
  'firezone.filter.unreadable': (p) => `インポートした Firezone のリソースを読み取れませんでした（${p.code}）。`,
  'firezone.filter.evidence.filters': (p) =>
    p.allowed.length === 0 ? `${p.resource}: トラフィック制限なし（すべてのプロトコルとポート）` : `${p.resource}: トラフィック制限 ${listJa(p.allowed)}`,
  'fix.firezone.allow-icmp': () => 'Firezone: リソースのトラフィック制限で ICMP を許可する',
  'fix.firezone.allow-icmp.text': (p) =>
    `Firezone の管理ポータルで Resources → ${p.resources.length > 0 ? listJa(p.resources) : '対象のリソース'} → Edit を開きます。Traffic Restrictions に ICMP を追加してください（制限をすべて外しても構いません。既定ではすべてのプロトコルとポートにアクセスできます）。保存すると、サイトのゲートウェイにすぐ反映されます。`,

  'twingate.own-log.journal': (p) => `Twingate コネクタ（プロセス ID ${p.pid}）が動いている systemd ユニット ${p.unit} のジャーナル（${p.command}）`,
  'twingate.own-log.output': (p) => `Twingate コネクタ（プロセス ID ${p.pid}）が ${p.stream} を書き込んでいるファイル ${p.path}`,
  'twingate.own-log.unread': (p) => `Twingate コネクタ（プロセス ID ${p.pid}）のログを読めませんでした: ${p.why}`,
  'twingate.own-log.unreadable': (p) => `${p.path}（Twingate コネクタ、プロセス ID ${p.pid} の出力）を読めませんでした: ${p.errno}`,
  'twingate.own-log.step': (p) =>
    p.lines === null ? `${p.one}（自身のログを読めませんでした）` : `${p.one}（自身のログ: ${p.lines} 行、ICMP ソケットの拒否 ${p.denied} 件）`,
};
