/** The debug line of each request names its full path (not the part left inside a router), and never its query. */
import express, { Router } from 'express';
import request from 'supertest';
import { requestContext } from '../../src/http/request-context';
import { memoryLogger } from '../support/silent-log';

it('logs /api/queue as /api/queue, without the query', async () => {
  const { log, lines } = memoryLogger('debug');
  const app = express();
  app.use(requestContext(log));
  const api = Router();
  api.get('/queue', (_req, res) => {
    res.json({ items: [] });
  });
  app.use('/api', api);
  await request(app).get('/api/queue?q=حفرة').expect(200);
  const logged = lines().filter((l) => l.msg === 'request');
  expect(logged).toEqual([expect.objectContaining({ method: 'GET', path: '/api/queue', status: 200 })]);
  expect(JSON.stringify(logged)).not.toContain('حفرة');
});
