import { signal } from '@preact/signals';
import * as isoCountries from 'i18n-iso-countries';
import arabic from 'i18n-iso-countries/langs/ar.json';
import english from 'i18n-iso-countries/langs/en.json';
import french from 'i18n-iso-countries/langs/fr.json';
import { ar } from './ar';
import { en } from './en';
import { fr } from './fr';
import { Language, Message, isLanguage } from './messages';

export type MessageKey = keyof typeof en;
export type Params = Record<string, string | number>;

for (const locale of [english, french, arabic]) isoCountries.registerLocale(locale);

const CATALOGUES: Record<Language, Record<MessageKey, Message>> = { en, fr, ar };
const STORED = 'depositary.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORED);
  if (isLanguage(stored)) return stored;
  const preferred = navigator.language.slice(0, 2);
  return isLanguage(preferred) ? preferred : 'en';
}

/** The page's language; components that call `t` render again when it changes. */
export const language = signal<Language>(initialLanguage());

/** Sets the language of the page (and of <html lang dir>), remembered on this browser. */
export function setLanguage(next: Language): void {
  language.value = next;
  localStorage.setItem(STORED, next);
  applyLanguage();
}

export function applyLanguage(): void {
  document.documentElement.lang = language.value;
  document.documentElement.dir = direction();
}

export const direction = (): 'rtl' | 'ltr' => (language.value === 'ar' ? 'rtl' : 'ltr');

const pluralRules = new Map<Language, Intl.PluralRules>();
function pluralOf(lang: Language, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules.select(count);
}

/** The message `key` in the page's language, with `{name}` replaced by `params.name`. */
export function t(key: MessageKey, params: Params = {}): string {
  const lang = language.value;
  const message = CATALOGUES[lang][key] ?? en[key];
  let text: string;
  if (typeof message === 'string') text = message;
  else {
    const count = Number(params.count ?? 0);
    text = (count === 0 ? message.zero : undefined) ?? message[pluralOf(lang, count)] ?? message.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? (typeof params[name] === 'number' ? formatNumber(params[name]) : String(params[name])) : whole,
  );
}

/** A number written the language's way (Latin digits in all three, as the organisation's documents do). */
export const formatNumber = (n: number): string =>
  new Intl.NumberFormat(`${language.value}-u-nu-latn`, { maximumFractionDigits: 2 }).format(n);

/** '2018-02-19' → '19 February 2018', '19 février 2018', '19 فبراير 2018'. */
export function formatDay(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDay;
  const locale = language.value === 'en' ? 'en-GB' : `${language.value}-u-nu-latn`;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** An instant as '2025-11-27 21:39:05 UTC', the same in every language. */
export function instantText(iso: string | Date): string {
  const text = new Date(iso).toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 19)} UTC`;
}

/** An instant as '27 November 2025, 21:39:05 UTC' in the page's language. */
export const instantLong = (date: Date): string => {
  const text = date.toISOString();
  return `${formatDay(text.slice(0, 10))}, ${text.slice(11, 19)} UTC`;
};

/** 'a, b and c' in the page's language. */
export function listInWords(items: string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  // British English, as the organisation writes: "a, b and c", without the serial comma.
  return new Intl.ListFormat(language.value === 'en' ? 'en-GB' : language.value, { type, style: 'long' }).format(items);
}

/** A country's name in the page's language (the names the service's notifications use), from its alpha-3 code. */
export function countryName(code: string, englishName?: string): string {
  if (language.value === 'en' && englishName) return englishName;
  return isoCountries.getName(code, language.value) ?? englishName ?? code;
}

/** Whether the catalogue has `key`: for words built from the API's codes (`status.${status}`). */
export const hasMessage = (key: string): key is MessageKey => key in en;

/** The message for a code of the API (`status`, `member` → 'Member'), or the code itself if the catalogue has none. */
export const wordFor = (prefix: string, code: string): string => {
  const key = `${prefix}.${code}`;
  return hasMessage(key) ? t(key) : code;
};

/** `text` with its first letter upper case, the page's language's way: for a word that starts a label or a sentence
 * (a lower-case word of the catalogue, `statementKind.reservation` → 'Reservation'; Arabic has no case). */
export function capitalised(text: string): string {
  const [first = '', ...rest] = text;
  return first.toLocaleUpperCase(language.value) + rest.join('');
}

/** A treaty's title in the page's language, when the treaty has one in it. */
export const treatyTitle = (treaty: { title: string; titles?: { fr?: string; ar?: string } }): string =>
  (language.value !== 'en' ? treaty.titles?.[language.value] : undefined) ?? treaty.title;
