/** OpenAPI paths for the weekly engagement summaries. */
import { SUMMARY_TABLE_NAMES } from './csv/summary-tables';
import { SummaryGetQuerySchema, SummaryListQuerySchema, SummaryWeeksQuerySchema } from './summary-schemas';
import { XLSX_CONTENT_TYPE } from './xlsx/summary-workbook';
import { errors, queryParams, roles, type JsonSchema, type Paths } from '../http/openapi/builder';
import type { OpenApiArea } from '../http/openapi/document';
import { PDF_CONTENT_TYPE } from './pdf/report-pdf';

const SUMMARY_ITEM: JsonSchema = {
  type: 'object',
  required: ['week', 'weekId', 'start', 'end', 'generatedAt', 'schemaVersion', 'headline'],
  properties: {
    week: { type: 'string', description: 'Week id, e.g. 2026-W48 (same as weekId)' },
    weekId: { type: 'string' },
    start: { type: 'string', format: 'date-time', description: 'UTC start of the week (local 00:00 of its first day)' },
    end: { type: 'string', format: 'date-time', description: 'UTC end (exclusive)' },
    generatedAt: { type: 'string', format: 'date-time' },
    schemaVersion: { type: 'integer' },
    headline: { type: 'object', additionalProperties: { type: ['number', 'null'] } },
    deliveredAt: { type: 'string', format: 'date-time', description: 'When it was e-mailed' },
  },
};

const WEEK_PARAM = {
  name: 'week',
  in: 'path',
  required: true,
  description:
    '`last` (the last complete week), `current`, an ISO week id such as `2026-W48` (the report week that contains that ISO ' +
    "week's Monday: with Sunday weeks, Sunday 22 to Saturday 28 Nov 2026 in TZ_DISPLAY) or a date `2026-11-25`; optionally " +
    'followed by `.json`, `.csv` or `.html` (`.xlsx`: see /api/summaries/{week}.xlsx). Without a suffix the Accept header picks the format (JSON by default).',
  schema: { type: 'string', examples: ['last', '2026-W48', '2026-W48.html', '2026-W48.csv'] },
};

const paths: Paths = {
  '/api/summaries': {
    get: {
      summary: 'Weekly summaries kept in the history, newest week first',
      tags: ['summaries'],
      ...roles('supervisor', 'admin'),
      parameters: queryParams(SummaryListQuerySchema),
      responses: {
        '200': { description: 'History', content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: SUMMARY_ITEM } } } } } },
        ...errors(400, 403),
      },
    },
  },
  '/api/summary-weeks': {
    get: {
      summary: 'The weeks a summary can be asked for, newest first (the console week picker)',
      tags: ['summaries'],
      ...roles('supervisor', 'admin'),
      parameters: queryParams(SummaryWeeksQuerySchema),
      responses: {
        '200': {
          description: 'The current week (in progress), the weeks before it and older stored ones; `last` names the last complete week',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['last', 'items'],
                properties: {
                  last: { type: 'string', description: 'Week id that `last` means now' },
                  items: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['week', 'firstDate', 'lastDate', 'current'],
                      properties: {
                        week: { type: 'string', description: 'Week id, e.g. 2026-W48' },
                        firstDate: { type: 'string', format: 'date', description: 'First local day (TZ_DISPLAY)' },
                        lastDate: { type: 'string', format: 'date' },
                        current: { type: 'boolean', description: 'Not ended yet: its summary is partial' },
                        generatedAt: { type: 'string', format: 'date-time', description: 'Present when the history keeps its summary' },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        ...errors(400, 403),
      },
    },
  },
  '/api/summaries/{week}': {
    get: {
      summary: "One week's engagement summary as JSON, CSV (UTF-8 with BOM) or a self-contained Arabic HTML report",
      tags: ['summaries'],
      'x-roles': ['supervisor', 'admin'],
      description:
        'The stored summary when the weekly job made one, otherwise computed on request (header X-Summary-Source: history | computed). ' +
        `CSV: every table in one file, or one table with ?table= (${SUMMARY_TABLE_NAMES.join(', ')}). Roles: supervisor, admin.`,
      parameters: [WEEK_PARAM, ...queryParams(SummaryGetQuerySchema)],
      responses: {
        '200': {
          description: 'The summary; every figure has value, previous, change and changePct',
          content: {
            'application/json': { schema: { type: 'object', description: 'WeeklySummary record (src/summaries/summary-record.ts)' } },
            'text/csv': { schema: { type: 'string', description: 'UTF-8 with BOM; each table: Arabic headers, then the column codes, then its rows' } },
            'text/html': { schema: { type: 'string' } },
          },
        },
        ...errors(400, 403, 404),
      },
    },
  },
  '/api/summaries/{week}.xlsx': {
    get: {
      summary: "One week's engagement summary as an Excel workbook: one right-to-left sheet per table, Arabic headers",
      tags: ['summaries'],
      'x-roles': ['supervisor', 'admin'],
      description:
        'Every table of the CSV, each on its own sheet named with its Arabic title; row 1 holds the Arabic column headers, ' +
        'row 2 the column codes (as in the CSV), both frozen; the data starts on row 3. Same source as the other formats ' +
        '(header X-Summary-Source: history | computed). Roles: supervisor, admin.',
      parameters: [{ ...WEEK_PARAM, description: '`last`, `current`, an ISO week id such as `2026-W48` or a date `2026-11-25` (without a suffix: `.xlsx` is part of the path).', schema: { type: 'string', examples: ['last', '2026-W48'] } }],
      responses: {
        '200': {
          description: 'The workbook (attachment rasid-summary-<week>.xlsx)',
          content: { [XLSX_CONTENT_TYPE]: { schema: { type: 'string', contentMediaType: XLSX_CONTENT_TYPE } } },
        },
        ...errors(400, 403, 404),
      },
    },
  },
};

paths['/api/summaries/{week}.pdf'] = {
  get: {
    summary: "One week's engagement summary as a PDF: the HTML report printed on A4 by headless Chromium",
    tags: ['summaries'],
    'x-roles': ['supervisor', 'admin'],
    description: 'The same report as the HTML (charts and the complaints map included), as `npm run summary -- --format pdf` makes it; one PDF is printed at a time. Roles: supervisor, admin.',
    parameters: [{ ...WEEK_PARAM, description: '`last`, `current`, an ISO week id such as `2026-W48` or a date `2026-11-25` (without a suffix: `.pdf` is part of the path).', schema: { type: 'string', examples: ['last', '2026-W48'] } }],
    responses: {
      '200': { description: 'The PDF (attachment rasid-summary-<week>.pdf)', content: { [PDF_CONTENT_TYPE]: { schema: { type: 'string', contentMediaType: PDF_CONTENT_TYPE } } } },
      ...errors(400, 403, 404),
    },
  },
};

export const summaryOpenApi: OpenApiArea = { paths };
