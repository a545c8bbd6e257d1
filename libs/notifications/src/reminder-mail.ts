import * as isoCountries from 'i18n-iso-countries';
import arabic from 'i18n-iso-countries/langs/ar.json';
import english from 'i18n-iso-countries/langs/en.json';
import french from 'i18n-iso-countries/langs/fr.json';
import type { Language } from '@depositary/domain';

// Country names in the focal point's language, from the same maintained package as the countries table.
for (const locale of [english, french, arabic]) isoCountries.registerLocale(locale);

/** Everything a reminder says, read from the record when it is sent. */
export interface ReminderFacts {
  language: Language;
  focalPointName: string;
  treatyTitle: string;
  depositary: string | null;
  countryCode: string;
  status: 'invited' | 'signed';
  since: string;
  reminderNumber: number;
  progress: { current: number; required: number | null; inForce: boolean; entryIntoForceOn: string | null };
  contact: string;
}

interface Words {
  subject: (f: ReminderFacts, country: string) => string;
  greeting: (name: string) => string;
  status: (f: ReminderFacts, country: string) => string;
  step: (f: ReminderFacts) => string;
  progress: (f: ReminderFacts) => string;
  contact: (f: ReminderFacts) => string;
  footer: (n: number) => string;
}

const EN: Words = {
  subject: (f, country) =>
    f.status === 'invited'
      ? `Reminder: ${country} is invited to sign the ${f.treatyTitle}`
      : `Reminder: ${country} may now deposit its instrument for the ${f.treatyTitle}`,
  greeting: (name) => `Dear ${name},`,
  status: (f, country) =>
    `${country} has been ${f.status === 'invited' ? 'invited to the' : 'a signatory of the'} ${f.treatyTitle} since ${f.since}.`,
  step: (f) =>
    f.status === 'invited'
      ? 'The next step is signature — or accession, by depositing an instrument of accession with the depositary.'
      : 'The next step is to deposit an instrument of ratification, acceptance or approval with the depositary.',
  progress: (f) =>
    f.progress.inForce
      ? `The treaty has been in force since ${f.progress.entryIntoForceOn}.`
      : f.progress.required === null
        ? `${f.progress.current} instruments have been deposited so far.`
        : `${f.progress.current} of the ${f.progress.required} instruments required for entry into force have been deposited.`,
  contact: (f) => `For any question, please contact ${f.depositary ? `the depositary (${f.depositary}) at ` : ''}${f.contact}.`,
  footer: (n) => `This is reminder no. ${n}, sent by Depositary.`,
};

const FR: Words = {
  subject: (f, country) =>
    f.status === 'invited'
      ? `Rappel : ${country} est invité(e) à signer le ${f.treatyTitle}`
      : `Rappel : ${country} peut maintenant déposer son instrument pour le ${f.treatyTitle}`,
  greeting: (name) => `Madame, Monsieur ${name},`,
  status: (f, country) =>
    f.status === 'invited'
      ? `${country} est invité(e) au ${f.treatyTitle} depuis le ${f.since}.`
      : `${country} est signataire du ${f.treatyTitle} depuis le ${f.since}.`,
  step: (f) =>
    f.status === 'invited'
      ? "L'étape suivante est la signature — ou l'adhésion, par le dépôt d'un instrument d'adhésion auprès du dépositaire."
      : "L'étape suivante est le dépôt d'un instrument de ratification, d'acceptation ou d'approbation auprès du dépositaire.",
  progress: (f) =>
    f.progress.inForce
      ? `Le traité est en vigueur depuis le ${f.progress.entryIntoForceOn}.`
      : f.progress.required === null
        ? `${f.progress.current} instruments ont été déposés à ce jour.`
        : `${f.progress.current} des ${f.progress.required} instruments requis pour l'entrée en vigueur ont été déposés.`,
  contact: (f) =>
    `Pour toute question, veuillez contacter ${f.depositary ? `le dépositaire (${f.depositary}) à l'adresse ` : ''}${f.contact}.`,
  footer: (n) => `Ceci est le rappel n° ${n}, envoyé par Depositary.`,
};

const AR: Words = {
  subject: (f, country) =>
    f.status === 'invited'
      ? `تذكير: ${country} مدعوة إلى التوقيع على ${f.treatyTitle}`
      : `تذكير: يمكن لـ${country} الآن إيداع صكها الخاص بـ${f.treatyTitle}`,
  greeting: (name) => `السيد/السيدة ${name}،`,
  status: (f, country) =>
    f.status === 'invited'
      ? `${country} مدعوة إلى ${f.treatyTitle} منذ ${f.since}.`
      : `${country} من الدول الموقعة على ${f.treatyTitle} منذ ${f.since}.`,
  step: (f) =>
    f.status === 'invited'
      ? 'الخطوة التالية هي التوقيع، أو الانضمام بإيداع صك الانضمام لدى جهة الإيداع.'
      : 'الخطوة التالية هي إيداع صك التصديق أو القبول أو الموافقة لدى جهة الإيداع.',
  progress: (f) =>
    f.progress.inForce
      ? `المعاهدة نافذة منذ ${f.progress.entryIntoForceOn}.`
      : f.progress.required === null
        ? `تم إيداع ${f.progress.current} صكوك حتى الآن.`
        : `تم إيداع ${f.progress.current} من أصل ${f.progress.required} صكًا مطلوبًا لبدء النفاذ.`,
  contact: (f) => `لأي استفسار، يرجى التواصل مع ${f.depositary ? `جهة الإيداع (${f.depositary}) على ` : ''}${f.contact}.`,
  footer: (n) => `هذا هو التذكير رقم ${n}، أرسله نظام Depositary.`,
};

const WORDS: Record<Language, Words> = { en: EN, fr: FR, ar: AR };

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The reminder in the focal point's language: a subject, a plain-text part and an HTML part (right-to-left in Arabic). */
export function reminderMail(facts: ReminderFacts): { subject: string; text: string; html: string } {
  const words = WORDS[facts.language];
  const country = isoCountries.getName(facts.countryCode, facts.language) ?? facts.countryCode;
  const paragraphs = [
    words.greeting(facts.focalPointName),
    words.status(facts, country),
    words.step(facts),
    words.progress(facts),
    words.contact(facts),
    words.footer(facts.reminderNumber),
  ];
  const dir = facts.language === 'ar' ? 'rtl' : 'ltr';
  return {
    subject: words.subject(facts, country),
    text: paragraphs.join('\n\n'),
    html:
      `<!doctype html><html lang="${facts.language}" dir="${dir}"><head><meta charset="utf-8"><title>${escape(words.subject(facts, country))}</title></head>` +
      `<body dir="${dir}" style="font-family: sans-serif; line-height: 1.5">${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('')}</body></html>`,
  };
}
