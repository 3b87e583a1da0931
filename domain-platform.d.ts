// The only platform objects the domain may use, declared for tsconfig.domain.json alone: the
// abort primitives, which Node and browsers both provide with the same shape. Everything else
// from the DOM or Node is out of the domain's reach, so the compiler proves the CLI and the app
// can run the same checks.

interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
  throwIfAborted(): void;
}

interface AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}

declare var AbortController: { prototype: AbortController; new (): AbortController };
