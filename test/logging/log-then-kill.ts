/** Logs five lines with the service's logger, then kills itself with SIGKILL (no exit hooks run). */
import { createLogger } from '../../src/logger';

const log = createLogger({ level: 'info' });
for (let i = 1; i <= 5; i++) log.info({ line: i }, `line ${i} before the kill`);
process.kill(process.pid, 'SIGKILL');
