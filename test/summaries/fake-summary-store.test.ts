/** The SummaryStore contract on the in-memory fake. */
import { FakeSummaryStore } from '../../src/summaries/fake-summary-store';
import { summaryStoreContract } from './summary-store.contract';

summaryStoreContract('in-memory fake', async () => {
  const store = new FakeSummaryStore();
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
