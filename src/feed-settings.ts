/**
 * Parsers for the RSS settings as they sit in the environment, for src/config.ts to use:
 * RSS_FEEDS holds entries separated by newlines or ';', each "Name|URL" or just "URL";
 * RSS_TERMS holds listening terms separated by commas (',' or the Arabic '،') or newlines.
 *
 * @example RSS_FEEDS="أخبار الخليج|https://www.akhbar-alkhaleej.com/rss;https://www.gdnonline.com/rss"
 * @example RSS_TERMS="وزارة الأشغال,الأشغال,تجمع مياه الأمطار,Ministry of Works"
 */
export interface RssFeedSource {
  url: string;
  /** Shown as the author of its items; defaults to the feed's own title. */
  name?: string;
}

export function parseRssFeedsSetting(value: string | undefined): RssFeedSource[] {
  return (value ?? '')
    .split(/[\n;]+/)
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const bar = entry.lastIndexOf('|');
      const url = (bar >= 0 ? entry.slice(bar + 1) : entry).trim();
      const name = bar >= 0 ? entry.slice(0, bar).trim() : '';
      new URL(url); // throws on a bad URL, so config fails at boot naming the entry
      return name ? { url, name } : { url };
    });
}

export function parseRssTermsSetting(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[,،\n]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}
