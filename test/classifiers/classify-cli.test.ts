import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function runCli(arg: string, input?: string) {
  return spawnSync(TSX, [path.join(ROOT, 'scripts', 'classify.ts'), arg], { input, encoding: 'utf8', cwd: ROOT });
}

describe('classify CLI', () => {
  it('writes each input object back with a classification, in input order, and exits 0', () => {
    const input = ['{"id":1,"text":"المجاري طافحة في مجمع 701"}', '{"id":2,"text":"صباح الخير"}', '{"id":3,"text":"حفرة في الشارع"}'].join('\n');
    const res = runCli('-', `${input}\n`);
    expect(res.status).toBe(0);
    const out = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual([1, 2, 3]);
    expect(out[0].classification.primaryDomain).toBe('drainage');
    expect(out[0].classification.location).toEqual({ block: '701' });
    expect(out[1].classification.primaryDomain).toBeNull();
    expect(out[2].text).toBe('حفرة في الشارع');
  });

  it('reports bad lines on stderr with their line numbers, skips them and exits 1', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'classify-'));
    const file = path.join(dir, 'in.jsonl');
    fs.writeFileSync(file, '{"text":"حفرة"}\nnot json\n{"id":3}\n{"text":42}\n{"text":"منهول مفتوح"}\n');
    const res = runCli(file);
    expect(res.status).toBe(1);
    expect(res.stdout.trim().split('\n')).toHaveLength(2);
    expect(res.stderr).toMatch(/line 2:/);
    expect(res.stderr).toMatch(/line 3:/);
    expect(res.stderr).toMatch(/line 4:/);
    expect(res.stderr).not.toMatch(/line 1:|line 5:/);
  });

  it('exits 2 with a message when the file does not exist', () => {
    const res = runCli(path.join(os.tmpdir(), 'no-such-file.jsonl'));
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/no-such-file/);
    expect(res.stdout).toBe('');
  });
});
