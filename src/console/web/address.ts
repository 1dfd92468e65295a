/** How a location's parts read in the console. */
import type { Translate } from './messages';

/** «طريق 4107» / "Road 4107"; a named road («شارع الاستقلال», "Budaiya Highway") already says what it is. */
export function roadText(t: Translate, road: string): string {
  return /^\d+$/.test(road) ? `${t('road')} ${road}` : road;
}
