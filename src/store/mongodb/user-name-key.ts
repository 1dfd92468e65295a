/** The key user names are unique by on MongoDB (SQLite's NOCASE): the name in lower case. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}
