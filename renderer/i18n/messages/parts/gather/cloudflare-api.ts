// Why the Cloudflare API could not tell whether the Zero Trust ICMP proxy is on: the account
// id, the token, the base URL, or the API's own answer. The API's words come in `says`.
// Also why a file picked for import could not be read (electron/handlers/wizard-api.ts).

export const en = {
  'gather.cf.no-account': () => 'No Cloudflare account id was given.',
  'gather.cf.bad-account': (p: { length: number; nonHex: boolean }) =>
    `The Cloudflare account id must be 32 hexadecimal characters (0-9, a-f); the one given has ${p.length} characters` +
    `${p.nonHex ? ', some of them not 0-9 or a-f' : ''}. ` +
    'Copy it from the dashboard URL (dash.cloudflare.com/<account id>/…) or the account home page (Account ID).',
  'gather.cf.base-not-url': () => 'The Cloudflare API base URL (CLOUDFLARE_API_BASE) is not a URL.',
  'gather.cf.base-credentials': () => 'The Cloudflare API base URL (CLOUDFLARE_API_BASE) must not contain a user name or password.',
  'gather.cf.base-insecure': (p: { origin: string }) =>
    `Refusing to send the API token to ${p.origin}: the Cloudflare API base URL must be https (plain http only to this machine's loopback).`,
  'gather.cf.says': (p: { errors: readonly string[] }) => ` Cloudflare says: ${p.errors.join('; ')}.`,
  'gather.cf.unauthorized': (p: { says: string }) =>
    'The Cloudflare API refused the token (HTTP 401): it is invalid, expired or revoked. Create a new API token at ' +
    `dash.cloudflare.com › My Profile › API Tokens with the account permission Zero Trust › Read.${p.says}`,
  'gather.cf.malformed-token': (p: { says: string }) => `The Cloudflare API rejected the token as malformed (HTTP 400): it is not a complete API token; copy it again.${p.says}`,
  'gather.cf.forbidden': (p: { account: string; says: string }) =>
    `The API token may not read the Zero Trust settings of account ${p.account} (HTTP 403): it needs the account ` +
    'permission "Zero Trust Read" (Account › Zero Trust › Read; "Zero Trust Write" or "Zero Trust Report" also do), ' +
    `and this account among its Account Resources. Edit the token at dash.cloudflare.com › My Profile › API Tokens.${p.says}`,
  'gather.cf.not-found': (p: { account: string; says: string }) =>
    `The Cloudflare API has no Zero Trust connectivity settings for account ${p.account} (HTTP 404): check the account id, and that Zero Trust is set up for that account.${p.says}`,
  'gather.cf.rate-limited': (p: { says: string }) => `The Cloudflare API is rate-limiting this token (HTTP 429): try again in a few minutes.${p.says}`,
  'gather.cf.server-error': (p: { status: number; says: string }) => `The Cloudflare API failed (HTTP ${p.status}); this is on Cloudflare's side, try again later.${p.says}`,
  'gather.cf.status': (p: { status: number; says: string }) => `The Cloudflare API answered HTTP ${p.status}.${p.says}`,
  'gather.cf.not-envelope': () => 'The Cloudflare API answered HTTP 200 with something that is not its JSON envelope.',
  'gather.cf.unsuccessful': (p: { success: string; says: string }) =>
    `The Cloudflare API answered HTTP 200 but reported failure (success: ${p.success}).${p.says || ' It gave no error message.'}`,
  'gather.cf.no-setting': () => 'The Cloudflare API answered without result.icmp_proxy_enabled, so the ICMP proxy setting is unknown.',
  'gather.cf.no-token': () => 'No Cloudflare API token was given: set CLOUDFLARE_API_TOKEN (an API token with Account › Zero Trust › Read).',
  'gather.cf.no-token-app': () => 'no Cloudflare API token: set CLOUDFLARE_API_TOKEN (or enter it in the app); it is held in memory only',
  'gather.cf.bad-token': () => 'The Cloudflare API token holds spaces, line breaks or non-ASCII characters, so it cannot be a token: copy it again.',
  'gather.cf.timeout': (p: { host: string; ms: number }) => `The Cloudflare API at ${p.host} did not answer within ${p.ms} ms.`,
  'gather.cf.cancelled': () => 'The Cloudflare API call was cancelled.',
  'gather.cf.too-large': (p: { max: number }) => `The Cloudflare API answer is larger than ${p.max} bytes; that is not the settings JSON.`,
  'gather.cf.refused': (p: { host: string }) => `Could not reach the Cloudflare API at ${p.host}: connection refused.`,
  'gather.cf.unreachable': (p: { host: string; detail: string }) => `Could not reach the Cloudflare API at ${p.host}: ${p.detail}.`,
  'gather.cf.unexpected': (p: { detail: string }) => `Asking the Cloudflare API failed unexpectedly: ${p.detail}`,
  'gather.import-file.nothing': () => 'nothing to import: give the text or a file',
  'gather.import-file.not-file': (p: { path: string }) => `${p.path} is not a regular file`,
  'gather.import-file.too-large': (p: { path: string; size: number; max: number }) => `${p.path} is ${p.size} bytes; imports are limited to ${p.max} bytes`,
  'gather.import-file.missing': (p: { path: string }) => `${p.path}: no such file`,
  'gather.import-file.denied': (p: { path: string }) => `${p.path}: permission denied (read it as its owner or with sudo)`,
  'gather.import-file.failed': (p: { path: string; detail: string }) => `${p.path}: ${p.detail}`,
};

export const ja: typeof en = {
  'gather.cf.no-account': () => 'Cloudflare のアカウント ID が指定されていません。',
  'gather.cf.bad-account': (p) =>
    `Cloudflare のアカウント ID は 16 進数 32 文字（0-9、a-f）です。指定された値は ${p.length} 文字${p.nonHex ? 'で、0-9 と a-f 以外の文字を含みます' : 'です'}。` +
    'ダッシュボードの URL（dash.cloudflare.com/<account id>/…）か、アカウントのホームページ（Account ID）からコピーしてください。',
  'gather.cf.base-not-url': () => 'Cloudflare API のベース URL（CLOUDFLARE_API_BASE）が URL ではありません。',
  'gather.cf.base-credentials': () => 'Cloudflare API のベース URL（CLOUDFLARE_API_BASE）にユーザー名やパスワードを含めないでください。',
  'gather.cf.base-insecure': (p) => `${p.origin} には API トークンを送りません。Cloudflare API のベース URL は https にしてください（平文の http はこのマシンのループバック宛てのみ可）。`,
  'gather.cf.says': (p) => ` Cloudflare からのメッセージ: ${p.errors.join('; ')}。`,
  'gather.cf.unauthorized': (p) =>
    'Cloudflare API がトークンを拒否しました（HTTP 401）。トークンが無効か、期限切れか、取り消されています。' +
    `dash.cloudflare.com › My Profile › API Tokens で、アカウントの権限 Zero Trust › Read を持つ API トークンを新しく作成してください。${p.says}`,
  'gather.cf.malformed-token': (p) => `Cloudflare API がトークンを不正な形式として拒否しました（HTTP 400）。API トークンが途中までしかありません。もう一度コピーしてください。${p.says}`,
  'gather.cf.forbidden': (p) =>
    `この API トークンではアカウント ${p.account} の Zero Trust の設定を読めません（HTTP 403）。アカウントの権限 "Zero Trust Read"` +
    '（Account › Zero Trust › Read。"Zero Trust Write" や "Zero Trust Report" でも可）と、Account Resources にこのアカウントが含まれている必要があります。' +
    `dash.cloudflare.com › My Profile › API Tokens でトークンを編集してください。${p.says}`,
  'gather.cf.not-found': (p) =>
    `Cloudflare API にアカウント ${p.account} の Zero Trust の接続設定がありません（HTTP 404）。アカウント ID と、そのアカウントで Zero Trust を設定済みかを確認してください。${p.says}`,
  'gather.cf.rate-limited': (p) => `Cloudflare API がこのトークンのリクエストを制限しています（HTTP 429）。数分後にもう一度試してください。${p.says}`,
  'gather.cf.server-error': (p) => `Cloudflare API でエラーが起きました（HTTP ${p.status}）。Cloudflare 側の問題なので、しばらくしてから試してください。${p.says}`,
  'gather.cf.status': (p) => `Cloudflare API が HTTP ${p.status} を返しました。${p.says}`,
  'gather.cf.not-envelope': () => 'Cloudflare API は HTTP 200 を返しましたが、中身が API の JSON エンベロープではありません。',
  'gather.cf.unsuccessful': (p) => `Cloudflare API は HTTP 200 を返しましたが、失敗を報告しています（success: ${p.success}）。${p.says || 'エラーメッセージはありません。'}`,
  'gather.cf.no-setting': () => 'Cloudflare API の応答に result.icmp_proxy_enabled がないため、ICMP プロキシの設定が分かりません。',
  'gather.cf.no-token': () => 'Cloudflare の API トークンが指定されていません。CLOUDFLARE_API_TOKEN を設定してください（Account › Zero Trust › Read の権限を持つ API トークン）。',
  'gather.cf.no-token-app': () => 'Cloudflare の API トークンがありません。CLOUDFLARE_API_TOKEN を設定するか、アプリで入力してください（トークンはメモリー上にだけ保持します）',
  'gather.cf.bad-token': () => 'Cloudflare の API トークンに空白・改行・ASCII 以外の文字が含まれているため、トークンとして使えません。もう一度コピーしてください。',
  'gather.cf.timeout': (p) => `${p.host} の Cloudflare API が ${p.ms} ms 以内に応答しませんでした。`,
  'gather.cf.cancelled': () => 'Cloudflare API の呼び出しを中止しました。',
  'gather.cf.too-large': (p) => `Cloudflare API の応答が ${p.max} バイトを超えています。設定の JSON ではありません。`,
  'gather.cf.refused': (p) => `${p.host} の Cloudflare API に接続できませんでした（接続を拒否されました）。`,
  'gather.cf.unreachable': (p) => `${p.host} の Cloudflare API に接続できませんでした: ${p.detail}。`,
  'gather.cf.unexpected': (p) => `Cloudflare API への問い合わせが予期せず失敗しました: ${p.detail}`,
  'gather.import-file.nothing': () => '取り込むものがありません。テキストかファイルを指定してください',
  'gather.import-file.not-file': (p) => `${p.path} は通常のファイルではありません`,
  'gather.import-file.too-large': (p) => `${p.path} は ${p.size} バイトあります。取り込めるのは ${p.max} バイトまでです`,
  'gather.import-file.missing': (p) => `${p.path} がありません`,
  'gather.import-file.denied': (p) => `${p.path} を読む権限がありません（所有者として読むか、sudo を使ってください）`,
  'gather.import-file.failed': (p) => `${p.path} を読み取れませんでした: ${p.detail}`,
};
