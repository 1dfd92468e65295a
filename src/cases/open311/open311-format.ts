/**
 * Open311 answers in JSON or XML (the format is the URL's extension), including errors in the
 * spec's shape: a list of { code, description }.
 */
import type { Response } from 'express';
import { XMLBuilder } from 'fast-xml-parser';

export type Open311Format = 'json' | 'xml';

const xml = new XMLBuilder({ format: true, ignoreAttributes: false, suppressEmptyNode: true });

/** Root and item element names per document, as in the spec's XML examples. */
export type Open311Document = { root: 'services' | 'service_requests' | 'errors' | 'service_definition'; item: string };

export function sendOpen311(res: Response, format: Open311Format, status: number, doc: Open311Document, items: unknown[] | Record<string, unknown>): void {
  res.status(status);
  if (format === 'json') {
    res.json(items);
    return;
  }
  const body = Array.isArray(items) ? { [doc.item]: items } : items;
  res.type('application/xml; charset=utf-8').send(xml.build({ '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' }, [doc.root]: body }));
}

export function sendOpen311Error(res: Response, format: Open311Format, status: number, description: string): void {
  sendOpen311(res, format, status, { root: 'errors', item: 'error' }, [{ code: status, description }]);
}
