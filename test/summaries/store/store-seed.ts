/** Seeds a summary store through the mention store it counts (SQLite or MongoDB), for the contract suite. */
import type { SummarySeed } from './summary-store.contract';
import type { Stores } from '../../../src/stores/stores';

export const seedThrough = (store: Stores): SummarySeed => ({
  ingest: async (channel, mentions) => {
    await store.mentions.ingestBatch(channel, mentions, null);
  },
  saveOwnPosts: (channel, posts) => store.mentions.saveOwnPosts(channel, posts),
});
