/**
 * Parses RSS 2.0, RSS 1.0 (RDF) and Atom documents into plain items with fast-xml-parser.
 * The document is validated first, so a truncated or broken feed is reported as malformed
 * instead of yielding half the items.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface FeedItem {
  /** guid / Atom id, else the link; stable across fetches. */
  id?: string;
  link?: string;
  title: string;
  /** Plain text (tags stripped) of the description, summary or content. */
  summary: string;
  /** As written in the feed; parsed by the caller. */
  date?: string;
  author?: string;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf';
  title?: string;
  lang?: string;
  items: FeedItem[];
}

export class MalformedFeedError extends Error {}

const ARRAYS = new Set(['rss.channel.item', 'feed.entry', 'feed.entry.link', 'rdf:RDF.item', 'feed.entry.author']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true,
  trimValues: true,
  isArray: (_name, jpath) => ARRAYS.has(String(jpath)),
});

type Node = Record<string, unknown>;

export function parseFeed(xml: string): ParsedFeed {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new MalformedFeedError(`malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  }
  const doc = parser.parse(xml) as Node;
  const rss = doc.rss as Node | undefined;
  if (rss && typeof rss.channel === 'object') return readRss(rss.channel as Node);
  if (doc.feed && typeof doc.feed === 'object') return readAtom(doc.feed as Node);
  const rdf = doc['rdf:RDF'] as Node | undefined;
  if (rdf) return readRdf(rdf);
  throw new MalformedFeedError('not an RSS or Atom document (no <rss>, <feed> or <rdf:RDF> root)');
}

function readRss(channel: Node): ParsedFeed {
  const items = (channel.item as Node[] | undefined) ?? [];
  return {
    format: 'rss',
    title: text(channel.title),
    lang: text(channel.language) ?? text(channel['dc:language']),
    items: items.map((i) => ({
      id: text(i.guid),
      link: text(i.link),
      title: plain(text(i.title)),
      summary: plain(text(i.description) ?? text(i['content:encoded'])),
      date: text(i.pubDate) ?? text(i['dc:date']),
      author: text(i['dc:creator']) ?? text(i.author),
    })),
  };
}

function readAtom(feed: Node): ParsedFeed {
  const entries = (feed.entry as Node[] | undefined) ?? [];
  return {
    format: 'atom',
    title: plain(text(feed.title)),
    lang: attr(feed, 'xml:lang'),
    items: entries.map((e) => ({
      id: text(e.id),
      link: atomLink(e.link as Node[] | undefined),
      title: plain(text(e.title)),
      summary: plain(text(e.summary) ?? text(e.content)),
      date: text(e.published) ?? text(e.updated),
      author: text((e.author as Node[] | undefined)?.[0]?.name),
    })),
  };
}

function readRdf(rdf: Node): ParsedFeed {
  const channel = (rdf.channel as Node | undefined) ?? {};
  const items = (rdf.item as Node[] | undefined) ?? [];
  return {
    format: 'rdf',
    title: text(channel.title),
    lang: text(channel['dc:language']),
    items: items.map((i) => ({
      id: attr(i, 'rdf:about') ?? text(i.link),
      link: text(i.link),
      title: plain(text(i.title)),
      summary: plain(text(i.description)),
      date: text(i['dc:date']),
      author: text(i['dc:creator']),
    })),
  };
}

function atomLink(links: Node[] | undefined): string | undefined {
  if (!links?.length) return undefined;
  const alternate = links.find((l) => !attr(l, 'rel') || attr(l, 'rel') === 'alternate') ?? links[0];
  return attr(alternate, 'href');
}

function text(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string' || typeof node === 'number') return String(node).trim() || undefined;
  if (Array.isArray(node)) return text(node[0]);
  if (typeof node === 'object') return text((node as Node)['#text']);
  return undefined;
}

function attr(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const v = (node as Node)[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Feed text fields often hold escaped HTML: drop tags and leftover entities, fold whitespace. */
export function plain(html: string | undefined): string {
  if (!html) return '';
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
