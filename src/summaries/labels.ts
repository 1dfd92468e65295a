/**
 * Arabic-first labels with English beside them, and the number, duration and date formats the
 * report uses (Latin digits, readable in both languages; dates in the week's time zone).
 */
export interface Label {
  ar: string;
  en: string;
}

const L = (ar: string, en: string): Label => ({ ar, en });

export const CHANNEL_LABELS: Record<string, Label> = {
  x: L('إكس (تويتر)', 'X (Twitter)'),
  instagram: L('إنستغرام', 'Instagram'),
  instagram_graph: L('إنستغرام', 'Instagram'),
  rss: L('الأخبار', 'News'),
  replay: L('عرض تجريبي', 'Replay'),
};

export const DOMAIN_LABELS: Record<string, Label> = {
  roads: L('الطرق', 'Roads'),
  drainage: L('الصرف الصحي والأمطار', 'Sewage & drainage'),
  buildings: L('المباني العامة', 'Public buildings'),
};

export const INTENT_LABELS: Record<string, Label> = {
  complaint: L('شكوى', 'Complaint'),
  inquiry: L('استفسار', 'Inquiry'),
  suggestion: L('اقتراح', 'Suggestion'),
  praise: L('إشادة', 'Praise'),
  other: L('أخرى', 'Other'),
};

export const URGENCY_LABELS: Record<string, Label> = {
  high: L('عاجل', 'High'),
  medium: L('متوسط', 'Medium'),
  low: L('منخفض', 'Low'),
};

export const SENTIMENT_LABELS: Record<string, Label> = {
  positive: L('إيجابي', 'Positive'),
  neutral: L('محايد', 'Neutral'),
  negative: L('سلبي', 'Negative'),
};

export const WEEKDAY_LABELS: Label[] = [
  L('الأحد', 'Sun'),
  L('الاثنين', 'Mon'),
  L('الثلاثاء', 'Tue'),
  L('الأربعاء', 'Wed'),
  L('الخميس', 'Thu'),
  L('الجمعة', 'Fri'),
  L('السبت', 'Sat'),
];

export const NONE_LABEL = L('غير محدد', 'Unspecified');

/** Label of a key from a table, the key itself when unknown, NONE_LABEL for null. */
export function labelOf(table: Record<string, Label>, key: string | null): Label {
  if (key === null || key === '') return NONE_LABEL;
  return table[key] ?? L(key, key);
}

const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatInt(n: number | null): string {
  return n === null ? '—' : intFormat.format(n);
}

/** 0.755 → "75.5%"; null → "—". */
export function formatPct(r: number | null): string {
  if (r === null) return '—';
  const pct = Math.round(r * 1000) / 10;
  return `${Number.isInteger(pct) ? pct : pct.toFixed(1)}%`;
}

/** A duration in Arabic and English units: 5400 → { ar: "1 س 30 د", en: "1h 30m" }. */
export function formatDuration(seconds: number | null): Label {
  if (seconds === null) return L('—', '—');
  const s = Math.round(seconds);
  if (s < 60) return L(`${s} ث`, `${s}s`);
  const minutes = Math.round(s / 60);
  if (minutes < 60) return L(`${minutes} د`, `${minutes}m`);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const m = minutes % 60;
    return m ? L(`${hours} س ${m} د`, `${hours}h ${m}m`) : L(`${hours} س`, `${hours}h`);
  }
  const days = Math.floor(hours / 24);
  const h = hours % 24;
  return h ? L(`${days} ي ${h} س`, `${days}d ${h}h`) : L(`${days} ي`, `${days}d`);
}

/** A local calendar date (YYYY-MM-DD) as "22 نوفمبر 2026" / "22 Nov 2026". */
export function formatDate(date: string): Label {
  const d = new Date(`${date}T00:00:00Z`);
  const opts: Intl.DateTimeFormatOptions = { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' };
  return L(
    new Intl.DateTimeFormat('ar-BH-u-nu-latn', opts).format(d),
    new Intl.DateTimeFormat('en-GB', { ...opts, month: 'short' }).format(d),
  );
}

/** A UTC instant shown in the report's time zone: "29 نوفمبر 2026، 08:00". */
export function formatInstant(iso: string, timeZone: string): Label {
  const d = new Date(iso);
  const opts: Intl.DateTimeFormatOptions = { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  return L(new Intl.DateTimeFormat('ar-BH-u-nu-latn', { ...opts, month: 'long' }).format(d), new Intl.DateTimeFormat('en-GB', opts).format(d));
}

/**
 * A UTC instant as the wall-clock time of the report's time zone, for the CSV and Excel tables:
 * "2026-12-02 04:53" (sorts as text, and Excel reads it as a date and time).
 */
export function formatLocalTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
