// Setup: what does not answer ping, the TCP port it serves, the product that carries it (the
// wizard branches on it: Cloudflare asks for its account, token and cloudflared's files), an
// address that should be unreachable; then Run. Values go to the wizard's inputs as typed, so
// leaving the screen loses nothing; they are checked when Run is pressed.

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { DEPLOY_STYLES, isDeployStyle } from '../../contract/deploy';
import type { Product } from '../../contract/evidence';
import { useApp, useAppActions, useT, useWizard, useWizardActions } from '../app/stores';
import { ScreenHeading } from '../components/ScreenHeading';
import { TextField } from '../components/TextField';
import { TokenField } from '../components/TokenField';
import { accountError, optional, parsePort, portError, targetError, urlError, type FieldError } from './validate';

const PRODUCTS: readonly Product[] = ['cloudflare', 'twingate', 'firezone', 'generic'];

type FieldName = 'target' | 'tcpPort' | 'unreachable' | 'account' | 'metrics';

export function SetupScreen() {
  const t = useT();
  const inputs = useWizard((state) => state.inputs);
  const running = useWizard((state) => state.phase === 'running');
  const token = useApp((state) => state.token);
  const { setInputs } = useWizardActions();
  const { startRun, holdToken, choosePath } = useAppActions();

  // The port is kept as typed so a half-typed value is not thrown away.
  const [portText, setPortText] = useState(inputs.tcpPort === null ? '' : String(inputs.tcpPort));
  const [tokenDraft, setTokenDraft] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, FieldError>>>({});
  const [attempts, setAttempts] = useState(0);
  const summary = useRef<HTMLParagraphElement>(null);
  const errorCount = Object.keys(errors).length;

  useEffect(() => {
    // After a refused Run, focus the summary: it says how many fields need attention.
    if (attempts > 0 && errorCount > 0) summary.current?.focus();
  }, [attempts, errorCount]);

  const message = (error: FieldError | undefined): string | null => (error ? t.setup.errors[error] : null);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const found: Partial<Record<FieldName, FieldError>> = {};
    const check = (name: FieldName, error: FieldError | null): void => {
      if (error) found[name] = error;
    };
    check('target', targetError(inputs.target ?? ''));
    check('tcpPort', portError(portText));
    check('unreachable', targetError(inputs.unreachableTarget ?? ''));
    if (inputs.product === 'cloudflare') {
      check('account', accountError(inputs.cloudflareAccountId ?? ''));
      check('metrics', urlError(inputs.metricsUrl ?? ''));
    }
    setErrors(found);
    setAttempts((count) => count + 1);
    if (Object.keys(found).length > 0) return;
    if (tokenDraft.trim() !== '') {
      const value = tokenDraft;
      setTokenDraft('');
      await holdToken(value);
    }
    await startRun();
  };

  const cloudflare = inputs.product === 'cloudflare';

  return (
    <section aria-labelledby="screen-title" className="screen">
      <ScreenHeading intro={t.setup.intro}>{t.setup.title}</ScreenHeading>
      <form className="setup-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        {errorCount > 0 ? (
          <p ref={summary} tabIndex={-1} className="form-errors" role="alert">
            <span aria-hidden="true">✕ </span>
            {t.setup.fixErrors(errorCount)}
          </p>
        ) : null}
        <div className="field-grid target-grid">
          <TextField
            id="target"
            label={t.setup.targetLabel}
            hint={inputs.target ? t.setup.targetHint : `${t.setup.targetHint} ${t.setup.noTargetNote}`}
            error={message(errors.target)}
            value={inputs.target ?? ''}
            onValue={(value) => setInputs({ target: optional(value) })}
            placeholder={t.setup.targetPlaceholder}
            mono
            autoComplete="off"
            spellCheck={false}
          />
          <TextField
            id="tcp-port"
            label={t.setup.portLabel}
            hint={t.setup.portHint}
            error={message(errors.tcpPort)}
            value={portText}
            onValue={(value) => {
              setPortText(value);
              setInputs({ tcpPort: parsePort(value) });
            }}
            inputMode="numeric"
            mono
            className="narrow"
            autoComplete="off"
          />
          <TextField
            id="unreachable"
            label={t.setup.unreachableLabel}
            hint={t.setup.unreachableHint}
            error={message(errors.unreachable)}
            value={inputs.unreachableTarget ?? ''}
            onValue={(value) => setInputs({ unreachableTarget: optional(value) })}
            mono
            autoComplete="off"
            spellCheck={false}
          />
        </div>

        <fieldset className="products">
          <legend>{t.setup.productLegend}</legend>
          <div className="product-grid">
            {PRODUCTS.map((product) => (
              <label key={product} className={`product-option${inputs.product === product ? ' selected' : ''}`}>
                <input type="radio" name="product" value={product} checked={inputs.product === product} onChange={() => setInputs({ product })} />
                <span className="product-text">
                  <span className="product-name">{t.products[product].name}</span>
                  <span className="product-detail">{t.products[product].detail}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <div className="field-grid">
          <div className="field">
            <label htmlFor="deploy">{t.setup.deployLabel}</label>
            <div className="field-row">
              <select
                id="deploy"
                className="input"
                value={inputs.deploy ?? ''}
                onChange={(event) => setInputs({ deploy: isDeployStyle(event.target.value) ? event.target.value : null })}
                aria-describedby="deploy-hint"
              >
                <option value="">{t.setup.deployAuto}</option>
                {DEPLOY_STYLES.map((style) => (
                  <option key={style} value={style}>
                    {t.setup.deployStyles[style]}
                  </option>
                ))}
              </select>
            </div>
            <p id="deploy-hint" className="hint">
              {t.setup.deployHint}
            </p>
          </div>
        </div>

        {cloudflare ? (
          <fieldset className="branch">
            <legend>{t.setup.cloudflareLegend}</legend>
            <div className="field-grid">
              <TextField
                id="cf-account"
                label={t.setup.accountLabel}
                hint={t.setup.accountHint}
                error={message(errors.account)}
                value={inputs.cloudflareAccountId ?? ''}
                onValue={(value) => setInputs({ cloudflareAccountId: optional(value) })}
                mono
                autoComplete="off"
                spellCheck={false}
              />
              <TokenField id="cf-token" draft={tokenDraft} onDraft={setTokenDraft} />
              <TextField
                id="cf-log"
                label={t.setup.logLabel}
                hint={t.setup.logHint}
                value={inputs.cloudflaredLog ?? ''}
                onValue={(value) => setInputs({ cloudflaredLog: optional(value) })}
                mono
                autoComplete="off"
                spellCheck={false}
                action={
                  <button
                    type="button"
                    className="button"
                    aria-label={t.setup.chooseFor(t.setup.logLabel)}
                    onClick={() => void choosePath('cloudflared-log').then((path) => path !== null && setInputs({ cloudflaredLog: path }))}
                  >
                    {t.setup.choose}
                  </button>
                }
              />
              <TextField
                id="cf-config"
                label={t.setup.configLabel}
                hint={t.setup.configHint}
                value={inputs.cloudflaredConfig ?? ''}
                onValue={(value) => setInputs({ cloudflaredConfig: optional(value) })}
                mono
                autoComplete="off"
                spellCheck={false}
              />
              <TextField
                id="cf-metrics"
                label={t.setup.metricsLabel}
                hint={t.setup.metricsHint}
                error={message(errors.metrics)}
                value={inputs.metricsUrl ?? ''}
                onValue={(value) => setInputs({ metricsUrl: optional(value) })}
                placeholder="http://127.0.0.1:20241"
                mono
                autoComplete="off"
                spellCheck={false}
              />
            </div>
          </fieldset>
        ) : null}

        <div className="actions">
          <button type="submit" className="button primary" disabled={running || token.state === 'sending'}>
            {running ? t.setup.running : t.setup.run}
          </button>
        </div>
      </form>
    </section>
  );
}
