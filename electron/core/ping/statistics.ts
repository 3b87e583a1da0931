// Running ping statistics, computed the way iputils' ping does so numbers match what
// people compare us with. Keeps sums, not samples, so `-c 0` can run for days.

import type { JobDoneEvent, ProbeEvent } from '../../../native/index';

/** Round-trip times of replies, in milliseconds. */
export interface RttSummary {
  min: number;
  avg: number;
  max: number;
  /** iputils' "mdev": sqrt(mean(rtt²) − mean(rtt)²), the population standard deviation. */
  mdev: number;
}

/** Totals for one ping job. */
export interface PingSummary {
  /** Probes sent, including ones still in flight when the job was cancelled. */
  sent: number;
  received: number;
  /** ICMP errors plus local errors. */
  errors: number;
  timeouts: number;
  /** (sent − received) / sent × 100, as iputils prints it (%g: six significant digits). */
  lossPct: number;
  /** null when nothing replied. */
  rttMs: RttSummary | null;
}

/** `%g`-like rounding to six significant digits, so 1/3 loss reads 66.6667 as in iputils. */
function sixDigits(value: number): number {
  return Number(value.toPrecision(6));
}

/** Accumulates probe events into a `PingSummary`; feed it every probe, then the done event. */
export class PingStatistics {
  #probes = 0;
  #received = 0;
  #errors = 0;
  #timeouts = 0;
  #sentByEngine = 0;
  #sum = 0;
  #sumOfSquares = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = Number.NEGATIVE_INFINITY;

  record(event: ProbeEvent): void {
    this.#probes += 1;
    if (event.status === 'reply') {
      this.#received += 1;
      // Only replies have an RTT in iputils' statistics; an error's arrival time is not one.
      const rtt = event.rttMs ?? 0;
      this.#sum += rtt;
      this.#sumOfSquares += rtt * rtt;
      this.#min = Math.min(this.#min, rtt);
      this.#max = Math.max(this.#max, rtt);
    } else if (event.status === 'timeout') {
      this.#timeouts += 1;
    } else {
      this.#errors += 1;
    }
  }

  /** The engine counts probes that were in flight at cancellation; iputils counts them as sent too. */
  finish(done: Pick<JobDoneEvent, 'sent'>): void {
    this.#sentByEngine = done.sent;
  }

  summary(): PingSummary {
    const sent = Math.max(this.#probes, this.#sentByEngine);
    const received = this.#received;
    const lossPct = sent === 0 ? 0 : sixDigits(((sent - received) * 100) / sent);
    return { sent, received, errors: this.#errors, timeouts: this.#timeouts, lossPct, rttMs: this.#rtt() };
  }

  #rtt(): RttSummary | null {
    const n = this.#received;
    if (n === 0) return null;
    const mean = this.#sum / n;
    const meanOfSquares = this.#sumOfSquares / n;
    // Rounding can leave a hair below zero when every RTT is equal; iputils' integer maths cannot.
    const mdev = Math.sqrt(Math.max(0, meanOfSquares - mean * mean));
    return { min: this.#min, avg: mean, max: this.#max, mdev };
  }
}

/** Summarises finished probes in one go (for callers that already hold every event). */
export function summarize(probes: Iterable<ProbeEvent>, done?: Pick<JobDoneEvent, 'sent'>): PingSummary {
  const statistics = new PingStatistics();
  for (const probe of probes) statistics.record(probe);
  if (done) statistics.finish(done);
  return statistics.summary();
}
