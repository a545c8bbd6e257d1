import type { Language } from './languages';
import { NotificationFacts, dateInWords, englishCountry, frenchTitle, notificationText } from './depositary-notification-text';

const IOFS = {
  depositary: 'Secretary-General of the Organization of Islamic Cooperation',
  title: {
    en: 'Statute of the Islamic Organization for Food Security',
    fr: "Statut de l'Organisation islamique pour la sécurité alimentaire",
    ar: 'النظام الأساسي للمنظمة الإسلامية للأمن الغذائي',
  },
};
const UAE = { en: 'United Arab Emirates', fr: 'Émirats arabes unis', ar: 'الإمارات العربية المتحدة' };

describe('dateInWords', () => {
  it.each<[string, Language, string]>([
    ['2018-02-19', 'en', '19 February 2018'],
    ['2018-02-19', 'fr', '19 février 2018'],
    ['2018-03-01', 'fr', '1er mars 2018'],
    ['2018-02-19', 'ar', '19 فبراير 2018'],
    ['2020-12-31', 'en', '31 December 2020'],
  ])('%s in %s is %s', (date, language, words) => expect(dateInWords(date, language)).toBe(words));
});

describe('notificationText', () => {
  it.each<[string, NotificationFacts, Language, string[]]>([
    [
      'a ratification',
      { ...IOFS, kind: 'ratify', country: UAE, date: '2018-02-19' },
      'en',
      [
        'The Secretary-General of the Organization of Islamic Cooperation, acting in its capacity as depositary, communicates the following:',
        'On 19 February 2018, the Government of the United Arab Emirates deposited its instrument of ratification of the Statute of the Islamic Organization for Food Security.',
      ],
    ],
    [
      'a ratification in French',
      { ...IOFS, kind: 'ratify', country: UAE, date: '2018-02-19' },
      'fr',
      ['Le 19 février 2018', 'Émirats arabes unis', "instrument de ratification du Statut de l'Organisation"],
    ],
    [
      'a ratification in Arabic',
      { ...IOFS, kind: 'ratify', country: UAE, date: '2018-02-19' },
      'ar',
      ['في 19 فبراير 2018', 'الإمارات العربية المتحدة', 'صك التصديق على'],
    ],
    ['an accession', { ...IOFS, kind: 'accede', country: UAE, date: '2019-05-02' }, 'en', ['instrument of accession', '2 May 2019']],
    [
      'a definitive signature',
      { ...IOFS, kind: 'sign', signature: 'definitive', country: UAE, date: '2013-12-09' },
      'en',
      ['without reservation as to ratification'],
    ],
    [
      'a withdrawal, with the day it takes effect',
      { ...IOFS, kind: 'withdraw', country: UAE, date: '2020-01-10', effectiveOn: '2021-01-10' },
      'en',
      ['notified its withdrawal', 'The withdrawal will take effect on 10 January 2021.'],
    ],
    [
      'a succession, with the day it takes effect from',
      { ...IOFS, kind: 'succeed', country: UAE, date: '2020-01-10', effectiveFrom: '2019-07-01' },
      'fr',
      ['notification de succession', 'à compter du 1er juillet 2019'],
    ],
    [
      'the entry into force',
      { ...IOFS, kind: 'entry_into_force', date: '2018-02-19', entryIntoForceOn: '2018-02-19' },
      'en',
      ['the Statute of the Islamic Organization for Food Security entered into force on 19 February 2018.'],
    ],
    [
      'the threshold met, with the entry-into-force date',
      { ...IOFS, kind: 'threshold_met', date: '2018-02-19', entryIntoForceOn: '2018-05-20' },
      'en',
      ['was reached', 'will enter into force on 20 May 2018'],
    ],
    [
      'a correction naming the original number',
      { ...IOFS, kind: 'correction', country: UAE, date: '2018-03-01', corrected: { number: 'C.N.3.2018', kind: 'ratify' } },
      'en',
      ['Depositary notification C.N.3.2018 (ratification)', 'corrected'],
    ],
  ])('%s', (_, facts, language, parts) => {
    const { text } = notificationText(facts);
    for (const part of parts) expect(text[language]).toContain(part);
  });

  it('writes French the way a depositary does: the state named after a colon, « adhésion au », « l’objection »', () => {
    const ratification = notificationText({ ...IOFS, kind: 'ratify', country: UAE, date: '2018-02-19' }).text.fr;
    expect(ratification).toBe(
      'Le dépositaire (Secretary-General of the Organization of Islamic Cooperation) communique ce qui suit :\n\n' +
        "Le 19 février 2018, l'État suivant a déposé son instrument de ratification du Statut de l'Organisation islamique pour la sécurité alimentaire : Émirats arabes unis.",
    );
    expect(notificationText({ ...IOFS, kind: 'accede', country: UAE, date: '2019-05-02' }).text.fr).toContain(
      "a déposé son instrument d'adhésion au Statut de l'Organisation",
    );
    const objection = notificationText({
      ...IOFS,
      kind: 'withdraw_statement',
      statementKind: 'objection',
      country: UAE,
      date: '2019-05-02',
    });
    expect(objection.text.fr).toContain("l'État suivant a retiré l'objection qu'il avait formulée à l'égard du Statut");
    expect(objection.subject.fr).toMatch(/: retrait de l'objection$/);
    const reservation = notificationText({
      ...IOFS,
      kind: 'state',
      statementKind: 'reservation',
      statementText: { fr: 'Texte de la réserve.' },
      country: UAE,
      date: '2019-05-02',
    });
    expect(reservation.text.fr).toContain("a formulé une réserve à l'égard du Statut");
    expect(reservation.text.fr).toContain('Le texte en est le suivant :\n\n« Texte de la réserve. »');
    const correction = notificationText({
      ...IOFS,
      kind: 'correction',
      country: UAE,
      date: '2018-03-01',
      corrected: { number: 'C.N.3.2018', kind: 'ratify' },
    });
    expect(correction.text.fr).toContain(
      'La notification dépositaire C.N.3.2018 (Émirats arabes unis : ratification) a été diffusée par erreur',
    );
  });

  it('writes Arabic in the formal register: the right preposition for each instrument, « إخطار الوديع »', () => {
    const text = (facts: Partial<NotificationFacts>): string =>
      notificationText({ ...IOFS, country: UAE, date: '2018-02-19', kind: 'ratify', ...facts }).text.ar;
    expect(text({})).toBe(
      'يُبلغ الوديع (Secretary-General of the Organization of Islamic Cooperation) ما يلي:\n\n' +
        'في 19 فبراير 2018، أودعت حكومة الإمارات العربية المتحدة صك التصديق على النظام الأساسي للمنظمة الإسلامية للأمن الغذائي.',
    );
    expect(text({ kind: 'accede' })).toContain('صك الانضمام إلى النظام الأساسي');
    expect(text({ kind: 'accept' })).toContain('صك قبول النظام الأساسي');
    expect(text({ kind: 'sign' })).toContain('وقّعت حكومة الإمارات العربية المتحدة على النظام الأساسي');
    expect(text({ kind: 'state', statementKind: 'communication', statementText: 'نص' })).toContain('البلاغ التالي بشأن النظام الأساسي');
    expect(text({ kind: 'state', statementKind: 'communication', statementText: 'نص' })).toContain('ونصّه كما يلي:');
    expect(text({ kind: 'sign', signature: 'ad_referendum' })).toContain('على النظام الأساسي للمنظمة الإسلامية للأمن الغذائي بشرط الرجوع.');
    expect(text({ kind: 'confirm' })).toContain('أكّدت حكومة الإمارات العربية المتحدة توقيعها بشرط الرجوع على النظام الأساسي');
    expect(text({ kind: 'succeed' })).toContain('أودعت حكومة الإمارات العربية المتحدة إخطارًا بالخلافة في النظام الأساسي');
    expect(text({ kind: 'revoke_withdrawal' })).toContain('ألغت حكومة الإمارات العربية المتحدة الإخطار بانسحابها من النظام الأساسي');
    expect(text({ kind: 'state', statementKind: 'reservation', statementText: 'نص' })).toContain(
      'أبدت حكومة الإمارات العربية المتحدة التحفظ التالي',
    );
    expect(text({ kind: 'withdraw_statement', statementKind: 'reservation' })).toContain(
      'سحبت حكومة الإمارات العربية المتحدة التحفظ الذي أبدته',
    );
    const correction = notificationText({
      ...IOFS,
      kind: 'correction',
      country: UAE,
      date: '2018-03-01',
      corrected: { number: 'C.N.3.2018', kind: 'ratify' },
    });
    expect(correction.subject.ar).toContain('تصحيح إخطار الوديع C.N.3.2018');
    expect(correction.text.ar).toContain('صدر إخطار الوديع C.N.3.2018');
    expect(correction.text.ar).not.toContain('الإخطار الوديع');
  });

  it('names the act and the state in every subject', () => {
    const { subject } = notificationText({ ...IOFS, kind: 'ratify', country: UAE, date: '2018-02-19' });
    expect(subject.en).toBe('Statute of the Islamic Organization for Food Security: United Arab Emirates: ratification');
    expect(subject.fr).toContain('Émirats arabes unis');
    expect(subject.ar).toContain('الإمارات العربية المتحدة');
  });
});

describe('articles in running text', () => {
  it.each([
    ['United Arab Emirates', 'the United Arab Emirates'],
    ['Netherlands', 'the Netherlands'],
    ['Gambia', 'the Gambia'],
    ['Kazakhstan', 'Kazakhstan'],
    ['Niger', 'the Niger'],
    ['Nigeria', 'Nigeria'],
    ['Iran, Islamic Republic of', 'Iran, Islamic Republic of'],
  ])('English: %s → %s', (name, written) => {
    expect(englishCountry(name)).toBe(written);
  });

  it.each([
    [
      "Statut de l'Organisation islamique pour la sécurité alimentaire",
      "le Statut de l'Organisation",
      "du Statut de l'Organisation",
      false,
    ],
    ['Convention relative aux droits des personnes handicapées', 'la Convention relative', 'de la Convention relative', true],
    ['Accord de Paris', "l'Accord de Paris", "de l'Accord de Paris", false],
    ['Le Protocole de Kyoto', 'le Protocole de Kyoto', 'du Protocole de Kyoto', false],
  ])('French: %s', (title, le, de, feminine) => {
    const written = frenchTitle(title);
    expect(written.le.startsWith(le)).toBe(true);
    expect(written.de.startsWith(de)).toBe(true);
    expect(written.feminine).toBe(feminine);
  });
});
