// connector-discovery (issue 9, items 6 and 9): how connectors and their metrics servers are
// found — by executable as well as by name, through the process's own listening sockets — and
// `check --pid`, which examines one chosen connector process.

export const en = {
  'discovery.lead.listening-socket': (p: { pid: number; address: string }) => `${p.address}, a socket cloudflared pid ${p.pid} listens on`,
};

export const ja: typeof en = {
  'discovery.lead.listening-socket': (p) => `${p.address}（cloudflared pid ${p.pid} が待ち受けているソケット）`,
};
