/**
 * Place names in the console's language. A location holds the gazetteer's Arabic name of its area
 * («سترة»); in English the console shows the gazetteer's English one (Sitra), loaded once from
 * GET /api/places. A name the gazetteer does not know is shown as written.
 */
import { useEffect, useState } from 'preact/hooks';
import { get, itemsOf } from './api';
import { useI18n } from './i18n';

let loading: Promise<Map<string, string>> | undefined;

function loadPlaceNames(): Promise<Map<string, string>> {
  loading ??= get<unknown>('/api/places').then(
    (d) => new Map(itemsOf<{ ar: string; en: string }>(d).map((p) => [p.ar, p.en])),
    () => {
      loading = undefined; // try again on the next page
      return new Map<string, string>();
    },
  );
  return loading;
}

export function usePlaceName(): (area: string | undefined) => string | undefined {
  const { lang } = useI18n();
  const [names, setNames] = useState<Map<string, string> | undefined>(undefined);
  useEffect(() => {
    if (lang !== 'en') return;
    let live = true;
    void loadPlaceNames().then((m) => live && setNames(m));
    return () => {
      live = false;
    };
  }, [lang]);
  return (area) => (area !== undefined && lang === 'en' ? (names?.get(area) ?? area) : area);
}
