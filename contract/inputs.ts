// What the user asks the wizard (or `icmp-doctor check`) to examine.

import type { DeployStyle } from './deploy';
import type { ImportKind, Product } from './evidence';

export interface CheckInputs {
  /** The private resource that will not answer ping: IP or host name. */
  target: string | null;
  /** A TCP port the target serves, to tell "ICMP blocked" from "host unreachable". */
  tcpPort: number | null;
  product: Product;
  /** An address that should be unreachable, to test that ICMP errors come back through the tunnel. */
  unreachableTarget: string | null;
  cloudflaredLog: string | null;
  cloudflaredConfig: string | null;
  /** cloudflared metrics base URL; null: scan 127.0.0.1:20241–20245. */
  metricsUrl: string | null;
  cloudflareAccountId: string | null;
  /** Only whether a token was given; the token itself never enters inputs, reports or logs. */
  cloudflareApiToken: 'provided' | 'absent';
  /** Connector reports (paths) to import. */
  connectorReports: string[];
  /**
   * Files imported from a path (`--import KIND=FILE`, or picked in the app), so "re-test with"
   * reads the same files again. Pasted text has no path and is not listed. Absent in reports
   * made before it existed.
   */
  imports?: Array<{ kind: ImportKind; path: string }>;
  /** How the connector is deployed, as the user chose it; null: detect it from the evidence. */
  deploy: DeployStyle | null;
  /** The connector process to examine (`check --pid`); null or absent: every connector found. */
  pid?: number | null;
  /**
   * The ICMP socket the probes use (`check --socket`): 'auto' (ping sockets, else raw with
   * CAP_NET_RAW), 'ping' or 'raw'. Absent in reports made before it existed (= auto).
   */
  socket?: 'auto' | 'ping' | 'raw';
}

export function defaultInputs(): CheckInputs {
  return {
    target: null,
    tcpPort: null,
    product: 'generic',
    unreachableTarget: null,
    cloudflaredLog: null,
    cloudflaredConfig: null,
    metricsUrl: null,
    cloudflareAccountId: null,
    cloudflareApiToken: 'absent',
    connectorReports: [],
    imports: [],
    deploy: null,
  };
}
