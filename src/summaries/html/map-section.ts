/**
 * The report's complaints map section: the week's complaint mentions on Bahrain's map (inline SVG,
 * so the HTML stays self-contained and prints to PDF as drawn), with the busiest areas and blocks
 * beside it and the areas that could not be placed listed under them.
 */
import { esc } from '../charts/svg';
import { DOMAIN_LABELS, NONE_LABEL, formatInt, labelOf, type Label } from '../labels';
import { renderComplaintsMap } from '../../map/complaints-map';
import type { ComplaintMap, MapArea, MapBlock, UnlocatedArea } from '../../map/map-data';
import type { WeeklySummary } from '../summary-record';
import { bi, headed, table, type Column } from './report-parts';

const L = (ar: string, en: string): Label => ({ ar, en });
const SIDE_ROWS = 8;

const domainAr = (d: string) => (d === 'none' ? NONE_LABEL.ar : labelOf(DOMAIN_LABELS, d).ar);
const num = (v: number) => `<bdi dir="ltr">${formatInt(v)}</bdi>`;
const byDomainText = (byDomain: Record<string, number>) =>
  Object.entries(byDomain)
    .sort((a, b) => b[1] - a[1])
    .map(([d, v]) => `${esc(domainAr(d))} ${num(v)}`)
    .join('، ');
const placeName = (ar: string | undefined, en: string | undefined, stored: string) =>
  ar ? `${esc(ar)}${en ? `<span class="en">${esc(en)}</span>` : ''}` : `<bdi>${esc(stored)}</bdi>`;

export function mapSvg(map: ComplaintMap): string {
  return renderComplaintsMap(map.areas, {
    lang: 'ar',
    labels: {
      title: 'خريطة شكاوى الأسبوع حسب المنطقة · Complaints of the week by area',
      domain: domainAr,
      complaints: (n) => `${formatInt(n)} شكوى`,
      empty: 'لا توجد شكاوى بمواقع معروفة هذا الأسبوع',
      inset: 'جزر حوار (خارج موقعها)',
    },
  });
}

function sideTables(map: ComplaintMap): string {
  const areaCols: Column<MapArea>[] = [
    { head: L('المنطقة', 'Area'), cell: (a) => `${placeName(a.areaAr, a.areaEn, a.area)}<div class="map-domains">${byDomainText(a.byDomain)}</div>` },
    { head: L('الشكاوى', 'Complaints'), num: true, cell: (a) => num(a.total) },
  ];
  const blockCols: Column<MapBlock>[] = [
    { head: L('المجمع', 'Block'), cell: (b) => `<bdi dir="ltr">${esc(b.block)}</bdi>${b.area ? ` · ${placeName(b.areaAr, b.areaEn, b.area)}` : ''}` },
    { head: L('الشكاوى', 'Complaints'), num: true, cell: (b) => num(b.total) },
  ];
  const unlocatedCols: Column<UnlocatedArea>[] = [
    {
      head: L('المنطقة', 'Area'),
      cell: (u) => `${placeName(u.areaAr, u.areaEn, u.area)} <span class="muted">${bi(u.reason === 'no_coordinates' ? L('(بلا إحداثيات)', '(no coordinates)') : L('(غير معروفة)', '(unknown place)'))}</span>`,
    },
    { head: L('الشكاوى', 'Complaints'), num: true, cell: (u) => num(u.total) },
  ];
  const unlocated = map.unlocated.length
    ? headed(L('مناطق لم تظهر على الخريطة', 'Areas not on the map'), table(unlocatedCols, map.unlocated.slice(0, SIDE_ROWS)))
    : '';
  const without = map.withoutArea
    ? `<p class="muted">${bi(L(`شكاوى بلا منطقة: ${formatInt(map.withoutArea)}`, `Complaints naming no area: ${formatInt(map.withoutArea)}`))}</p>`
    : '';
  return `${headed(L('المناطق الأكثر شكاوى', 'Busiest areas'), table(areaCols, map.areas.slice(0, SIDE_ROWS)))}
    ${headed(L('المجمعات الأكثر شكاوى', 'Busiest blocks'), table(blockCols, map.blocks.slice(0, SIDE_ROWS)))}
    ${unlocated}${without}`;
}

export function mapSection(s: WeeklySummary): string {
  const map = s.complaintMap;
  return `<section class="map-section"><h2>${bi(L('خريطة الشكاوى', 'Complaints map'))}</h2>
    <div class="map-grid">
      <figure class="map-figure"><figcaption>${bi(L('شكاوى الأسبوع حسب المنطقة والمجال (مساحة الدائرة تتناسب مع العدد)', "The week's complaints by area and domain (circle area ∝ count)"))}</figcaption>${mapSvg(map)}</figure>
      <div class="map-side">${sideTables(map)}</div>
    </div>
  </section>`;
}
