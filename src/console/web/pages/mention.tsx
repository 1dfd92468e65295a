/** A mention on its own page (`#/mentions/:id`), e.g. opened from a case's timeline. */
import { MentionDetail } from '../components/mention-detail';
import { useI18n } from '../i18n';
import { href } from '../router';
import type { SessionUser } from '../session';

export function MentionPage({ id, user }: { id: string; user: SessionUser }) {
  const { t } = useI18n();
  return (
    <div class="page page-narrow">
      <a class="back-link" href={href(['queue'])}>
        {t('back')}
      </a>
      <h1 class="visually-hidden">{t('mentionTitle')}</h1>
      <MentionDetail id={id} user={user} />
    </div>
  );
}
