// The four field reports the product was born from (../shared/seeds/), each rebuilt in the
// lab as its author would have met it, with the evidence that author could have given the
// CLI: what must come out is the real causes, in the order to fix them, each with the fix
// that fits the deployment first. Shared by seeds.test.ts and the capture script that records
// the opening lines and the Findings screens for people to read.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeployStyle } from '../../contract/deploy';
import type { FindingId } from '../../contract/findings';
import type { Lab, LabPolicy } from '../lab/lab';
import { POLICY_SCENARIOS } from '../lab/policy-scenarios';
import { startFakeCloudflareApi } from '../cli/support/fake-cloudflare-api';

export interface SeedRun {
  /** `check` arguments (without --json, --lang). */
  args: string[];
  env: Record<string, string>;
  /** Files the app imports (kind → path), the same evidence as `args` gives the CLI. */
  imports: Array<{ kind: 'cloudflared-log' | 'pod-spec' | 'id' | 'sysctl' | 'calico-policy'; path: string }>;
  stop(): void;
}

export interface SeedSituation {
  seed: string;
  title: string;
  policy: LabPolicy;
  product: 'cloudflare' | 'twingate' | 'firezone' | 'generic';
  deploy: DeployStyle | null;
  /** report.causes, in order. */
  causes: FindingId[];
  /** The first fix each cause must print, for this deployment. */
  firstFix: Partial<Record<FindingId, string>>;
  setUp(lab: Lab, dir: string): Promise<SeedRun>;
}

/** The IPv4 scenario of a lab policy: its target, TCP port and an address that draws an error. */
function v4(policy: LabPolicy) {
  const scenario = POLICY_SCENARIOS.find((s) => s.policy === policy && s.family === 4);
  if (!scenario) throw new Error(`no IPv4 scenario for ${policy}`);
  return scenario;
}

function targetArgs(policy: LabPolicy): string[] {
  const s = v4(policy);
  return ['--target', s.target, '--tcp-port', String(s.tcpPort), '--unreachable', s.unreachableTarget];
}

function file(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text, { mode: 0o644 });
  return path;
}

/** A Twingate connector Deployment with the restricted security context of seeds/000: no sysctls. */
const TWINGATE_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: twingate-connector
  namespace: twingate
spec:
  replicas: 1
  template:
    spec:
      securityContext:
        runAsUser: 65532
        runAsGroup: 65532
        runAsNonRoot: true
      containers:
      - name: connector
        image: twingate/connector:1
        securityContext:
          allowPrivilegeEscalation: false
          capabilities:
            drop: [ALL]
`;

/** seeds/001: Calico's "deny all ICMP" GlobalNetworkPolicy, ingress and egress, v4 and v6. */
const CALICO_DENY_ICMP = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: block-icmp
spec:
  order: 200
  selector: all()
  types: [Ingress, Egress]
  ingress:
  - action: Deny
    protocol: ICMP
  - action: Deny
    protocol: ICMPv6
  egress:
  - action: Deny
    protocol: ICMP
  - action: Deny
    protocol: ICMPv6
`;

const QIITA_ACCOUNT = '0123456789abcdef0123456789abcdef';
/** Shaped like a Cloudflare API token; it must appear in no output. */
export const SEED_TOKEN = 'Qx7Lm2Np9Rt4Vw6Yz1Bc3Df5Gh8Jk0Ms2Pu4Sx6A';

/** seeds/002's journal: both warnings at start, then a connection registered over HTTP/2. */
const QIITA_LOG = [
  'Oct 13 18:39:24 raspberrypi2 cloudflared[21808]: 2024-10-13T09:39:24Z WRN The user running cloudflared process has a GID (group ID) that is not within ping_group_range. You might need to add that user to a group within that range, or instead update the range to encompass a group the user is already in by modifying /proc/sys/net/ipv4/ping_group_range. Otherwise cloudflared will not be able to ping this network error="Group ID 0 is not between ping group 1 to 0"',
  'Oct 13 18:39:24 raspberrypi2 cloudflared[21808]: 2024-10-13T09:39:24Z WRN ICMP proxy feature is disabled error="cannot create ICMPv4 proxy: Group ID 0 is not between ping group 1 to 0 nor ICMPv6 proxy: socket: permission denied"',
  'Oct 13 18:39:25 raspberrypi2 cloudflared[21808]: 2024-10-13T09:39:25Z INF Registered tunnel connection connIndex=0 connection=1c2a3b4d-5e6f-4a1b-9c2d-3e4f5a6b7c00 event=0 ip=198.41.192.227 location=nrt01 protocol=http2',
].join('\n');

export const SEED_SITUATIONS: readonly SeedSituation[] = [
  {
    seed: '000',
    title: 'Twingate connector in Kubernetes, restricted security context, node range "1 0"',
    policy: 'drop-echo',
    product: 'twingate',
    deploy: 'kubernetes',
    causes: ['connector-gid-range'],
    firstFix: { 'connector-gid-range': 'ping-range.kubernetes-pod-sysctls' },
    async setUp(_lab, dir) {
      const pod = file(dir, 'connector-deployment.yaml', TWINGATE_DEPLOYMENT);
      const id = file(dir, 'connector-id.txt', 'uid=65532 gid=65532 groups=65532\n');
      const sysctl = file(dir, 'connector-sysctl.txt', 'net.ipv4.ping_group_range = 1\t0\n');
      return {
        args: ['check', ...targetArgs('drop-echo'), '--product', 'twingate', '--import', `pod-spec=${pod}`, '--import', `id=${id}`, '--import', `sysctl=${sysctl}`],
        env: {},
        imports: [{ kind: 'pod-spec', path: pod }, { kind: 'id', path: id }, { kind: 'sysctl', path: sysctl }],
        stop: () => undefined,
      };
    },
  },
  {
    seed: '001',
    title: 'Calico GlobalNetworkPolicy "block-icmp" denies ICMP; TCP passes',
    policy: 'drop-echo',
    product: 'generic',
    deploy: null,
    causes: ['icmp-policy'],
    firstFix: { 'icmp-policy': 'calico.allow-icmp-policy' },
    async setUp(_lab, dir) {
      const policy = file(dir, 'block-icmp.yaml', CALICO_DENY_ICMP);
      return {
        args: ['check', ...targetArgs('drop-echo'), '--import', `calico-policy=${policy}`],
        env: {},
        imports: [{ kind: 'calico-policy', path: policy }],
        stop: () => undefined,
      };
    },
  },
  {
    seed: '002',
    title: 'Cloudflare Zero Trust on OpenWrt: HTTP/2, ICMP proxy off, cloudflared as GID 0 under "1 0"',
    policy: 'drop-echo',
    product: 'cloudflare',
    deploy: 'openwrt',
    causes: ['connector-gid-range', 'tunnel-transport', 'icmp-proxy'],
    firstFix: { 'connector-gid-range': 'ping-range.openwrt-now', 'tunnel-transport': 'transport.openwrt-no-quic', 'icmp-proxy': 'icmp-proxy.dashboard' },
    async setUp(lab, dir) {
      const log = file(dir, 'cloudflared.log', `${QIITA_LOG}\n`);
      const api = await startFakeCloudflareApi(lab, 'client', { token: SEED_TOKEN, accountId: QIITA_ACCOUNT, icmpProxyEnabled: false });
      return {
        args: ['check', ...targetArgs('drop-echo'), '--cloudflared-log', log, '--cloudflare-account', QIITA_ACCOUNT, '--deploy', 'openwrt'],
        env: { CLOUDFLARE_API_TOKEN: SEED_TOKEN, CLOUDFLARE_API_BASE: api.base },
        imports: [{ kind: 'cloudflared-log', path: log }],
        stop: () => api.stop(),
      };
    },
  },
  {
    seed: '003',
    title: 'Firezone gateway that does not bring ICMP errors back to the client',
    policy: 'swallow-errors',
    product: 'firezone',
    deploy: null,
    causes: ['icmp-error-transparency'],
    firstFix: { 'icmp-error-transparency': 'firezone-gateway.compose-upgrade' },
    async setUp() {
      return { args: ['check', ...targetArgs('swallow-errors'), '--product', 'firezone'], env: {}, imports: [], stop: () => undefined };
    },
  },
];
