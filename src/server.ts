/**
 * Entry point: load config (exit 2 when invalid), build services, start the scheduler and the
 * HTTP server. SIGINT/SIGTERM stop the jobs, let the in-flight batch finish, close the store and
 * exit within 5 s.
 */
import type { AddressInfo } from 'node:net';
import http, { type Server } from 'node:http';
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
  const services = await createServices(config, log);
  let server: Server;
  try {
    server = await listen(services.app, config.server.port, config.server.host);
  } catch (err) {
    // Nothing runs yet: release the store (and its lock file) so a retry on a free port starts clean.
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

/** Resolves once listening; rejects on a busy port or a wrong host (Express 5's listen() calls back on errors too). */
function listen(app: Services['app'], port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(app);
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
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.on('unhandledRejection', (reason) => {
    log.fatal({ err: (reason as Error)?.message ?? String(reason) }, 'unhandled rejection');
    process.exit(1);
  });
}

if (require.main === module) void main();
