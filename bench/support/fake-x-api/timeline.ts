/**
 * The read timelines (mentions, a user's posts, recent search): X's paging semantics (newest first,
 * since_id, next_token, start_time), expansions of authors and replied-to posts, and partial errors.
 */
import { problem, type HandlerResult } from './problems';
import { renderPost, renderUser } from './render';
import type { FakePost, FakeUser, XEndpoint } from './types';

/** The server state a timeline reads: seeded posts and users, queued partial errors, the clock. */
export interface TimelineSource {
  posts: Map<string, FakePost>;
  users: Map<string, FakeUser>;
  partialErrors: Map<XEndpoint, object[]>;
  clock: () => number;
}

export function timeline(
  src: TimelineSource,
  ep: XEndpoint,
  q: Record<string, string>,
  match: (p: FakePost) => boolean,
  min: number,
  tokenParam: string,
): HandlerResult {
  const max = q.max_results === undefined ? 10 : Number(q.max_results);
  if (!Number.isInteger(max) || max < min || max > 100) {
    return problem(400, `The \`max_results\` query parameter value [${q.max_results}] is not between ${min} and 100`);
  }
  const since = q.since_id ? BigInt(q.since_id) : undefined;
  const sincePost = q.since_id ? src.posts.get(q.since_id) : undefined;
  if (ep === 'GET /2/tweets/search/recent' && sincePost && Date.parse(sincePost.createdAt) < src.clock() - 7 * 86_400_000) {
    const floor = new Date(src.clock() - 7 * 86_400_000).toISOString();
    return problem(400, `Invalid 'since_id':'${q.since_id}'. 'since_id' must be a tweet id created after ${floor}. Please use a 'since_id' that is larger than ${q.since_id}`);
  }
  const token = q[tokenParam] ?? q.pagination_token;
  const before = token ? BigInt(Buffer.from(token, 'base64url').toString()) : undefined;
  // start_time: posts created at or after it (ISO 8601), as on the user timelines and search.
  const startTime = q.start_time ? Date.parse(q.start_time) : undefined;
  if (startTime !== undefined && Number.isNaN(startTime)) return problem(400, `Invalid 'start_time':'${q.start_time}'`);
  const all = [...src.posts.values()]
    .filter(match)
    .filter((p) => (since === undefined || BigInt(p.id) > since) && (before === undefined || BigInt(p.id) < before))
    .filter((p) => startTime === undefined || Date.parse(p.createdAt) >= startTime)
    .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
  const page = all.slice(0, max);
  const fields = new Set((q['tweet.fields'] ?? '').split(',').filter(Boolean));
  const expansions = new Set((q.expansions ?? '').split(',').filter(Boolean));
  const errors: object[] = [...(src.partialErrors.get(ep) ?? [])];
  src.partialErrors.delete(ep);
  const includes: { users?: object[]; tweets?: object[] } = {};
  if (expansions.has('author_id') && page.length) {
    const ids = [...new Set(page.map((p) => p.authorId))];
    includes.users = ids.map((uid) => renderUser(src.users.get(uid)!, q['user.fields']));
  }
  if (expansions.has('referenced_tweets.id')) {
    const refs = [...new Set(page.map((p) => p.inReplyToTweetId).filter((r): r is string => !!r))];
    const found = refs.map((r) => src.posts.get(r)).filter((p): p is FakePost => !!p);
    if (found.length) includes.tweets = found.map((p) => renderPost(p, fields));
    for (const r of refs.filter((r) => !src.posts.has(r))) {
      errors.push({
        value: r,
        detail: `Could not find tweet with referenced_tweets.id: [${r}].`,
        title: 'Not Found Error',
        resource_type: 'tweet',
        parameter: 'referenced_tweets.id',
        resource_id: r,
        type: 'https://api.x.com/2/problems/resource-not-found',
      });
    }
  }
  const meta: Record<string, unknown> = { result_count: page.length };
  if (page.length) {
    meta.newest_id = page[0].id;
    meta.oldest_id = page[page.length - 1].id;
    if (all.length > page.length) meta.next_token = Buffer.from(page[page.length - 1].id).toString('base64url');
  }
  const out: Record<string, unknown> = {};
  if (page.length) out.data = page.map((p) => renderPost(p, fields));
  if (Object.keys(includes).length) out.includes = includes;
  if (errors.length) out.errors = errors;
  out.meta = meta;
  return { status: 200, body: out, count: page.length };
}
