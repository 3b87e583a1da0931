// Live ping: the RTT chart and the probe table, both redrawn as probe events arrive from the
// running checks.

import { useT, useWizard } from '../app/stores';
import { ScreenHeading } from '../components/ScreenHeading';
import { PathView } from './PathView';
import { ProbeTable } from './ProbeTable';
import { RttChart } from './RttChart';

export function LiveScreen() {
  const t = useT();
  const probes = useWizard((state) => state.probes);
  const probeSteps = useWizard((state) => state.probeSteps);
  const replies = probes.filter((probe) => probe.status === 'reply').length;
  const timeouts = probes.filter((probe) => probe.status === 'timeout').length;
  const errors = probes.length - replies - timeouts;
  return (
    <section aria-labelledby="screen-title" className="screen">
      <ScreenHeading intro={t.live.intro}>{t.live.title}</ScreenHeading>
      {probes.length === 0 ? (
        <p className="note">{t.live.empty}</p>
      ) : (
        <>
          <p className="probe-stats mono">{t.live.stats(probes.length, replies, errors, timeouts)}</p>
          <RttChart probes={probes} />
          <PathView />
          <ProbeTable probes={probes} steps={probeSteps} />
        </>
      )}
    </section>
  );
}
