/** The SummaryStore contract on the in-memory fake. */
import { MemorySummaryStore } from '../../../src/summaries/store/memory-summary-store';
import { summaryStoreContract } from './summary-store.contract';

summaryStoreContract('in-memory fake', async () => {
  const store = new MemorySummaryStore();
  return {
    store,
    seed: {
      ingest: async (channel, mentions) => {
        store.addMentions(channel, mentions);
      },
      saveOwnPosts: async (channel, posts) => store.addOwnPosts(channel, posts),
    },
    close: async () => undefined,
  };
});
