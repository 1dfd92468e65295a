/**
 * The API reads JSON bodies only. A body sent as a form or plain text would reach the routes as
 * no body at all, and the answer would be a misleading 400 ("give either text or templateId"
 * for a reply whose text was sent): say 415 and what to send instead.
 */
import type { Request, RequestHandler } from 'express';
import { AppError } from '../errors';

/** As body-parser decides it: a chunked body, or a length other than 0. */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

export const jsonBodyOnly: RequestHandler = (req, _res, next) => {
  if (hasBody(req) && !req.is(['application/json', 'application/*+json'])) {
    next(new AppError(415, 'unsupported_media_type', 'send the request body as JSON, with Content-Type: application/json', { contentType: req.headers['content-type'] ?? null }));
    return;
  }
  next();
};
