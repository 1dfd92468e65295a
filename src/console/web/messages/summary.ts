/** The weekly summary page. */
import type { Message } from './message-types';

export const summaryAr = {
  // summary
  summaryTitle: 'الملخص الأسبوعي',
  summaryWeek: 'الأسبوع',
  summaryDownload: 'تنزيل',
  downloadHtml: 'تقرير HTML',
  downloadCsv: 'جداول CSV',
  downloadJson: 'بيانات JSON',
  summaryEmpty: 'لم يُنشأ أي ملخص أسبوعي بعد.',
  summaryFrame: 'تقرير الأسبوع {w}',
  summaryHistory: 'الملخصات السابقة',
  downloadXlsx: 'جداول Excel',
  downloadPdf: 'تقرير PDF',
  weekPicker: 'اختيار الأسبوع',
  weekPrev: '→ الأسبوع السابق',
  weekNext: 'الأسبوع التالي ←',
  weekInProgress: 'جارٍ',
  weekStored: 'محفوظ',
};

export const summaryEn: Record<keyof typeof summaryAr, Message> = {
  summaryTitle: 'Weekly summary',
  summaryWeek: 'Week',
  summaryDownload: 'Download',
  downloadHtml: 'HTML report',
  downloadCsv: 'CSV tables',
  downloadJson: 'JSON data',
  summaryEmpty: 'No weekly summary has been made yet.',
  summaryFrame: 'Report for week {w}',
  summaryHistory: 'Earlier summaries',
  downloadXlsx: 'Excel workbook',
  downloadPdf: 'PDF report',
  weekPicker: 'Choose the week',
  weekPrev: '← Previous week',
  weekNext: 'Next week →',
  weekInProgress: 'in progress',
  weekStored: 'stored',
};
