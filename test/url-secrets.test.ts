import { maskUrlSecrets, withoutUrlCredentials } from '../src/url-secrets';

describe('maskUrlSecrets', () => {
  it.each([
    ['https://rasid:NatSysPassw0rd@complaints.example.gov.bh/api', 'https://***@complaints.example.gov.bh/api'],
    ['mongodb://u:S3cret@Pw@127.0.0.1/rasid', 'mongodb://***@127.0.0.1/rasid'],
    ['https://host.example/report?to=someone@example.com', 'https://host.example/report?to=someone@example.com'],
    ['feed http://127.0.0.1:3109/rss?key=RssKeySecret: HTTP 404', 'feed http://127.0.0.1:3109/rss?key=***: HTTP 404'],
    ['https://news.example/feed?lang=ar&api_key=abc123&page=2', 'https://news.example/feed?lang=ar&api_key=***&page=2'],
    ['https://graph.example/v21?access_token=EAAB&fields=id', 'https://graph.example/v21?access_token=***&fields=id'],
    ['{"https://x.example/rss?apikey=s3":{"status":"failed"}}', '{"https://x.example/rss?apikey=***":{"status":"failed"}}'],
    ['https://news.example/feed?category=roads&page=2', 'https://news.example/feed?category=roads&page=2'],
  ])('masks %s', (text, masked) => {
    expect(maskUrlSecrets(text)).toBe(masked);
  });

  it('leaves text without URLs alone', () => {
    expect(withoutUrlCredentials('write to me at fatima@example.com')).toBe('write to me at fatima@example.com');
  });
});
