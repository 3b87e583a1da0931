// The few facts we need from cloudflared's /metrics (Prometheus text format 0.0.4). Metric
// names are cloudflared's own: quic/metrics.go registers every quic_client_* metric the
// first time a QUIC connection is made (so their presence means QUIC was tried);
// ingress/icmp_metrics.go counts proxied ICMP in cloudflared_icmp_total_requests/_replies.

export interface MetricFacts {
  /** Any quic_client_* metric exists. */
  quicTried: boolean;
  /** quic_client_total_connections: QUIC connections cloudflared started. */
  quicConnections: number | null;
  icmpRequests: number | null;
  icmpReplies: number | null;
  /** The text has cloudflared's own metrics (cloudflared_* or quic_client_*), not another program's. */
  fromCloudflared: boolean;
  samples: number;
  /** build_info{…version="2023.7.3"}, and its line as printed. */
  buildVersion: { value: string; line: string } | null;
}

const BUILD_INFO = /^build_info\{(?:[^}]*[{,])?version="([^"]+)"/;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{.*\})?\s+(\S+)/;

export function readPrometheusText(text: string): MetricFacts {
  // Sum over label sets: a counter without labels has one sample, a vector several.
  const sums = new Map<string, number>();
  let samples = 0;
  let buildVersion: MetricFacts['buildVersion'] = null;
  for (const line of text.split('\n')) {
    if (line.length === 0 || line.startsWith('#')) continue;
    if (buildVersion === null && line.startsWith('build_info{')) {
      const version = BUILD_INFO.exec(line);
      if (version) buildVersion = { value: version[1]!, line: line.trim() };
    }
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const value = Number(match[2]);
    if (!Number.isFinite(value)) continue;
    samples += 1;
    sums.set(match[1]!, (sums.get(match[1]!) ?? 0) + value);
  }
  const names = [...sums.keys()];
  return {
    quicTried: names.some((name) => name.startsWith('quic_client_')),
    quicConnections: sums.get('quic_client_total_connections') ?? null,
    icmpRequests: sums.get('cloudflared_icmp_total_requests') ?? null,
    icmpReplies: sums.get('cloudflared_icmp_total_replies') ?? null,
    fromCloudflared: names.some((name) => name.startsWith('cloudflared_') || name.startsWith('quic_client_')),
    samples,
    buildVersion,
  };
}
