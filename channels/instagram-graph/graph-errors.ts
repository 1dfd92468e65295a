/**
 * Maps Graph API failures to the channel's typed errors. Meta signals throttling with error codes
 * (4, 17, 32, 613, and 80001-80014 for business use cases), usually on HTTP 400, not with 429.
 */
import { AuthFailed, ChannelError, Permanent, RateLimited, Transient } from '../channel';

export interface GraphErrorBody {
  error?: {
    message?: string;
    type?: string;
    code?: number;
    error_subcode?: number;
    error_user_msg?: string;
    fbtrace_id?: string;
  };
}

const THROTTLING = new Set([4, 17, 32, 613]);
const PERMISSION = new Set([3, 10]);

export function isThrottlingCode(code: number | undefined): boolean {
  return code !== undefined && (THROTTLING.has(code) || (code >= 80001 && code <= 80014));
}

export interface GraphErrorContext {
  status: number;
  action: string;
  now: Date;
  /** From the usage headers when Meta says how long the block lasts. */
  regainMinutes?: number;
  throttleBackoffMs: number;
  channel?: string;
}

export function mapGraphError(body: GraphErrorBody | undefined, ctx: GraphErrorContext): ChannelError {
  const e = body?.error;
  const code = e?.code;
  // Credentials Meta echoes here are masked by GraphClient, around every call.
  const what = `instagram graph ${ctx.action}: ${e?.message ?? `HTTP ${ctx.status}`}${code !== undefined ? ` (code ${code}${e?.error_subcode ? `/${e.error_subcode}` : ''})` : ''}`;
  if (isThrottlingCode(code) || ctx.status === 429) {
    const waitMs = ctx.regainMinutes && ctx.regainMinutes > 0 ? ctx.regainMinutes * 60_000 : ctx.throttleBackoffMs;
    return new RateLimited(new Date(ctx.now.getTime() + waitMs), what, ctx.channel);
  }
  if (code === 368) return new RateLimited(new Date(ctx.now.getTime() + 3_600_000), `${what}: temporarily blocked for policy reasons`, ctx.channel);
  if (code === 190 || ctx.status === 401) {
    return new AuthFailed(`${what}: the access token is expired or invalid, create a new long-lived token and set IG_GRAPH_TOKEN`, ctx.channel);
  }
  if ((code !== undefined && (PERMISSION.has(code) || (code >= 200 && code <= 299))) || ctx.status === 403) {
    return new AuthFailed(`${what}: a permission is missing (instagram_basic, instagram_manage_comments, pages_read_engagement)`, ctx.channel);
  }
  if (code === 1 || code === 2 || ctx.status >= 500) return new Transient(what, ctx.channel);
  // «Unsupported get request /abc/media»: the object is not there or not an Instagram account the
  // token may read: most often a wrong account id (a Facebook page's id, a typo).
  if (code === 100 && /unsupported (get|post) request/i.test(String(e?.message ?? ''))) {
    return new Permanent(`${what}: check IG_GRAPH_USER_ID (the Instagram business account's id, not the Facebook page's)`, 'graph_100', ctx.channel);
  }
  return new Permanent(what, code !== undefined ? `graph_${code}` : `http_${ctx.status}`, ctx.channel);
}
