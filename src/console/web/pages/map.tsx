/**
 * The complaints map: the cases the filters select (as on the cases page) drawn per area on
 * Bahrain's map, each area a link to the cases list filtered to it under the same filters (the
 * centre of each circle reaching its own area), with the busiest areas and blocks beside it and
 * the areas the gazetteer cannot place listed rather than hidden. The SVG is drawn here with the
 * same renderer as the weekly report, in the reader's language.
 */
import { useMemo } from 'preact/hooks';
import { CASE_STATUSES } from '../../../domain/case';
import { DOMAINS, URGENCIES } from '../../../domain/classification';
import { renderComplaintsMap } from '../../../map/complaints-map';
import type { ComplaintMap } from '../../../map/map-data';
import { get, query } from '../api';
import { ErrorBox, Loading, Notice } from '../components/ui';
import { dayEnd, dayStart } from '../day-bounds';
import { formatNumber } from '../format';
import { label, useI18n, type Lang, type Translate } from '../i18n';
import { MAP_MAX_RADIUS, placeAreas, withReachableCentres } from '../map-centres';
import { href, replaceRoute, type Route } from '../router';
import { settings } from '../settings';
import { useLoad } from '../use-load';
import { OpenedDays, Select, unitOptions, useUnits } from './cases';

const KEYS = ['status', 'domain', 'urgency', 'unit', 'from', 'to'] as const;

type CaseMap = ComplaintMap & { truncated: boolean };
type Filters = Record<(typeof KEYS)[number], string | undefined>;

/**
 * The map's query: its days (YYYY-MM-DD in the address) from the first to the last moment of
 * those days in the console's time zone, as every time on the console is shown, not in the zone
 * the browser happens to be set to.
 */
function mapQuery(f: Filters): string {
  return query({ status: f.status, domain: f.domain, urgency: f.urgency, unit: f.unit, from: dayStart(f.from, settings.tz), to: dayEnd(f.to, settings.tz) });
}

/**
 * The cases of an area under every filter of the map, so the list counts what the map counted
 * and a unit's desk stays on its unit. The days go as the map has them (the cases list reads
 * status, domain, urgency and unit; the days are there for it to read too).
 */
const casesLink = (area: string, f: Filters) => href(['cases'], { area, ...f });
const placeName = (lang: Lang, p: { area: string; areaAr?: string; areaEn?: string }) => (lang === 'ar' ? p.areaAr : p.areaEn) || p.area;

function mapMarkup(map: CaseMap, t: Translate, lang: Lang, f: Filters): string {
  const cases = (n: number) => t('mapCases', { n: formatNumber(n, lang), count: n });
  const svg = renderComplaintsMap(map.areas, {
    lang,
    maxRadius: MAP_MAX_RADIUS,
    areaHref: (a) => casesLink(a.area, f),
    labels: {
      title: t('mapSvgTitle'),
      domain: (d) => label(t, 'domain', d),
      complaints: cases,
      empty: t('mapEmpty'),
      inset: t('mapInset'),
    },
  });
  return withReachableCentres(svg, placeAreas(map.areas));
}

export function MapPage({ route }: { route: Route }) {
  const { t, lang } = useI18n();
  const units = useUnits();
  const filters = {} as Filters;
  for (const k of KEYS) filters[k] = route.params.get(k) ?? undefined;
  const key = JSON.stringify(filters);
  const data = useLoad(() => get<CaseMap>(`/api/cases/map${mapQuery(filters)}`), [key]);
  const set = (k: string, v: string | undefined) => replaceRoute(['map'], { ...filters, [k]: v || undefined });
  const map = data.data;
  // The markup is ours (every name escaped by the renderer), so it is set as HTML: Preact would
  // otherwise have to rebuild a few thousand SVG nodes on every render.
  const svg = useMemo(() => (map ? mapMarkup(map, t, lang, filters) : ''), [map, lang, key]);
  const cases = (n: number) => t('mapCases', { n: formatNumber(n, lang), count: n });

  return (
    <div class="page map-page">
      <h1>{t('mapTitle')}</h1>
      <form class="filters" role="search" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <Select id="m-status" name={t('caseStatus')} value={filters.status} onChange={(v) => set('status', v)} options={CASE_STATUSES.map((s) => [s, label(t, 'case', s)])} />
        <Select id="m-domain" name={t('filterDomain')} value={filters.domain} onChange={(v) => set('domain', v)} options={DOMAINS.map((d) => [d, label(t, 'domain', d)])} />
        <Select id="m-urgency" name={t('filterUrgency')} value={filters.urgency} onChange={(v) => set('urgency', v)} options={URGENCIES.map((u) => [u, label(t, 'urgency', u)])} />
        <Select id="m-unit" name={t('caseUnit')} value={filters.unit} onChange={(v) => set('unit', v)} options={unitOptions(units.data, lang)} />
        <OpenedDays idPrefix="m" from={filters.from} to={filters.to} set={set} />
      </form>
      {data.error && <ErrorBox error={data.error} onRetry={data.reload} />}
      {!map && !data.error && <Loading />}
      {map && (
        <>
          <p class="map-hint">{t('mapHint')}</p>
          {map.truncated && <Notice kind="info">{t('mapTruncated', { n: formatNumber(map.total, lang) })}</Notice>}
          <div class="map-layout">
            <div class="map-canvas" data-testid="complaints-map" dangerouslySetInnerHTML={{ __html: svg }} />
            <aside class="map-side" aria-label={t('mapBusiestAreas')}>
              <h2>{t('mapBusiestAreas')}</h2>
              {map.areas.length === 0 ? (
                <p class="muted">{t('mapEmpty')}</p>
              ) : (
                <ol class="map-rank" data-testid="map-areas">
                  {map.areas.slice(0, 10).map((a) => (
                    <li key={a.id}>
                      <a href={casesLink(a.area, filters)} aria-label={t('mapOpenCases', { area: placeName(lang, a) })}>
                        {placeName(lang, a)}
                      </a>
                      <span class="map-count">{cases(a.total)}</span>
                      <span class="map-domains">{Object.entries(a.byDomain).sort((x, y) => y[1] - x[1]).map(([d, n]) => `${label(t, 'domain', d)} ${formatNumber(n, lang)}`).join(lang === 'ar' ? '، ' : ', ')}</span>
                    </li>
                  ))}
                </ol>
              )}
              <h2>{t('mapBusiestBlocks')}</h2>
              {map.blocks.length === 0 ? (
                <p class="muted">{t('none')}</p>
              ) : (
                <ol class="map-rank" data-testid="map-blocks">
                  {map.blocks.map((b) => (
                    <li key={`${b.block}-${b.area ?? ''}`}>
                      <span>
                        {t('block')} <bdi dir="ltr">{b.block}</bdi>
                        {b.area && (
                          <>
                            {' · '}
                            <a href={casesLink(b.area, filters)}>{placeName(lang, b as { area: string; areaAr?: string; areaEn?: string })}</a>
                          </>
                        )}
                      </span>
                      <span class="map-count">{cases(b.total)}</span>
                    </li>
                  ))}
                </ol>
              )}
              {map.unlocated.length > 0 && (
                <>
                  <h2>{t('mapUnlocated')}</h2>
                  <ul class="map-rank" data-testid="map-unlocated">
                    {map.unlocated.map((u) => (
                      <li key={u.area}>
                        <a href={casesLink(u.area, filters)}>{placeName(lang, u)}</a>
                        <span class="map-count">{cases(u.total)}</span>
                        <span class="map-domains">{t(u.reason === 'no_coordinates' ? 'mapNoCoordinates' : 'mapUnknownPlace')}</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {map.withoutArea > 0 && <p class="muted">{t('mapWithoutArea', { n: formatNumber(map.withoutArea, lang) })}</p>}
            </aside>
          </div>
        </>
      )}
    </div>
  );
}
