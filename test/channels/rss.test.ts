/**
 * rss channel against a local news-site double (real socket, real fetch), with feed fixtures in
 * UTF-8, windows-1256, UTF-8 with BOM, Atom, and a broken one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { Permanent, Transient } from '../../channels/channel';
import type { RssOptions } from '../../channels/rss';
import { createRssChannel, parseRssFeedsSetting, parseRssTermsSetting, rssOptionsComplete } from '../../channels/rss';
import type { RssServer } from '../fakes/rss-server';
import { startRssServer } from '../fakes/rss-server';
import { testContext } from '../fixtures/instagram/poll-context';
import { classifyMentions } from '../../src/ingest/classify-mentions';
import { testClassifier } from '../support/classifier';

const NOW = new Date('2026-11-30T10:00:00Z');
const TERMS = ['الأشغال', 'الرصيف', 'Ministry of Works'];
const fixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/rss', name));

let site: RssServer;

beforeEach(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  site = await startRssServer();
});

afterEach(async () => {
  await site.close();
  nock.enableNetConnect();
});

function channel(feeds: RssOptions['feeds'], extra: Partial<RssOptions> = {}) {
  return createRssChannel({ feeds, terms: TERMS, ...extra });
}

describe('rss channel', () => {
  it('on a first poll delivers the recent items that match a normalized term as unanswerable news from the source', async () => {
    site.routes.set('/local.rss', { body: fixture('akhbar-utf8.xml'), etag: '"v1"' });

    const result = await channel([{ url: site.url('/local.rss'), name: 'أخبار الخليج' }]).poll(null, testContext(NOW));

    // news-1002 only says «الاشغال» (no hamza) and still matches «الأشغال»; sport and the
    // September item are left out.
    expect(result.mentions.map((m) => m.externalId)).toEqual(['news-1001', 'news-1002']);
    expect(result.hasMore).toBe(false);
    expect(result.mentions[0]).toEqual({
      externalId: 'news-1001',
      url: 'https://news.example.bh/local/1001',
      author: { id: site.url('/local.rss'), handle: 'أخبار الخليج', name: 'أخبار الخليج' },
      title: 'وزارة الأشغال تبدأ صيانة شارع الاستقلال',
      text: 'وزارة الأشغال تبدأ صيانة شارع الاستقلال\nأعلنت وزارة الأشغال عن بدء أعمال الصيانة ليلاً لمدة أسبوعين.',
      lang: 'ar',
      createdAt: '2026-11-29T04:30:00.000Z',
      kind: 'news',
      replyable: false,
      sources: ['feed:أخبار الخليج', 'term:الأشغال'],
    });
  });

  it('sends the stored ETag and Last-Modified, and delivers nothing when the feed answers 304', async () => {
    site.routes.set('/local.rss', { body: fixture('akhbar-utf8.xml'), etag: '"v1"', lastModified: 'Sun, 29 Nov 2026 07:00:00 GMT' });
    const ch = channel([{ url: site.url('/local.rss') }]);
    const first = await ch.poll(null, testContext(NOW));

    const second = await ch.poll(first.cursor, testContext(NOW));

    expect(site.requests[1].headers['if-none-match']).toBe('"v1"');
    expect(site.requests[1].headers['if-modified-since']).toBe('Sun, 29 Nov 2026 07:00:00 GMT');
    expect(second.mentions).toEqual([]);
    expect(second.info).toMatchObject({ feeds: { [site.url('/local.rss')]: { status: 'unchanged' } } });
  });

  it('when a feed changes, delivers only the items it had not seen before', async () => {
    const original = fixture('akhbar-utf8.xml').toString('utf8');
    site.routes.set('/local.rss', { body: original, etag: '"v1"' });
    const ch = channel([{ url: site.url('/local.rss') }]);
    const first = await ch.poll(null, testContext(NOW));

    const added = `<item><title>الأشغال تغلق نفق السيف</title><link>https://news.example.bh/local/1005</link><guid isPermaLink="false">news-1005</guid><pubDate>Mon, 30 Nov 2026 08:00:00 +0300</pubDate></item>`;
    site.routes.set('/local.rss', { body: original.replace('<item>', `${added}<item>`), etag: '"v2"' });
    const second = await ch.poll(first.cursor, testContext(NOW));

    expect(second.mentions.map((m) => m.externalId)).toEqual(['news-1005']);
  });

  it('decodes an Arabic feed in windows-1256 by its XML declaration', async () => {
    site.routes.set('/wasat.xml', { body: fixture('alwasat-1256.xml'), contentType: 'text/xml' });

    const result = await channel([{ url: site.url('/wasat.xml') }]).poll(null, testContext(NOW));

    expect(result.mentions).toHaveLength(1);
    expect(result.mentions[0]).toMatchObject({
      externalId: 'https://wasat.example.bh/a/77',
      title: 'انهيار جزء من الرصيف في سترة',
      author: { handle: 'صحيفة الوسط' },
      sources: ['feed:صحيفة الوسط', 'term:الأشغال', 'term:الرصيف'],
    });
    expect(result.info).toMatchObject({ feeds: { [site.url('/wasat.xml')]: { charset: 'windows-1256' } } });
  });

  it('decodes a UTF-8 feed with a byte-order mark even when the server names another charset', async () => {
    site.routes.set('/gdn.xml', { body: fixture('gdn-bom.xml'), contentType: 'text/xml; charset=ISO-8859-1' });

    const result = await channel([{ url: site.url('/gdn.xml') }]).poll(null, testContext(NOW));

    expect(result.mentions.map((m) => m.title)).toEqual(['الأشغال: إغلاق مؤقت لمخرج الجسر']);
    // No guid: the link is the id.
    expect(result.mentions[0].externalId).toBe('https://gdn.example.bh/n/5');
  });

  it('reads Atom feeds: entry id, alternate link, html title as text, language', async () => {
    site.routes.set('/atom', { body: fixture('bna-atom.xml'), contentType: 'application/atom+xml' });

    const result = await channel([{ url: site.url('/atom') }]).poll(null, testContext(NOW));

    expect(result.mentions).toEqual([
      expect.objectContaining({
        externalId: 'tag:agency.example.bh,2026:9001',
        url: 'https://agency.example.bh/en/news/9001',
        title: 'Ministry of Works completes drainage upgrade',
        lang: 'en',
        createdAt: '2026-11-29T11:00:00.000Z',
        author: expect.objectContaining({ handle: 'News Agency (English)' }),
      }),
    ]);
  });

  it('on malformed XML fails the poll with Transient, loses nothing, and the next poll delivers once the feed is fixed', async () => {
    site.routes.set('/local.rss', { body: fixture('broken.xml') });
    const ch = channel([{ url: site.url('/local.rss') }]);

    const failure = await ch.poll(null, testContext(NOW)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Transient);
    expect((failure as Error).message).toMatch(/malformed XML at line \d+/);

    site.routes.set('/local.rss', { body: fixture('akhbar-utf8.xml') });
    const next = await ch.poll(null, testContext(NOW));
    expect(next.mentions.map((m) => m.externalId)).toEqual(['news-1001', 'news-1002']);
  });

  it('with several feeds, records a broken one in the cursor and info and still delivers the others', async () => {
    site.routes.set('/local.rss', { body: fixture('akhbar-utf8.xml') });
    site.routes.set('/broken.rss', { body: fixture('broken.xml') });
    const ctx = testContext(NOW);

    const result = await channel([{ url: site.url('/broken.rss') }, { url: site.url('/local.rss') }]).poll(null, ctx);

    expect(result.mentions.map((m) => m.externalId)).toEqual(['news-1001', 'news-1002']);
    expect(result.info).toMatchObject({ failedFeeds: 1, feeds: { [site.url('/broken.rss')]: { status: 'failed' } } });
    expect(JSON.parse(result.cursor ?? '{}').feeds[site.url('/broken.rss')].lastError.message).toMatch(/malformed XML/);
    expect(ctx.lines.some((l) => l.level === 'warn')).toBe(true);
  });

  it("never names a feed's key in what it logs or reports: a failed feed's URL shows it as ***", async () => {
    site.routes.set('/keyed.rss', { body: fixture('broken.xml') });
    site.routes.set('/local.rss', { body: fixture('akhbar-utf8.xml') });
    const ctx = testContext(NOW);
    const keyed = `${site.url('/keyed.rss')}?key=RssKeySecret&lang=ar`;
    const result = await channel([{ url: keyed }, { url: site.url('/local.rss') }]).poll(null, ctx);
    const reported = JSON.stringify([result.info, ctx.lines]);
    expect(reported).toContain('/keyed.rss?key=***&lang=ar');
    expect(reported).not.toContain('RssKeySecret');
    await expect(channel([{ url: `${site.url('/missing')}?token=RssKeySecret` }]).poll(null, testContext(NOW))).rejects.toThrow(/missing\?token=\*\*\*: HTTP 404/);
  });

  it('maps a 5xx to Transient and a 404 to Permanent', async () => {
    site.routes.set('/down', { body: '', status: 502 });
    await expect(channel([{ url: site.url('/down') }]).poll(null, testContext(NOW))).rejects.toThrow(Transient);

    await expect(channel([{ url: site.url('/missing') }]).poll(null, testContext(NOW))).rejects.toThrow(Permanent);
  });

  it('has no reply capability', () => {
    expect(channel([{ url: site.url('/x') }]).reply).toBeUndefined();
  });

  it('parses the RSS_FEEDS and RSS_TERMS settings and says what is missing', () => {
    expect(parseRssFeedsSetting('أخبار الخليج|https://a.example/rss;\nhttps://b.example/feed')).toEqual([
      { url: 'https://a.example/rss', name: 'أخبار الخليج' },
      { url: 'https://b.example/feed' },
    ]);
    expect(() => parseRssFeedsSetting('not a url')).toThrow();
    expect(parseRssTermsSetting('الأشغال، الصرف الصحي,Ministry of Works')).toEqual(['الأشغال', 'الصرف الصحي', 'Ministry of Works']);
    expect(rssOptionsComplete({ feeds: [{ url: 'https://a.example/rss' }] })).toEqual({ ok: false, missing: ['RSS_TERMS'] });
    expect(() => createRssChannel({ feeds: [], terms: ['x'] })).toThrow(/RSS_FEEDS/);
  });

  it('classifies exactly the stored text, so every evidence span of a news mention points at its own words in it', async () => {
    const feeds = ['akhbar-utf8.xml', 'alwasat-1256.xml', 'gdn-bom.xml', 'bna-atom.xml'];
    for (const f of feeds) site.routes.set(`/${f}`, { body: fixture(f) });
    const ch = channel(feeds.map((f) => ({ url: site.url(`/${f}`) })), { terms: [...TERMS, 'الصرف الصحي', 'شارع', 'drainage'] });
    const result = await ch.poll(null, testContext(NOW));

    const classified = classifyMentions(testClassifier(), result.mentions);

    const spans = classified.flatMap((c) => c.classification.domains.flatMap((d) => d.evidence.map((e) => ({ text: c.raw.text, ...e }))));
    expect(classified.length).toBeGreaterThan(2);
    expect(spans.length).toBeGreaterThan(3);
    // `term` is the lexicon's spelling (الشارع for «شارع»): the words at the span must be that term.
    const wordsAt = (span: (typeof spans)[number]) => {
      const words = span.text.slice(span.start, span.end);
      const alone = testClassifier().classify(words).domains.flatMap((d) => d.evidence);
      return { words, term: alone.some((e) => e.term === span.term && e.start === 0 && e.end === words.length) ? span.term : alone.map((e) => e.term).join('|') };
    };
    const found = spans.map(wordsAt);
    expect(found.map((f) => f.term)).toEqual(spans.map((s) => s.term));
    // And where the text spells a term as the lexicon does, the span is exactly the term.
    expect(spans.filter((s) => s.text.slice(s.start, s.end) === s.term).length).toBeGreaterThan(3);
  });
});
