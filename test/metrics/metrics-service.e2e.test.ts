/** /metrics on the whole service: the counters move with real ingest, case capture and sending. */
import fs from 'node:fs';
import path from 'node:path';
import { startServer, type RunningServer } from '../../src/server';
import { waitFor } from '../support/service-process';
import { makeTempDir } from '../support/temp-dir';
import { startReceiver } from '../webhooks/receiver';

jest.setTimeout(60_000);

describe('metrics of the running service', () => {
  let running: RunningServer;
  let tmp: ReturnType<typeof makeTempDir>;
  let base: string;
  let auth: Record<string, string>;
  let nationalSystem: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    tmp = makeTempDir();
    // The national complaints system refuses the first forward for now (503), then takes the rest.
    nationalSystem = await startReceiver([{ status: 503, body: '{}' }], { status: 201, body: '{"reference":"NCS-1"}' });
    running = await startServer({
      DATA_DIR: tmp.dir, PORT: '0', LOG_LEVEL: 'silent', REPLY_SENDER_SCHEDULE: '* * * * * *', METRICS_TOKEN: 'm-token', COMPLAINTS_FORWARD_URL: nationalSystem.url,
    });
    base = `http://127.0.0.1:${running.address.port}`;
    auth = { authorization: `Bearer ${fs.readFileSync(path.join(tmp.dir, 'initial-admin-token'), 'utf8').trim()}` };
  });
  afterAll(async () => {
    await running.stop();
    await nationalSystem.close();
    tmp.remove();
  });

  const scrape = async () => (await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer m-token' } })).text();
  const value = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].reduce((sum, m) => sum + Number(m[1]), 0);

  it('counts ingested mentions by domain, opened and overdue cases, queue length and replies sent', async () => {
    const text = await waitFor(async () => {
      const t = await scrape();
      return value(t, /^rasid_cases_opened_total\{[^}]*\} (\d+)/gm) > 0 ? t : undefined;
    }, 30_000);
    expect(value(text, /^rasid_mentions_ingested_total\{channel="x",domain="roads"\} (\d+)/gm)).toBeGreaterThan(0);
    expect(value(text, /^rasid_queue_length\{urgency="\w+"\} (\d+)/gm)).toBeGreaterThan(0);
    expect(text).toMatch(/^rasid_cases_overdue \d+/m);

    const queue = await (await fetch(`${base}/api/queue?urgency=low&limit=1`, { headers: auth })).json();
    const mentionId = queue.items[0].id;
    expect((await fetch(`${base}/api/mentions/${mentionId}/claim`, { method: 'POST', headers: auth })).status).toBe(200);
    const created = await fetch(`${base}/api/mentions/${mentionId}/replies`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'شكراً لتواصلك، تم تحويل بلاغك للجهة المختصة.' }),
    });
    expect(created.status).toBe(201);
    const after = await waitFor(async () => {
      const t = await scrape();
      return value(t, /^rasid_replies_total\{state="sent"\} (\d+)/gm) >= 1 ? t : undefined;
    }, 20_000);
    expect(after).toMatch(/rasid_http_request_duration_seconds_count\{method="POST",route="\/api\/mentions\/:id\/replies",status="201"\} 1/);

    expect((await fetch(`${base}/api/mentions/${mentionId}/claim`, { method: 'POST' })).status).toBe(401);
    const refused = await scrape();
    expect(refused).toMatch(/rasid_http_request_duration_seconds_count\{method="POST",route="\/api\/mentions\/:id\/claim",status="401"\} 1/);
    expect(refused).not.toMatch(/route="\/mentions\//);
  });

  it('counts forwards to the national complaints system by outcome', async () => {
    const text = await waitFor(async () => {
      const t = await scrape();
      return value(t, /^rasid_case_forwards_total\{outcome="delivered"\} (\d+)/gm) > 0 && value(t, /^rasid_case_forwards_total\{outcome="retry"\} (\d+)/gm) > 0 ? t : undefined;
    }, 30_000);
    expect(value(text, /^rasid_case_forwards_total\{outcome="retry"\} (\d+)/gm)).toBe(1);
    expect(value(text, /^rasid_case_forwards_total\{outcome="delivered"\} (\d+)/gm)).toBeLessThanOrEqual(nationalSystem.deliveries.length - 1);
  });
});
