/**
 * Entry point: load config (exit 2 when invalid), try the port (exit 2 when busy or HOST is
 * wrong, before the store is touched), build services (exit 3 when the store cannot be opened),
 * listen and start the scheduler. SIGINT/SIGTERM stop the jobs, let the in-flight batch finish,
 * close the store and exit within 5 s.
 */
import type { AddressInfo } from 'node:net';
import http, { type RequestListener, type Server } from 'node:http';
import { ConfigError, loadConfig } from './config';
import { createServices, type Services } from './composition';
import { createLogger, type Logger } from './logger';
import { StoreError } from './store/store-error';

export interface RunningServer {
  services: Services;
  address: AddressInfo;
  stop(): Promise<void>;
}

/** `env` defaults to the process environment (read by loadConfig, the one reader of it). */
export async function startServer(env?: Record<string, string | undefined>): Promise<RunningServer> {
  const config = loadConfig(env);
  const log = createLogger({ level: config.logLevel });
  // Settings that only make sense together, with one of them missing (config.ts): said once at start.
  for (const w of config.warnings) log.warn({ variable: w.variable }, w.message);
  // A busy PORT or a wrong HOST is told at once, not after the store work (the lock, migrations,
  // the first admin and its token, a recount of the rollups: half a minute on a large store).
  // The port is tried and let go rather than held: that work is synchronous (SQLite), so a port
  // held meanwhile would leave clients hanging where they are now refused until /readyz can answer.
  await tryListen(config.server.port, config.server.host);
  const services = await createServices(config, log);
  const { migrated } = services.store;
  if (migrated) log.info({ store: services.store.kind, from: migrated.from, to: migrated.to }, `store schema migrated ${migrated.from} → ${migrated.to}`);
  let server: Server;
  try {
    server = await listen(services.app, config.server.port, config.server.host);
  } catch (err) {
    // Taken since it was tried. Nothing runs yet: release the store (and its lock file) so a
    // retry on a free port starts clean.
    await services.store.close();
    throw err;
  }
  await services.scheduler.start();
  const address = server.address() as AddressInfo;
  log.info({ url: `http://${address.address}:${address.port}`, store: services.store.kind, channels: services.channels.map((c) => c.channel.name) }, 'Rasid is listening');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      server.close();
      server.closeIdleConnections?.();
      // Event streams never go idle: end them cleanly now rather than cut them at the end.
      services.replyFeature.queueEvents.close();
      await services.scheduler.stop();
      for (const c of services.channels) await c.channel.close?.();
      await services.store.close();
      server.closeAllConnections?.();
    })());
  return { services, address, stop };
}

/** Listens on the port and closes it again: a ListenError now rather than after opening the store. */
async function tryListen(port: number, host: string): Promise<void> {
  const server = await listen((_req, res) => res.end(), port, host);
  await new Promise((resolve) => server.close(resolve));
}

/** Resolves once listening; rejects on a busy port or a wrong host (Express 5's listen() calls back on errors too). */
function listen(handler: RequestListener, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(handler);
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new ListenError(`PORT: ${host}:${port} is already in use (another Rasid or another program); set PORT to a free port`));
      else if (err.code === 'EACCES') reject(new ListenError(`PORT: ${host}:${port} cannot be opened by this user; set PORT to 1024 or above`));
      // A name that does not resolve, or an address this machine does not have: the setting is wrong.
      else if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN' || err.code === 'EADDRNOTAVAIL') {
        reject(new ListenError(`HOST: "${host}" is not an address of this machine (${err.code}); set HOST to 127.0.0.1, 0.0.0.0 or one of its addresses`));
      } else reject(err);
    });
    server.listen(port, host, () => resolve(server));
  });
}

/** The configured PORT or HOST cannot be listened on: a configuration error (exit 2). */
class ListenError extends Error {}

function exitOnStartFailure(err: unknown): never {
  if (err instanceof ListenError) {
    process.stderr.write(`Cannot listen: ${err.message}\n`);
    process.exit(2);
  }
  if (err instanceof ConfigError) {
    process.stderr.write(`Invalid configuration: ${err.message}\n`);
    process.exit(2);
  }
  if (err instanceof StoreError) {
    process.stderr.write(`Cannot open the store (${err.code}): ${err.message}\n`);
    process.exit(3);
  }
  process.stderr.write(`Rasid failed to start: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  // Listened for from the first moment: a SIGTERM while the store opens (a process manager giving
  // up, an operator's Ctrl-C) would otherwise kill the process mid-start and leave the lock file.
  // It is answered once the service is up, with the same clean stop.
  let stopRequested: string | undefined;
  let stop: ((signal: string) => void) | undefined;
  const onSignal = (signal: string) => (stop ? stop(signal) : (stopRequested ??= signal));
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  let running: RunningServer;
  try {
    running = await startServer();
  } catch (err) {
    exitOnStartFailure(err);
  }
  const log: Logger = running.services.log;
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 5_000);
    force.unref();
    running.stop().then(
      () => process.exit(0),
      (err) => {
        log.error({ err: (err as Error).message }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  stop = shutdown;
  if (stopRequested) shutdown(stopRequested);
  process.on('unhandledRejection', (reason) => {
    log.fatal({ err: (reason as Error)?.message ?? String(reason) }, 'unhandled rejection');
    process.exit(1);
  });
}

if (require.main === module) void main();
