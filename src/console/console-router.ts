/**
 * Serves the web console at `/`: one HTML page (hash routes inside), and the bundled script,
 * stylesheet and fonts under /console/assets. No inline script: settings the client needs
 * (display time zone, SLA targets, approval rules, refresh interval) travel in <meta> tags, so
 * helmet's CSP (`script-src 'self'`) stays on.
 */
import { Router, type Response } from 'express';
import type { Urgency } from '../domain';
import type { Logger } from '../logger';
import { DEFAULT_APPROVAL_RULES } from '../replies/approval-policy';
import { DEFAULT_RESPONSE_SLA_MINUTES } from '../summaries/summary-settings';
import { ASSET_PREFIX, buildConsoleBundle, type ConsoleBundle } from './console-bundle';

export interface ConsoleOptions {
  /** IANA zone every time is shown in (TZ_DISPLAY). */
  tzDisplay: string;
  /**
   * First-response targets per urgency, in minutes: the queue's waiting badges turn amber and red
   * against them. Default: the weekly summary's targets, so the queue and the report agree.
   */
  responseSlaMinutes?: Record<Urgency, number>;
  /**
   * Which replies wait for a supervisor (APPROVAL_URGENCIES, APPROVAL_FOR_TRAINEES): the composer
   * says so before sending. Default: the server's default rules.
   */
  approval?: { urgencies: Urgency[]; trainees: boolean };
  /** How often the queue refreshes itself, in seconds. */
  refreshSeconds?: number;
  log?: Logger;
  /** Prebuilt bundle (tests); otherwise built once on first use. */
  bundle?: Promise<ConsoleBundle>;
}

export function consoleRouter(opts: ConsoleOptions): Router {
  const router = Router();
  let bundle: Promise<ConsoleBundle> | undefined = opts.bundle;
  const getBundle = () => {
    bundle ??= buildConsoleBundle().catch((err: Error) => {
      opts.log?.error({ err: err.message }, 'console build failed');
      bundle = undefined; // try again on the next request
      throw err;
    });
    return bundle;
  };
  // Start building now so the first page load does not wait for it.
  getBundle().catch(() => undefined);

  router.get('/', async (_req, res) => {
    const b = await getBundle();
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(renderPage(b, opts));
  });

  router.get(`${ASSET_PREFIX}/:name`, async (req, res) => {
    const asset = (await getBundle()).assets.get(req.params.name);
    if (!asset) return notFound(res);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.type(asset.contentType).send(asset.body);
  });
  return router;
}

function notFound(res: Response): void {
  res.status(404).json({ error: { code: 'not_found', message: 'no such console asset', details: null } });
}

function renderPage(b: ConsoleBundle, opts: ConsoleOptions): string {
  const sla = opts.responseSlaMinutes ?? DEFAULT_RESPONSE_SLA_MINUTES;
  const meta = (name: string, content: string) => `<meta name="${name}" content="${escapeAttr(content)}">`;
  return `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>راصد — وزارة الأشغال</title>
<link rel="icon" href="data:,">
${meta('rasid-tz', opts.tzDisplay)}
${meta('rasid-sla-minutes', JSON.stringify(sla))}
${meta('rasid-approval', JSON.stringify(opts.approval ?? { urgencies: DEFAULT_APPROVAL_RULES.urgencies, trainees: DEFAULT_APPROVAL_RULES.trainees }))}
${meta('rasid-refresh-seconds', String(opts.refreshSeconds ?? 15))}
<link rel="stylesheet" href="${ASSET_PREFIX}/${b.stylesheet}">
<script defer src="${ASSET_PREFIX}/${b.script}"></script>
</head>
<body>
<div id="app"><p class="boot">راصد…</p></div>
<noscript>يتطلب هذا التطبيق تفعيل JavaScript. / This console needs JavaScript.</noscript>
</body>
</html>
`;
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
