// Parses the lines of /proc/PID/status that say who a process runs as (proc(5)):
//   Name:   cloudflared
//   Uid:    65532   65532   65532   65532      (real, effective, saved, filesystem)
//   Gid:    65532   65532   65532   65532
//   Groups: 65532 4242                          (supplementary; may be empty)
//   CapEff: 000001ffffffffff                    (effective capabilities, hex bit mask)

export interface ProcStatus {
  /** The kernel's command name ("comm"), at most 15 bytes. */
  name: string;
  uids: [number, number, number, number];
  gids: [number, number, number, number];
  groups: number[];
  /** Effective capability mask, or null when the line is missing. */
  capEff: bigint | null;
}

function fieldsOf(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  return fields;
}

function idQuad(value: string | undefined): [number, number, number, number] | null {
  const parts = value?.split(/\s+/).map(Number) ?? [];
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0)) return null;
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 0];
}

/** The fields above, or null when the text is not a status file (missing or malformed Uid/Gid). */
export function parseProcStatus(text: string): ProcStatus | null {
  const fields = fieldsOf(text);
  const uids = idQuad(fields.get('Uid'));
  const gids = idQuad(fields.get('Gid'));
  if (uids === null || gids === null) return null;
  const groupsText = fields.get('Groups') ?? '';
  const groups = groupsText === '' ? [] : groupsText.split(/\s+/).map(Number).filter((n) => Number.isInteger(n) && n >= 0);
  const capText = fields.get('CapEff');
  const capEff = capText !== undefined && /^[0-9a-f]+$/i.test(capText) ? BigInt(`0x${capText}`) : null;
  return { name: fields.get('Name') ?? '', uids, gids, groups, capEff };
}

/** capabilities(7) numbers we test for. */
export const CAP_SYS_PTRACE = 19n;
export const CAP_SYS_ADMIN = 21n;

export function hasCapability(capEff: bigint | null, capability: bigint): boolean {
  return capEff !== null && ((capEff >> capability) & 1n) === 1n;
}
