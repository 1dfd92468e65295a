import { textDirection } from '../../src/console/web/text-direction';

describe('the direction a post reads in', () => {
  it.each<[string, string, 'rtl' | 'ltr' | 'auto']>([
    ['an Arabic reply opening with a handle', '@MOWBahrain ما جاني رد على سؤالي، نبي نعرف موعد تقريبي', 'rtl'],
    ['an Arabic post opening with a link', 'https://t.co/abc الشارع كله حفر', 'rtl'],
    ['an Arabic post with an English hashtag and handle', 'الماي دخل البيت #Tubli @MOWBahrain', 'rtl'],
    ['an English post with an Arabic place name', 'Potholes all over the road near سترة again', 'ltr'],
    ['an English post opening with a handle', '@MOWBahrain Street lights on road 2410 are out', 'ltr'],
    ['Arabizi', 'wallah el share3 elly 3ind dawar 7 kila 7ofar', 'ltr'],
    ['emoji and numbers only', '😡😡 2410', 'auto'],
  ])('%s reads %s', (_case, text, dir) => {
    expect(textDirection(text)).toBe(dir);
  });
});
