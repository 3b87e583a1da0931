// Tells from /proc/PID/cgroup whether a process runs in a container, and whose. Runtimes name
// the container's cgroup after its id: Docker "docker-<id>.scope" (systemd driver) or
// "/docker/<id>" (cgroupfs driver); Kubernetes "kubepods…" (any runtime under the kubelet);
// containerd without the kubelet "cri-containerd-<id>" or nerdctl's "nerdctl-<id>.scope";
// Podman "libpod-<id>.scope". The daemons themselves (docker.service, containerd.service) are
// not containers and do not match. cgroup v1 has a line per hierarchy, v2 one "0::/path".

export type ContainerHint = 'kubernetes' | 'docker' | 'containerd' | 'podman';

const ID = '[0-9a-f]{12,}';
const RULES: Array<[RegExp, ContainerHint]> = [
  // Kubernetes first: its paths also carry the runtime's name (cri-containerd-…, docker-…).
  [/kubepods/, 'kubernetes'],
  [new RegExp(`(^|/)docker-${ID}\\.scope|(^|/)docker/${ID}`), 'docker'],
  [new RegExp(`cri-containerd-${ID}|nerdctl-${ID}`), 'containerd'],
  [new RegExp(`libpod-${ID}`), 'podman'],
];

/** The container runtime the cgroup paths point at, or null for a process on the host. */
export function containerFromCgroup(text: string): ContainerHint | null {
  const paths = text
    .split('\n')
    .map((line) => line.split(':').slice(2).join(':'))
    .filter((path) => path !== '');
  for (const [pattern, hint] of RULES) {
    if (paths.some((path) => pattern.test(path))) return hint;
  }
  return null;
}

/**
 * The process's own cgroup path: the cgroup v2 line ("0::/system.slice/cloudflared.service"),
 * else the systemd hierarchy's (v1 "1:name=systemd:/…"), else the first line's. Null when none.
 */
export function cgroupPath(text: string): string | null {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const pathOf = (line: string): string => line.split(':').slice(2).join(':');
  const chosen = lines.find((line) => line.startsWith('0::')) ?? lines.find((line) => line.split(':')[1] === 'name=systemd') ?? lines[0];
  const path = chosen === undefined ? '' : pathOf(chosen);
  return path === '' ? null : path;
}
