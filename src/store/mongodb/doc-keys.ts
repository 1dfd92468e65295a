/** String `_id`s of documents keyed by two fields, so store:copy pages by _id everywhere. */
export function ownPostKey(channel: string, externalId: string): string {
  return `${channel}\u001f${externalId}`;
}

export function kvKey(channel: string, key: string): string {
  return `${channel}\u001f${key}`;
}
