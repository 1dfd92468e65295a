/**
 * Every string the console shows, in Arabic (the default, right-to-left) and English. The English
 * dictionary is typed against the Arabic one, so a missing translation fails the type check.
 * No UI imports here, so the tables can be checked outside a browser.
 */
import { adminAr, adminEn } from './admin';
import { approvalsAr, approvalsEn } from './approvals';
import { casesAr, casesEn } from './cases';
import { channelsAr, channelsEn } from './channels';
import { commonAr, commonEn } from './common';
import { complaintsMapAr, complaintsMapEn } from './complaints-map';
import { errorsAr, errorsEn } from './errors';
import { mentionAr, mentionEn } from './mention';
import type { Message } from './message-types';
import { queueAr, queueEn } from './queue';
import { summaryAr, summaryEn } from './summary';

const ar = {
  ...commonAr,
  ...queueAr,
  ...mentionAr,
  ...approvalsAr,
  ...casesAr,
  ...complaintsMapAr,
  ...channelsAr,
  ...summaryAr,
  ...adminAr,
  ...errorsAr,
};

export type MessageKey = keyof typeof ar;
export type Lang = 'ar' | 'en';

const en: Record<MessageKey, Message> = {
  ...commonEn,
  ...queueEn,
  ...mentionEn,
  ...approvalsEn,
  ...casesEn,
  ...complaintsMapEn,
  ...channelsEn,
  ...summaryEn,
  ...adminEn,
  ...errorsEn,
};

export const DICTIONARIES: Record<Lang, Record<MessageKey, Message>> = { ar, en };
