/** Where a collector reports progress (one line per event polled, game collected, report found). */
export interface CollectorLog {
  log(message: string): void;
  warn(message: string): void;
}

/** JSON lines on stderr (stdout stays the run's report): {time, level, collector, msg}. */
export function stderrJsonLog(collector: string, stream: NodeJS.WritableStream = process.stderr): CollectorLog {
  const write = (level: string, msg: string) => void stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, service: 'propcast-cli', collector, msg })}\n`);
  return { log: (m) => write('info', m), warn: (m) => write('warn', m) };
}
