// Which ICMP socket this process's probe sessions open, when the caller does not say:
// `icmp-doctor check --socket raw|ping|auto` sets it once for every probe the wizard runs
// (the evidence gatherers open their own sessions), and the desktop app leaves it at 'auto'.

import type { SocketChoice } from '../../../native/index';

export const SOCKET_CHOICES: readonly SocketChoice[] = ['auto', 'ping', 'raw'];

let preferred: SocketChoice = 'auto';

/** Sets the socket kind sessions opened without an explicit `socket` use. */
export function preferSocket(choice: SocketChoice): void {
  preferred = choice;
}

export function preferredSocket(): SocketChoice {
  return preferred;
}

export function isSocketChoice(value: string): value is SocketChoice {
  return (SOCKET_CHOICES as readonly string[]).includes(value);
}
