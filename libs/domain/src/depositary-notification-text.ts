import type { Language } from './languages';
import type { StatementKind } from './statements';
import { PERSON_ACTIONS, type PersonAction } from './status-machine';
/**
 * The words of a depositary notification in English, French and Arabic, from the facts of what it notifies.
 * Pure: the caller reads the facts (titles, country names per language) from the record.
 */
export type InLanguages = Record<Language, string>;

/** The acts of a person that are notified, and the treaty events. */
export const NOTIFIED_ACTS = [
  ...PERSON_ACTIONS.filter((action): action is Exclude<PersonAction, 'correct'> => action !== 'correct'),
  'state' as const,
  'withdraw_statement' as const,
];
export type NotifiedAct = (typeof NOTIFIED_ACTS)[number];
export type NotificationKind = NotifiedAct | 'threshold_met' | 'entry_into_force' | 'correction' | 'free_form';

export const isNotifiedAct = (action: string): action is NotifiedAct => (NOTIFIED_ACTS as readonly string[]).includes(action);

export interface NotificationFacts {
  kind: Exclude<NotificationKind, 'free_form'>;
  depositary: string | null;
  title: InLanguages;
  /** The acting state, for acts and corrections. */
  country?: InLanguages;
  /** The day the act took effect (acts), the threshold was met, or the treaty entered into force. */
  date: string;
  signature?: string | null;
  /** Withdrawal: the day it takes effect. */
  effectiveOn?: string | null;
  /** Succession: the day from which the successor is bound. */
  effectiveFrom?: string | null;
  entryIntoForceOn?: string | null;
  /** A statement or its withdrawal: its kind, and (for a statement) its text as made, in one language or several. */
  statementKind?: StatementKind | null;
  statementText?: string | { en?: string; fr?: string; ar?: string } | null;
  /** Correction: the notification corrected and what it notified. */
  corrected?: { number: string; kind: NotifiedAct };
}

const MONTHS: Record<Language, readonly string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  ar: ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'],
};

/** A calendar day in words: 19 February 2018, 1er mars 2018, 19 فبراير 2018. */
export function dateInWords(isoDate: string, language: Language): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const dayWord = language === 'fr' && day === 1 ? '1er' : String(day);
  return `${dayWord} ${MONTHS[language][month - 1]} ${year}`;
}

interface Words {
  statementName: Record<StatementKind, string>;
  opening: (depositary: string | null) => string;
  act: (act: NotifiedAct, f: NotificationFacts, on: string) => string;
  actName: Record<NotifiedAct, string>;
  threshold: (f: NotificationFacts, on: string) => string;
  inForce: (f: NotificationFacts, on: string) => string;
  correction: (f: NotificationFacts) => string;
  withdrawalEffect: (on: string) => string;
  successionEffect: (on: string) => string;
  subject: (f: NotificationFacts) => string;
}

const EN: Words = {
  statementName: {
    reservation: 'reservation',
    declaration: 'declaration',
    objection: 'objection',
    territorial_application: 'declaration of territorial application',
    communication: 'communication',
  },
  opening: (d) => `The ${d ?? 'depositary'}, acting in its capacity as depositary, communicates the following:`,
  act: (act, f, on) => {
    const who = `the Government of ${englishCountry(f.country?.en ?? '')}`;
    const title = `the ${f.title.en}`;
    switch (act) {
      case 'sign':
        return f.signature === 'definitive'
          ? `On ${on}, ${who} signed ${title} without reservation as to ratification, acceptance or approval.`
          : f.signature === 'ad_referendum'
            ? `On ${on}, ${who} signed ${title} ad referendum.`
            : `On ${on}, ${who} signed ${title}.`;
      case 'confirm':
        return `On ${on}, ${who} confirmed its signature ad referendum of ${title}.`;
      case 'ratify':
      case 'accept':
      case 'approve':
      case 'accede':
        return `On ${on}, ${who} deposited its instrument of ${EN.actName[act]} of ${title}.`;
      case 'succeed':
        return `On ${on}, ${who} deposited its notification of succession to ${title}.`;
      case 'withdraw':
        return `On ${on}, ${who} notified its withdrawal from ${title}.`;
      case 'revoke_withdrawal':
        return `On ${on}, ${who} revoked its notification of withdrawal from ${title}.`;
      case 'state':
        return `On ${on}, ${who} made the following ${EN.statementName[f.statementKind ?? 'communication']} in respect of ${title}:${quoted(f, 'en')}`;
      case 'withdraw_statement':
        return `On ${on}, ${who} withdrew its ${EN.statementName[f.statementKind ?? 'communication']} in respect of ${title}.`;
    }
  },
  actName: {
    sign: 'signature',
    confirm: 'confirmation of signature',
    ratify: 'ratification',
    accept: 'acceptance',
    approve: 'approval',
    accede: 'accession',
    succeed: 'succession',
    withdraw: 'withdrawal',
    revoke_withdrawal: 'revocation of withdrawal',
    state: 'statement',
    withdraw_statement: 'withdrawal of a statement',
  },
  threshold: (f, on) =>
    `On ${on}, the number of instruments required for the entry into force of the ${f.title.en} was reached.` +
    (f.entryIntoForceOn
      ? ` In accordance with its provisions, the ${f.title.en} will enter into force on ${dateInWords(f.entryIntoForceOn, 'en')}.`
      : ''),
  inForce: (f, on) => `In accordance with its provisions, the ${f.title.en} entered into force on ${on}.`,
  correction: (f) =>
    `Depositary notification ${f.corrected?.number ?? ''} (${EN.actName[f.corrected?.kind ?? 'sign']}), concerning ${f.country?.en ?? ''}, was issued in error and is withdrawn: the act it communicated has been corrected in the record of the ${f.title.en} on ${dateInWords(f.date, 'en')}.`,
  withdrawalEffect: (on) => `The withdrawal will take effect on ${on}.`,
  successionEffect: (on) => `The succession takes effect from ${on}.`,
  subject: (f) =>
    f.kind === 'threshold_met'
      ? `${f.title.en}: threshold for entry into force reached`
      : f.kind === 'entry_into_force'
        ? `${f.title.en}: entry into force`
        : f.kind === 'correction'
          ? `${f.title.en}: correction of depositary notification ${f.corrected?.number ?? ''}`
          : `${f.title.en}: ${f.country?.en ?? ''}: ${statementSubject(f, 'en') ?? EN.actName[f.kind]}`,
};

const FR: Words = {
  statementName: {
    reservation: 'réserve',
    declaration: 'déclaration',
    objection: 'objection',
    territorial_application: "déclaration d'application territoriale",
    communication: 'communication',
  },
  opening: (d) => `Le dépositaire${d ? ` (${d})` : ''} communique ce qui suit :`,
  // The state is named after a colon, as the depositary practice does ("l'État suivant ... : Kazakhstan"): a
  // French country name takes an article and a gender of its own (du Sénégal, de la France, des Émirats).
  act: (act, f, on) => {
    const state = f.country?.fr ?? '';
    const title = frenchTitle(f.title.fr);
    const by = (verb: string): string => `Le ${on}, l'État suivant ${verb} : ${state}.`;
    const name = FR.statementName[f.statementKind ?? 'communication'];
    switch (act) {
      case 'sign':
        return f.signature === 'definitive'
          ? by(`a signé ${title.le} sans réserve de ratification, d'acceptation ou d'approbation (signature définitive)`)
          : f.signature === 'ad_referendum'
            ? by(`a signé ${title.le} ad referendum`)
            : by(`a signé ${title.le}`);
      case 'confirm':
        return by(`a confirmé la signature ad referendum qu'il avait apposée sur ${title.le}`);
      case 'ratify':
      case 'accept':
      case 'approve':
      case 'accede':
        // Adhésion « au » Statut; ratification, acceptation, approbation « du » Statut.
        return by(`a déposé son instrument ${FR.actName[act]} ${act === 'accede' ? title.a : title.de}`);
      case 'succeed':
        return by(`a déposé une notification de succession ${title.a}`);
      case 'withdraw':
        return by(`a notifié son retrait ${title.de}`);
      case 'revoke_withdrawal':
        return by(`a révoqué la notification de son retrait ${title.de}`);
      case 'state': {
        const text = quoted(f, 'fr');
        return `${by(`a formulé une ${name} à l'égard ${title.de}`)}${text ? ` Le texte en est le suivant :${text}` : ''}`;
      }
      case 'withdraw_statement':
        return by(`a retiré ${elided('la', name)} qu'il avait formulée à l'égard ${title.de}`);
    }
  },
  actName: {
    sign: 'signature',
    confirm: 'confirmation de signature',
    ratify: 'de ratification',
    accept: "d'acceptation",
    approve: "d'approbation",
    accede: "d'adhésion",
    succeed: 'succession',
    withdraw: 'retrait',
    revoke_withdrawal: 'révocation du retrait',
    state: 'déclaration',
    withdraw_statement: "retrait d'une déclaration",
  },
  threshold: (f, on) => {
    const title = frenchTitle(f.title.fr);
    return (
      `Le ${on}, le nombre d'instruments requis pour l'entrée en vigueur ${title.de} a été atteint.` +
      (f.entryIntoForceOn
        ? ` Conformément à ses dispositions, ${title.le} entrera en vigueur le ${dateInWords(f.entryIntoForceOn, 'fr')}.`
        : '')
    );
  },
  inForce: (f, on) => {
    const title = frenchTitle(f.title.fr);
    return `Conformément à ses dispositions, ${title.le} est ${title.feminine ? 'entrée' : 'entré'} en vigueur le ${on}.`;
  },
  correction: (f) =>
    `La notification dépositaire ${f.corrected?.number ?? ''} (${f.country?.fr ?? ''} : ${FR.actName[f.corrected?.kind ?? 'sign'].replace(/^d'|^de /, '')}) a été diffusée par erreur et est annulée : l'acte qu'elle communiquait a été rectifié le ${dateInWords(f.date, 'fr')} dans le registre ${frenchTitle(f.title.fr).de}.`,
  withdrawalEffect: (on) => `Le retrait prendra effet le ${on}.`,
  successionEffect: (on) => `La succession prend effet à compter du ${on}.`,
  subject: (f) =>
    f.kind === 'threshold_met'
      ? `${f.title.fr} : nombre d'instruments requis pour l'entrée en vigueur atteint`
      : f.kind === 'entry_into_force'
        ? `${f.title.fr} : entrée en vigueur`
        : f.kind === 'correction'
          ? `${f.title.fr} : rectification de la notification dépositaire ${f.corrected?.number ?? ''}`
          : `${f.title.fr} : ${f.country?.fr ?? ''} : ${statementSubject(f, 'fr') ?? FR.actName[f.kind].replace(/^d'|^de /, '')}`,
};

/** The statements named with their article (and the relative pronoun that follows them) in Arabic. */
const AR_STATEMENT: Record<StatementKind, { the: string; which: string; its: string; following: string }> = {
  reservation: { the: 'التحفظ', which: 'الذي', its: 'ه', following: 'التحفظ التالي' },
  declaration: { the: 'الإعلان', which: 'الذي', its: 'ه', following: 'الإعلان التالي' },
  objection: { the: 'الاعتراض', which: 'الذي', its: 'ه', following: 'الاعتراض التالي' },
  territorial_application: {
    the: 'الإعلان المتعلق بالتطبيق الإقليمي',
    which: 'الذي',
    its: 'ه',
    following: 'الإعلان التالي المتعلق بالتطبيق الإقليمي',
  },
  communication: { the: 'البلاغ', which: 'الذي', its: 'ه', following: 'البلاغ التالي' },
};

const AR: Words = {
  statementName: {
    reservation: 'تحفظ',
    declaration: 'إعلان',
    objection: 'اعتراض',
    territorial_application: 'إعلان بشأن التطبيق الإقليمي',
    communication: 'بلاغ',
  },
  opening: (d) => `يُبلغ الوديع${d ? ` (${d})` : ''} ما يلي:`,
  act: (act, f, on) => {
    const who = `حكومة ${f.country?.ar ?? ''}`;
    const title = f.title.ar;
    const statement = AR_STATEMENT[f.statementKind ?? 'communication'];
    switch (act) {
      case 'sign':
        return f.signature === 'definitive'
          ? `في ${on}، وقّعت ${who} على ${title} توقيعًا نهائيًا دون تحفظ بشأن التصديق أو القبول أو الموافقة.`
          : f.signature === 'ad_referendum'
            ? `في ${on}، وقّعت ${who} على ${title} بشرط الرجوع.`
            : `في ${on}، وقّعت ${who} على ${title}.`;
      case 'confirm':
        return `في ${on}، أكّدت ${who} توقيعها بشرط الرجوع على ${title}.`;
      case 'ratify':
        return `في ${on}، أودعت ${who} صك التصديق على ${title}.`;
      case 'approve':
        return `في ${on}، أودعت ${who} صك الموافقة على ${title}.`;
      case 'accept':
        return `في ${on}، أودعت ${who} صك قبول ${title}.`;
      case 'accede':
        return `في ${on}، أودعت ${who} صك الانضمام إلى ${title}.`;
      case 'succeed':
        return `في ${on}، أودعت ${who} إخطارًا بالخلافة في ${title}.`;
      case 'withdraw':
        return `في ${on}، أخطرت ${who} بانسحابها من ${title}.`;
      case 'revoke_withdrawal':
        return `في ${on}، ألغت ${who} الإخطار بانسحابها من ${title}.`;
      case 'state': {
        const text = quoted(f, 'ar');
        return `في ${on}، أبدت ${who} ${statement.following} بشأن ${title}${text ? `، ونصّ${statement.its} كما يلي:${text}` : '.'}`;
      }
      case 'withdraw_statement':
        return `في ${on}، سحبت ${who} ${statement.the} ${statement.which} أبدت${statement.its} بشأن ${title}.`;
    }
  },
  actName: {
    sign: 'التوقيع',
    confirm: 'تأكيد التوقيع',
    ratify: 'التصديق',
    accept: 'القبول',
    approve: 'الموافقة',
    accede: 'الانضمام',
    succeed: 'الخلافة',
    withdraw: 'الانسحاب',
    revoke_withdrawal: 'إلغاء الانسحاب',
    state: 'إعلان',
    withdraw_statement: 'سحب إعلان',
  },
  threshold: (f, on) =>
    `في ${on}، اكتمل عدد الصكوك اللازم لبدء نفاذ ${f.title.ar}.` +
    (f.entryIntoForceOn ? ` ووفقًا للأحكام ذات الصلة، يبدأ نفاذ ${f.title.ar} في ${dateInWords(f.entryIntoForceOn, 'ar')}.` : ''),
  inForce: (f, on) => `وفقًا للأحكام ذات الصلة، بدأ نفاذ ${f.title.ar} في ${on}.`,
  correction: (f) =>
    `صدر إخطار الوديع ${f.corrected?.number ?? ''} (${f.country?.ar ?? ''}: ${AR.actName[f.corrected?.kind ?? 'sign']}) عن طريق الخطأ، ويُعتبر لاغيًا: فقد صُحّح الإجراء الذي أبلغ عنه في سجل ${f.title.ar} في ${dateInWords(f.date, 'ar')}.`,
  withdrawalEffect: (on) => `ويصبح الانسحاب نافذًا في ${on}.`,
  successionEffect: (on) => `وتسري الخلافة اعتبارًا من ${on}.`,
  subject: (f) =>
    f.kind === 'threshold_met'
      ? `${f.title.ar}: اكتمال عدد الصكوك اللازم لبدء النفاذ`
      : f.kind === 'entry_into_force'
        ? `${f.title.ar}: بدء النفاذ`
        : f.kind === 'correction'
          ? `${f.title.ar}: تصحيح إخطار الوديع ${f.corrected?.number ?? ''}`
          : `${f.title.ar}: ${f.country?.ar ?? ''}: ${statementSubject(f, 'ar') ?? AR.actName[f.kind]}`,
};

/** "la réserve", "l'objection". */
const elided = (article: 'la' | 'le', word: string): string => (/^[aeiouyhàâéèêëîïôûü]/i.test(word) ? `l'${word}` : `${article} ${word}`);

const WORDS: Record<Language, Words> = { en: EN, fr: FR, ar: AR };

/** English names of states that take "the" in running text (the United Arab Emirates, the Netherlands ...). */
const TAKES_THE =
  /^(United|Netherlands|Philippines|Bahamas|Gambia|Comoros|Maldives|Congo|Holy See|Czech|Dominican|Central African|Russian|Solomon|Marshall|Cook|Sudan|Niger$)|Republic|Kingdom|Federation|Islands|States|Emirates/;

/** "the United Arab Emirates", "Kazakhstan". */
export const englishCountry = (name: string): string =>
  // "Iran, Islamic Republic of" and the like are written as they are: the article would fall on the wrong word.
  TAKES_THE.test(name) && !/^the /i.test(name) && !name.includes(',') ? `the ${name}` : name;

/** Feminine heads of French treaty titles: la Convention, la Charte ... (anything else: le Statut, le Protocole ...). */
const FEMININE_HEAD = /^(Convention|Charte|Constitution|Déclaration|Résolution|Décision|Entente)\b/;

/**
 * A French treaty title with its article, as a sentence needs it: le Statut / du Statut / au Statut, la Convention
 * / de la Convention / à la Convention, l'Accord / de l'Accord / à l'Accord.
 */
export function frenchTitle(title: string): { le: string; de: string; a: string; feminine: boolean } {
  const bare = title.replace(/^(le |la |l')/i, '');
  const feminine = FEMININE_HEAD.test(bare);
  if (/^[aeiouyhàâéèêëîïôûü]/i.test(bare)) return { le: `l'${bare}`, de: `de l'${bare}`, a: `à l'${bare}`, feminine };
  return feminine
    ? { le: `la ${bare}`, de: `de la ${bare}`, a: `à la ${bare}`, feminine }
    : { le: `le ${bare}`, de: `du ${bare}`, a: `au ${bare}`, feminine };
}

/** A statement's text as made, quoted: in the language asked if it was given in it, else as it was given. */
function quoted(f: NotificationFacts, language: Language): string {
  const text = f.statementText;
  if (text == null) return '';
  const words = typeof text === 'string' ? text : (text[language] ?? text.en ?? text.fr ?? text.ar ?? '');
  return words ? `\n\n« ${words} »` : '';
}

/** The subject's last part for a statement or its withdrawal: what kind it is. */
function statementSubject(f: NotificationFacts, language: Language): string | null {
  if (f.kind !== 'state' && f.kind !== 'withdraw_statement') return null;
  const name = WORDS[language].statementName[f.statementKind ?? 'communication'];
  if (f.kind === 'state') return name;
  return { en: `withdrawal of ${name}`, fr: `retrait de ${elided('la', name)}`, ar: `سحب ${name}` }[language];
}

function textIn(language: Language, f: NotificationFacts): string {
  const words = WORDS[language];
  const on = (date: string): string => dateInWords(date, language);
  const body: string[] = [];
  if (f.kind === 'threshold_met') body.push(words.threshold(f, on(f.date)));
  else if (f.kind === 'entry_into_force') body.push(words.inForce(f, on(f.date)));
  else if (f.kind === 'correction') body.push(words.correction(f));
  else {
    body.push(words.act(f.kind, f, on(f.date)));
    if (f.kind === 'withdraw' && f.effectiveOn) body.push(words.withdrawalEffect(on(f.effectiveOn)));
    if (f.kind === 'succeed' && f.effectiveFrom) body.push(words.successionEffect(on(f.effectiveFrom)));
  }
  return `${words.opening(f.depositary)}\n\n${body.join(' ')}`;
}

/** Subject and text of a notification in each language. */
export function notificationText(facts: NotificationFacts): { subject: InLanguages; text: InLanguages } {
  const per = (make: (language: Language) => string): InLanguages => ({ en: make('en'), fr: make('fr'), ar: make('ar') });
  return { subject: per((language) => WORDS[language].subject(facts)), text: per((language) => textIn(language, facts)) };
}
