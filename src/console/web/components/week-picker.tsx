/**
 * Picks the week of the summary page: a list of the weeks the server offers (GET
 * /api/summary-weeks: the current one, those before it, stored ones) and buttons to the previous
 * and the next week. The list is newest first, so "previous" is the next item down; each item is
 * the week's days (the page heading names the week id).
 */
import { formatDayRange } from '../format';
import { useI18n } from '../i18n';

export interface PickableWeek {
  week: string;
  firstDate: string;
  lastDate: string;
  current: boolean;
  generatedAt?: string;
}


export function WeekPicker({ weeks, selected, onPick }: { weeks: PickableWeek[]; selected: string; onPick: (week: string) => void }) {
  const { t, lang } = useI18n();
  const at = weeks.findIndex((w) => w.week === selected);
  const older = at >= 0 ? weeks[at + 1] : undefined;
  const newer = at > 0 ? weeks[at - 1] : undefined;
  return (
    <nav class="week-picker row" aria-label={t('weekPicker')} data-testid="week-picker">
      <button type="button" class="btn btn-ghost" data-testid="week-prev" disabled={!older} onClick={() => older && onPick(older.week)}>
        {t('weekPrev')}
      </button>
      <label for="week-select" class="visually-hidden">
        {t('summaryWeek')}
      </label>
      <select id="week-select" data-testid="week-select" value={selected} onChange={(e) => onPick((e.target as HTMLSelectElement).value)}>
        {at < 0 && <option value={selected}>{selected}</option>}
        {weeks.map((w) => (
          <option key={w.week} value={w.week} data-stored={w.generatedAt ? 'true' : undefined}>
            {/* The days with month names (the heading names the week): short enough for a phone's
                closed list, and in order in Arabic with no direction marks, which Chromium's closed
                list does not always honour. */}
            {formatDayRange(w.firstDate, w.lastDate, lang)}
            {w.current ? ` · ${t('weekInProgress')}` : ''}
            {w.generatedAt ? ` · ${t('weekStored')}` : ''}
          </option>
        ))}
      </select>
      <button type="button" class="btn btn-ghost" data-testid="week-next" disabled={!newer} onClick={() => newer && onPick(newer.week)}>
        {t('weekNext')}
      </button>
    </nav>
  );
}
