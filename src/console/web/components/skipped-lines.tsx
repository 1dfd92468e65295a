/**
 * Why the last lines of an import file were left out, in the console's language: the line, then
 * what was wrong with it. Field names and the validator's details stay as written (left to right):
 * they are what the operator finds in the file.
 */
import type { SkippedLine } from '../../../domain/skipped-line';
import { useI18n } from '../i18n';

export function SkippedLines({ lines }: { lines: SkippedLine[] }) {
  const { t } = useI18n();
  return (
    <ul class="replay-skipped-list">
      {lines.map((s, i) => (
        <li key={i}>
          {t('skippedLine', { n: String(s.line) })} <Why line={s} />
        </li>
      ))}
    </ul>
  );
}

function Why({ line: s }: { line: SkippedLine }) {
  const { t } = useI18n();
  switch (s.problem) {
    case 'json':
      return <>{t('skippedNotJson')}</>;
    case 'repeat':
      return (
        <>
          {t('skippedRepeat', { line: String(s.firstLine) })} <code dir="ltr">{s.id}</code>
        </>
      );
    case 'field':
      return s.missing ? (
        <>
          {t('skippedMissingField')} <code dir="ltr">{s.field}</code>
        </>
      ) : (
        <>
          {t('skippedBadField')} <code dir="ltr">{s.field}</code>: <code dir="ltr">{s.detail}</code>
        </>
      );
  }
}
