/**
 * E-mails the weekly report with nodemailer: the HTML report as the body (for clients that render
 * it) and as an attachment (for those that strip inline SVG), the CSV tables attached, and a
 * plain-text alternative with the headline figures.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { toCombinedCsv } from './csv/csv-format';
import { summaryTables } from './csv/summary-tables';
import { renderHtml } from './html/render-html';
import { formatDate, formatDuration, formatInt, formatPct } from './labels';
import type { WeeklySummary } from './summary-record';

export interface SummaryMailSettings {
  /** e.g. smtp://user:pass@mail.example.bh:587 or smtps://... (nodemailer URL form). */
  smtpUrl: string;
  recipients: string[];
  from: string;
}

export function summarySubject(s: WeeklySummary): string {
  return `الملخص الأسبوعي ${formatDate(s.week.firstDate).ar} – ${formatDate(s.week.lastDate).ar} · Weekly summary ${s.week.id}`;
}

export function summaryText(s: WeeklySummary): string {
  const r = s.responses;
  return [
    `Weekly engagement summary ${s.week.id} (${s.week.firstDate} – ${s.week.lastDate}, ${s.week.timeZone})`,
    s.empty ? 'No activity was recorded this week.' : '',
    `Mentions: ${formatInt(s.mentions.total.value)} (last week ${formatInt(s.mentions.total.previous)})`,
    `Response rate: ${formatPct(r.responseRate.value)} (last week ${formatPct(r.responseRate.previous)})`,
    `Median first response: ${formatDuration(r.firstResponse.medianSeconds.value).en}; p90: ${formatDuration(r.firstResponse.p90Seconds.value).en}`,
    `Answered within SLA: ${formatPct(r.withinSlaShare.value)}`,
    `Cases opened: ${formatInt(s.cases.opened.value)}; overdue at week end: ${formatInt(s.cases.overdueAtEnd.value)}`,
    '',
    'The full Arabic report is attached (HTML, opens in any browser) with the figures as CSV.',
  ].filter((l, i, all) => l !== '' || all[i - 1] !== '').join('\n');
}

export class SummaryMailer {
  private readonly transport: Transporter;

  constructor(private readonly settings: SummaryMailSettings, transport?: Transporter) {
    this.transport = transport ?? nodemailer.createTransport(settings.smtpUrl);
  }

  async send(s: WeeklySummary): Promise<{ messageId: string; accepted: string[] }> {
    const info = await this.transport.sendMail({
      from: this.settings.from,
      to: this.settings.recipients,
      subject: summarySubject(s),
      text: summaryText(s),
      // The body without the embedded font (clients use their own); the attachment is the report as downloaded.
      html: renderHtml(s, { embedFont: false }),
      attachments: [
        { filename: `rasid-summary-${s.week.id}.html`, content: renderHtml(s), contentType: 'text/html; charset=utf-8' },
        { filename: `rasid-summary-${s.week.id}.csv`, content: toCombinedCsv(summaryTables(s)), contentType: 'text/csv; charset=utf-8' },
      ],
    });
    return { messageId: info.messageId, accepted: (info.accepted ?? []).map(String) };
  }

  close(): void {
    this.transport.close();
  }
}
