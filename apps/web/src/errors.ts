import { ApiError } from './api';
import { listInWords, t, wordFor } from './i18n';

const sentence = (text: unknown): string => {
  const value = typeof text === 'string' ? text.trim() : '';
  if (!value) return '';
  const capital = value.charAt(0).toUpperCase() + value.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};

const statusWord = (status: string): string => wordFor('status', status);
const actionWord = (action: string): string => wordFor('actionShort', action);

/** A refusal or failure of the API as a sentence in the page's language, `what` saying what was tried. */
export function inWords(error: unknown, what: string): string {
  if (!(error instanceof ApiError)) return `${what}: ${error instanceof Error ? error.message : String(error)}.`;
  const body = error.body;
  const message = sentence(body.message);
  switch (error.status) {
    case 0:
      return t('error.network', { what });
    case 400:
      return body.error === 'invalid_date' ? t('error.date', { what, message }) : t('error.malformed', { what, message });
    case 401:
      return t('error.unauthenticated', { what });
    case 403:
      return t('error.forbidden', { what, message });
    case 404:
      return t('error.notFound', { what, message });
    case 409:
      if (body.error === 'invalid_transition') {
        const allowed = (body.allowed ?? []).map(actionWord);
        return t('error.transition', {
          what,
          status: statusWord(String(body.status)),
          action: actionWord(String(body.action)),
          allowed: allowed.length ? t('error.allowedNow', { actions: listInWords(allowed, 'disjunction') }) : t('error.nothingAllowed'),
        });
      }
      return t('error.conflict', { what, message });
    case 412:
      return t('error.stale', { what });
    case 422:
      return t('error.unprocessable', { what, message: body.message });
    case 429:
      return t('error.tooMany', { what, count: Math.max(1, Math.ceil((body.retryAfterSeconds ?? 60) / 60)) });
    case 503:
      return t('error.unavailable', { what });
    default:
      return t('error.other', { what, status: error.status, message });
  }
}
