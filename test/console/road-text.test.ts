import { translator } from '../../src/console/web/messages';
import { roadText } from '../../src/console/web/address';

describe("a location's road in the console", () => {
  it('prefixes a road number with its word, and leaves a named road as it is', () => {
    expect(roadText(translator('ar'), '4107')).toBe(`${translator('ar')('road')} 4107`);
    expect(roadText(translator('en'), '4107')).toBe('Road 4107');
    expect(roadText(translator('en'), 'شارع الاستقلال')).toBe('شارع الاستقلال');
    expect(roadText(translator('ar'), 'Budaiya Highway')).toBe('Budaiya Highway');
  });
});
