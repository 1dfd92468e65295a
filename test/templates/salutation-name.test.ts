import { salutationName } from '../../src/templates/salutation-name';

describe('salutationName', () => {
  it.each([
    ['راشد | الرفاع', 'راشد'],
    ['Fatima 🌸 - Riffa', 'Fatima'],
    ['أم علي (سترة)', 'أم علي'],
    ['مريم 🇧🇭', 'مريم'],
    ['Fatima A.', 'Fatima A'],
    ['بو يوسف', 'بو يوسف'],
    ['Jean-Pierre', 'Jean-Pierre'],
    ['Ahmed • Engineer • Manama', 'Ahmed'],
  ])('addresses «%s» as «%s»', (name, expected) => {
    expect(salutationName({ name, handle: 'h' })).toBe(expected);
  });

  it.each([
    ['🌸🌸', 'emoji only'],
    ['', 'no name'],
    ['صوت المواطن البحريني الحر في كل مكان', 'a slogan, not a name'],
    ['| الرفاع', 'nothing before the bar'],
  ])('falls back to the @handle for «%s» (%s)', (name) => {
    expect(salutationName({ name, handle: 'citizen_1' })).toBe('@citizen_1');
  });
});
