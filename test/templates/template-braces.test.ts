import { braceProblem, leftoverPlaceholder, renderTemplate } from '../../src/templates/template-variables';

describe('stray braces in a template body', () => {
  it.each<[string, ReturnType<typeof braceProblem>]>([
    ['مرحبا {name}، بلاغك {case_number} بخصوص {domain}', null],
    ['no braces at all', null],
    ['{ name }', null], // balanced: an unknown variable, refused by the variable check instead
    ['مرحبا {name}، بلاغك {case_number بخصوص {domain}', { kind: 'unclosed', char: '{', index: 20, position: 21 }],
    ['Hello name}', { kind: 'unopened', char: '}', index: 10, position: 11 }],
    ['{{name}}', { kind: 'unclosed', char: '{', index: 0, position: 1 }],
    ['{name}}', { kind: 'unopened', char: '}', index: 6, position: 7 }],
    ['🙂 {name', { kind: 'unclosed', char: '{', index: 3, position: 3 }], // position counts characters, index UTF-16 units
  ])('%p → %p', (body, problem) => {
    expect(braceProblem(body)).toEqual(problem);
  });

  it('refuses to render a body with a stray brace, even with every variable given', () => {
    const vars = { name: 'حسين', case_number: 'MOW-2026-000049', domain: 'الطرق' };
    expect(() => renderTemplate('مرحبا {name}، بلاغك {case_number بخصوص {domain}', vars, 'ar')).toThrow(expect.objectContaining({ code: 'template_brace_unbalanced', status: 422 }));
    expect(renderTemplate('مرحبا {name}، بلاغك {case_number} بخصوص {domain}', vars)).toBe('مرحبا حسين، بلاغك MOW-2026-000049 بخصوص الطرق');
  });
});

describe('a placeholder left in a reply', () => {
  it.each<[string, string | null]>([
    ['مرحبا حسين، بلاغك {case_number بخصوص الطرق', '{case_number'],
    ['Hello {name}', '{name}'],
    ['Hello { domain', '{ domain'],
    ['see {foo} here', '{foo}'],
    ['a lone { brace in free text', null],
    ['{names of the streets', null],
    ['شكرًا حسين', null],
  ])('%p → %p', (text, left) => {
    expect(leftoverPlaceholder(text)).toBe(left);
  });
});
