/** A message of a catalogue: text with `{name}` placeholders, or its plural forms chosen by `{count}`. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | Plural;

/** A translation of the English catalogue `T`: the same keys, each a message. */
export type Translation<T> = { [K in keyof T]: Message };

import type { Language } from '@depositary/domain';

export { LANGUAGES, isLanguage, type Language } from '@depositary/domain';

/** Each language's name in itself, for the switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français', ar: 'العربية' };
