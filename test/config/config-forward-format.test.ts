/**
 * COMPLAINTS_FORWARD_FORMAT (rasid | open311) and the Open311 settings of the forward: a format
 * that is neither, or open311 without its api_key, is one config error naming the variable (the
 * service exits 2, see config-exit.test.ts); the api_key is never echoed.
 */
import { ConfigError, loadConfig } from '../../src/config';

function issues(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  return [];
}

const URL = 'https://complaints.example.gov.bh/open311/v2/requests.json';

describe('COMPLAINTS_FORWARD_FORMAT', () => {
  it('is rasid by default, without Open311 settings', () => {
    expect(loadConfig({}).cases.forward).toMatchObject({ format: 'rasid' });
    expect(loadConfig({ COMPLAINTS_FORWARD_FORMAT: '' }).cases.forward.format).toBe('rasid');
  });

  it('refuses any other value than rasid or open311 with one error naming the variable', () => {
    for (const value of ['json', 'Open311', 'georeport']) {
      expect(issues({ COMPLAINTS_FORWARD_URL: URL, COMPLAINTS_FORWARD_FORMAT: value, COMPLAINTS_FORWARD_API_KEY: 'k-123456' })).toEqual([
        { variable: 'COMPLAINTS_FORWARD_FORMAT', message: `must be one of rasid, open311, got "${value}"` },
      ]);
    }
    expect(() => loadConfig({ COMPLAINTS_FORWARD_FORMAT: 'json' })).toThrow('COMPLAINTS_FORWARD_FORMAT must be one of rasid, open311, got "json"');
  });

  it('requires COMPLAINTS_FORWARD_API_KEY with open311: one error naming it', () => {
    expect(issues({ COMPLAINTS_FORWARD_URL: URL, COMPLAINTS_FORWARD_FORMAT: 'open311' })).toEqual([
      { variable: 'COMPLAINTS_FORWARD_API_KEY', message: 'is required when COMPLAINTS_FORWARD_FORMAT=open311 (it is the api_key of each request)' },
    ]);
    expect(issues({ COMPLAINTS_FORWARD_URL: URL, COMPLAINTS_FORWARD_FORMAT: 'open311', COMPLAINTS_FORWARD_API_KEY: '' })).toEqual([
      expect.objectContaining({ variable: 'COMPLAINTS_FORWARD_API_KEY' }),
    ]);
  });

  it('reads the Open311 settings into the forward', () => {
    const c = loadConfig({
      COMPLAINTS_FORWARD_URL: URL,
      COMPLAINTS_FORWARD_FORMAT: 'open311',
      COMPLAINTS_FORWARD_API_KEY: 'o311-key-42',
      COMPLAINTS_FORWARD_JURISDICTION_ID: 'mow.gov.bh',
    });
    expect(c.cases.forward).toEqual({ url: URL, format: 'open311', apiKey: 'o311-key-42', jurisdictionId: 'mow.gov.bh' });
    expect(c.warnings).toEqual([]);
  });

  it('warns, without echoing it, of an api_key that the rasid format does not send', () => {
    const c = loadConfig({ COMPLAINTS_FORWARD_URL: URL, COMPLAINTS_FORWARD_API_KEY: 'o311-key-42' });
    expect(c.warnings).toEqual([{ variable: 'COMPLAINTS_FORWARD_FORMAT', message: 'COMPLAINTS_FORWARD_FORMAT is not open311: COMPLAINTS_FORWARD_API_KEY is not sent' }]);
  });
});
