// With several connector processes on the host (issue 9): each one listed with what tells it
// apart (pid, executable, user and groups, network namespace, config), and a choice between
// the host-wide roll-up (the default) and one connector's own verdict. A native radio group:
// Tab reaches the checked option, the arrow keys move the choice, screen readers announce it
// as one. Each option's name is short (the connector's name); its facts are its description.

import type { ConnectorVerdict } from '../../contract/findings';
import type { ReactNode } from 'react';
import { useAppActions, useConnectorView, useT, useWizard } from '../app/stores';
import { rootCauses } from '../wizard/causes/index';
import { connectorName } from './connector-view';

interface OptionProps {
  id: string;
  name: string;
  checked: boolean;
  problems: number;
  onPick: () => void;
  children: ReactNode;
}

function PickerOption({ id, name, checked, problems, onPick, children }: OptionProps) {
  const t = useT();
  return (
    <label className={`connector-option${checked ? ' selected' : ''}`} data-connector-option={id}>
      <input type="radio" name="connector-view" value={id} checked={checked} onChange={onPick} aria-labelledby={`${id}-name`} aria-describedby={`${id}-facts ${id}-problems`} />
      <span className="connector-text">
        <span className="connector-name" id={`${id}-name`}>
          {name}
        </span>
        <span className="connector-facts" id={`${id}-facts`}>
          {children}
        </span>
      </span>
      <span className={`connector-problems${problems > 0 ? ' has-problems' : ''}`} id={`${id}-problems`}>
        {t.app.problemsBadge(problems)}
      </span>
    </label>
  );
}

function ConnectorFacts({ verdict }: { verdict: ConnectorVerdict }) {
  const t = useT();
  const { executable, uid, gid, egid, netns, configPath } = verdict.connector;
  const fact = (label: string, value: string | null, fallback: string) => (
    <span className="connector-fact">
      <span className="connector-fact-label">{label}:</span> {value === null ? <span>{fallback}</span> : <span className="mono">{value}</span>}
    </span>
  );
  return (
    <>
      {fact(t.connectors.executable, executable, t.connectors.unknown)}
      <span className="connector-fact">
        <span className="connector-fact-label">{t.connectors.user}:</span> <span className="mono">{t.connectors.ids(uid, gid, egid)}</span>
      </span>
      {fact(t.connectors.netns, netns, t.connectors.unknown)}
      {fact(t.connectors.config, configPath, t.connectors.noConfig)}
    </>
  );
}

/** Nothing with fewer than two connector processes: one verdict needs no choosing. */
export function ConnectorPicker() {
  const t = useT();
  const { verdicts, picked } = useConnectorView();
  const rollUpProblems = useRollUpProblems();
  const { showConnector } = useAppActions();
  if (verdicts.length < 2) return null;
  const pickedPid = picked?.connector.pid ?? null;
  return (
    // A fieldset is a group; as a radiogroup it is announced as one choice among these options.
    <fieldset className="connector-picker" role="radiogroup" aria-labelledby="connector-picker-legend" aria-describedby="connector-picker-intro">
      <legend id="connector-picker-legend">{t.connectors.legend(verdicts.length)}</legend>
      <p className="hint" id="connector-picker-intro">
        {t.connectors.intro}
      </p>
      <div className="connector-options">
        <PickerOption id="connector-all" name={t.connectors.all} checked={pickedPid === null} problems={rollUpProblems} onPick={() => showConnector(null)}>
          <span className="connector-fact">{t.connectors.allDetail}</span>
        </PickerOption>
        {verdicts.map((verdict) => (
          <PickerOption
            key={verdict.connector.pid}
            id={`connector-${verdict.connector.pid}`}
            name={connectorName(verdict.connector)}
            checked={pickedPid === verdict.connector.pid}
            problems={verdict.causes.length}
            onPick={() => showConnector(verdict.connector.pid)}
          >
            <ConnectorFacts verdict={verdict} />
          </PickerOption>
        ))}
      </div>
      {/* Always there, so the change of view is announced when it happens. */}
      <p className={picked ? 'note connector-showing' : 'connector-showing'} role="status">
        {picked ? t.connectors.showing(connectorName(picked.connector)) : ''}
      </p>
    </fieldset>
  );
}

/** The roll-up's problems, counted as the Findings screen counts them (its causes). */
function useRollUpProblems(): number {
  return useWizard((state) => rootCauses(state.findings).length);
}
