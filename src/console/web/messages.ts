/**
 * The console's message catalog (Arabic and English, one table per console area under
 * messages/) and the translator that reads it.
 */
export type { PluralMessage } from './messages/message-types';
export { DICTIONARIES, type Lang, type MessageKey } from './messages/catalog';
export { label, translator, type Translate } from './messages/translate';
