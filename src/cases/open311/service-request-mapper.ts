/**
 * Case ↔ Open311 service request. Status has two values there: open (open, in progress) and
 * closed (resolved, closed); our finer status goes in status_notes. The citizen's identity is
 * never shown: GET requests needs no API key.
 */
import type { Case, CaseStatus, Location } from '../../domain';
import { addressOf } from './address-text';
import { serviceName } from './service-catalog';

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

/** The citizen handle of a case reported over Open311 without an account_id. */
export const OPEN311_REPORTER = 'open311';

/**
 * The note a POST's media_url is kept in (the case has no media field): written by the Open311
 * actor when the case is opened (CaseService.openReported), read back for GET's media_url.
 */
export const MEDIA_NOTE = 'media_url: ';

export function mediaUrlOf(c: Pick<Case, 'history'>): string | null {
  const h = c.history.find((e) => e.action === 'note' && e.actor === OPEN311_REPORTER && e.note?.startsWith(MEDIA_NOTE));
  return h?.note ? h.note.slice(MEDIA_NOTE.length) : null;
}

export const OPEN311_STATUS: Record<CaseStatus, 'open' | 'closed'> = {
  open: 'open',
  in_progress: 'open',
  resolved: 'closed',
  closed: 'closed',
};

export function statusesFor(open311: 'open' | 'closed'): CaseStatus[] {
  return (Object.keys(OPEN311_STATUS) as CaseStatus[]).filter((s) => OPEN311_STATUS[s] === open311);
}

/**
 * Block / road / building numbers in a free-text address (English or Arabic words): the fallback
 * when no gazetteer-backed locator is wired in (see Open311Deps.locate).
 */
export function locationFromAddress(address: string): Location {
  const num = (re: RegExp) => address.match(re)?.[1];
  const loc: Location = {};
  const block = num(/(?:block|blk|مجمع)\s*[:#]?\s*(\d{1,4})/i);
  const road = num(/(?:road|rd|street|طريق|شارع)\s*[:#]?\s*(\d{1,5})/i);
  const building = num(/(?:building|bldg|مبنى|منزل|بناية)\s*[:#]?\s*(\d{1,5}[a-z]?)/i);
  if (block) loc.block = block;
  if (road) loc.road = road;
  if (building) loc.building = building;
  return loc;
}

export function toServiceRequest(c: Case): Open311Request {
  return {
    service_request_id: c.number,
    status: OPEN311_STATUS[c.status],
    status_notes: c.status.replace('_', ' '),
    service_name: serviceName(c.domain),
    service_code: c.domain,
    description: c.description ?? null,
    agency_responsible: c.unit,
    service_notice: null,
    requested_datetime: c.openedAt,
    updated_datetime: c.updatedAt ?? c.openedAt,
    expected_datetime: c.slaDueAt,
    address: addressOf(c.location),
    address_id: null,
    zipcode: null,
    lat: c.location.lat ?? null,
    long: c.location.long ?? null,
    media_url: mediaUrlOf(c),
  };
}
