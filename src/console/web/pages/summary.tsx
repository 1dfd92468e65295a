/**
 * The weekly summary: one week's report (the server's own self-contained Arabic HTML with its
 * SVG charts, shown in a frame; last week by default, any week through the week picker) with
 * links to download it as HTML, CSV, Excel, PDF and JSON, and the history.
 */
import { get, itemsOf } from '../api';
import { ErrorBox, Loading } from '../components/ui';
import { WeekPicker, type PickableWeek } from '../components/week-picker';
import { formatDateTime, formatDayRange } from '../format';
import { useI18n } from '../i18n';
import { href, type Route } from '../router';
import { useLoad } from '../use-load';

interface SummaryItem {
  week?: string;
  id?: string;
  start?: string;
  end?: string;
  generatedAt?: string;
  createdAt?: string;
}

const weekOf = (s: SummaryItem) => s.week ?? s.id ?? '';

interface Weeks {
  last: string;
  items: PickableWeek[];
}

export function SummaryPage({ route }: { route: Route }) {
  const { t, lang } = useI18n();
  const history = useLoad(
    () =>
      get<unknown>('/api/summaries').then((d) =>
        itemsOf<SummaryItem>(d)
          .filter((s) => weekOf(s))
          .sort((a, b) => weekOf(b).localeCompare(weekOf(a))),
      ),
    [],
  );
  const weeks = useLoad(() => get<Weeks>('/api/summary-weeks'), []);
  const error = history.error ?? weeks.error;
  if (error && !(history.data && weeks.data)) return <ErrorBox error={error} onRetry={() => (history.reload(), weeks.reload())} />;
  if (!history.data || !weeks.data) return <Loading />;
  // Last complete week by default; the API computes it on request when the history has none.
  const week = route.params.get('week') ?? weeks.data.last;
  const days = weeks.data.items.find((w) => w.week === week);
  const base = `/api/summaries/${encodeURIComponent(week)}`;
  const pick = (w: string) => {
    location.hash = href(['summary'], { week: w });
  };

  return (
    <div class="page summary-page">
      <div class="page-head row wrap">
        <h1>
          {t('summaryTitle')} <span class="muted" dir="ltr" data-testid="summary-week">{week}</span>
          {/* The week's days beside its ISO id, which a newcomer may not read. */}
          {days && <span class="muted small summary-days"> · {formatDayRange(days.firstDate, days.lastDate, lang)}</span>}
        </h1>
        <WeekPicker weeks={weeks.data.items} selected={week} onPick={pick} />
        <nav class="downloads row wrap" aria-label={t('summaryDownload')}>
          <a class="btn btn-secondary" href={`${base}.html`} download data-testid="download-html">
            {t('downloadHtml')}
          </a>
          <a class="btn btn-secondary" href={`${base}.csv`} download data-testid="download-csv">
            {t('downloadCsv')}
          </a>
          <a class="btn btn-secondary" href={`${base}.xlsx`} download data-testid="download-xlsx">
            {t('downloadXlsx')}
          </a>
          <a class="btn btn-secondary" href={`${base}.pdf`} download data-testid="download-pdf">
            {t('downloadPdf')}
          </a>
          <a class="btn btn-ghost" href={`${base}.json`} download>
            {t('downloadJson')}
          </a>
        </nav>
      </div>
      <div class="summary-frame-wrap">
        <iframe class="summary-frame" src={`${base}.html`} title={t('summaryFrame', { w: week })} sandbox="allow-same-origin" data-testid="summary-frame" />
      </div>
      {history.data.length > 1 && (
        <section>
          <h2>{t('summaryHistory')}</h2>
          <ul class="plain-list">
            {history.data.map((s) => (
              <li key={weekOf(s)}>
                <a href={href(['summary'], { week: weekOf(s) })} aria-current={weekOf(s) === week ? 'page' : undefined} dir="ltr">
                  {weekOf(s)}
                </a>{' '}
                <span class="muted small">{formatDateTime(s.generatedAt ?? s.createdAt, lang)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
