import { auditValue } from '../../src/console/web/audit-diff';
import { translator } from '../../src/console/web/messages';

describe('an audit change in the console language', () => {
  const names = new Map([['u-1', 'Ali Agent']]);
  const nameOf = (id: string) => names.get(id) ?? id;

  it.each<[string, unknown, unknown]>([
    ['approvedBy', 'u-1', 'Ali Agent'],
    ['by', 'u-2', 'u-2'], // unknown user: the id, as elsewhere
    ['status', 'in_progress', 'قيد المعالجة'], // a case's status
    ['status', 'no_action', 'لا يتطلب إجراء'], // a mention's status
    ['state', 'awaiting_approval', 'بانتظار الموافقة'],
    ['reason', 'not_a_complaint', 'ليس شكوى'],
    ['reason', 'no_fault_found', 'لم يُعثر على عطل عند المعاينة'], // closed without resolving
    ['reason', 'other', 'سبب آخر'],
    ['intent', 'complaint', 'شكوى'],
    ['purpose', 'agent', 'رد موظف'],
    ['note', 'called the citizen back', 'called the citizen back'], // free text stays
    ['bodies.ar', 'شكرًا {name}', 'شكرًا {name}'],
    ['count', 3, 3],
    ['approvalReason', 'trainee', 'حساب متدرّب'],
    ['approvalReason', 'urgency', 'درجة الاستعجال'],
    // entries written before reasons were codes
    ['approvalReason', 'written by a trainee', 'حساب متدرّب'],
    ['approvalReason', 'high urgency', 'درجة الاستعجال'],
    ['approvalReason', 'automatic replies need approval', 'رد آلي'],
  ])('shows %s %p as %p', (field, value, shown) => {
    expect(auditValue(translator('ar'), nameOf, field, value)).toEqual(shown);
  });
});
