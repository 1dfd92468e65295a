/**
 * The self-contained HTML report: `dir="rtl"`, Arabic first with English labels, inline SVG charts
 * (daily volume line, channel and domain bars, response-time distribution, SLA gauge, complaints
 * map), A4 print CSS, its Arabic font embedded (report-fonts.ts), no external assets. Every text
 * that came from outside (mentions, handles, areas) is escaped and phone-like numbers are masked.
 */
import { redactPhones } from '../../logger';
import type { KeyedChange } from '../change';
import { barChart } from '../charts/bar-chart';
import { columnChart } from '../charts/column-chart';
import { gaugeChart } from '../charts/gauge-chart';
import { lineChart } from '../charts/line-chart';
import { esc } from '../charts/svg';
import {
  CHANNEL_LABELS,
  DOMAIN_LABELS,
  INTENT_LABELS,
  SENTIMENT_LABELS,
  URGENCY_LABELS,
  WEEKDAY_LABELS,
  formatDate,
  formatDuration,
  formatInstant,
  formatInt,
  formatPct,
  labelOf,
  type Label,
} from '../labels';
import { agentLabel, areaLabel, templateLabel, unitLabel } from '../group-labels';
import type { ResponseGroupChange, WeeklySummary } from '../summary-record';
import { mapSection } from './map-section';
import { LEGEND_WEEKS, bi, figure, headed, kpiCard, table, valueWithDelta, type Column } from './report-parts';
import { reportFontCss } from './report-fonts';
import { REPORT_CSS } from './report-style';

const L = (ar: string, en: string): Label => ({ ar, en });

const byArea = (r: KeyedChange) => areaLabel(r.key);

const clip = (text: string, max = 220) => {
  const t = redactPhones(text).replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

/** Row labels: a table of known keys (else the row's name), or a function of the row. */
type RowLabels = Record<string, Label> | ((r: KeyedChange) => Label) | null;

function keyedTable(rows: KeyedChange[], head: Label, labels: RowLabels): string {
  const label = (r: KeyedChange): string =>
    typeof labels === 'function'
      ? bi(labels(r))
      : labels && r.key !== null && (labels[r.key] || !r.name)
        ? bi(labelOf(labels, r.key))
        : esc(r.name ?? r.key ?? '—');
  const cols: Column<KeyedChange>[] = [
    { head, cell: label },
    { head: L('العدد', 'Count'), num: true, cell: (r) => valueWithDelta(r, 'count', 'neutral') },
  ];
  return table(cols, rows);
}

function masthead(s: WeeklySummary): string {
  const from = formatDate(s.week.firstDate);
  const to = formatDate(s.week.lastDate);
  const generated = formatInstant(s.generatedAt, s.week.timeZone);
  return `<header class="masthead">
    <div>
      <div class="ministry">وزارة الأشغال — مملكة البحرين <span class="en">Ministry of Works — Kingdom of Bahrain</span></div>
      <h1>الملخص الأسبوعي للتفاعل</h1>
      <div class="en" style="font-size:15px;margin-bottom:8px">Weekly engagement summary</div>
      <div class="period">من ${esc(from.ar)} إلى ${esc(to.ar)}</div>
      <div class="en">${esc(from.en)} – ${esc(to.en)} (${esc(s.week.timeZone)} time)</div>
    </div>
    <div class="side">
      <div class="badge">راصد · RASID</div>
      <div style="margin-top:8px"><bdi dir="ltr">${esc(s.week.id)}</bdi></div>
      <div>أُعدّ في ${esc(generated.ar)}</div>
      <div dir="ltr">Generated ${esc(generated.en)}</div>
    </div>
  </header>`;
}

function notices(s: WeeklySummary): string {
  const out: string[] = [];
  if (s.empty) {
    out.push(`<div class="notice empty" data-empty-week="true"><strong>لم تُسجَّل أي إشارات أو ردود أو بلاغات في هذا الأسبوع.</strong><br>
      <span class="en">No mentions, replies, cases or ministry posts were recorded this week.</span></div>`);
  }
  if (s.partial) out.push(`<div class="notice">الأسبوع لم ينتهِ بعد: الأرقام حتى وقت الإعداد. <span class="en">The week has not ended: figures up to the time of generation.</span></div>`);
  if (s.firstGeneratedAt) {
    const first = formatInstant(s.firstGeneratedAt, s.week.timeZone);
    out.push(`<div class="notice" data-remade="true">أُعدّ هذا الملخص أول مرة في ${esc(first.ar)}، ثم أُعيد إعداده لأن ما يعدّه تغيّر بعد ذلك (منشورات أو ردود وصلت متأخرة)، فقد تختلف أرقامه عن نسخة أُرسلت أو طُبعت قبل ذلك.
      <span class="en">First made ${esc(first.en)}, then made again because what it counts changed (posts or replies that came in late): its figures may differ from a copy sent or printed before.</span></div>`);
  }
  if (!s.responses.available) out.push(`<div class="notice">بيانات الردود غير متاحة بعد. <span class="en">Reply data is not available yet.</span></div>`);
  return out.join('');
}

function kpis(s: WeeklySummary): string {
  const r = s.responses;
  return `<div class="kpis">
    ${kpiCard(L('إجمالي الإشارات', 'Mentions'), s.mentions.total, 'count', 'neutral')}
    ${kpiCard(L('نسبة الرد', 'Response rate'), r.responseRate, 'rate', 'up', `<div class="muted">تم الرد على <bdi dir="ltr">${formatInt(r.answered.value)}</bdi> من <bdi dir="ltr">${formatInt(r.needingReply.value)}</bdi></div>`)}
    ${kpiCard(L('وسيط زمن الرد الأول', 'Median first response'), r.firstResponse.medianSeconds, 'duration', 'down')}
    ${kpiCard(L('الرد ضمن المهلة', 'Answered within SLA'), r.withinSlaShare, 'rate', 'up')}
    ${kpiCard(L('بلاغات جديدة', 'Cases opened'), s.cases.opened, 'count', 'neutral')}
    ${kpiCard(L('بلاغات متأخرة', 'Overdue cases'), s.cases.overdueAtEnd, 'count', 'down')}
  </div>`;
}

function volumeSection(s: WeeklySummary): string {
  const m = s.mentions;
  const daily = lineChart(
    'daily-volume',
    'الإشارات اليومية · Daily mentions',
    m.byDay.map((d) => ({ label: WEEKDAY_LABELS[d.weekday].ar, sublabel: d.date.slice(5).replace('-', '/'), value: d.value ?? 0, previous: d.previous ?? 0 })),
  );
  const bars = (id: string, title: string, rows: KeyedChange[], labels: Record<string, Label>) =>
    barChart(id, title, rows.map((r) => ({ label: labelOf(labels, r.key).ar, sublabel: labelOf(labels, r.key).en, value: r.value ?? 0, previous: r.previous ?? 0 })), { width: 380 });
  return `<section><h2>${bi(L('حجم الإشارات', 'Volume'))}</h2>
    <div class="kpis">
      ${kpiCard(L('إشارات ذات صلة', 'Relevant mentions'), m.relevant, 'count', 'neutral')}
      ${kpiCard(L('غير ذات صلة', 'Not relevant'), m.notRelevant, 'count', 'neutral')}
      ${kpiCard(L('أصحاب الإشارات', 'Unique authors'), m.uniqueAuthors, 'count', 'neutral')}
    </div>
    ${figure(L('الإشارات اليومية', 'Daily mentions'), daily, LEGEND_WEEKS)}
    <div class="grid2">
      ${figure(L('حسب القناة', 'By channel'), bars('by-channel', 'حسب القناة · By channel', m.byChannel, CHANNEL_LABELS))}
      ${figure(L('حسب المجال', 'By domain'), bars('by-domain', 'حسب المجال · By domain', m.byDomain, DOMAIN_LABELS))}
    </div>
    <div class="legend">الخط الأسود: قيمة الأسبوع الماضي <span class="en">black mark: last week's value</span></div>
    <div class="grid3">
      ${headed(L('نوع الإشارة', 'Intent'), keyedTable(m.byIntent, L('النوع', 'Intent'), INTENT_LABELS))}
      ${headed(L('درجة الاستعجال', 'Urgency'), keyedTable(m.byUrgency, L('الدرجة', 'Urgency'), URGENCY_LABELS))}
      ${headed(L('الانطباع', 'Sentiment'), keyedTable(m.bySentiment, L('الانطباع', 'Sentiment'), SENTIMENT_LABELS))}
    </div>
  </section>`;
}

function responseTable(rows: ResponseGroupChange[], head: Label, labels: Record<string, Label>): string {
  const cols: Column<ResponseGroupChange>[] = [
    { head, cell: (r) => bi(labelOf(labels, r.key)) },
    { head: L('تحتاج رداً', 'Needing reply'), num: true, cell: (r) => valueWithDelta(r.needingReply, 'count', 'neutral') },
    { head: L('نسبة الرد', 'Response rate'), num: true, cell: (r) => valueWithDelta(r.responseRate, 'rate', 'up') },
    { head: L('الوسيط', 'Median'), num: true, cell: (r) => valueWithDelta(r.medianSeconds, 'duration', 'down') },
    { head: L('المئين 90', 'p90'), num: true, cell: (r) => valueWithDelta(r.p90Seconds, 'duration', 'down') },
    { head: L('ضمن المهلة', 'Within SLA'), num: true, cell: (r) => valueWithDelta(r.withinSlaShare, 'rate', 'up') },
  ];
  return table(cols, rows);
}

function bucketLabel(from: number, to: number | null): Label {
  const f = formatDuration(from);
  if (from === 0 && to !== null) return L(`أقل من ${formatDuration(to).ar}`, `< ${formatDuration(to).en}`);
  if (to === null) return L(`أكثر من ${f.ar}`, `> ${f.en}`);
  const t = formatDuration(to);
  return L(`${f.ar} – ${t.ar}`, `${f.en}–${t.en}`);
}

function responseSection(s: WeeklySummary): string {
  const r = s.responses;
  const sla = s.settings.responseSlaMinutes;
  const gauge = gaugeChart('sla-gauge', 'الرد ضمن المهلة · Within SLA', {
    value: r.withinSlaShare.value,
    previous: r.withinSlaShare.previous,
    target: s.settings.slaTarget,
  });
  const dist = columnChart(
    'response-time-distribution',
    'توزيع زمن الرد الأول · First-response time distribution',
    r.distribution.map((b) => ({ label: bucketLabel(b.fromSeconds, b.toSeconds).ar, sublabel: bucketLabel(b.fromSeconds, b.toSeconds).en, value: b.value ?? 0, previous: b.previous ?? 0 })),
    { width: 460 },
  );
  return `<section><h2>${bi(L('سرعة الاستجابة', 'Responsiveness'))}</h2>
    <div class="kpis">
      ${kpiCard(L('ردود مُرسلة', 'Replies sent'), r.repliesSent, 'count', 'up')}
      ${kpiCard(L('المئين 90 لزمن الرد', 'p90 first response'), r.firstResponse.p90Seconds, 'duration', 'down')}
      ${kpiCard(L('إشارات تحتاج رداً', 'Needing a reply'), r.needingReply, 'count', 'neutral')}
    </div>
    <div class="grid2" style="grid-template-columns: 2fr 3fr; align-items: start">
      ${figure(L('الرد ضمن المهلة', 'Answered within SLA'), gauge, `<div class="legend">الهدف <bdi dir="ltr">${formatPct(s.settings.slaTarget)}</bdi> (الخط المتقطع)؛ المهلة: عاجل ${sla.high} د، متوسط ${sla.medium} د، منخفض ${sla.low} د
        <span class="en">target ${formatPct(s.settings.slaTarget)} (dashed mark); SLA minutes by urgency: high ${sla.high}, medium ${sla.medium}, low ${sla.low}</span></div>`)}
      ${figure(L('توزيع زمن الرد الأول', 'First-response time distribution'), dist, LEGEND_WEEKS)}
    </div>
    ${headed(L('حسب القناة', 'By channel'), responseTable(r.byChannel, L('القناة', 'Channel'), CHANNEL_LABELS))}
    ${headed(L('حسب المجال', 'By domain'), responseTable(r.byDomain, L('المجال', 'Domain'), DOMAIN_LABELS))}
  </section>`;
}

function casesSection(s: WeeklySummary): string {
  const c = s.cases;
  if (!c.available) return `<section><h2>${bi(L('البلاغات', 'Cases'))}</h2><p class="muted">${bi(L('بيانات البلاغات غير متاحة بعد.', 'Case data is not available yet.'))}</p></section>`;
  return `<section><h2>${bi(L('البلاغات', 'Cases'))}</h2>
    <div class="kpis">
      ${kpiCard(L('بلاغات مُنجزة', 'Resolved'), c.resolved, 'count', 'up')}
      ${kpiCard(L('بلاغات مُغلقة', 'Closed'), c.closed, 'count', 'up')}
      ${kpiCard(L('مفتوحة بنهاية الأسبوع', 'Open at week end'), c.openAtEnd, 'count', 'down')}
      ${kpiCard(L('وسيط زمن الإنجاز', 'Median time to resolve'), c.medianSecondsToResolve, 'duration', 'down')}
      ${kpiCard(L('أُنجزت ضمن المهلة', 'Resolved within SLA'), c.resolvedWithinSlaShare, 'rate', 'up')}
      ${kpiCard(L('المئين 90 لزمن الإنجاز', 'p90 time to resolve'), c.p90SecondsToResolve, 'duration', 'down')}
    </div>
    <div class="grid3">
      ${headed(L('حسب الوحدة', 'Opened by unit'), keyedTable(c.openedByUnit, L('الوحدة', 'Unit'), unitLabel))}
      ${headed(L('حسب المجال', 'Opened by domain'), keyedTable(c.openedByDomain, L('المجال', 'Domain'), DOMAIN_LABELS))}
      ${headed(L('المناطق الأكثر شكاوى', 'Top areas (complaints)'), keyedTable(s.mentions.topAreas, L('المنطقة', 'Area'), byArea))}
    </div>
    <div class="grid3">
      ${headed(L('أُنجزت حسب الوحدة', 'Resolved by unit'), keyedTable(c.resolvedByUnit, L('الوحدة', 'Unit'), unitLabel))}
      ${headed(L('بلاغات حسب المنطقة', 'Cases by area'), keyedTable(c.openedByArea, L('المنطقة', 'Area'), byArea))}
      ${headed(L('المجمعات الأكثر شكاوى', 'Top blocks (complaints)'), keyedTable(s.mentions.topBlocks, L('المجمع', 'Block'), null))}
    </div>
  </section>`;
}

/** What the term counts are counted over: a sample of the week's mentions, or all its relevant ones. */
function termsLegend(sampled: boolean, n: string): string {
  return sampled
    ? `العدد: الإشارات التي ورد فيها المصطلح في عينة من ${n} إشارة؛ المظلل بالأصفر جديد هذا الأسبوع
        <span class="en">count: mentions containing the term in a sample of ${n}; yellow = not seen last week</span>`
    : `العدد: الإشارات التي ورد فيها المصطلح من بين ${n} إشارة ذات صلة هذا الأسبوع؛ المظلل بالأصفر جديد هذا الأسبوع
        <span class="en">count: mentions containing the term, of the week's ${n} relevant mentions; yellow = not seen last week</span>`;
}

function conversationSection(s: WeeklySummary): string {
  const t = s.topTerms;
  const terms = t.terms.length
    ? `<div class="terms">${t.terms
        .map((x) => `<span class="term${x.previousMentions === 0 ? ' new' : ''}" title="score ${x.score}"><bdi>${esc(x.term)}</bdi><b>${x.mentions}</b></span>`)
        .join('')}</div><div class="legend">${termsLegend(t.sampled !== false, formatInt(t.sampleSize))}</div>`
    : `<p class="muted">${bi(L('لا توجد مصطلحات بارزة.', 'No notable terms.'))}</p>`;
  const engaged = s.mentions.mostEngaged.length
    ? `<ul class="quotes">${s.mentions.mostEngaged
        .map(
          (m) => `<li><div class="meta"><bdi>@${esc(m.authorHandle)}</bdi> · ${esc(labelOf(CHANNEL_LABELS, m.network).ar)} · ${esc(labelOf(DOMAIN_LABELS, m.domain).ar)} ·
            تفاعل <bdi dir="ltr">${formatInt(m.engagement)}</bdi> <span class="en">engagement</span></div>
            <p class="text" dir="auto">${esc(clip(m.text))}</p></li>`,
        )
        .join('')}</ul>`
    : `<p class="muted">${bi(L('لا توجد إشارات ذات تفاعل.', 'No engaged mentions.'))}</p>`;
  return `<section><h2>${bi(L('ما يتحدث عنه المواطنون', 'What citizens talk about'))}</h2>
    <h3>${bi(L('أبرز المصطلحات', 'Top terms'))}</h3>${terms}
    <h3>${bi(L('الإشارات الأكثر تفاعلاً', 'Most engaged mentions'))}</h3>${engaged}
  </section>`;
}

/** A template's name; a deleted one with the start of its id, so two deleted templates stay apart. */
function templateCell(x: KeyedChange): string {
  const label = bi(templateLabel(x));
  return x.key && !x.name ? `${label} <span class="muted template-id"><bdi dir="ltr">${esc(x.key.slice(0, 8))}</bdi></span>` : label;
}

/** An agent's name; an unknown one with the start of its id, so two unknown users stay apart. */
function agentCell(x: KeyedChange): string {
  const label = bi(agentLabel(x));
  return x.key && x.key !== 'system' && !x.name ? `${label} <span class="muted template-id"><bdi dir="ltr">${esc(x.key.slice(0, 8))}</bdi></span>` : label;
}

function teamSection(s: WeeklySummary): string {
  const r = s.replies;
  if (!r.available) return '';
  return `<section><h2>${bi(L('نشاط فريق التواصل', 'Team activity'))}</h2>
    <div class="grid2">
      ${headed(L('الردود حسب الموظف', 'Replies by agent'), table<KeyedChange>(
        [
          { head: L('الموظف', 'Agent'), cell: agentCell },
          { head: L('العدد', 'Count'), num: true, cell: (x) => valueWithDelta(x, 'count', 'neutral') },
        ],
        r.byAgent,
      ))}
      ${headed(L('الردود حسب القالب', 'Replies by template'), table<KeyedChange>(
        [
          { head: L('القالب', 'Template'), cell: templateCell },
          { head: L('العدد', 'Count'), num: true, cell: (x) => valueWithDelta(x, 'count', 'neutral') },
        ],
        r.byTemplate,
      ))}
    </div>
  </section>`;
}

function ownPostsSection(s: WeeklySummary): string {
  const o = s.ownPosts;
  const best = o.best.length
    ? `<ul class="quotes">${o.best
        .map(
          (p) => `<li><div class="meta">${esc(labelOf(CHANNEL_LABELS, p.channel).ar)} · ${esc(formatInstant(p.createdAt, s.week.timeZone).ar)} ·
            إعجاب <bdi dir="ltr">${formatInt(p.likes)}</bdi> · رد <bdi dir="ltr">${formatInt(p.replies)}</bdi> · إعادة نشر <bdi dir="ltr">${formatInt(p.reposts)}</bdi>
            ${p.impressions ? ` · مشاهدات <bdi dir="ltr">${formatInt(p.impressions)}</bdi>` : ''}</div>
            <p class="text" dir="auto">${esc(clip(p.text, 180))}</p></li>`,
        )
        .join('')}</ul>`
    : `<p class="muted">${bi(L('لم تُنشر منشورات هذا الأسبوع.', 'No posts were published this week.'))}</p>`;
  return `<section><h2>${bi(L('منشورات الوزارة', "The ministry's own posts"))}</h2>
    <div class="kpis">
      ${kpiCard(L('منشورات', 'Posts'), o.posts, 'count', 'neutral')}
      ${kpiCard(L('الإعجابات', 'Likes'), o.likes, 'count', 'up')}
      ${kpiCard(L('الردود والتعليقات', 'Replies & comments'), o.replies, 'count', 'up')}
      ${kpiCard(L('إعادة النشر', 'Reposts & shares'), o.reposts, 'count', 'up')}
      ${kpiCard(L('المشاهدات', 'Impressions'), o.impressions, 'count', 'up')}
      ${kpiCard(L('معدل التفاعل', 'Engagement rate'), o.engagementRate, 'rate', 'up')}
    </div>
    <h3>${bi(L('أفضل المنشورات أداءً', 'Best-performing posts'))}</h3>${best}
  </section>`;
}

function methodology(s: WeeklySummary): string {
  const sla = s.settings.responseSlaMinutes;
  const first = WEEKDAY_LABELS[s.week.days[0].weekday];
  const last = WEEKDAY_LABELS[s.week.days[s.week.days.length - 1].weekday];
  return `<footer>
    <strong>${bi(L('منهجية القياس', 'Method'))}</strong>
    <ul>
      <li>الأسبوع من ${first.ar} 00:00 إلى ${last.ar} 24:00 بتوقيت <bdi dir="ltr">${esc(s.week.timeZone)}</bdi>، ويُقارَن كل رقم بالأسبوع السابق (<bdi dir="ltr">${esc(s.previousWeek.id)}</bdi>).
        <span class="en">The week runs ${first.en} 00:00 to ${last.en} 24:00, ${esc(s.week.timeZone)} time; every figure is compared with the previous week.</span></li>
      <li>نسبة الرد: الإشارات ذات الصلة القابلة للرد التي حصلت على رد مُرسل. زمن الرد الأول من وقت نشر المواطن حتى إرسال أول رد.
        <span class="en">Response rate: relevant, replyable mentions that got a sent reply. First response: from the citizen's post to the first sent reply.</span></li>
      <li>المهلة للرد الأول: عاجل ${sla.high} دقيقة، متوسط ${sla.medium} دقيقة، منخفض ${sla.low} دقيقة؛ تُحسب النسبة من كل الإشارات التي تحتاج رداً.
        <span class="en">First-response SLA by urgency; the share is over all mentions needing a reply.</span></li>
      <li>الوسيط: القيمة الوسطى؛ المئين 90: القيمة التي لا يتجاوزها 90% من الحالات. <span class="en">Median and 90th percentile (nearest rank).</span></li>
    </ul>
    <div>راصد — نظام رصد التواصل الاجتماعي <span class="en">Rasid social-media listening, week ${esc(s.week.id)}</span></div>
  </footer>`;
}

/**
 * `embedFont: false` leaves the font out (about 260 KB): an e-mail body, which mail clients show
 * with their own fonts whatever the page asks for; the attachment and downloads keep it.
 */
export function renderHtml(s: WeeklySummary, opts: { embedFont?: boolean } = {}): string {
  const from = formatDate(s.week.firstDate);
  return `<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>الملخص الأسبوعي ${esc(s.week.id)} · Weekly summary (${esc(from.en)})</title>
<style>${opts.embedFont === false ? '' : reportFontCss()}
${REPORT_CSS}</style>
</head>
<body>
<div class="sheet" data-week="${esc(s.week.id)}">
${masthead(s)}
<main>
${notices(s)}
${kpis(s)}
${volumeSection(s)}
${responseSection(s)}
${casesSection(s)}
${mapSection(s)}
${conversationSection(s)}
${teamSection(s)}
${ownPostsSection(s)}
</main>
${methodology(s)}
</div>
</body>
</html>
`;
}
