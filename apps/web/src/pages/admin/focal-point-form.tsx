// The fields of a focal point: name, e-mail, the language of the reminders it gets. For adding one and for editing one.
import { useState } from 'preact/hooks';
import type { FocalPointView } from '@depositary/contracts';
import { LANGUAGES } from '../../i18n/messages';
import { t } from '../../i18n';
import { EmailField, LanguageSelect, NameField } from '../../components/fields';

export interface FocalPointFields {
  name: string;
  email: string;
  language: (typeof LANGUAGES)[number];
}

export function FocalPointForm(props: {
  id: string;
  initial?: FocalPointView;
  submitLabel: string;
  error: string;
  busy: boolean;
  onSubmit: (fields: FocalPointFields) => void;
  onCancel?: () => void;
}) {
  const { id, initial } = props;
  const [name, setName] = useState(initial?.name ?? '');
  const [email, setEmail] = useState(initial?.email ?? '');
  const [language, setLanguage] = useState<FocalPointFields['language']>(initial?.language ?? 'en');
  const [missing, setMissing] = useState('');
  return (
    <form
      class="admin-form"
      id={id}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!name.trim() || !email.trim()) return setMissing(t('focalPoints.missing'));
        setMissing('');
        props.onSubmit({ name: name.trim(), email: email.trim(), language });
      }}
    >
      <NameField id={`${id}-name`} label={t('focalPoints.field.name')} value={name} onInput={setName} />
      <EmailField id={`${id}-email`} label={t('focalPoints.field.email')} value={email} onInput={setEmail} />
      <label class="field">
        <span>{t('focalPoints.field.language')}</span>
        <LanguageSelect id={`${id}-language`} value={language} onChange={setLanguage} />
      </label>
      <div class="form-actions">
        <button type="submit" class="button button--primary" disabled={props.busy}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" class="button button--quiet" onClick={props.onCancel}>
            {t('shell.cancel')}
          </button>
        )}
      </div>
      <p class="form-error" role="alert" id={`${id}-error`}>
        {missing || props.error}
      </p>
    </form>
  );
}
