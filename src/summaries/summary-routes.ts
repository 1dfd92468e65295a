/**
 * Summary API: GET /api/summaries (history, newest first) and GET /api/summaries/:week, where
 * :week is `last`, `current`, an ISO week id (2026-W48) or a date, with an optional `.json`,
 * `.csv` or `.html` suffix; without one the Accept header decides (JSON by default). CSV is every
 * table in one file, or one table with `?table=`; GET /api/summaries/:week.xlsx is every table as
 * a sheet of an Excel workbook, GET /api/summaries/:week.pdf the HTML report printed on A4 (the
 * same as `npm run summary -- --format pdf`). GET /api/summary-weeks lists the weeks to pick from (the console's
 * week picker). Supervisors and admins only.
 */
import { Router, type RequestHandler, type Response } from 'express';
import { parseInput } from '../http/validate';
import { AppError, ValidationError } from '../errors';
import { toCombinedCsv, toCsv } from './csv/csv-format';
import { summaryTables } from './csv/summary-tables';
import { renderHtml } from './html/render-html';
import { htmlToPdf, PDF_CONTENT_TYPE } from './pdf/report-pdf';
import { SummaryGetQuerySchema, SummaryListQuerySchema, SummaryWeeksQuerySchema, SummaryXlsxQuerySchema, type SummaryFormat } from './summary-schemas';
import type { SummaryService } from './summary-service';
import { WeekParseError } from './week';
import { toXlsx, XLSX_CONTENT_TYPE } from './xlsx/summary-workbook';

export interface SummaryRouteDeps {
  service: SummaryService;
  /** The role check (requireRole(...SUPERVISORS)); absent in tests without accounts. */
  guard?: RequestHandler;
  now?: () => Date;
}

const SUFFIX = /^(.+?)\.(json|csv|html)$/i;

function formatOf(param: string, accepts: (types: string[]) => string | false): { week: string; format: SummaryFormat } {
  const m = SUFFIX.exec(param);
  if (m) return { week: m[1], format: m[2].toLowerCase() as SummaryFormat };
  const best = accepts(['application/json', 'text/html', 'text/csv']);
  return { week: param, format: best === 'text/html' ? 'html' : best === 'text/csv' ? 'csv' : 'json' };
}

export function summaryRoutes(deps: SummaryRouteDeps): Router {
  const router = Router();
  const guard: RequestHandler = deps.guard ?? ((_req, _res, next) => next());
  const now = deps.now ?? (() => new Date());

  router.get('/summaries', guard, async (req, res) => {
    const q = parseInput(SummaryListQuerySchema, req.query, 'query');
    const items = await deps.service.list(q.limit);
    res.json({ items: items.map((s) => ({ week: s.weekId, ...s })) });
  });

  router.get('/summary-weeks', guard, async (req, res) => {
    const q = parseInput(SummaryWeeksQuerySchema, req.query, 'query');
    res.json(await deps.service.weeks(q.count));
  });

  const summaryOf = async (arg: string, res: Response) => {
    let week;
    try {
      week = deps.service.resolveWeek(arg);
    } catch (err) {
      if (err instanceof WeekParseError) throw new ValidationError(err.message, { week: arg });
      throw err;
    }
    if (Date.parse(week.start) > now().getTime()) throw new AppError(404, 'not_found', `week ${week.id} has not started yet`, { week: week.id });
    const { summary, stored } = await deps.service.get(week);
    res.setHeader('X-Summary-Source', stored ? 'history' : 'computed');
    return summary;
  };

  // Before /summaries/:week, which would otherwise take "2026-W48.xlsx" as a week.
  router.get('/summaries/:week.xlsx', guard, async (req, res) => {
    parseInput(SummaryXlsxQuerySchema, req.query, 'query');
    const summary = await summaryOf(String(req.params.week), res);
    const name = `rasid-summary-${summary.week.id}`;
    const book = await toXlsx(summaryTables(summary), { title: `راصد: الملخص الأسبوعي ${summary.week.id}`, created: new Date(summary.generatedAt) });
    res.type(XLSX_CONTENT_TYPE).setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`);
    res.send(book);
  });

  router.get('/summaries/:week.pdf', guard, async (req, res) => {
    parseInput(SummaryXlsxQuerySchema, req.query, 'query');
    const summary = await summaryOf(String(req.params.week), res);
    const pdf = await htmlToPdf(renderHtml(summary));
    res.type(PDF_CONTENT_TYPE).setHeader('Content-Disposition', `attachment; filename="rasid-summary-${summary.week.id}.pdf"`);
    res.send(pdf);
  });

  router.get('/summaries/:week', guard, async (req, res) => {
    const q = parseInput(SummaryGetQuerySchema, req.query, 'query');
    const { week: arg, format } = formatOf(String(req.params.week), (types) => req.accepts(types));
    const summary = await summaryOf(arg, res);
    const name = `rasid-summary-${summary.week.id}`;
    if (format === 'html') {
      res.type('html').setHeader('Content-Disposition', `inline; filename="${name}.html"`);
      res.send(renderHtml(summary));
    } else if (format === 'csv') {
      const tables = summaryTables(summary);
      const table = q.table ? tables.find((t) => t.name === q.table) : undefined;
      res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${name}${table ? `-${table.name}` : ''}.csv"`);
      res.send(table ? toCsv(table) : toCombinedCsv(tables));
    } else {
      res.json(summary);
    }
  });
  return router;
}
