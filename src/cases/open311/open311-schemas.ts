/** Inputs of the Open311 GeoReport v2 routes (query strings and the form-encoded POST). */
import { z } from 'zod';
import { boundsText, inBahrain } from './bahrain-bounds';

/** w3 date-time, e.g. 2010-01-01T00:00:00Z. */
const w3Date = z.string().datetime({ offset: true }).transform((s) => new Date(s).toISOString());
const commaList = z.string().max(2000).transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean));

export const Open311ListQuerySchema = z
  .object({
    jurisdiction_id: z.string().max(200).optional(),
    service_request_id: commaList.optional(),
    service_code: commaList.optional(),
    status: commaList.pipe(z.array(z.enum(['open', 'closed']))).optional(),
    start_date: w3Date.optional(),
    end_date: w3Date.optional(),
  })
  // An inverted window is a client's mistake; an empty list would hide it.
  .refine((q) => !q.start_date || !q.end_date || q.start_date <= q.end_date, {
    message: 'start_date must not be after end_date',
    path: ['start_date'],
  });
export type Open311ListQuery = z.infer<typeof Open311ListQuerySchema>;

export const Open311CreateSchema = z
  .object({
    api_key: z.string().max(200).optional(),
    jurisdiction_id: z.string().max(200).optional(),
    service_code: z.string().min(1).max(100),
    lat: z.coerce.number().min(-90).max(90).optional(),
    long: z.coerce.number().min(-180).max(180).optional(),
    address_string: z.string().trim().min(1).max(500).optional(),
    address_id: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().max(4000).optional(),
    account_id: z.string().trim().max(200).optional(),
    media_url: z.string().url().max(2000).optional(),
  })
  .refine((b) => (b.lat !== undefined && b.long !== undefined) || b.address_string || b.address_id, {
    message: 'a location is required: lat and long, address_string or address_id',
  })
  // One jurisdiction, Bahrain: a point elsewhere (or lat and long swapped) is the client's mistake.
  .refine((b) => b.lat === undefined || b.long === undefined || inBahrain(b.lat, b.long), {
    message: `lat and long must lie in Bahrain (${boundsText()})`,
    path: ['lat'],
  });
export type Open311CreateReq = z.infer<typeof Open311CreateSchema>;
