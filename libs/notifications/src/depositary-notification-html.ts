import type { DepositaryNotificationView } from '@depositary/contracts';
import { Language, dateInWords } from '@depositary/domain';

const escape = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const HEADINGS: Record<Language, { title: string; draft: string; reference: string }> = {
  en: { title: 'Depositary notification', draft: 'Draft — not issued', reference: 'Reference' },
  fr: { title: 'Notification dépositaire', draft: 'Projet — non émis', reference: 'Référence' },
  ar: { title: 'إخطار الوديع', draft: 'مشروع — لم يصدر', reference: 'المرجع' },
};

/** The printable notification in one language: a whole HTML document, every value escaped, right to left in Arabic. */
export function depositaryNotificationHtml(
  notification: Pick<DepositaryNotificationView, 'number' | 'issuedOn' | 'subject' | 'text'>,
  language: Language,
): string {
  const words = HEADINGS[language];
  const paragraphs = notification.text[language]
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escape(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n    ');
  return `<!doctype html>
<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">
<head>
  <meta charset="utf-8">
  <title>${escape(notification.number ?? words.title)}: ${escape(notification.subject[language])}</title>
  <style>body { font-family: serif; max-width: 42em; margin: 2em auto; line-height: 1.5 } header { margin-bottom: 2em }</style>
</head>
<body>
  <header>
    <p>${escape(words.title)}</p>
    <p><strong>${escape(notification.number ?? words.draft)}</strong>${notification.issuedOn ? ` — ${escape(dateInWords(notification.issuedOn, language))}` : ''}</p>
    <h1>${escape(notification.subject[language])}</h1>
  </header>
  <main>
    ${paragraphs}
  </main>
</body>
</html>
`;
}
