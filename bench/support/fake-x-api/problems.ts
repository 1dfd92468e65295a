/** Problem bodies the fake X API answers with: generic ones per status and X's 403s for replies. */

/** What a handler answers: status, JSON body and how many posts it returned (billed as reads). */
export interface HandlerResult {
  status: number;
  body: unknown;
  count: number;
}

export const PROBLEMS: Record<number, { title: string; detail: string; type: string }> = {
  400: { title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.x.com/2/problems/invalid-request' },
  401: { title: 'Unauthorized', detail: 'Unauthorized', type: 'about:blank' },
  403: { title: 'Forbidden', detail: 'You are not permitted to perform this action.', type: 'about:blank' },
  429: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank' },
  500: { title: 'Internal Server Error', detail: 'Internal Server Error', type: 'about:blank' },
  503: { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank' },
};

export const DUPLICATE_CONTENT_403 = {
  detail: 'You are not allowed to create a Tweet with duplicate content.',
  type: 'about:blank',
  title: 'Forbidden',
  status: 403,
};
export const REPLY_NOT_ALLOWED_403 = {
  detail: 'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.',
  type: 'about:blank',
  title: 'Forbidden',
  status: 403,
};
export const DELETED_TARGET_403 = {
  detail: 'You attempted to reply to a Tweet that is deleted or not visible to you.',
  type: 'about:blank',
  title: 'Forbidden',
  status: 403,
};

/** An Invalid Request problem answered with `status`, its `errors` carrying `detail`. */
export function problem(status: number, detail: string): HandlerResult {
  return { status, body: { errors: [{ parameters: {}, message: detail }], title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.x.com/2/problems/invalid-request' }, count: 0 };
}
