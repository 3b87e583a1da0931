// Evidence: paste text of a chosen kind, import a file of that kind, import a connector report
// made on another host, hand over the Cloudflare API token; every import's outcome (the facts
// parsed, or the parser's own error) is listed.

import { useState, type FormEvent } from 'react';
import type { ImportKind } from '../../contract/evidence';
import { useAppActions, useT } from '../app/stores';
import { ScreenHeading } from '../components/ScreenHeading';
import { TokenField } from '../components/TokenField';
import { ImportResults } from './ImportResults';

const KINDS: readonly ImportKind[] = ['cloudflared-log', 'sysctl', 'id', 'pod-spec', 'helm-values', 'calico-policy', 'connector-report', 'nft-ruleset', 'iptables-save', 'twingate-log', 'firezone-log', 'firezone-resource'];

/** The command that produces each kind of text: shown, copyable by selection, never translated. */
const SOURCES: Readonly<Record<ImportKind, string>> = {
  'cloudflared-log': 'journalctl -u cloudflared --since -1h',
  sysctl: 'sysctl net.ipv4.ping_group_range',
  id: 'id cloudflared',
  'pod-spec': 'kubectl get pod POD -n NAMESPACE -o yaml',
  'helm-values': 'helm get values RELEASE -n NAMESPACE --all',
  'calico-policy': 'calicoctl get globalnetworkpolicy,networkpolicy -A -o yaml',
  'connector-report': 'sudo icmp-doctor check --connector --report connector.json',
  'nft-ruleset': 'sudo nft -a list ruleset',
  'iptables-save': 'sudo iptables-save; sudo ip6tables-save',
  'twingate-log': 'journalctl -u twingate-connector --since -1h',
  'firezone-log': 'journalctl -u firezone-gateway --since -1h',
  'firezone-resource': 'curl -H "Authorization: Bearer $TOKEN" https://api.firezone.dev/resources/RESOURCE_ID',
};

export function EvidenceScreen() {
  const t = useT();
  const { importEvidence, importFile } = useAppActions();
  const [kind, setKind] = useState<ImportKind>('sysctl');
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [emptyError, setEmptyError] = useState(false);
  const [tokenDraft, setTokenDraft] = useState('');

  const onPaste = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (text.trim() === '') {
      setEmptyError(true);
      return;
    }
    setEmptyError(false);
    const label = name.trim() || t.evidence.pasted(t.importKinds[kind]);
    const pasted = text;
    setText('');
    setName('');
    await importEvidence({ kind, text: pasted, path: null, label });
  };

  return (
    <section aria-labelledby="screen-title" className="screen">
      <ScreenHeading intro={t.evidence.intro}>{t.evidence.title}</ScreenHeading>

      <div className="evidence-layout">
        <section className="panel" aria-labelledby="paste-heading">
          <h2 id="paste-heading">{t.evidence.pasteHeading}</h2>
          <form onSubmit={(event) => void onPaste(event)} noValidate>
            <div className="field-grid two">
              <div className="field">
                <label htmlFor="import-kind">{t.evidence.kindLabel}</label>
                <select id="import-kind" className="input" value={kind} onChange={(event) => setKind(event.target.value as ImportKind)} aria-describedby="import-kind-source">
                  {KINDS.map((option) => (
                    <option key={option} value={option}>
                      {t.importKinds[option]}
                    </option>
                  ))}
                </select>
                <p id="import-kind-source" className="hint">
                  {t.evidence.howToGet} <code className="mono">{SOURCES[kind]}</code>
                </p>
              </div>
              <div className="field">
                <label htmlFor="import-name">{t.evidence.nameLabel}</label>
                <input id="import-name" className="input" value={name} onChange={(event) => setName(event.target.value)} placeholder={t.evidence.namePlaceholder} autoComplete="off" />
              </div>
            </div>
            <div className={`field${emptyError ? ' has-error' : ''}`}>
              <label htmlFor="import-text">{t.evidence.textLabel}</label>
              <textarea
                id="import-text"
                className="input mono"
                rows={8}
                value={text}
                onChange={(event) => setText(event.target.value)}
                spellCheck={false}
                aria-invalid={emptyError ? true : undefined}
                aria-describedby={emptyError ? 'import-text-error' : undefined}
              />
              {emptyError ? (
                <p id="import-text-error" className="field-error">
                  <span aria-hidden="true">✕ </span>
                  {t.evidence.emptyText}
                </p>
              ) : null}
            </div>
            <div className="actions">
              <button type="submit" className="button primary">
                {t.evidence.import}
              </button>
              <button type="button" className="button" onClick={() => void importFile(kind)} aria-describedby="file-intro">
                {t.evidence.chooseFile}
              </button>
            </div>
            <p id="file-intro" className="hint">
              {t.evidence.fileIntro}
            </p>
          </form>
        </section>

        <div className="evidence-side">
          <section className="panel" aria-labelledby="connector-heading">
            <h2 id="connector-heading">{t.evidence.connectorHeading}</h2>
            <p>{t.evidence.connectorIntro}</p>
            <pre className="command" tabIndex={0} aria-labelledby="connector-heading">
              <code>{SOURCES['connector-report']}</code>
            </pre>
            <div className="actions">
              <button type="button" className="button" onClick={() => void importFile('connector-report')}>
                {t.evidence.chooseConnectorReport}
              </button>
            </div>
          </section>

          <section className="panel" aria-labelledby="token-heading">
            <h2 id="token-heading">{t.evidence.tokenHeading}</h2>
            <TokenField id="evidence-token" draft={tokenDraft} onDraft={setTokenDraft} labelHidden />
          </section>
        </div>
      </div>

      <ImportResults />
    </section>
  );
}
