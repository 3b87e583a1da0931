// What both modes of `icmp-doctor check` (the wizard run and --connector) work with once the
// command line has been checked: the arguments, the real WizardApi, where output goes, the
// cancellation signal, and what must never be printed.

import type { WizardApi } from '../../contract/api';
import type { CheckInputs } from '../../contract/inputs';
import type { Locale } from '../../renderer/i18n/messages/locale';
import type { CheckArguments } from './check-arguments';
import type { Output } from './output';
import type { SignalName } from './termination-signals';

export interface CheckContext {
  args: CheckArguments;
  api: WizardApi;
  output: Output;
  signal: AbortSignal;
  /** The signal that cancelled the run, if one did. */
  interruptedBy(): SignalName | null;
  /** Whether CLOUDFLARE_API_TOKEN holds a token (the token itself stays in the API). */
  token: CheckInputs['cloudflareApiToken'];
  /** Strings no output may show: the API token, when set. */
  secrets: readonly string[];
  appVersion: string;
  /** The language everything the run says is in: `--lang`, else the POSIX locale. */
  lang: Locale;
}
