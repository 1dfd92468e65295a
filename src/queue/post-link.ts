/**
 * A post's address pasted into the queue's search («https://x.com/user/status/1790…?s=20»,
 * «https://www.instagram.com/p/Cx9aB12/»): normalized search text holds no addresses, so the
 * search looks the post up by its address instead. What the stores match: the address's path
 * inside the stored `url` (host, query and trailing slash aside: x.com and twitter.com, ?s=20),
 * or, for an X status, its id as the post's external id (a post stored with another address form).
 */
export interface PostLink {
  /** The path as typed, without its trailing slash: `/p/Cx9aB12`. */
  path: string;
  /** An X status id from `/status/<id>`. */
  statusId?: string;
}

/** The link in a search text, or undefined when it is not one address (http(s), or www.). */
export function postLinkOf(typed: string): PostLink | undefined {
  const text = typed.trim();
  if (!/^(?:https?:\/\/|www\.)\S+$/i.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(/^www\./i.test(text) ? `https://${text}` : text);
  } catch {
    return undefined;
  }
  const path = url.pathname.replace(/\/+$/, '');
  // A post's address ends in its id or code («/status/1790…», «/p/Cx9aB12»): «/p» or «/s» would
  // match every post of the site.
  if ((path.split('/').pop() ?? '').length < 5) return undefined;
  const statusId = /\/status(?:es)?\/(\d+)/.exec(path)?.[1];
  return statusId ? { path, statusId } : { path };
}

/** `url` holds the link's path (case kept: Instagram's short codes are case-sensitive). */
export function urlHasPath(url: string | undefined, link: PostLink): boolean {
  return !!url && url.includes(link.path);
}
