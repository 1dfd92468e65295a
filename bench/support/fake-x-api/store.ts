/** The fake X API's seeded state: the account, users and posts with X-style increasing ids, and its clock. */
import type { FakePost, FakeUser, FakeXOptions } from './types';

const ID_BASE = 1_900_000_000_000_000_000n;

export class FakeXStore {
  readonly accountId: string;
  readonly accountUsername: string;
  readonly users = new Map<string, FakeUser>();
  readonly posts = new Map<string, FakePost>();
  private seq = 0n;

  constructor(protected readonly opts: FakeXOptions) {
    this.accountId = opts.accountId ?? '1000000001';
    this.accountUsername = opts.accountUsername ?? 'MOWBahrain';
    this.addUser({ id: this.accountId, username: this.accountUsername, name: 'Ministry of Works', followers: 120_000, verified: true });
  }

  addUser(u: Partial<FakeUser> & { username: string }): FakeUser {
    const user: FakeUser = { id: u.id ?? String(2_000_000_000 + this.users.size), name: u.name ?? u.username, ...u };
    this.users.set(user.id, user);
    return user;
  }

  /** Adds a post with the next (newest) id. `author` is a username (created when unknown). */
  addPost(p: {
    text: string;
    author?: string;
    mentionsAccount?: boolean;
    queries?: string[];
    createdAt?: string;
    lang?: string;
    inReplyTo?: string;
    metrics?: Partial<FakePost['metrics']>;
  }): FakePost {
    const handle = p.author ?? 'citizen';
    const author = [...this.users.values()].find((u) => u.username === handle) ?? this.addUser({ username: handle, followers: 10 });
    const id = this.nextId();
    const parent = p.inReplyTo ? this.posts.get(p.inReplyTo) : undefined;
    const post: FakePost = {
      id,
      text: p.text,
      authorId: author.id,
      createdAt: p.createdAt ?? new Date(this.clock()).toISOString(),
      lang: p.lang ?? 'ar',
      conversationId: parent?.conversationId ?? p.inReplyTo ?? id,
      inReplyToTweetId: p.inReplyTo,
      inReplyToUserId: parent?.authorId,
      mentionsAccount: p.mentionsAccount ?? false,
      queries: p.queries ?? [],
      metrics: { likes: 0, replies: 0, reposts: 0, quotes: 0, impressions: 0, ...p.metrics },
    };
    this.posts.set(id, post);
    return post;
  }

  /** Adds n posts (oldest first), e.g. a backlog of mentions. */
  addPosts(n: number, p: Parameters<FakeXStore['addPost']>[0]): FakePost[] {
    return Array.from({ length: n }, (_, i) => this.addPost({ ...p, text: `${p.text} #${i + 1}` }));
  }

  deletePost(id: string): void {
    this.posts.delete(id);
  }

  protected clock(): number {
    return this.opts.now?.() ?? Date.now();
  }

  private nextId(): string {
    this.seq += 1n;
    return (ID_BASE + this.seq * 1000n).toString();
  }
}
