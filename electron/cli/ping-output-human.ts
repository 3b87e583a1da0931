// Human output in iputils' ping wording, one line per probe as it resolves, so people can
// compare it with the ping they know. Differences: timeouts get a line (iputils prints
// none), and -v adds the decoded quoted packet and the sender under each error.

import type { ProbeError, ProbeEvent } from '../../native/index';
import type { TextSink } from './ping-output-batch';
import type { PingReporter, PingRunInfo } from './ping-output';

/** IPv4 header (20) + ICMP header (8), for the "56(84) bytes" header. */
const IPV4_AND_ICMP_HEADERS = 28;

/** An RTT with iputils' precision: three significant-ish digits, at most microseconds. */
export function formatRtt(ms: number): string {
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toFixed(3);
}

function header(info: PingRunInfo): string {
  const { target, size, bind } = info;
  const from = bind ? ` from ${bind.kind === 'device' ? bind.device : bind.source}:` : '';
  const bytes = target.family === 4 ? `${size}(${size + IPV4_AND_ICMP_HEADERS}) bytes of data.` : `${size} data bytes`;
  return `PING ${target.input} (${target.address})${from} ${bytes}\n`;
}

/** The -v lines under an error: what was decoded, who sent it, and the probe it quotes. */
function verboseLines(error: ProbeError): string {
  const facts: string[] = [];
  if (error.origin === 'icmp') {
    const protocol = error.family === 4 ? 'ICMP' : 'ICMPv6';
    facts.push(`${protocol} type ${error.icmpType ?? '?'} code ${error.icmpCode ?? '?'} (${error.name}) from ${error.from ?? 'an unknown sender'}`);
  } else {
    facts.push(`local error (${error.name}), raised by this host before the probe left`);
  }
  if (error.errno) facts.push(`errno ${error.errno}`);
  if (error.mtu !== null) facts.push(`mtu ${error.mtu}`);
  if (error.pointer !== null) facts.push(`pointer ${error.pointer}`);
  const lines = [`    ${facts.join(', ')}`];
  const original = error.original;
  if (original && error.origin === 'icmp') {
    const id = original.id === null ? '?' : String(original.id);
    const seq = original.seq === null ? '?' : String(original.seq);
    lines.push(
      `    quoted probe: ${original.protocol} ${original.src ?? '?'} > ${original.dst} id=${id} seq=${seq} (${original.quotedBytes} bytes quoted)`,
    );
  }
  if (error.untranslated) {
    lines.push(`    untranslated: the error quotes ${error.untranslated.quotedDestination}, not the probe's destination; a gateway did not translate it back`);
  }
  return `${lines.join('\n')}\n`;
}

function probeLine(event: ProbeEvent, timeoutMs: number): string {
  switch (event.status) {
    case 'reply': {
      const ttl = event.ttl === null ? '' : ` ttl=${event.ttl}`;
      const time = event.rttMs === null ? '' : ` time=${formatRtt(event.rttMs)} ms`;
      return `${event.bytes} bytes from ${event.address ?? event.target}: icmp_seq=${event.seq}${ttl}${time}\n`;
    }
    case 'timeout':
      return `no answer for icmp_seq=${event.seq} within ${timeoutMs} ms\n`;
    case 'icmp-error':
      return `From ${event.error?.from ?? event.address ?? '?'} icmp_seq=${event.seq} ${event.error?.message ?? 'ICMP error'}\n`;
    case 'local-error':
      // The addon's message already reads "local error: …[, mtu=N]", as iputils prints it.
      return `ping: ${event.error?.message ?? 'local error'} (icmp_seq=${event.seq})\n`;
  }
}

/** The -v line under the header: which socket, and what that means for errors. */
function socketLine(info: PingRunInfo): string {
  if (info.socket === 'raw') return 'socket: raw (CAP_NET_RAW; ICMP errors read inline, untranslated ones included)\n';
  if (info.socket === 'ping') return 'socket: ping (unprivileged; ICMP errors from the error queue)\n';
  return '';
}

export function humanReporter(output: TextSink, options: { verbose: boolean }): PingReporter {
  let info: PingRunInfo | null = null;
  return {
    start(run) {
      info = run;
      output.out(header(run));
      if (options.verbose) output.out(socketLine(run));
    },
    probe(event) {
      output.out(probeLine(event, info?.timeoutMs ?? 0));
      if (options.verbose && event.error) output.out(verboseLines(event.error));
    },
    finish({ summary, elapsedMs }) {
      const name = info?.target.input ?? '?';
      const errors = summary.errors > 0 ? `+${summary.errors} errors, ` : '';
      let text =
        `\n--- ${name} ping statistics ---\n` +
        `${summary.sent} packets transmitted, ${summary.received} received, ${errors}` +
        `${summary.lossPct}% packet loss, time ${Math.round(elapsedMs)}ms\n`;
      if (summary.rttMs) {
        const { min, avg, max, mdev } = summary.rttMs;
        text += `rtt min/avg/max/mdev = ${[min, avg, max, mdev].map((value) => value.toFixed(3)).join('/')} ms\n`;
      }
      output.out(text);
    },
    fatal({ message }) {
      // Continuation lines are indented so the first line stays the headline.
      output.error(`icmp-doctor: ${message.split('\n').join('\n  ')}\n`);
    },
  };
}
