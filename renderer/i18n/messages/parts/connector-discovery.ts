// connector-discovery (issue 9, items 6 and 9): how connectors and their metrics servers are
// found — by executable as well as by name, through the process's own listening sockets — and
// `check --pid`, which examines one chosen connector process.

export const en = {
  'discovery.lead.listening-socket': (p: { pid: number; address: string }) => `${p.address}, a socket cloudflared pid ${p.pid} listens on`,
  // check --pid PID
  'discovery.pid.missing': (p: { pid: number }) => `--pid ${p.pid}: no process ${p.pid} is running here; give the PID of the connector (e.g. pgrep -a cloudflared)`,
  'discovery.pid.not-connector': (p: { pid: number; program: string }) =>
    `--pid ${p.pid}: process ${p.pid} is ${p.program}, not a connector (cloudflared, Twingate's connector, Firezone's gateway); give the connector's PID (e.g. pgrep -a cloudflared)`,
  'discovery.pid.not-in-scan': (p: { pid: number }) => `process ${p.pid} (given with --pid) is not among the connectors found; it may have exited`,
};

export const ja: typeof en = {
  'discovery.lead.listening-socket': (p) => `${p.address}（cloudflared pid ${p.pid} が待ち受けているソケット）`,
  'discovery.pid.missing': (p) => `--pid ${p.pid}: プロセス ${p.pid} はこのマシンで動いていません。コネクタの PID を指定してください（例: pgrep -a cloudflared）。`,
  'discovery.pid.not-connector': (p) =>
    `--pid ${p.pid}: プロセス ${p.pid} は ${p.program} で、コネクタ（cloudflared、Twingate のコネクタ、Firezone のゲートウェイ）ではありません。コネクタの PID を指定してください（例: pgrep -a cloudflared）。`,
  'discovery.pid.not-in-scan': (p) => `--pid で指定したプロセス ${p.pid} は見つかったコネクタの中にありません。終了した可能性があります。`,
};
