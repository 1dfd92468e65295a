/**
 * Linux process-tree probes for tests that signal real processes: which processes descend from
 * a pid (read from /proc, so orphans that were re-parented are still found by their pid later),
 * and whether a pid still runs (a zombie waiting for a reaper has stopped running).
 */
import fs from 'node:fs';

interface ProcStat {
  pid: number;
  ppid: number;
  state: string;
}

/** Fields of /proc/<pid>/stat; the command name in parentheses may itself contain spaces. */
function readStat(pid: number): ProcStat | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, state: rest[0], ppid: Number(rest[1]) };
  } catch {
    return undefined;
  }
}

/** `root` and every process below it, now. */
export function processTree(root: number): number[] {
  const all = fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((s): s is ProcStat => s !== undefined);
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const s of all) if (s.ppid === tree[i]) tree.push(s.pid);
  }
  return tree;
}

/** True while `pid` exists and is not a zombie. */
export function isRunning(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

/** The direct children of `pid`. */
export function childrenOf(pid: number): number[] {
  return processTree(pid).filter((p) => readStat(p)?.ppid === pid);
}
