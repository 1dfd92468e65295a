import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { consoleRouter } from '../../src/console/console-router';

function setup(tz = 'Asia/Bahrain') {
  const app = express();
  app.use(helmet());
  app.use(consoleRouter({ tzDisplay: tz }));
  return app;
}

describe('console router', () => {
  it('serves an Arabic right-to-left page whose only script and stylesheet are same-origin files', async () => {
    const res = await request(setup()).get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<html lang="ar" dir="rtl">');
    expect(res.text).toContain('<meta name="rasid-tz" content="Asia/Bahrain">');
    const scripts = [...res.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0][1]).toMatch(/src="\/console\/assets\/app-[A-Z0-9]+\.js"/);
    expect(scripts[0][2]).toBe('');
    expect(res.text).not.toMatch(/https?:\/\//);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('serves the hashed script, stylesheet and bundled Arabic font for a year, and 404s unknown assets', async () => {
    const app = setup();
    const page = await request(app).get('/').expect(200);
    const css = /href="(\/console\/assets\/styles-[^"]+\.css)"/.exec(page.text)?.[1] as string;
    const js = /src="(\/console\/assets\/app-[^"]+\.js)"/.exec(page.text)?.[1] as string;
    const style = await request(app).get(css).expect(200);
    expect(style.headers['cache-control']).toContain('immutable');
    const font = /url\("?(\/console\/assets\/ibm-plex-sans-arabic-arabic-400-normal-[^)]+\.woff2)"?\)/.exec(style.text)?.[1];
    expect(font).toBeDefined();
    const woff = await request(app).get(font as string).expect(200);
    expect(woff.headers['content-type']).toBe('font/woff2');
    expect(woff.body.length).toBeGreaterThan(10_000);
    const script = await request(app).get(js).expect(200);
    expect(script.headers['content-type']).toMatch(/text\/javascript/);
    await request(app).get('/console/assets/nope.js').expect(404);
  });

  it('passes the display time zone to the page escaped', async () => {
    const res = await request(setup('America/Argentina/Buenos_Aires')).get('/').expect(200);
    expect(res.text).toContain('content="America/Argentina/Buenos_Aires"');
  });
});
