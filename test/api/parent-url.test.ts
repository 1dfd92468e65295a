import { parentUrlOf } from '../../src/api/mention-routes';

describe('parentUrlOf: where to read the post a reply answers', () => {
  it.each([
    ['an X reply', { network: 'x', inReplyTo: '1860000000000000003' }, 'https://x.com/i/web/status/1860000000000000003'],
    ['an X reply whose parent id is not a post id', { network: 'x', inReplyTo: 'abc/../x' }, undefined],
    ['an Instagram comment (its media)', { network: 'instagram', inReplyTo: '17900', url: 'https://www.instagram.com/p/Cx1Ab_9/c/17912/' }, 'https://www.instagram.com/p/Cx1Ab_9/'],
    ['a Graph API comment on a reel', { network: 'instagram_graph', inReplyTo: '17900', url: 'https://instagram.com/reel/Qz7/c/1/' }, 'https://instagram.com/reel/Qz7/'],
    ['an Instagram comment without a link', { network: 'instagram', inReplyTo: '17900' }, undefined],
    ['an Instagram post (its own link, no comment part)', { network: 'instagram', inReplyTo: '17900', url: 'https://www.instagram.com/p/Cx1Ab_9/' }, undefined],
    ['a news item', { network: 'rss', inReplyTo: 'x', url: 'https://news.example/a' }, undefined],
    ['a post that answers nothing', { network: 'x' }, undefined],
  ])('%s', (_what, mention, expected) => {
    expect(parentUrlOf(mention)).toBe(expected);
  });
});
