/** One page of a source (mentions or a listening query) through the library, mapped. */
import type { ApiV2Includes, TwitterApiReadWrite, TweetV2, TwitterRateLimit } from 'twitter-api-v2';
import { EXPANSIONS, TWEET_FIELDS, USER_FIELDS } from './map-tweet';

export const ENDPOINTS = {
  mentions: 'GET /2/users/:id/mentions',
  search: 'GET /2/tweets/search/recent',
  ownTweets: 'GET /2/users/:id/tweets',
  me: 'GET /2/users/me',
  usage: 'GET /2/usage/tweets',
  post: 'POST /2/tweets',
} as const;

/** Smallest max_results each endpoint accepts (X returns 400 below it). */
export const MIN_PAGE = { mentions: 5, search: 10, ownTweets: 5 } as const;

export interface PageProblem {
  resource_id?: string;
  resource_type?: string;
  title?: string;
  detail?: string;
  type?: string;
}

export interface TimelinePage {
  data?: TweetV2[];
  includes?: ApiV2Includes;
  meta?: { newest_id?: string; oldest_id?: string; result_count?: number; next_token?: string };
  errors?: PageProblem[];
}

export interface FetchedPage {
  body: TimelinePage;
  rateLimit?: TwitterRateLimit;
}

export interface PageRequest {
  sinceId?: string;
  next?: string;
  maxResults: number;
  timeoutMs: number;
}

export async function fetchMentionsPage(client: TwitterApiReadWrite, accountId: string, r: PageRequest): Promise<FetchedPage> {
  const res = await client.v2.get<TimelinePage>(
    'users/:id/mentions',
    {
      since_id: r.sinceId,
      pagination_token: r.next,
      max_results: r.maxResults,
      'tweet.fields': TWEET_FIELDS,
      expansions: EXPANSIONS,
      'user.fields': USER_FIELDS,
    },
    { fullResponse: true, params: { id: accountId }, timeout: r.timeoutMs },
  );
  return { body: res.data ?? {}, rateLimit: res.rateLimit };
}

export async function fetchSearchPage(client: TwitterApiReadWrite, query: string, r: PageRequest): Promise<FetchedPage> {
  const res = await client.v2.get<TimelinePage>(
    'tweets/search/recent',
    {
      query,
      since_id: r.sinceId,
      next_token: r.next,
      max_results: r.maxResults,
      'tweet.fields': TWEET_FIELDS,
      expansions: EXPANSIONS,
      'user.fields': USER_FIELDS,
    },
    { fullResponse: true, timeout: r.timeoutMs },
  );
  return { body: res.data ?? {}, rateLimit: res.rateLimit };
}

export async function fetchOwnTweets(client: TwitterApiReadWrite, accountId: string, maxResults: number, timeoutMs: number): Promise<FetchedPage> {
  const res = await client.v2.get<TimelinePage>(
    'users/:id/tweets',
    { max_results: maxResults, exclude: 'replies,retweets', 'tweet.fields': 'created_at,public_metrics,note_tweet' },
    { fullResponse: true, params: { id: accountId }, timeout: timeoutMs },
  );
  return { body: res.data ?? {}, rateLimit: res.rateLimit };
}
