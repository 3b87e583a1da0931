// The Cloudflare API token: a password field whose value is handed to main (which keeps it in
// memory only) and then cleared. Nothing here stores it; the parent holds the draft only
// until it is sent.

import type { KeyboardEvent } from 'react';
import { useApp, useAppActions, useT } from '../app/stores';

interface TokenFieldProps {
  id: string;
  draft: string;
  onDraft(value: string): void;
  /** The label is read to screen readers but not shown (a heading above says the same). */
  labelHidden?: boolean;
}

export function TokenField({ id, draft, onDraft, labelHidden }: TokenFieldProps) {
  const t = useT();
  const token = useApp((state) => state.token);
  const { holdToken, forgetToken } = useAppActions();

  const send = async (): Promise<void> => {
    const value = draft;
    onDraft('');
    await holdToken(value);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    // Enter sends the token (not the surrounding form); Escape clears the field.
    if (event.key === 'Enter') {
      event.preventDefault();
      if (draft.trim() !== '') void send();
    } else if (event.key === 'Escape' && draft !== '') {
      event.preventDefault();
      onDraft('');
    }
  };
  const status =
    token.state === 'held' ? t.token.held : token.state === 'sending' ? t.token.sending : token.state === 'failed' ? t.token.failed(token.message) : t.token.absent;

  return (
    <div className="field token-field">
      <label htmlFor={id} className={labelHidden ? 'visually-hidden' : undefined}>
        {t.token.label}
      </label>
      <div className="field-row">
        <input
          id={id}
          type="password"
          className="input mono"
          value={draft}
          onChange={(event) => onDraft(event.target.value)}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-hint ${id}-status`}
        />
        <button type="button" className="button" onClick={() => void send()} disabled={draft.trim() === '' || token.state === 'sending'}>
          {t.token.use}
        </button>
      </div>
      <p id={`${id}-hint`} className="hint">
        {t.token.hint}
      </p>
      <p id={`${id}-status`} className={`token-status tone-text-${token.state === 'held' ? 'pass' : token.state === 'failed' ? 'fail' : 'neutral'}`} role="status">
        <span aria-hidden="true">{token.state === 'held' ? '● ' : '○ '}</span>
        {status}
        {token.state === 'held' ? (
          <button type="button" className="link-button" onClick={() => void forgetToken()}>
            {t.token.forget}
          </button>
        ) : null}
      </p>
    </div>
  );
}
