// Form controls several views share.
import { LANGUAGES, LANGUAGE_NAMES, Language } from '../i18n/messages';

/** A choice of English, French or Arabic, each named in itself. */
export function LanguageSelect(props: { id: string; value: Language; onChange: (language: Language) => void; name?: string }) {
  return (
    <select
      id={props.id}
      name={props.name ?? 'language'}
      value={props.value}
      onChange={(event) => props.onChange(event.currentTarget.value as Language)}
    >
      {LANGUAGES.map((code) => (
        <option key={code} value={code} lang={code}>
          {LANGUAGE_NAMES[code]}
        </option>
      ))}
    </select>
  );
}

/** An e-mail address: left to right in every language, not filled in by the browser. */
export function EmailInput(props: { id: string; value: string; onInput: (value: string) => void }) {
  return (
    <input
      id={props.id}
      name="email"
      type="email"
      value={props.value}
      required
      maxLength={320}
      autocomplete="off"
      dir="ltr"
      onInput={(event) => props.onInput(event.currentTarget.value)}
    />
  );
}
