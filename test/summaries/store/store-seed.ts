/** Seeds a summary store through the mention store it counts (SQLite or MongoDB), for the contract suite. */
import type { Store } from '../../../src/domain';
import type { SummarySeed } from './summary-store.contract';

export const seedThrough = (store: Store): SummarySeed => ({
  ingest: async (channel, mentions) => {
    await store.ingestBatch(channel, mentions, null);
  },
  saveOwnPosts: (channel, posts) => store.saveOwnPosts(channel, posts),
});
