import { readFileSync } from 'node:fs';

/**
 * CPU time (user + system) a process has used so far, in clock ticks of 1/100 s, read from
 * `/proc/<pid>/stat`; throws when the process is gone. Shared by the servers the harness starts
 * and the brokers the messaging benchmark watches.
 */
export function processCpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command name: state is field 3, utime field 14 and stime field 15 of proc(5).
  return Number(fields[11]) + Number(fields[12]);
}
