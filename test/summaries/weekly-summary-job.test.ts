import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Scheduler } from '../../src/scheduler/scheduler';
import { SummaryMailer } from '../../src/summaries/summary-mailer';
import { SummaryService } from '../../src/summaries/summary-service';
import { defaultSummarySettings } from '../../src/summaries/summary-settings';
import { createWeeklySummaryJob } from '../../src/summaries/weekly-summary-job';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { SqliteSummaryStore } from '../../src/summaries/store/sqlite/sqlite-summary-store';
import { memoryLogger } from '../support/silent-log';
import { seedFixtureWeek } from './fixture-week';
import { mimeParts, subjectOf } from './mime-parts';

/** Sunday 29 Nov 2026, 08:00 Bahrain time: the scheduled moment for week 2026-W48. */
const NOW = new Date('2026-11-29T05:00:00.000Z');

interface Received {
  from: string;
  to: string[];
  raw: string;
}

async function startSmtp(): Promise<{ server: SMTPServer; port: number; inbox: Received[] }> {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, inbox };
}

async function setup(withMail: boolean, opts: { seed?: boolean } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-job-'));
  const store = createSqliteStores(path.join(dir, 'rasid.db'));
  const summaries = store.summaries;
  if (opts.seed !== false) await seedFixtureWeek(store);
  const smtp = withMail ? await startSmtp() : undefined;
  const mailer = smtp
    ? new SummaryMailer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, recipients: ['minister-office@mow.example.bh', 'comms@mow.example.bh'], from: 'Rasid <rasid@mow.example.bh>' })
    : undefined;
  const { log, lines } = memoryLogger();
  const service = new SummaryService({ store: summaries, settings: defaultSummarySettings('Asia/Bahrain'), now: () => NOW });
  const job = createWeeklySummaryJob({ service, store: summaries, log, schedule: '0 8 * * 0', mailer, now: () => NOW });
  const cleanup = async () => {
    mailer?.close();
    if (smtp) await new Promise<void>((r) => smtp.server.close(() => r()));
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { store, summaries, job, smtp, lines, log, cleanup };
}

describe('weekly summary job', () => {
  it('stores last week\'s summary and e-mails the HTML report to every recipient, once', async () => {
    const ctx = await setup(true);
    expect(await ctx.job.perform()).toEqual({ weekId: '2026-W48', generated: true, delivered: true });
    const stored = await ctx.summaries.getSummary('2026-W48');
    expect(stored?.deliveredAt).toBe(NOW.toISOString());
    expect(ctx.smtp!.inbox).toHaveLength(1);
    const mail = ctx.smtp!.inbox[0];
    expect(mail.to).toEqual(['minister-office@mow.example.bh', 'comms@mow.example.bh']);
    expect(subjectOf(mail.raw)).toContain('الملخص الأسبوعي');
    expect(subjectOf(mail.raw)).toContain('2026-W48');
    const parts = mimeParts(mail.raw);
    const html = parts.find((p) => /content-type:\s*text\/html/i.test(p.headers) && !/attachment/i.test(p.headers));
    expect(html?.body).toContain('dir="rtl"');
    expect(html?.body).toContain('الملخص الأسبوعي للتفاعل');
    expect(html?.body).toContain('data-chart="daily-volume"');
    expect(parts.some((p) => /filename="?rasid-summary-2026-W48\.html/.test(p.headers))).toBe(true);
    // The body leaves out the embedded font (mail clients use their own); the attachment keeps it.
    expect(html?.body).not.toContain('@font-face');
    const attached = parts.find((p) => /filename="?rasid-summary-2026-W48\.html/.test(p.headers));
    expect(attached?.headers).toBeDefined();
    // A quoted-printable or base64 part: either way the font makes it some 250 KB larger than the body.
    expect((attached?.body.length ?? 0) - (html?.body.length ?? 0)).toBeGreaterThan(200_000);
    const csv = parts.find((p) => /filename="?rasid-summary-2026-W48\.csv/.test(p.headers));
    expect(csv?.body.charCodeAt(0)).toBe(0xfeff);
    expect(parts.find((p) => /text\/plain/i.test(p.headers))?.body).toContain('Response rate: 75%');

    expect(await ctx.job.perform()).toEqual({ weekId: '2026-W48', generated: false, delivered: false });
    expect(ctx.smtp!.inbox).toHaveLength(1);
    expect(JSON.stringify(ctx.lines())).not.toContain('minister-office');
    await ctx.cleanup();
  });

  it('catches up a missed run when the scheduler starts', async () => {
    const ctx = await setup(false);
    expect(await ctx.summaries.getSummary('2026-W48')).toBeNull();
    const scheduler = new Scheduler(ctx.log, 'Asia/Bahrain');
    scheduler.add(ctx.job);
    await scheduler.start();
    await scheduler.runOnce(ctx.job); // joins the start-up run already in flight
    await scheduler.stop();
    expect((await ctx.summaries.getSummary('2026-W48'))?.headline.mentions).toBe(6);
    expect(scheduler.jobStats()[0]).toMatchObject({ name: 'weekly-summary', failures: 0 });
    await ctx.cleanup();
  });

  it('replaces a stored summary made before its week\'s mentions arrived, without e-mailing it again', async () => {
    const ctx = await setup(true, { seed: false });
    expect(await ctx.job.perform()).toEqual({ weekId: '2026-W48', generated: true, delivered: true });
    expect((await ctx.summaries.getSummary('2026-W48'))?.headline.mentions).toBe(0);
    // The week's mentions come in late (a first start's demo replay, a channel catching up).
    await seedFixtureWeek(ctx.store);
    expect(await ctx.job.perform()).toEqual({ weekId: '2026-W48', generated: true, delivered: false });
    const stored = await ctx.summaries.getSummary('2026-W48');
    expect(stored?.headline.mentions).toBe(6);
    expect(stored?.deliveredAt).toBe(NOW.toISOString());
    expect(ctx.smtp!.inbox).toHaveLength(1);
    // Nothing new: the stored one stays as it is.
    expect(await ctx.job.perform()).toEqual({ weekId: '2026-W48', generated: false, delivered: false });
    expect((await ctx.summaries.getSummary('2026-W48'))?.generatedAt).toBe(stored?.generatedAt);
    await ctx.cleanup();
  });

  it('sends a summary that was stored but not delivered (mail down last time)', async () => {
    const ctx = await setup(true);
    const service = new SummaryService({ store: ctx.summaries, settings: defaultSummarySettings('Asia/Bahrain'), now: () => NOW });
    await service.generateAndStore(service.resolveWeek('2026-W48'));
    expect(await ctx.job.perform()).toEqual({ weekId: '2026-W48', generated: false, delivered: true });
    expect(ctx.smtp!.inbox).toHaveLength(1);
    await ctx.cleanup();
  });
});
