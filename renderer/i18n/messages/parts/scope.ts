// Which checks apply to the tunnel in front of us (renderer/wizard/checks/scope.ts), and what
// any check says when the evidence it was given could not be read at all (checks/index.ts).

export const en = {
  /** Twingate or Firezone chosen: the Cloudflare checks do not apply. */
  'scope.not-cloudflare': (p: { product: string }) => `The tunnel is ${p.product}, not Cloudflare: this applies to cloudflared only.`,
  'scope.no-cloudflared': () =>
    "No cloudflared was found and no product was chosen: give --product cloudflare (and --cloudflared-log FILE) if the tunnel is Cloudflare's.",
  /** A check threw on malformed evidence (a hand-edited or hostile imported report); `error` is the runtime's own words. */
  'check.malformed-evidence': (p: { error: string }) =>
    `This check could not read the evidence (${p.error}): some of it is malformed — re-gather it, or re-create the imported report.`,
};

export const ja: typeof en = {
  'scope.not-cloudflare': (p) => `トンネルは Cloudflare ではなく ${p.product} です。このチェックは cloudflared にのみ当てはまります。`,
  'scope.no-cloudflared': () =>
    'cloudflared が見つからず、製品も選ばれていません。トンネルが Cloudflare のものなら --product cloudflare（と --cloudflared-log FILE）を指定してください。',
  'check.malformed-evidence': (p) =>
    `このチェックは証跡を読み取れませんでした（「${p.error}」）。証跡の一部が壊れています。収集し直すか、インポートしたレポートを作り直してください。`,
};
