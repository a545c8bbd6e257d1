import type { ComponentChildren } from 'preact';
import { t } from '../../i18n';
import { Notification, kindWord, stateOf } from './notification-words';

/** One term of a notification's facts. */
export function Fact(props: { term: string; children: ComponentChildren; class?: string }) {
  return (
    <div>
      <dt>{props.term}</dt>
      <dd class={props.class}>{props.children}</dd>
    </div>
  );
}

/** What a notification notifies: the act, the state that made it, and the notification it corrects. */
export function ActFacts({ notification }: { notification: Notification }) {
  const state = stateOf(notification);
  return (
    <>
      <div>
        <dt>{t('notifications.act')}</dt>
        <dd data-kind={notification.kind}>{kindWord(notification.kind)}</dd>
      </div>
      {state && <Fact term={t('notifications.state')}>{state}</Fact>}
      {notification.corrects && <Fact term={t('notifications.corrects')}>{notification.corrects}</Fact>}
    </>
  );
}
