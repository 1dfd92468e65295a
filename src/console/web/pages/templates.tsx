/**
 * Reply templates for supervisors and admins: the list, and beside it the editor for the one
 * chosen (`#/templates/<id>`) or a new one (`#/templates/new`). Deleting asks first; the system
 * templates automatic case replies rely on are edited, never deleted, and say so.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Template } from '../../../templates/store/template-store';
import { del, get, itemsOf } from '../api';
import { ConfirmAction } from '../components/confirm-action';
import { TemplateEditor } from '../components/template-editor';
import { Badge, Empty, ErrorBox, Loading, Notice, messageOf } from '../components/ui';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { href } from '../router';
import type { SessionUser } from '../session';
import { isSystemKey } from '../template-segments';
import { useLoad } from '../use-load';
import { nameOf, useUsers } from '../users';

export function TemplatesPage({ user, selected }: { user: SessionUser; selected?: string }) {
  const { t, lang } = useI18n();
  const users = useUsers(user);
  const list = useLoad(() => get<unknown>('/api/templates').then((d) => itemsOf<Template>(d)), []);
  // A notice belongs to the template it is about ('' for the list): opening another clears it.
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string; about: string } | undefined>(undefined);
  const about = selected ?? '';
  useEffect(() => setNotice((n) => (n && n.about !== about ? undefined : n)), [about]);

  const templates = [...(list.data ?? [])].sort((a, b) => Number(isSystemKey(b.key)) - Number(isSystemKey(a.key)) || a.name.localeCompare(b.name));
  const current = selected && selected !== 'new' ? templates.find((x) => x.id === selected) : undefined;
  const editing = selected === 'new' || !!current;
  // A link to a template made since the list was read (by a colleague, or through the API): read
  // the list again, once per template, before saying it does not exist.
  const reloadedFor = useRef(new Set<string>());
  const unknown = selected && selected !== 'new' && list.data && !current ? selected : undefined;
  useEffect(() => {
    if (!unknown || reloadedFor.current.has(unknown)) return;
    reloadedFor.current.add(unknown);
    void list.reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when a new unknown id is opened
  }, [unknown]);

  const saved = async (tpl: Template, created: boolean) => {
    setNotice({ kind: 'ok', text: t(created ? 'templateCreated' : 'templateSaved', { name: tpl.name }), about: tpl.id });
    await list.reload();
    if (created) location.hash = href(['templates', tpl.id]);
  };
  const remove = async (tpl: Template) => {
    try {
      await del(`/api/templates/${encodeURIComponent(tpl.id)}`);
      setNotice({ kind: 'ok', text: t('templateDeleted', { name: tpl.name }), about: '' });
      location.hash = href(['templates']);
      await list.reload();
    } catch (err) {
      setNotice({ kind: 'error', text: messageOf(err), about });
    }
  };

  return (
    <div class={`page admin-page${editing ? ' has-selection' : ''}`}>
      <div class="page-head">
        <h1>{t('templatesTitle')}</h1>
        <a class="btn btn-primary" href={href(['templates', 'new'])} aria-current={selected === 'new' ? 'page' : undefined} data-testid="new-template">
          {t('newTemplate')}
        </a>
      </div>
      {notice && notice.about === about && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <div class="admin-layout">
        <section class="admin-list" aria-labelledby="tpl-list-title">
          <h2 id="tpl-list-title" class="section-title">
            {t('templatesList')}
          </h2>
          {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
          {!list.data && !list.error && <Loading />}
          {list.data && templates.length === 0 && <Empty>{t('templatesEmpty')}</Empty>}
          <ul class="tpl-list">
            {templates.map((tpl) => (
              <li key={tpl.id}>
                <a class={`tpl-item${tpl.id === selected ? ' selected' : ''}`} href={href(['templates', tpl.id])} aria-current={tpl.id === selected ? 'true' : undefined} data-testid="template-item" data-key={tpl.key}>
                  <span class="tpl-item-name" dir="auto">
                    {tpl.name}
                  </span>
                  <span class="chips">
                    <code class="chip" dir="ltr">
                      {tpl.key}
                    </code>
                    {(['ar', 'en'] as const).map((l) => tpl.bodies[l] && <span key={l} class="chip">{t(`lang_${l}`)}</span>)}
                    {isSystemKey(tpl.key) && <Badge tone="system">{t('systemTemplate')}</Badge>}
                  </span>
                  <span class="muted small">
                    {t('lastChange')}: <bdi>{nameOf(t, users, tpl.updatedBy, user)}</bdi> · <bdi>{formatDateTime(tpl.updatedAt, lang)}</bdi>
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </section>
        <section class="admin-detail" aria-label={t('editTemplate')}>
          {editing && (
            <a class="back-link only-narrow" href={href(['templates'])}>
              {t('back')}
            </a>
          )}
          {selected === 'new' && <TemplateEditor key="new" onSaved={saved} />}
          {current && (
            <>
              <TemplateEditor key={`${current.id}:${current.updatedAt}`} template={current} onSaved={saved} />
              {/* The automatic case replies look a system template up by its key: it is edited, never
                  deleted (the API refuses, 409), as the editor's help above says. */}
              {!isSystemKey(current.key) && (
                <div class="danger-zone">
                  <ConfirmAction
                    label={t('deleteTemplate')}
                    tone="danger"
                    warning={t('confirmDeleteTemplate', { name: current.name })}
                    confirmLabel={t('confirmDelete')}
                    onConfirm={() => remove(current)}
                    testId="delete-template"
                  />
                </div>
              )}
            </>
          )}
          {unknown && reloadedFor.current.has(unknown) && !list.loading && <Notice kind="error">{t('templateNotFound')}</Notice>}
          {!selected && (
            <div class="placeholder">
              <p>{t('selectTemplate')}</p>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
