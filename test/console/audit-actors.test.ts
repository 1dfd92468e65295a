/** Who did it and when, in the audit log: actors that are not users, and the demo history's own time. */
import { auditValue, fieldLabel, SERVICE_ACTOR_IDS, serviceActorName, shortValue } from '../../src/console/web/audit-diff';
import { translator } from '../../src/console/web/messages';

const ar = translator('ar');
const en = translator('en');

describe('actors that are not users', () => {
  it.each([
    ['system', 'النظام (آلي)', 'System (automatic)'],
    ['cli', 'سطر الأوامر على الخادم', 'Command line on the server'], // npm run user:add
    ['national_system', 'النظام الوطني للبلاغات', 'National complaints system'], // Open311 updates
  ])('names %s «%s» in Arabic and “%s” in English', (id, inAr, inEn) => {
    expect(serviceActorName(ar, id)).toBe(inAr);
    expect(serviceActorName(en, id)).toBe(inEn);
  });

  it('leaves user ids (and names that look like keys) to the users list', () => {
    expect(serviceActorName(ar, 'u-1')).toBeUndefined();
    expect(serviceActorName(ar, 'toString')).toBeUndefined();
  });

  it('offers each of them in the actor filter', () => {
    expect(SERVICE_ACTOR_IDS).toEqual(['system', 'national_system', 'cli']);
  });
});

describe("the demo history's own time", () => {
  it('is named «وقت الحدث» / “Happened at” and shown as a time', () => {
    expect(fieldLabel(ar, 'happenedAt')).toBe('وقت الحدث');
    expect(fieldLabel(en, 'happenedAt')).toBe('Happened at');
    const at = '2026-11-24T06:30:00.000Z';
    const shown = shortValue(auditValue(ar, (id) => id, 'happenedAt', at), 70, (iso) => `time:${iso}`);
    expect(shown).toEqual({ text: `time:${at}`, full: at });
  });
});
