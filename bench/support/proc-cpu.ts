import { existsSync, readFileSync } from 'node:fs';

/**
 * CPU milliseconds (user + system) a process, or one of its threads, has used, from /proc (Linux); undefined
 * elsewhere. Thread `pid` of process `pid` is its main thread, which Node's process.cpuUsage() cannot single out.
 */
export function cpuMs(pid: number, thread?: number): number | undefined {
  const file = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
  if (!existsSync(file)) return undefined;
  // After the parenthesized command name, utime and stime are the 12th and 13th fields, in ticks of 10 ms.
  const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU milliseconds used between two readings of cpuMs; NaN where /proc is not there. */
export const cpuSince = (before: number | undefined, after: number | undefined): number =>
  before === undefined || after === undefined ? Number.NaN : after - before;
