import { REPORT_FONT_FAMILY } from './report-fonts';

/**
 * The report's stylesheet: screen and A4 print, no external assets. The embedded font
 * (report-fonts.ts) comes first so the report looks the same on every host; the system fonts
 * after it only cover what it lacks (other scripts).
 */
export const REPORT_CSS = `
:root {
  --primary: #0b5563; --primary-dark: #083d47; --primary-soft: #e6f2f4; --accent: #b8860b;
  --text: #1f2933; --muted: #616e7c; --line: #e3e8ee; --good: #1e7b4f; --bad: #b42318; --paper: #ffffff;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; background: #eef1f4; color: var(--text);
  font-family: "${REPORT_FONT_FAMILY}", "Noto Sans Arabic", "Noto Naskh Arabic", "Segoe UI", Tahoma, "Geeza Pro", "DejaVu Sans", Arial, sans-serif;
  font-size: 13px; line-height: 1.55;
}
.sheet { max-width: 210mm; margin: 16px auto; background: var(--paper); box-shadow: 0 2px 12px rgba(15, 40, 60, .12); }
header.masthead {
  background: linear-gradient(135deg, var(--primary-dark), var(--primary)); color: #fff; padding: 22px 28px 18px;
  display: flex; justify-content: space-between; align-items: flex-start; gap: 16px; border-bottom: 4px solid var(--accent);
}
.masthead h1 { margin: 0 0 2px; font-size: 24px; font-weight: 700; }
.masthead .en { color: #cfe3e7; }
.masthead .ministry { font-size: 13px; opacity: .92; margin-bottom: 8px; }
.masthead .period { font-size: 15px; font-weight: 600; }
.masthead .side { text-align: left; font-size: 12px; opacity: .92; }
.masthead .badge { display: inline-block; border: 1px solid rgba(255,255,255,.5); border-radius: 4px; padding: 1px 8px; font-weight: 700; letter-spacing: .5px; }
main { padding: 18px 28px 8px; }
.en { color: var(--muted); font-size: .82em; font-weight: 400; unicode-bidi: plaintext; }
span.en { margin-inline-start: 6px; }
div.en, th .en { text-align: right; }
th.num .en { text-align: left; }
.notice { border: 1px solid #f0d58a; background: #fff8e1; border-radius: 6px; padding: 10px 14px; margin: 0 0 14px; }
.notice.empty { border-color: #b9d7dc; background: var(--primary-soft); font-size: 15px; text-align: center; padding: 18px; }
.kpis { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; margin-bottom: 18px; }
.kpi { border: 1px solid var(--line); border-top: 3px solid var(--primary); border-radius: 6px; padding: 10px 12px; }
.kpi .label { font-weight: 600; font-size: 12.5px; }
.kpi .value { font-size: 26px; font-weight: 700; color: var(--primary-dark); line-height: 1.25; margin: 4px 0 2px; }
.kpi .value .en { font-size: 12px; }
.delta { font-size: 11.5px; }
.delta.good { color: var(--good); } .delta.bad { color: var(--bad); } .delta.neutral { color: var(--muted); }
section { margin: 0 0 18px; break-inside: avoid-page; }
h2 { font-size: 17px; color: var(--primary-dark); border-bottom: 2px solid var(--primary-soft); padding-bottom: 4px; margin: 8px 0 10px; }
h3 { font-size: 13.5px; margin: 10px 0 6px; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
.grid3 { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; }
figure { margin: 0; break-inside: avoid; }
/* A heading and its table (report-parts headed()) stay on one page; a heading never ends a page. */
.keep { break-inside: avoid; }
h2, h3 { break-after: avoid; }
.map-grid { display: grid; grid-template-columns: 11fr 9fr; gap: 14px; align-items: start; }
.map-figure svg { max-width: 100%; }
.map-domains { font-size: 11px; color: var(--muted); }
/* On a phone (the console shows the report in a frame) the cards and charts stack. */
@media (max-width: 640px) {
  .map-grid, .grid2, .grid3 { grid-template-columns: 1fr !important; }
  .kpis { grid-template-columns: 1fr 1fr; }
  header.masthead { flex-direction: column; padding: 16px; }
  .masthead .side { text-align: start; }
  main { padding: 12px 12px 4px; }
  footer { padding: 10px 12px 14px; }
  .sheet { margin: 0; }
  .kpi .value { font-size: 22px; }
  table { display: block; overflow-x: auto; }
}
figcaption { font-weight: 600; font-size: 12.5px; margin-bottom: 4px; }
svg { display: block; font-family: inherit; }
svg .axis { font-size: 10px; fill: var(--muted); }
svg .axis-label { font-size: 11.5px; fill: var(--text); }
svg .bar-label { font-size: 12.5px; fill: var(--text); font-weight: 600; }
svg .bar-value, svg .point-value { font-size: 11.5px; fill: var(--text); font-weight: 700; }
svg .gauge-value-text { font-size: 30px; font-weight: 700; }
svg .chart-empty { font-size: 13px; fill: var(--muted); }
.legend { font-size: 11px; color: var(--muted); margin-top: 2px; }
.legend .swatch { display: inline-block; width: 14px; height: 3px; vertical-align: middle; margin-inline-end: 4px; background: var(--primary); }
.legend .swatch.prev { background: repeating-linear-gradient(90deg, #9aa5b1 0 5px, transparent 5px 9px); }
table { width: 100%; border-collapse: collapse; font-size: 12px; }
th { text-align: start; background: #f5f7fa; font-weight: 600; padding: 5px 6px; border-bottom: 1px solid var(--line); vertical-align: bottom; }
th .en { display: block; font-size: 10.5px; }
td { padding: 4px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: end; }
td.num bdi { white-space: nowrap; }
.delta { white-space: normal; }
.terms { display: flex; flex-wrap: wrap; gap: 6px; }
.term { background: var(--primary-soft); border-radius: 14px; padding: 2px 10px; font-size: 12.5px; }
.term b { color: var(--primary-dark); margin-inline-start: 6px; font-size: 11px; unicode-bidi: isolate; } /* a Latin term and its count would share one run: «Isa2» */
.term.new { background: #fdf1d6; }
.quotes { list-style: none; margin: 0; padding: 0; }
.quotes li { border-inline-start: 3px solid var(--accent); padding: 4px 10px; margin-bottom: 8px; background: #fafbfc; }
.quotes .meta { font-size: 11px; color: var(--muted); }
.quotes .text { margin: 2px 0 0; }
.muted { color: var(--muted); }
footer { padding: 10px 28px 18px; font-size: 11px; color: var(--muted); border-top: 1px solid var(--line); }
footer ul { margin: 4px 0; padding-inline-start: 18px; }
@page { size: A4; margin: 12mm 10mm; }
@media print {
  body { background: #fff; font-size: 11.5px; }
  .sheet { margin: 0; max-width: none; box-shadow: none; }
  header.masthead { padding: 16px 20px 12px; }
  main { padding: 12px 4px 4px; }
  h2, h3 { break-after: avoid; }
  .keep { break-inside: avoid; }
  footer { break-inside: avoid; }
  section { break-inside: auto; }
  figure, table, .kpi, .quotes li { break-inside: avoid; }
  .map-section { break-inside: avoid-page; }
  a { color: inherit; text-decoration: none; }
}
`;
