import { SqliteStore } from './src/store/sqlite';
import { defaultSummarySettings } from './src/reports/summary-settings';
import { weekById, toSummaryWindow } from './src/reports/week';
import { buildWeeklySummary } from './src/reports/weekly-summary';
const store = new SqliteStore(process.argv[2], { instanceLock: false });
const s = defaultSummarySettings();
const mq: any = (store as any).summaries.mentions;
const act: any = (store as any).summaries.activity;
(async () => {
  const week = weekById('2026-W48', s);
  const ws = ['2026-W48', '2026-W47'].map((id) => toSummaryWindow(weekById(id, s)));
  const parts: Record<string, (w: any) => unknown> = {
    engaged: (w) => mq.mostEngagedByHour({ start: w.start, end: w.end }, 5),
    mentionsAll: (w) => mq.run(w, { topN: 5, responseSlaSeconds: { high: 3600, medium: 14400, low: 86400 } }),
    replies: (w) => act.replies(w),
  };
  for (const [name, fn] of Object.entries(parts)) {
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      await buildWeeklySummary(store, week, s, { now: new Date('2026-12-01') });
      const t = process.hrtime.bigint();
      for (const w of ws) fn(w);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    console.log(name, times.map((x) => x.toFixed(2)).join(' '));
  }
})();
