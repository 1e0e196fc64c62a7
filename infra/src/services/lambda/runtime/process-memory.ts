import { readFileSync } from 'node:fs';

/** Peak and current resident memory of a process and its direct children, from /proc. */
export function residentMemoryMb(pid: number): { currentMb: number; peakMb: number } | undefined {
  try {
    let current = 0;
    let peak = 0;
    for (const id of [pid, ...childPids(pid)]) {
      const status = readFileSync(`/proc/${id}/status`, 'latin1');
      current += kbField(status, 'VmRSS:');
      peak += kbField(status, 'VmHWM:');
    }
    return { currentMb: current / 1024, peakMb: peak / 1024 };
  } catch {
    return undefined;
  }
}

function childPids(pid: number): number[] {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'latin1').trim();
    return text ? text.split(' ').map(Number) : [];
  } catch {
    return [];
  }
}

function kbField(status: string, field: string): number {
  const at = status.indexOf(field);
  if (at < 0) return 0;
  return Number.parseInt(status.slice(at + field.length, status.indexOf('\n', at)), 10) || 0;
}
