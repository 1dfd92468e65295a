/** Units' Arabic names (src/cases/routing-table.ts), also for a unit renamed in CASE_ROUTING. */
import { arabicUnitName, DEFAULT_ROUTING, type RoutingTable } from '../../src/cases/routing-table';

describe('arabicUnitName', () => {
  const renamed: RoutingTable = { ...DEFAULT_ROUTING, roads: { name: 'Roads Directorate', nameAr: 'إدارة الطرق' } };

  it('names a unit of the configured table', () => {
    expect(arabicUnitName(renamed, 'Roads Directorate')).toBe('إدارة الطرق');
    expect(arabicUnitName(renamed, 'Sanitary Engineering Operations')).toBe('إدارة عمليات الهندسة الصحية');
  });

  it('still names, in Arabic, the default unit that cases routed before a rename keep', () => {
    expect(arabicUnitName(renamed, 'Roads Maintenance Directorate')).toBe('إدارة صيانة الطرق');
    expect(arabicUnitName(renamed, 'Some Other Unit')).toBeUndefined();
  });
});
