/** An audit change in the console's language: field names translated, units by their Arabic name, flags as yes/no. */
import { auditValue, changeRows, fieldLabel } from '../../src/console/web/audit-diff';
import { translator } from '../../src/console/web/messages';

const ar = translator('ar');
const en = translator('en');
const nameOf = (id: string) => id;

describe('audit change field names', () => {
  it.each([
    ['unit', 'الوحدة', 'Unit'],
    ['source', 'المصدر', 'Source'],
    ['resolvedAt', 'وقت المعالجة', 'Resolved at'],
    ['mentionId', 'المنشور', 'Post'],
    ['status', 'الحالة', 'Status'],
    ['bodies.ar', 'النص العربي', 'Arabic text'],
    ['claim.by', 'بواسطة', 'By'], // a nested field falls back to its last part
  ])('names %s «%s» in Arabic and “%s” in English', (field, inAr, inEn) => {
    expect(fieldLabel(ar, field)).toBe(inAr);
    expect(fieldLabel(en, field)).toBe(inEn);
  });

  it('names every field the case, reply, mention, template and user services record, in both languages', () => {
    const fields = ['status', 'unit', 'assignee', 'externalRef', 'resolvedAt', 'closedAt', 'note', 'reason', 'mentionId', 'source', 'state', 'purpose', 'approvalReason', 'error', 'externalId', 'url', 'approvedBy', 'nextAttemptAt', 'sentAt', 'text', 'foundByLookup', 'by', 'until', 'domain', 'intent', 'key', 'name', 'bodies.ar', 'bodies.en', 'role', 'trainee', 'disabled'];
    for (const f of fields) {
      expect({ f, ar: fieldLabel(ar, f) === f, en: fieldLabel(en, f) === f }).toEqual({ f, ar: false, en: false });
      expect(fieldLabel(ar, f)).not.toMatch(/[a-z]/i);
    }
  });

  it("names a rejected reply's error field as the reason it was rejected, not an error", () => {
    expect(fieldLabel(ar, 'error', 'reply.rejected')).toBe('السبب');
    expect(fieldLabel(en, 'error', 'reply.rejected')).toBe('Reason');
    expect(fieldLabel(ar, 'error', 'reply.failed')).toBe('الخطأ');
  });

  it('shows a field it does not know as stored', () => {
    expect(fieldLabel(ar, 'somethingNew')).toBe('somethingNew');
    expect(fieldLabel(ar, '')).toBe('');
  });
});

describe('audit change values', () => {
  const unitName = (name: string) => (name === 'Roads Maintenance Directorate' ? 'إدارة صيانة الطرق' : name);

  it('shows a unit by the name the console gives it', () => {
    expect(auditValue(ar, nameOf, 'unit', 'Roads Maintenance Directorate', { unitName })).toBe('إدارة صيانة الطرق');
    expect(auditValue(ar, nameOf, 'unit', 'Some Other Unit', { unitName })).toBe('Some Other Unit');
    expect(auditValue(ar, nameOf, 'unit', 'Roads Maintenance Directorate')).toBe('Roads Maintenance Directorate');
  });

  it('shows flags, roles and the case source in words', () => {
    expect(auditValue(ar, nameOf, 'trainee', true)).toBe('نعم');
    expect(auditValue(en, nameOf, 'disabled', false)).toBe('No');
    expect(auditValue(ar, nameOf, 'role', 'supervisor')).toBe('مشرف');
    expect(auditValue(ar, nameOf, 'source', 'open311')).toBe('النظام الوطني (Open311)');
  });

  it('keeps the rows of a case.opened entry in order', () => {
    expect(changeRows(undefined, { unit: 'x', source: 'open311' }).map((r) => fieldLabel(ar, r.field))).toEqual(['الوحدة', 'المصدر']);
  });
});
