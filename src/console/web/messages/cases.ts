/** The cases page. */
import type { Message } from './message-types';

export const casesAr = {
  // cases
  casesTitle: 'البلاغات',
  caseNumber: 'رقم البلاغ',
  caseStatus: 'الحالة',
  caseUnit: 'الجهة المختصة',
  caseAssignee: 'المكلَّف',
  caseOpened: 'تاريخ الفتح',
  caseDue: 'موعد الإنجاز',
  overdue: 'متأخر',
  overdueOnly: 'المتأخرة فقط',
  areaFilter: 'المنطقة أو المجمع',
  casesEmpty: 'لا توجد بلاغات بهذه التصفية.',
};

export const casesEn: Record<keyof typeof casesAr, Message> = {
  casesTitle: 'Cases',
  caseNumber: 'Case number',
  caseStatus: 'Status',
  caseUnit: 'Unit',
  caseAssignee: 'Assignee',
  caseOpened: 'Opened',
  caseDue: 'Due',
  overdue: 'Overdue',
  overdueOnly: 'Overdue only',
  areaFilter: 'Area or block',
  casesEmpty: 'No cases with these filters.',
};
