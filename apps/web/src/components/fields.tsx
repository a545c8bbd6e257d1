// Form controls several views share.
import type { ComponentChildren, JSX } from 'preact';
import { LANGUAGES, LANGUAGE_NAMES, Language } from '../i18n/messages';

type InputAttributes = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onInput' | 'label' | 'children'>;

/**
 * A labelled text box as the forms write one: the label holds its caption and the input, so the caption names the
 * input; a hint under it that the input is described by; `children` (the suggestions of a datalist) after them.
 * Any other attribute (name, type, required, maxLength, placeholder, dir…) goes to the input.
 */
export function TextField(
  props: InputAttributes & {
    id: string;
    label: string;
    value: string;
    onInput: (value: string) => void;
    hint?: string;
    children?: ComponentChildren;
  },
) {
  const { id, label, value, onInput, hint, children, ...input } = props;
  return (
    <label class="field">
      <span>{label}</span>
      <input
        id={id}
        value={value}
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...input}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      {hint && (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {children}
    </label>
  );
}

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
export function EmailField(props: { id: string; label: string; value: string; onInput: (value: string) => void }) {
  return <TextField {...props} name="email" type="email" required maxLength={320} autocomplete="off" dir="ltr" />;
}

/** A person's name, as the service keeps it (200 characters at most), not filled in by the browser. */
export function NameField(props: { id: string; label: string; value: string; onInput: (value: string) => void }) {
  return <TextField {...props} name="name" required maxLength={200} autocomplete="off" />;
}
