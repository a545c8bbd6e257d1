import { useRef } from 'preact/hooks';
import { LANGUAGES, type Language } from '@depositary/domain';
import { t } from '../../i18n';
import { LANGUAGE_NAMES } from '../../i18n/messages';
import type { Notification } from './notification-words';

/**
 * A notification's subject and text in one of its three languages, chosen with tabs (arrow keys move between
 * them); the text is marked with its language and direction, so that Arabic reads right to left in any page.
 */
export function NotificationText(props: {
  notification: Notification;
  idPrefix: string;
  shown: Language;
  onShow: (language: Language) => void;
}) {
  const { notification, idPrefix, shown, onShow } = props;
  const tabs = useRef<HTMLDivElement>(null);
  const move = (event: KeyboardEvent) => {
    const keys: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, Home: -99, End: 99 };
    if (!(event.key in keys)) return;
    event.preventDefault();
    const rtl = getComputedStyle(event.currentTarget as Element).direction === 'rtl';
    const step = keys[event.key] * (rtl && Math.abs(keys[event.key]) === 1 ? -1 : 1);
    const index = Math.max(0, Math.min(LANGUAGES.length - 1, LANGUAGES.indexOf(shown) + step));
    onShow(LANGUAGES[index]);
    tabs.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[index]?.focus();
  };
  const panelId = `${idPrefix}-text`;
  return (
    <div class="notification-text">
      <div ref={tabs} class="notification-text__tabs" role="tablist" aria-label={t('notifications.languages')} onKeyDown={move}>
        {LANGUAGES.map((language) => (
          <button
            key={language}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${language}`}
            class="notification-text__tab"
            data-language={language}
            aria-selected={language === shown}
            aria-controls={panelId}
            tabIndex={language === shown ? 0 : -1}
            onClick={() => onShow(language)}
          >
            <span class="visually-hidden">{t('notifications.textIn')} </span>
            <span lang={language}>{LANGUAGE_NAMES[language]}</span>
          </button>
        ))}
      </div>
      <div
        id={panelId}
        class="notification-text__panel"
        role="tabpanel"
        aria-labelledby={`${idPrefix}-tab-${shown}`}
        lang={shown}
        dir={shown === 'ar' ? 'rtl' : 'ltr'}
        data-language={shown}
        tabIndex={0}
      >
        <p class="notification-text__subject">{notification.subject[shown]}</p>
        {notification.text[shown].split(/\n{2,}/).map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
    </div>
  );
}
