/**
 * The weekly summary as flat tables (one CSV file or Excel sheet each): Arabic titles and headers,
 * stable English column codes, Arabic and English labels beside keys.
 */
import { redactPhones } from '../../logger';
import type { Change, KeyedChange } from '../change';
import {
  CHANNEL_LABELS,
  DOMAIN_LABELS,
  INTENT_LABELS,
  SENTIMENT_LABELS,
  URGENCY_LABELS,
  WEEKDAY_LABELS,
  formatDuration,
  formatLocalTime,
  labelOf,
  type Label,
} from '../labels';
import { agentLabel, areaLabel, templateLabel, unitLabel } from '../group-labels';
import type { ResponseGroupChange, WeeklySummary } from '../summary-record';
import { columnLabelAr, tableTitleAr } from './column-labels';
import type { Cell, CsvTable } from './csv-format';

const CHANGE_COLUMNS = ['value', 'previous', 'change', 'change_pct'];
const changeCells = (c: Change): Cell[] => [c.value, c.previous, c.change, c.changePct];

/** Labels of a table's rows: from a table of known keys, a function of the row, or the row's name (else its key). */
type RowLabels = Record<string, Label> | ((r: KeyedChange) => Label) | null;

function keyed(name: string, rows: KeyedChange[], labels: RowLabels): CsvTable {
  return {
    name,
    columns: ['key', 'label_ar', 'label_en', ...CHANGE_COLUMNS],
    rows: rows.map((r) => {
      const l =
        typeof labels === 'function' ? labels(r) : labels ? labelOf(labels, r.key) : { ar: r.name ?? r.key ?? '', en: r.name ?? r.key ?? '' };
      return [r.key ?? '', l.ar, l.en, ...changeCells(r)];
    }),
  };
}

const byArea = (r: KeyedChange) => areaLabel(r.key);

function overview(s: WeeklySummary): CsvTable {
  const rows: [string, string, string, string, Change][] = [
    ['mentions', 'total', 'إجمالي الإشارات', 'Mentions', s.mentions.total],
    ['mentions', 'relevant', 'ذات صلة', 'Relevant', s.mentions.relevant],
    ['mentions', 'not_relevant', 'غير ذات صلة', 'Not relevant', s.mentions.notRelevant],
    ['mentions', 'unique_authors', 'أصحاب الإشارات', 'Unique authors', s.mentions.uniqueAuthors],
    ['responses', 'needing_reply', 'تحتاج رداً', 'Needing a reply', s.responses.needingReply],
    ['responses', 'answered', 'تم الرد عليها', 'Answered', s.responses.answered],
    ['responses', 'response_rate', 'نسبة الرد', 'Response rate', s.responses.responseRate],
    ['responses', 'replies_sent', 'ردود مرسلة', 'Replies sent', s.responses.repliesSent],
    ['responses', 'first_response_median_seconds', 'وسيط زمن الرد الأول (ثانية)', 'Median first response (s)', s.responses.firstResponse.medianSeconds],
    ['responses', 'first_response_p90_seconds', 'المئين 90 لزمن الرد (ثانية)', 'p90 first response (s)', s.responses.firstResponse.p90Seconds],
    ['responses', 'within_sla', 'ضمن المهلة', 'Answered within SLA', s.responses.withinSla],
    ['responses', 'within_sla_share', 'نسبة الرد ضمن المهلة', 'Within-SLA share', s.responses.withinSlaShare],
    ['cases', 'opened', 'بلاغات جديدة', 'Cases opened', s.cases.opened],
    ['cases', 'resolved', 'بلاغات منجزة', 'Cases resolved', s.cases.resolved],
    ['cases', 'closed', 'بلاغات مغلقة', 'Cases closed', s.cases.closed],
    ['cases', 'open_at_end', 'مفتوحة بنهاية الأسبوع', 'Open at week end', s.cases.openAtEnd],
    ['cases', 'overdue_at_end', 'متأخرة بنهاية الأسبوع', 'Overdue at week end', s.cases.overdueAtEnd],
    ['cases', 'median_seconds_to_resolve', 'وسيط زمن الإنجاز (ثانية)', 'Median time to resolve (s)', s.cases.medianSecondsToResolve],
    ['cases', 'resolved_within_sla_share', 'أنجزت ضمن المهلة', 'Resolved within SLA', s.cases.resolvedWithinSlaShare],
    ['own_posts', 'posts', 'منشورات الوزارة', 'Own posts', s.ownPosts.posts],
    ['own_posts', 'likes', 'الإعجابات', 'Likes', s.ownPosts.likes],
    ['own_posts', 'replies', 'الردود', 'Replies', s.ownPosts.replies],
    ['own_posts', 'reposts', 'إعادة النشر', 'Reposts', s.ownPosts.reposts],
    ['own_posts', 'impressions', 'المشاهدات', 'Impressions', s.ownPosts.impressions],
    ['own_posts', 'engagement_rate', 'معدل التفاعل', 'Engagement rate', s.ownPosts.engagementRate],
  ];
  return {
    name: 'overview',
    columns: ['week', 'section', 'figure', 'label_ar', 'label_en', ...CHANGE_COLUMNS],
    rows: rows.map(([section, figure, ar, en, c]) => [s.week.id, section, figure, ar, en, ...changeCells(c)]),
  };
}

function responseGroups(name: string, rows: ResponseGroupChange[], labels: Record<string, Label>): CsvTable {
  const metrics = ['needingReply', 'answered', 'responseRate', 'medianSeconds', 'p90Seconds', 'withinSlaShare'] as const;
  const snake = ['needing_reply', 'answered', 'response_rate', 'median_seconds', 'p90_seconds', 'within_sla_share'];
  return {
    name,
    columns: ['key', 'label_ar', 'label_en', ...snake.flatMap((m) => [m, `${m}_previous`])],
    rows: rows.map((r) => [r.key ?? '', labelOf(labels, r.key).ar, labelOf(labels, r.key).en, ...metrics.flatMap((m) => [r[m].value, r[m].previous])]),
  };
}

export function summaryTables(s: WeeklySummary): CsvTable[] {
  return codeTables(s).map((t) => ({ ...t, title: tableTitleAr(t.name), headers: t.columns.map((c) => columnLabelAr(c, s.week.timeZone)) }));
}

function codeTables(s: WeeklySummary): CsvTable[] {
  const m = s.mentions;
  return [
    overview(s),
    {
      name: 'daily',
      columns: ['date', 'weekday_ar', 'weekday_en', ...CHANGE_COLUMNS],
      rows: m.byDay.map((d) => [d.date, WEEKDAY_LABELS[d.weekday].ar, WEEKDAY_LABELS[d.weekday].en, ...changeCells(d)]),
    },
    keyed('by_channel', m.byChannel, CHANNEL_LABELS),
    keyed('by_domain', m.byDomain, DOMAIN_LABELS),
    keyed('by_intent', m.byIntent, INTENT_LABELS),
    keyed('by_urgency', m.byUrgency, URGENCY_LABELS),
    keyed('by_sentiment', m.bySentiment, SENTIMENT_LABELS),
    responseGroups('response_by_channel', s.responses.byChannel, CHANNEL_LABELS),
    responseGroups('response_by_domain', s.responses.byDomain, DOMAIN_LABELS),
    {
      name: 'response_time_distribution',
      columns: ['from_seconds', 'to_seconds', 'label_ar', 'label_en', ...CHANGE_COLUMNS],
      rows: s.responses.distribution.map((b) => [
        b.fromSeconds,
        b.toSeconds,
        `${formatDuration(b.fromSeconds).ar} – ${b.toSeconds === null ? '∞' : formatDuration(b.toSeconds).ar}`,
        `${formatDuration(b.fromSeconds).en}–${b.toSeconds === null ? '∞' : formatDuration(b.toSeconds).en}`,
        ...changeCells(b),
      ]),
    },
    keyed('cases_opened_by_unit', s.cases.openedByUnit, unitLabel),
    keyed('cases_opened_by_domain', s.cases.openedByDomain, DOMAIN_LABELS),
    keyed('cases_resolved_by_unit', s.cases.resolvedByUnit, unitLabel),
    keyed('cases_opened_by_area', s.cases.openedByArea, byArea),
    keyed('complaints_by_area', m.topAreas, byArea),
    keyed('complaints_by_block', m.topBlocks, null),
    {
      name: 'top_terms',
      columns: ['term', 'score', 'mentions', 'previous_mentions'],
      rows: s.topTerms.terms.map((t) => [t.term, t.score, t.mentions, t.previousMentions]),
    },
    {
      name: 'most_engaged',
      columns: ['network', 'author_handle', 'created_local', 'engagement', 'domain', 'url', 'text'],
      rows: m.mostEngaged.map((x) => [x.network, x.authorHandle, formatLocalTime(x.createdAt, s.week.timeZone), x.engagement, x.domain ?? '', x.url ?? '', redactPhones(x.text)]),
    },
    keyed('replies_by_agent', s.replies.byAgent, agentLabel),
    keyed('replies_by_template', s.replies.byTemplate, templateLabel),
    {
      name: 'own_posts_by_channel',
      columns: ['channel', 'posts', 'posts_previous', 'engagement', 'engagement_previous', 'impressions', 'impressions_previous'],
      rows: s.ownPosts.byChannel.map((c) => [c.key ?? '', c.posts.value, c.posts.previous, c.engagement.value, c.engagement.previous, c.impressions.value, c.impressions.previous]),
    },
    {
      name: 'own_posts_best',
      columns: ['channel', 'created_local', 'likes', 'replies', 'reposts', 'impressions', 'url', 'text'],
      rows: s.ownPosts.best.map((p) => [p.channel, formatLocalTime(p.createdAt, s.week.timeZone), p.likes, p.replies, p.reposts, p.impressions, p.url ?? '', p.text]),
    },
  ];
}

export const SUMMARY_TABLE_NAMES = [
  'overview', 'daily', 'by_channel', 'by_domain', 'by_intent', 'by_urgency', 'by_sentiment', 'response_by_channel',
  'response_by_domain', 'response_time_distribution', 'cases_opened_by_unit', 'cases_opened_by_domain',
  'cases_resolved_by_unit', 'cases_opened_by_area', 'complaints_by_area', 'complaints_by_block', 'top_terms',
  'most_engaged', 'replies_by_agent', 'replies_by_template', 'own_posts_by_channel', 'own_posts_best',
] as const;
