/**
 * Arabic and English labels of the report's named groups, shared by the HTML, the CSV and the
 * Excel sheets so they always agree: units (by the case routing table: the English name stored
 * on the case, the Arabic one shown to Arabic readers), areas (by the gazetteer, whichever
 * language the area was stored in), reply templates (free text, deleted templates) and agents.
 */
import { DEFAULT_ROUTING, type RoutingTable } from '../cases/routing-table';
import { bahrainPlaces } from '../map/place-index';
import type { KeyedChange } from './change';
import { NONE_LABEL, type Label } from './labels';

const L = (ar: string, en: string): Label => ({ ar, en });

export const FREE_TEXT_LABEL = L('نص حر', 'Free text');
export const DELETED_TEMPLATE_LABEL = L('قالب محذوف', 'Deleted template');
export const AUTOMATIC_LABEL = L('آلي', 'Automatic');
export const UNKNOWN_USER_LABEL = L('مستخدم غير معروف', 'Unknown user');

/**
 * The Arabic and English name of every unit of a routing table, by the name stored on cases (the
 * English one) and by its Arabic name (cases stored with an Arabic unit name).
 */
export function unitNames(routing: RoutingTable = DEFAULT_ROUTING): Record<string, Label> {
  const names: Record<string, Label> = {};
  for (const u of Object.values(routing)) {
    const label = L(u.nameAr || u.name, u.name);
    names[u.name] ??= label;
    if (u.nameAr) names[u.nameAr] ??= label;
  }
  return names;
}

const DEFAULT_UNIT_NAMES = unitNames(DEFAULT_ROUTING);

/**
 * A unit row's label: the one recorded with the summary (from the configured routing table), else
 * the default routing table's, else the stored name in both languages.
 */
export function unitLabel(row: Pick<KeyedChange, 'key' | 'label'>): Label {
  if (row.label) return row.label;
  if (row.key === null || row.key === '') return NONE_LABEL;
  return DEFAULT_UNIT_NAMES[row.key] ?? L(row.key, row.key);
}

/** An area as stored on a case or mention, named in Arabic and English by the gazetteer when it knows the place. */
export function areaLabel(key: string | null): Label {
  if (key === null || key === '') return NONE_LABEL;
  const place = bahrainPlaces().find(key);
  return place ? L(place.ar, place.en) : L(key, key);
}

/**
 * A reply-template row's label: free text (no template), the template's name, or, for a template
 * that no longer exists (the store found no name for the id the replies name), a deleted template.
 */
export function templateLabel(row: Pick<KeyedChange, 'key' | 'name'>): Label {
  if (row.key === null || row.key === '') return FREE_TEXT_LABEL;
  return row.name ? L(row.name, row.name) : DELETED_TEMPLATE_LABEL;
}

/**
 * A reply author's label: automatic (the service's own notices), the user's name, or an unknown
 * user when the users store has no name for the id (a store copied without its users): never the
 * raw id alone as if it were a name.
 */
export function agentLabel(row: Pick<KeyedChange, 'key' | 'name'>): Label {
  if (row.key === 'system') return AUTOMATIC_LABEL;
  return row.name ? L(row.name, row.name) : UNKNOWN_USER_LABEL;
}
