// A labelled input with its hint and, when the value is wrong, the message — both tied to the
// input with aria-describedby so a screen reader reads them with the field.

import type { InputHTMLAttributes, ReactNode } from 'react';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'> {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  value: string;
  onValue(value: string): void;
  mono?: boolean;
  /** A button beside the input (e.g. "Choose…"). */
  action?: ReactNode;
}

export function TextField({ id, label, hint, error, value, onValue, mono, action, className, ...rest }: TextFieldProps) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        <input
          {...rest}
          id={id}
          className={`input${mono ? ' mono' : ''}${className ? ` ${className}` : ''}`}
          value={value}
          onChange={(event) => onValue(event.target.value)}
          aria-describedby={described || undefined}
          aria-invalid={error ? true : undefined}
        />
        {action}
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          <span aria-hidden="true">✕ </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}
