// The form of a treaty: its facts, its withdrawal delay, reminders and its entry-into-force rule.
import { useState } from 'preact/hooks';
import { type ParticipantView, type ReminderPolicy, type TreatyView, newTreatySchema, treatyChangeSchema } from '@depositary/contracts';
import { type Delay, todayUtc } from '@depositary/domain';
import { api, seg } from '../../api';
import { flash } from '../../components/flash';
import { inWords } from '../../errors';
import { t } from '../../i18n';
import { href, navigate } from '../../router';
import type { Country } from './countries';
import { DelayFields } from './delay-fields';
import { RemindersFields } from './reminders-fields';
import { RuleEditor, useRule } from './rule-editor';
import type { RuleDraft } from './rule-draft';

const NEW_RULE: RuleDraft = { minimumParties: 1, entersIntoForce: {} };

const slugOf = (title: string): string =>
  folded(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');

function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

const issuesOf = (error: { issues: { path: PropertyKey[]; message: string }[] }): string[] =>
  error.issues.map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message));

export function TreatyForm(props: { treaty: TreatyView | null; participants: ParticipantView[] | null; countries: readonly Country[] }) {
  const { treaty } = props;
  const [slug, setSlug] = useState(treaty?.slug ?? '');
  const [slugTouched, setSlugTouched] = useState(treaty !== null);
  const [title, setTitle] = useState(treaty?.title ?? '');
  const [titleFr, setTitleFr] = useState(treaty?.titles.fr ?? '');
  const [titleAr, setTitleAr] = useState(treaty?.titles.ar ?? '');
  const [depositary, setDepositary] = useState(treaty?.depositary ?? '');
  const [openedOn, setOpenedOn] = useState(treaty?.openedForSignatureOn ?? todayUtc());
  const [withdrawal, setWithdrawal] = useState<Delay>(treaty?.withdrawal ?? { months: 12 });
  const [reservations, setReservations] = useState(treaty?.reservations ?? 'permitted');
  const [isPublic, setPublic] = useState(treaty?.public ?? false);
  const [reminders, setReminders] = useState<ReminderPolicy[]>(treaty?.reminders ?? []);
  const [rule, fromBuilder, fromText] = useRule((treaty?.entryIntoForce as RuleDraft | undefined) ?? NEW_RULE);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const locked = treaty && treaty.status !== 'open' ? t('editor.rule.locked') : null;

  const titles = { ...(titleFr.trim() ? { fr: titleFr.trim() } : {}), ...(titleAr.trim() ? { ar: titleAr.trim() } : {}) };
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!rule.rule && !locked) return setProblems([t('editor.form.ruleInvalid')]);
    const facts = { title: title.trim(), titles, withdrawal, reservations, public: isPublic, reminders };
    const body = treaty
      ? { ...facts, depositary: depositary.trim() || null, ...(locked ? {} : { entryIntoForce: rule.draft }) }
      : {
          ...facts,
          slug,
          titles: Object.keys(titles).length ? titles : undefined,
          ...(depositary.trim() ? { depositary: depositary.trim() } : {}),
          openedForSignatureOn: openedOn,
          entryIntoForce: rule.draft,
        };
    const checked = treaty ? treatyChangeSchema.safeParse(body) : newTreatySchema.safeParse(body);
    if (!checked.success) return setProblems(issuesOf(checked.error));
    setProblems([]);
    setBusy(true);
    try {
      const saved = treaty
        ? await api<TreatyView>(`/api/treaties/${seg(treaty.slug)}`, { method: 'PATCH', body: checked.data })
        : await api<TreatyView>('/api/treaties', { method: 'POST', body: checked.data });
      flash(t(treaty ? 'editor.form.saved' : 'editor.form.created', { title: saved.title }), 'success');
      navigate(href.treaty(saved.slug));
    } catch (error) {
      setProblems([inWords(error, t(treaty ? 'editor.form.couldNotSave' : 'editor.form.couldNotCreate'))]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="treaty-form" noValidate onSubmit={(event) => void submit(event)}>
      <fieldset class="card">
        <legend>{t('editor.form.facts')}</legend>
        <div class="form-grid">
          <label class="field">
            <span>{t('editor.form.title')}</span>
            <input
              id="treaty-title"
              lang="en"
              dir="ltr"
              required
              value={title}
              onInput={(event) => {
                setTitle(event.currentTarget.value);
                if (!slugTouched) setSlug(slugOf(event.currentTarget.value));
              }}
            />
          </label>
          <label class="field">
            <span>{t('editor.form.slug')}</span>
            <input
              id="treaty-slug"
              required
              dir="ltr"
              value={slug}
              readOnly={treaty !== null}
              aria-describedby="treaty-slug-hint"
              onInput={(event) => {
                setSlugTouched(true);
                setSlug(event.currentTarget.value);
              }}
            />
            <span id="treaty-slug-hint" class="hint">
              {t(treaty ? 'editor.form.slugFixed' : 'editor.form.slugHint')}
            </span>
          </label>
          <label class="field">
            <span>{t('editor.form.titleFr')}</span>
            <input id="treaty-title-fr" lang="fr" dir="ltr" value={titleFr} onInput={(event) => setTitleFr(event.currentTarget.value)} />
          </label>
          <label class="field">
            <span>{t('editor.form.titleAr')}</span>
            <input id="treaty-title-ar" lang="ar" dir="rtl" value={titleAr} onInput={(event) => setTitleAr(event.currentTarget.value)} />
          </label>
          <label class="field">
            <span>{t('editor.form.depositary')}</span>
            <input id="treaty-depositary" dir="auto" value={depositary} onInput={(event) => setDepositary(event.currentTarget.value)} />
          </label>
          <label class="field">
            <span>{t('editor.form.openedOn')}</span>
            <input
              id="treaty-opened"
              type="date"
              required
              value={openedOn}
              readOnly={treaty !== null}
              onInput={(event) => setOpenedOn(event.currentTarget.value)}
            />
          </label>
          <label class="field">
            <span>{t('editor.form.reservations')}</span>
            <select
              id="treaty-reservations"
              value={reservations}
              onChange={(event) => setReservations(event.currentTarget.value as 'permitted' | 'prohibited')}
            >
              <option value="permitted">{t('editor.form.reservationsPermitted')}</option>
              <option value="prohibited">{t('editor.form.reservationsProhibited')}</option>
            </select>
          </label>
          <label class="check">
            <input id="treaty-public" type="checkbox" checked={isPublic} onChange={(event) => setPublic(event.currentTarget.checked)} />{' '}
            {t('editor.form.public')}
          </label>
        </div>
        <DelayFields
          id="treaty-withdrawal"
          legend={t('editor.form.withdrawal')}
          from={t('rule.fromNotification')}
          delay={withdrawal}
          onChange={setWithdrawal}
        />
        <RemindersFields reminders={reminders} onChange={setReminders} />
      </fieldset>
      <RuleEditor
        state={rule}
        fromBuilder={fromBuilder}
        fromText={fromText}
        countries={props.countries}
        participants={props.participants}
        locked={locked}
      />
      <div id="treaty-form-problems" role="alert">
        {problems.length > 0 && (
          <ul class="form-error">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
      </div>
      <p class="form-actions">
        <button id="treaty-save" type="submit" class="button button--primary" disabled={busy}>
          {t(treaty ? 'editor.form.save' : 'editor.form.create')}
        </button>{' '}
        <a class="button button--quiet" href={treaty ? href.treaty(treaty.slug) : href.treaties()}>
          {t('shell.cancel')}
        </a>
      </p>
    </form>
  );
}
