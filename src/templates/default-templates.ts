import type { TemplateLang } from './store/template-store';
/** Templates seeded on first start (when their key is missing); supervisors may edit them. */

export interface DefaultTemplate {
  key: string;
  name: string;
  bodies: Record<TemplateLang, string>;
}

/** Keys automatic replies use: case acknowledgement and the status notices (case_<status>). */
export const CASE_ACK_TEMPLATE = 'case_ack';
export const CASE_RESOLVED_TEMPLATE = 'case_resolved';
export const CASE_IN_PROGRESS_TEMPLATE = 'case_in_progress';
export const CASE_CLOSED_TEMPLATE = 'case_closed';

export const DEFAULT_TEMPLATES: DefaultTemplate[] = [
  {
    key: CASE_ACK_TEMPLATE,
    name: 'إشعار استلام البلاغ (Case acknowledgement)',
    bodies: {
      ar: 'شكرًا {name} على تواصلك مع وزارة الأشغال. تم تسجيل بلاغك بشأن {domain} برقم {case_number} وسيتابعه الفريق المختص.',
      en: 'Thank you {name} for contacting the Ministry of Works. Your report about {domain} is registered as {case_number} and the responsible team will follow it up.',
    },
  },
  {
    key: CASE_RESOLVED_TEMPLATE,
    name: 'إشعار معالجة البلاغ (Case resolved notice)',
    bodies: {
      ar: 'نود إفادتك {name} بأنه تمت معالجة البلاغ رقم {case_number}. شكرًا لتعاونك مع وزارة الأشغال.',
      en: 'Dear {name}, report {case_number} has been resolved. Thank you for helping the Ministry of Works.',
    },
  },
  // Sent when the national complaints system reports these statuses (CASE_STATUS_REPLIES), so
  // what .env.example promises holds without a supervisor first writing them.
  {
    key: CASE_IN_PROGRESS_TEMPLATE,
    name: 'إشعار بدء العمل على البلاغ (Case in progress notice)',
    bodies: {
      ar: 'مرحبًا {name}، بدأنا العمل على بلاغك رقم {case_number}، وسنُعلمك عند الانتهاء منه.',
      en: 'Dear {name}, work on your report {case_number} has started; we will let you know when it is done.',
    },
  },
  {
    key: CASE_CLOSED_TEMPLATE,
    name: 'إشعار إغلاق البلاغ (Case closed notice)',
    bodies: {
      ar: 'نود إفادتك {name} بأنه أُغلق البلاغ رقم {case_number}. شكرًا لتواصلك مع وزارة الأشغال.',
      en: 'Dear {name}, report {case_number} is now closed. Thank you for contacting the Ministry of Works.',
    },
  },
];
