/**
 * Faults at the channel: the fake X server answers 429 storms, 5xx bursts, slow responses
 * (past the client timeout), truncated JSON and dropped connections while new posts keep coming.
 * The poller backs off, never calls before a rate-limit reset, loses and duplicates nothing, and
 * recovers when the faults stop; meanwhile the replay channel keeps polling.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createXChannel } from '../../channels/x';
import { ReplayChannel } from '../../channels/replay';
import { testClassifier } from '../support/classifier';
import { pollChannel, type PollOutcome } from '../../src/ingest/poll-channel';
import { SqliteStore } from '../../src/store/sqlite';
import { startFakeXApi } from '../../bench/support/fake-x-api';
import { CREDS } from '../fixtures/x/kit';
import { memoryLogger } from '../support/silent-log';
import { makeTempDir } from '../support/temp-dir';
import { reportFigures } from './suite-size';

jest.setTimeout(90_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('channel faults', () => {
  it('survives 429 storms, 5xx bursts, timeouts, truncated JSON and dropped sockets with nothing lost', async () => {
    const tmp = makeTempDir();
    const fake = await startFakeXApi({ appBearer: CREDS.appBearer, oauth1ConsumerKey: CREDS.oauth1.appKey });
    const store = new SqliteStore(path.join(tmp.dir, 'rasid.db'));
    const { log } = memoryLogger('silent');
    const classifier = testClassifier();
    const x = createXChannel({ apiBaseUrl: fake.url, bearerToken: CREDS.appBearer, oauth1: CREDS.oauth1, accountId: fake.accountId, requestTimeoutMs: 400 });
    const replayFile = path.join(tmp.dir, 'replay.jsonl');
    fs.writeFileSync(replayFile, Array.from({ length: 400 }, (_, i) => JSON.stringify({ externalId: `r${i}`, text: `حفرة ${i}`, minutesAgo: i, author: { id: 'a', handle: 'a' } })).join('\n') + '\n');
    const replay = new ReplayChannel({ file: replayFile, batchSize: 10 });
    const backoff = { baseMs: 50, maxMs: 400 };

    // Posts arrive before and during the faults.
    fake.addPosts(60, { text: 'pothole on road 1', mentionsAccount: true });

    const faults: [string, () => void][] = [
      ['429 storm', () => fake.exhaustWindow('GET /2/users/:id/mentions', 1_500)],
      ['5xx burst', () => fake.failNext('GET /2/users/:id/mentions', { status: 503 }, 4)],
      ['slow responses', () => fake.failNext('GET /2/users/:id/mentions', { status: 200, kind: 'slow', delayMs: 1_200 }, 2)],
      ['truncated JSON', () => fake.failNext('GET /2/users/:id/mentions', { status: 200, kind: 'truncated' }, 2)],
      ['dropped sockets', () => fake.failNext('GET /2/users/:id/mentions', { status: 0, kind: 'network' }, 2)],
    ];
    const outcomes: { channel: string; outcome: PollOutcome; at: number }[] = [];
    const runBoth = async () => {
      for (const channel of [x, replay]) {
        const outcome = await pollChannel({ store, classifier, channel, log, backoff, maxPages: 3 });
        outcomes.push({ channel: channel.name, outcome, at: Date.now() });
      }
    };

    // A first clean poll: from here on the channel has a cursor, so any later gap would be a loss.
    await runBoth();
    expect((await store.getChannelState('x'))?.cursor).not.toBeNull();

    let rateLimitReset = 0;
    for (const [name, inject] of faults) {
      fake.addPosts(25, { text: `sewage overflow during ${name}`, mentionsAccount: true });
      inject();
      if (name === '429 storm') rateLimitReset = Date.now() + 1_500;
      for (let i = 0; i < 15; i++) {
        await runBoth();
        await sleep(60);
      }
    }
    // Faults over: keep polling until X has caught up (bounded).
    const expected = [...fake.posts.values()].filter((p) => p.mentionsAccount).length;
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      await runBoth();
      const xCount = (await store.listMentions({ channel: 'x', limit: 200 })).items.length;
      if (xCount >= expected) break;
      await sleep(100);
    }

    const xMentions = (await store.listMentions({ channel: 'x', limit: 200 })).items;
    if (xMentions.length !== expected) {
      const byFault: Record<string, number> = {};
      for (const m of xMentions) byFault[m.text.replace(/ #\d+$/, '')] = (byFault[m.text.replace(/ #\d+$/, '')] ?? 0) + 1;
      console.log(JSON.stringify({ byFault, state: await store.getChannelState('x') }, null, 1));
    }
    expect(xMentions).toHaveLength(expected);
    expect(new Set(xMentions.map((m) => m.externalId)).size).toBe(expected);
    const xState = await store.getChannelState('x');
    expect(xState?.health).toBe('ok');
    expect(xState?.consecutiveFailures).toBe(0);

    // Every fault was seen as a failed poll, and none was fatal.
    const xFailures = outcomes.filter((o) => o.channel === 'x' && o.outcome.status === 'failed').map((o) => o.outcome.error ?? '');
    expect(xFailures.length).toBeGreaterThanOrEqual(faults.length);
    // No mentions request went out between the 429 and its reset time (other than the one that got the 429).
    const mentionsCalls = fake.requests.filter((r) => r.endpoint === 'GET /2/users/:id/mentions');
    const limited = mentionsCalls.find((r) => r.status === 429);
    expect(limited).toBeDefined();
    const duringWindow = mentionsCalls.filter((r) => r.at > limited!.at && r.at < rateLimitReset - 50);
    expect(duringWindow).toEqual([]);
    // The replay channel kept polling while X was failing, and finished.
    const replayWhileXFailing = outcomes.filter((o) => o.channel === 'replay' && o.outcome.inserted > 0 && o.at < outcomes.filter((f) => f.channel === 'x' && f.outcome.status === 'failed').at(-1)!.at);
    expect(replayWhileXFailing.length).toBeGreaterThan(0);
    expect((await store.listMentions({ channel: 'replay', limit: 200 })).items.length).toBe(200);
    expect(await store.countMentions()).toBe(expected + 400);
    reportFigures('faults at the channel', {
      faultsInjected: faults.map(([name]) => name),
      failedXPolls: xFailures.length,
      xMentionsPosted: expected,
      xMentionsStored: xMentions.length,
      replayPollsWhileXFailing: replayWhileXFailing.length,
      callsInsideRateLimitWindow: duringWindow.length,
      lost: expected - new Set(xMentions.map((m) => m.externalId)).size,
      duplicated: xMentions.length - new Set(xMentions.map((m) => m.externalId)).size,
      xHealthAfter: xState?.health,
    });

    await x.close?.();
    await store.close();
    await fake.close();
    tmp.remove();
  });
});
