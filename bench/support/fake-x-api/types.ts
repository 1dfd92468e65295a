/** The fake X API's endpoints, seeded users and posts, request log entries, scripted faults and options. */

export type XEndpoint =
  | 'GET /2/users/:id/mentions'
  | 'GET /2/tweets/search/recent'
  | 'GET /2/users/:id/tweets'
  | 'GET /2/users/me'
  | 'POST /2/tweets'
  | 'GET /2/usage/tweets';

export interface FakeUser {
  id: string;
  username: string;
  name: string;
  followers?: number;
  verified?: boolean;
  location?: string;
}

export interface FakePost {
  id: string;
  text: string;
  authorId: string;
  createdAt: string;
  lang?: string;
  conversationId: string;
  inReplyToTweetId?: string;
  inReplyToUserId?: string;
  /** Shows up in the account's mentions timeline. */
  mentionsAccount: boolean;
  /** Listening queries (exact strings) this post matches in recent search. */
  queries: string[];
  metrics: { likes: number; replies: number; reposts: number; quotes: number; impressions: number };
}

export interface RequestLogEntry {
  /** Server clock (real unless FakeXOptions.now), ms. */
  at: number;
  method: string;
  endpoint: XEndpoint | 'unknown';
  query: Record<string, string>;
  status: number;
  /** Posts returned in `data` (read endpoints). */
  resultCount: number;
  auth: 'app' | 'user' | 'none' | 'bad';
}

export interface Fault {
  status: number;
  /** Problem body; default a generic one for the status. */
  body?: unknown;
  /**
   * 'network': the socket is destroyed without a response; 'slow': the normal answer comes after
   * `delayMs`; 'truncated': a 200 whose JSON body is cut in half.
   */
  kind?: 'http' | 'network' | 'slow' | 'truncated';
  delayMs?: number;
}

export interface FakeXOptions {
  accountId?: string;
  accountUsername?: string;
  appBearer?: string;
  userBearer?: string;
  oauth1ConsumerKey?: string;
  limits?: Partial<Record<XEndpoint, { limit: number; windowMs: number }>>;
  /** Monthly post cap reported by usage/tweets and enforced on reads (429 usage-capped). */
  projectCap?: number;
  capResetDay?: number;
  /** Posts already read this month by the project before the test starts. */
  initialUsage?: number;
  /** Clock for the request log and rate-limit windows (ms); benches pass a simulated one. */
  now?: () => number;
}
