/**
 * A node-cron schedule in words in the console's language ("every 5 minutes", «كل 5 دقائق»,
 * "daily at 08:00"). Only the common shapes are worded; anything else returns null and the page
 * shows the cron string itself. Counts take their plural form from the messages (Intl.PluralRules).
 */
import type { Lang, Translate } from './messages';

type Unit = 'seconds' | 'minutes' | 'hours';

/** `*` is every 1, `*\/N` every N; anything else is not a plain step. */
function step(field: string): number | null {
  if (field === '*') return 1;
  const m = /^\*\/(\d+)$/.exec(field);
  return m && Number(m[1]) > 0 ? Number(m[1]) : null;
}

function fixed(field: string, max: number): number | null {
  return /^\d+$/.test(field) && Number(field) <= max ? Number(field) : null;
}

function every(unit: Unit, n: number, t: Translate): string {
  return t(`every_${unit}`, { n, count: n });
}

const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

function weekday(day: number, lang: Lang): string {
  // 2026-03-01 was a Sunday (cron day 0, and 7).
  const date = new Date(Date.UTC(2026, 2, 1 + (day % 7), 12));
  return new Intl.DateTimeFormat(lang === 'ar' ? 'ar' : 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(date);
}

/** An interval as the schedule words say it: «كل ثانيتين», "every 5 minutes", "every 2 hours". */
export function intervalInWords(ms: number, t: Translate): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60 || seconds % 60 !== 0) return every('seconds', seconds, t);
  const minutes = seconds / 60;
  if (minutes < 60 || minutes % 60 !== 0) return every('minutes', minutes, t);
  return every('hours', minutes / 60, t);
}

export function scheduleInWords(cron: string, t: Translate, lang: Lang): string | null {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) return null;
  const [sec, min, hour, dom, mon, dow] = parts.length === 6 ? parts : ['0', ...parts];
  const anyDay = dom === '*' && mon === '*' && dow === '*';
  if (sec !== '0') {
    const n = step(sec);
    return n && min === '*' && hour === '*' && anyDay ? every('seconds', n, t) : null;
  }
  const minutes = step(min);
  if (minutes && hour === '*' && anyDay) return every('minutes', minutes, t);
  const hours = step(hour);
  if (min === '0' && hours && anyDay) return every('hours', hours, t);
  const m = fixed(min, 59);
  const h = fixed(hour, 23);
  if (m === null || h === null || dom !== '*' || mon !== '*') return null;
  if (dow === '*') return t('dailyAt', { time: hhmm(h, m) });
  const d = fixed(dow, 7);
  return d === null ? null : t('weeklyAt', { day: weekday(d, lang), time: hhmm(h, m) });
}
