/**
 * `npm run user:add -- --name <name> --role agent|supervisor|admin [--trainee]`: creates a user
 * in the configured store and prints its API token once (only its hash is stored). It works while
 * Rasid runs on the same store (it does not take the service's instance lock), as does POST /api/users.
 */
import { parseArgs } from 'node:util';
import { AuditLog } from '../src/audit/audit-log';
import { UserService } from '../src/auth/user-service';
import { createStore } from '../src/composition';
import { loadConfig } from '../src/config';
import { ROLES, type Role } from '../src/users/store/user-store';
import { MissingFileError, requireExistingStore } from './cli-args';

const USAGE = 'usage: npm run user:add -- --name <name> --role agent|supervisor|admin [--trainee]';

/** `env` defaults to the process environment (loadConfig reads it). */
export async function addUser(argv: string[], env?: Record<string, string | undefined>): Promise<{ name: string; role: Role; token: string }> {
  let values: { name?: string; role?: string; trainee?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { name: { type: 'string' }, role: { type: 'string' }, trainee: { type: 'boolean', default: false } }, strict: true }));
  } catch (err) {
    // node's own words ("Unknown option '--nme'"), then what the options are.
    throw new Error(`${(err as Error).message}\n${USAGE}`);
  }
  const name = values.name?.trim();
  if (!name || !values.role) throw new Error(USAGE);
  if (!ROLES.includes(values.role as Role)) throw new Error(`--role must be one of ${ROLES.join(', ')}\n${USAGE}`);
  const config = loadConfig(env);
  // A DATA_DIR without a store is a typo, not a new store: its token would be valid nowhere.
  requireExistingStore(config.storage);
  const store = await createStore(config, { instanceLock: false });
  try {
    const users = new UserService(store.users, new AuditLog(store.audit));
    const { user, token } = await users.create('cli', { name, role: values.role as Role, trainee: values.trainee });
    return { name: user.name, role: user.role, token };
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  addUser(argv).then(
    ({ name, role, token }) => {
      process.stderr.write(`created ${role} "${name}". Its API token (shown only now, store it safely):\n`);
      process.stdout.write(token + '\n');
    },
    (err) => {
      process.stderr.write(`${(err as Error).message}\n`);
      // A wrong command line is a usage error (2), as for the service's own bad config; so is a
      // DATA_DIR with no store in it.
      process.exit(err instanceof MissingFileError || (err as Error).message.includes(USAGE) ? 2 : 1);
    },
  );
}
