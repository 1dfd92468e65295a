/**
 * Exactly-once across a real crash: the service is killed (SIGKILL from the test-only
 * RASID_TEST_CRASH_AFTER_SEND hook) right after the channel posted a reply and before the send
 * was recorded, several times in a row (3 in npm test, 10 in npm run test:reliability). After
 * each restart the interrupted reply becomes `unknown`, is then found on the remote side by the
 * sender's lookup (the replay channel's sent file plays X's timeline) and recorded as `sent` with
 * the remote id; it is present once on the remote side (replay-sent.jsonl) and never sent again.
 * Without the hook a new reply is sent once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startServiceProcess, waitFor, type ServiceProcess } from '../support/service-process';
import { makeTempDir } from '../support/temp-dir';
import { reportFigures, suiteSize } from '../reliability/suite-size';

jest.setTimeout(suiteSize({ bounded: 120_000, full: 300_000 }));

const tmp = makeTempDir('rasid-crash-');
let service: ServiceProcess | undefined;

afterAll(async () => {
  await service?.kill('SIGKILL');
  tmp.remove();
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATA_DIR: tmp.dir,
    DEMO: 'false',
    REPLAY_ENABLED: 'true',
    REPLAY_FILE: path.join(tmp.dir, 'mentions.jsonl'),
    REPLAY_SCHEDULE: '* * * * * *',
    REPLY_SENDER_SCHEDULE: '* * * * * *',
    ...extra,
  };
}

async function api(method: string, url: string, token: string, body?: unknown) {
  const res = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { items?: Record<string, unknown>[] } };
}

const sentLines = () => {
  const file = path.join(tmp.dir, 'replay-sent.jsonl');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
};

describe('reply outbox across a crash', () => {
  /** The interrupted reply is found on the remote side and recorded as sent with the id posted there. */
  async function expectFoundAndSent(c: { id: string; idempotencyKey: string }) {
    const reply = await waitFor(async () => {
      const r = await api('GET', `${service!.url}/api/replies/${c.id}`, token);
      return r.body.state === 'sent' ? r.body : undefined;
    });
    expect(reply).toMatchObject({ state: 'sent', attempts: 1, externalId: `replay-reply-${c.idempotencyKey}` });
  }
  let token = '';

  it('turns every reply interrupted between the channel call and the record unknown, finds it on the remote side, records it sent, never resends it', async () => {
    // Bounded in npm test; 10 crashes under npm run test:reliability.
    const rounds = suiteSize({ bounded: 3, full: 10 });
    const lines = Array.from({ length: rounds + 1 }, (_, i) => ({
      externalId: `tw-${1001 + i}`,
      channel: 'x',
      text: `طفح مجاري في شارع ${23 + i} مجمع 456`,
      minutesAgo: 5 + i,
      author: { id: `${77 + i}`, handle: `citizen${77 + i}`, name: 'مريم' },
    }));
    fs.writeFileSync(path.join(tmp.dir, 'mentions.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');

    // Each round: start with the crash hook, queue one reply, and the sender kills the process
    // right after the channel call. The next start turns the interrupted send into `unknown`.
    const crashed: { id: string; idempotencyKey: string; externalId: string }[] = [];
    for (let round = 0; round < rounds; round++) {
      service = await startServiceProcess(env({ RASID_TEST_CRASH_AFTER_SEND: 'true' }));
      token ||= fs.readFileSync(path.join(tmp.dir, 'initial-admin-token'), 'utf8').trim();
      const mentions = await waitFor(async () => {
        const r = await api('GET', `${service!.url}/api/mentions?channel=replay&limit=100`, token);
        return r.body.items && r.body.items.length === lines.length ? r.body.items : undefined;
      });
      const mention = mentions.find((m) => m.externalId === lines[round].externalId)!;
      if (round > 0) await expectFoundAndSent(crashed[round - 1]);
      expect((await api('POST', `${service.url}/api/mentions/${mention.id}/claim`, token)).status).toBe(200);
      const created = await api('POST', `${service.url}/api/mentions/${mention.id}/replies`, token, { text: `شكرًا مريم، أبلغنا فريق الصرف الصحي (${round + 1})` });
      expect(created.status).toBe(201);
      expect(created.body.state).toBe('queued');

      const exit = await waitFor(async () => (service!.child.exitCode !== null || service!.child.signalCode !== null ? service!.child.signalCode ?? 'exit' : undefined), 30_000);
      expect(exit).toBe('SIGKILL');
      expect(sentLines()).toHaveLength(round + 1);
      crashed.push({ id: created.body.id as string, idempotencyKey: created.body.idempotencyKey as string, externalId: lines[round].externalId });
    }

    service = await startServiceProcess(env());
    for (const c of crashed) await expectFoundAndSent(c);
    const audit = await api('GET', `${service.url}/api/audit?limit=500`, token);
    const wentUnknown = (audit.body.items ?? []).filter((e) => e.action === 'reply.unknown').map((e) => String(e.subject));
    expect(wentUnknown.sort()).toEqual(crashed.map((c) => `reply:${c.id}`).sort());

    // Several sender ticks later (schedule: every second) nothing was sent again.
    await new Promise((r) => setTimeout(r, 3_500));
    expect(sentLines()).toHaveLength(rounds);
    expect(sentLines().map((l) => JSON.parse(l))).toEqual(crashed.map((c) => expect.objectContaining({ inReplyTo: c.externalId, idempotencyKey: c.idempotencyKey })));
    expect((await api('GET', `${service.url}/api/replies?state=unknown&limit=100`, token)).body.items).toEqual([]);

    // Without the crash, the outbox still works: a new reply is sent exactly once and recorded.
    const last = (await api('GET', `${service.url}/api/mentions?channel=replay&limit=100`, token)).body.items!.find((m) => m.externalId === lines[rounds].externalId)!;
    expect((await api('POST', `${service.url}/api/mentions/${last.id}/claim`, token)).status).toBe(200);
    const fresh = await api('POST', `${service.url}/api/mentions/${last.id}/replies`, token, { text: 'شكرًا، تم التبليغ' });
    expect(fresh.status).toBe(201);
    const sent = await waitFor(async () => {
      const r = await api('GET', `${service!.url}/api/replies/${fresh.body.id}`, token);
      return r.body.state === 'sent' ? r.body : undefined;
    });
    expect(sent).toMatchObject({ state: 'sent', attempts: 1 });
    expect(sentLines()).toHaveLength(rounds + 1);
    const keys = sentLines().map((l) => JSON.parse(l).idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    reportFigures('crash during sending', { crashesBetweenSendAndRecord: rounds, sentLines: sentLines().length, sentTwice: keys.length - new Set(keys).size, unknownThenFoundByLookup: wentUnknown.length, resentAutomatically: 0 });
    await service.kill('SIGTERM');
  });
});
