/**
 * The audit log's Action filter offers AUDIT_ACTIONS with their labels: every action a service
 * records must be listed (else it cannot be picked) and labelled in both languages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AUDIT_ACTIONS, auditSubjectOf } from '../../src/audit/audit-actions';
import { DICTIONARIES, type MessageKey } from '../../src/console/web/messages';

const SRC = path.resolve(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return p.includes(`${path.sep}console${path.sep}web`) || p.endsWith(`${path.sep}web`) ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('the known audit actions', () => {
  it('list every action the services record', () => {
    const recorded = new Set<string>();
    for (const file of sourceFiles(SRC)) {
      if (file.endsWith(path.join('audit', 'audit-actions.ts'))) continue;
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/'((?:mention|reply|case|template|user)\.[a-z_]+)'/g)) recorded.add(m[1]);
    }
    // An outbox event (src/domain/outbox.ts), not an audit action.
    recorded.delete('case.created');
    expect(recorded.size).toBeGreaterThan(20);
    expect([...recorded].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([]);
  });

  it('have a label in Arabic and in English, and no label is the bare code', () => {
    for (const a of AUDIT_ACTIONS) {
      const key = `action_${a}` as MessageKey;
      expect({ a, ar: typeof DICTIONARIES.ar[key], en: typeof DICTIONARIES.en[key] }).toEqual({ a, ar: 'string', en: 'string' });
      expect(DICTIONARIES.ar[key]).not.toContain(a);
    }
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });
});

describe('the audit subject filter', () => {
  it.each([
    ['MOW-2026-000049', 'case:MOW-2026-000049'],
    ['  mow-2026-000049 ', 'case:MOW-2026-000049'],
    ['case:mow-2026-000049', 'case:MOW-2026-000049'],
    ['case:MOW-2026-000049', 'case:MOW-2026-000049'],
    ['user:6f1c', 'user:6f1c'],
    ['template:abc', 'template:abc'],
    ['MOW-2026', 'MOW-2026'], // not a case number: kept as typed
  ])('reads %p as %p', (input, subject) => {
    expect(auditSubjectOf(input)).toBe(subject);
  });
});
