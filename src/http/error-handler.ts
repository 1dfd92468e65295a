/**
 * The one place errors become HTTP: AppErrors keep their status and code, body-parser errors
 * become 400/413, anything else a generic 500 without a stack trace.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, ValidationError } from '../errors';
import type { Logger } from '../logger';
import { StoreError } from '../store/store-error';

interface HttpErrorLike {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
  /** body-parser's raw body on a parse failure. */
  body?: unknown;
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof StoreError) return new AppError(503, err.code, 'the store is unavailable, try again shortly');
  const e = err as HttpErrorLike;
  const status = e.status ?? e.statusCode;
  if (e.type === 'entity.too.large') return new AppError(413, 'payload_too_large', 'request body is too large');
  if (e.type === 'entity.parse.failed') return parseFailure(e.body);
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported')
    return new AppError(415, 'unsupported_encoding', e.message ?? 'unsupported encoding');
  if (status && status >= 400 && status < 500 && e.expose !== false)
    return new AppError(status, 'bad_request', e.message ?? 'bad request');
  return new AppError(500, 'internal_error', 'something went wrong on our side');
}

/**
 * body-parser's strict mode refuses a top-level value that is not an object or array (`null`,
 * `42`, `"x"`) as a parse failure; that body is valid JSON, only of the wrong shape.
 */
function parseFailure(raw: unknown): AppError {
  let value: unknown;
  try {
    value = typeof raw === 'string' ? JSON.parse(raw) : undefined;
  } catch {
    return new AppError(400, 'invalid_json', 'request body is not valid JSON');
  }
  if (value === undefined) return new AppError(400, 'invalid_json', 'request body is not valid JSON');
  const received = value === null ? 'null' : typeof value;
  return new ValidationError(`request body must be a JSON object, not ${received}`, { received });
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = toAppError(err);
    const fields = { reqId: (req as { id?: string }).id, method: req.method, path: req.path, code: appError.code, status: appError.status };
    if (appError.status >= 500) log.error({ ...fields, err: err instanceof Error ? { message: err.message, stack: err.stack } : err }, 'request failed');
    else log.warn(fields, appError.message);
    if (res.headersSent) return;
    res.status(appError.status).json({
      error: { code: appError.code, message: appError.message, details: appError.details ?? null },
    });
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'not_found', `no route for ${req.method} ${req.path}`));
};
