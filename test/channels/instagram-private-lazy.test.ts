/**
 * instagram-private-api pulls the deprecated `request` library and sends with TLS checks off, so
 * it must load only when the channel is used, never by importing the channel module.
 */
import nock from 'nock';
import { createInstagramPrivateChannel } from '../../channels/instagram-private';
import { testContext } from '../fixtures/instagram/poll-context';

// Counted on globalThis: the factory runs before this file's own statements if loading is eager.
jest.mock('instagram-private-api', () => {
  const g = globalThis as { igLibraryLoads?: number };
  g.igLibraryLoads = (g.igLibraryLoads ?? 0) + 1;
  return jest.requireActual('instagram-private-api');
});
const libraryLoads = () => (globalThis as { igLibraryLoads?: number }).igLibraryLoads ?? 0;

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

it('loads instagram-private-api on the first poll, not when the channel is imported or created', async () => {
  const channel = createInstagramPrivateChannel({ username: 'mow', password: 'pw' });
  expect(libraryLoads()).toBe(0);

  // Instagram answers every call with a 500 (a refused connection made the library emit an
  // unhandled socket error now and then): the login fails after the library was loaded.
  nock('https://i.instagram.com').persist().get(/.*/).reply(500, {}).post(/.*/).reply(500, {});
  await expect(channel.poll(null, testContext(new Date('2026-11-30T10:00:00Z')))).rejects.toThrow();
  expect(libraryLoads()).toBe(1);
});
