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
  // one case: a report that came without a post (Open311), its place, long texts
  caseReport: 'بلاغ المواطن',
  caseViaOpen311: 'طلب عبر Open311',
  caseOpen311Account: 'الحساب',
  caseReportedAddress: 'العنوان كما كتبه المبلّغ',
  caseCoordinates: 'الإحداثيات',
  caseOpenMap: 'فتح على الخريطة',
  caseShowAll: 'عرض النص كاملًا ({n} حرف)',
  caseShowLess: 'عرض أقل',
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
  caseReport: 'Citizen’s report',
  caseViaOpen311: 'Open311 request',
  caseOpen311Account: 'account',
  caseReportedAddress: 'Address as reported',
  caseCoordinates: 'Coordinates',
  caseOpenMap: 'Open in a map',
  caseShowAll: 'Show all ({n} characters)',
  caseShowLess: 'Show less',
};
