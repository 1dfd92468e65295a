/** Inputs of the summary API, validated with zod (also the source of the OpenAPI parameters). */
import { z } from 'zod';
import { SUMMARY_TABLE_NAMES } from './csv/summary-tables';

export const SummaryListQuerySchema = z
  .object({
    /** Most recent weeks first; at most this many. */
    limit: z.coerce.number().int().min(1).max(520).default(52),
  })
  .strict();
export type SummaryListQuery = z.infer<typeof SummaryListQuerySchema>;

export const SummaryGetQuerySchema = z
  .object({
    /** CSV only: one table instead of all tables in one file. */
    table: z.enum(SUMMARY_TABLE_NAMES).optional(),
  })
  .strict();
export type SummaryGetQuery = z.infer<typeof SummaryGetQuerySchema>;

export const SummaryWeeksQuerySchema = z
  .object({
    /** The current week and this many minus one before it (stored older weeks are added). */
    count: z.coerce.number().int().min(1).max(520).default(26),
  })
  .strict();

/** The workbook has every table: no options. */
export const SummaryXlsxQuerySchema = z.object({}).strict();

export const SummaryFormatSchema = z.enum(['json', 'csv', 'html']);
export type SummaryFormat = z.infer<typeof SummaryFormatSchema>;
