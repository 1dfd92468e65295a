/** MongoDB connection strings: hide credentials before they reach a message or a log line. */

/** `mongodb://user:secret@host/db` → `mongodb://user:***@host/db`; leaves URIs without a password alone. */
export function redactMongoUri(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/)([^@/]*)@/i, (_all, scheme: string, auth: string) => {
    const user = auth.split(':')[0];
    return `${scheme}${auth.includes(':') ? `${user}:***` : user}@`;
  });
}

/** The database named in the URI path (`mongodb://host/rasid?...` → 'rasid'), if any. */
export function databaseInUri(uri: string): string | undefined {
  const m = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/i.exec(uri);
  return m ? decodeURIComponent(m[1]) : undefined;
}

export function isMongoUri(uri: string): boolean {
  return /^mongodb(\+srv)?:\/\//i.test(uri);
}
