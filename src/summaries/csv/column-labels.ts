/**
 * Arabic headers for the summary's tables: the title of each table and the header of each column
 * code, for the CSV's first header row and the Excel sheets. The codes stay the stable interface
 * (second header row); these are what a reader sees first.
 */

export const TABLE_TITLES_AR: Record<string, string> = {
  overview: 'نظرة عامة',
  daily: 'الإشارات يومياً',
  by_channel: 'حسب القناة',
  by_domain: 'حسب المجال',
  by_intent: 'حسب نوع الإشارة',
  by_urgency: 'حسب الأولوية',
  by_sentiment: 'حسب الانطباع',
  response_by_channel: 'الرد حسب القناة',
  response_by_domain: 'الرد حسب المجال',
  response_time_distribution: 'توزيع زمن الرد الأول',
  cases_opened_by_unit: 'بلاغات جديدة حسب الإدارة',
  cases_opened_by_domain: 'بلاغات جديدة حسب المجال',
  cases_resolved_by_unit: 'بلاغات منجزة حسب الإدارة',
  cases_opened_by_area: 'بلاغات جديدة حسب المنطقة',
  complaints_by_area: 'الشكاوى حسب المنطقة',
  complaints_by_block: 'الشكاوى حسب المجمع',
  top_terms: 'أبرز المصطلحات',
  most_engaged: 'الإشارات الأكثر تفاعلاً',
  replies_by_agent: 'الردود حسب الموظف',
  replies_by_template: 'الردود حسب القالب',
  own_posts_by_channel: 'منشورات الوزارة حسب القناة',
  own_posts_best: 'أفضل منشورات الوزارة',
};

const COLUMNS_AR: Record<string, string> = {
  key: 'الرمز',
  label_ar: 'البند',
  label_en: 'البند بالإنجليزية',
  value: 'هذا الأسبوع',
  previous: 'الأسبوع السابق',
  change: 'التغير',
  change_pct: 'نسبة التغير',
  week: 'الأسبوع',
  section: 'القسم',
  figure: 'المؤشر',
  date: 'التاريخ',
  weekday_ar: 'اليوم',
  weekday_en: 'اليوم بالإنجليزية',
  needing_reply: 'تحتاج رداً',
  answered: 'تم الرد عليها',
  response_rate: 'نسبة الرد',
  median_seconds: 'وسيط زمن الرد (ثانية)',
  p90_seconds: 'المئين 90 لزمن الرد (ثانية)',
  within_sla_share: 'نسبة الرد ضمن المهلة',
  from_seconds: 'من (ثانية)',
  to_seconds: 'إلى (ثانية)',
  term: 'المصطلح',
  score: 'الدرجة',
  mentions: 'الإشارات',
  previous_mentions: 'إشارات الأسبوع السابق',
  network: 'الشبكة',
  author_handle: 'الحساب',
  created_local: 'وقت النشر (بتوقيت {tz})',
  engagement: 'التفاعل',
  domain: 'المجال',
  url: 'الرابط',
  text: 'النص',
  channel: 'القناة',
  posts: 'المنشورات',
  impressions: 'المشاهدات',
  likes: 'الإعجابات',
  replies: 'الردود',
  reposts: 'إعادة النشر',
};

const PREVIOUS_SUFFIX = '_previous';

/**
 * The Arabic header of a column code; `<code>_previous` is that column for the previous week.
 * Times are the report's local times: their header names its time zone.
 */
export function columnLabelAr(code: string, timeZone = 'Asia/Bahrain'): string {
  if (COLUMNS_AR[code]) return COLUMNS_AR[code].replace('{tz}', timeZone);
  if (code.endsWith(PREVIOUS_SUFFIX)) {
    const base = COLUMNS_AR[code.slice(0, -PREVIOUS_SUFFIX.length)];
    if (base) return `${base} - الأسبوع السابق`;
  }
  return code;
}

export function tableTitleAr(name: string): string {
  return TABLE_TITLES_AR[name] ?? name;
}
