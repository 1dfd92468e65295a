/**
 * Which unit owns which works domain. Cases are routed by this table at capture; supervisors can
 * reassign. Names are kept in English (stored on the case) and Arabic (shown to Arabic users).
 */
import type { Domain } from '../domain';

export interface Unit {
  /** Stored on the case and used in filters. */
  name: string;
  nameAr: string;
}

export type RoutingTable = Record<Domain, Unit>;

export const DEFAULT_ROUTING: RoutingTable = {
  roads: { name: 'Roads Maintenance Directorate', nameAr: 'إدارة صيانة الطرق' },
  drainage: { name: 'Sanitary Engineering Operations', nameAr: 'إدارة عمليات الهندسة الصحية' },
  buildings: { name: 'Construction Projects / Building Maintenance', nameAr: 'إدارة مشاريع البناء وصيانة المباني' },
};

export function unitFor(table: RoutingTable, domain: Domain): Unit {
  return table[domain];
}

/**
 * The Arabic name of a stored unit name, when the table knows it, or the default table does: a
 * unit renamed in CASE_ROUTING leaves its earlier cases under the default name, still shown in Arabic.
 */
export function arabicUnitName(table: RoutingTable, name: string): string | undefined {
  return (Object.values(table).find((u) => u.name === name) ?? Object.values(DEFAULT_ROUTING).find((u) => u.name === name))?.nameAr;
}
