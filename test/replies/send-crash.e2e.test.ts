/**
 * Exactly-once across a real crash: the service is killed (SIGKILL from the test-only
 * RASID_TEST_CRASH_AFTER_SEND hook) right after the channel posted a reply and before the send
 * was recorded. After a restart the reply must be `unknown`, listed for supervisors, present once
 * on the remote side (replay-sent.jsonl), and never sent again by itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startServiceProcess, waitFor, type ServiceProcess } from '../support/service-process';
import { makeTempDir } from '../support/temp-dir';

jest.setTimeout(90_000);

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
  it('leaves a reply interrupted between the channel call and the record unknown, sent once, never resent', async () => {
    const line = { externalId: 'tw-1001', channel: 'x', text: 'طفح مجاري في شارع 23 مجمع 456', minutesAgo: 5, author: { id: '77', handle: 'citizen77', name: 'مريم' } };
    fs.writeFileSync(path.join(tmp.dir, 'mentions.jsonl'), JSON.stringify(line) + '\n');

    service = await startServiceProcess(env({ RASID_TEST_CRASH_AFTER_SEND: 'true' }));
    const token = fs.readFileSync(path.join(tmp.dir, 'initial-admin-token'), 'utf8').trim();
    const mention = await waitFor(async () => {
      const r = await api('GET', `${service!.url}/api/mentions?channel=replay`, token);
      return r.body.items?.[0];
    });
    const created = await api('POST', `${service.url}/api/mentions/${mention.id}/replies`, token, { text: 'شكرًا مريم، أبلغنا فريق الصرف الصحي' });
    expect(created.status).toBe(201);
    expect(created.body.state).toBe('queued');

    const exit = await waitFor(async () => (service!.child.exitCode !== null || service!.child.signalCode !== null ? service!.child.signalCode ?? 'exit' : undefined), 30_000);
    expect(exit).toBe('SIGKILL');
    expect(sentLines()).toHaveLength(1);

    service = await startServiceProcess(env());
    const reply = await api('GET', `${service.url}/api/replies/${created.body.id}`, token);
    expect(reply.body).toMatchObject({ state: 'unknown', attempts: 1 });
    const unknown = await api('GET', `${service.url}/api/replies?state=unknown`, token);
    expect(unknown.body.items?.map((r) => r.id)).toEqual([created.body.id]);

    // Several sender ticks later (schedule: every second) nothing was sent again.
    await new Promise((r) => setTimeout(r, 3_500));
    expect(sentLines()).toHaveLength(1);
    expect(JSON.parse(sentLines()[0])).toMatchObject({ inReplyTo: 'tw-1001', idempotencyKey: created.body.idempotencyKey });
    expect((await api('GET', `${service.url}/api/replies/${created.body.id}`, token)).body.state).toBe('unknown');
    await service.kill('SIGTERM');
  });
});
