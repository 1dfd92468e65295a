/**
 * Replay files for the reliability suite, from the benchmarks' seeded generator: Gulf dialect,
 * MSA and English posts across the works domains plus chatter, realistic lengths, times within
 * the last two weeks. One line per mention, each externalId unique, so "stored exactly once"
 * means one row per line.
 */
import fs from 'node:fs';
import { generateMentions } from '../../bench/support/generate-mentions';

export function writeRealisticReplayFile(file: string, count: number, seed = 2026): void {
  const lines: string[] = [];
  for (const r of generateMentions({ count, seed, days: 14, end: new Date(), idPrefix: `seed${seed}` })) {
    lines.push(JSON.stringify({ ...r, channel: r.network }));
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}
