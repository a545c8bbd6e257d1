import type { rule as english } from '../en/rule';
import type { Translation } from '../messages';

export const rule: Translation<typeof english> = {
  'rule.same': 'le jour où {from}',
  'rule.days': { one: '{count} jour après le jour où {from}', other: '{count} jours après le jour où {from}' },
  'rule.months': { one: '{count} mois après le jour où {from}', other: '{count} mois après le jour où {from}' },
  'rule.then': 'le premier jour du mois suivant la date tombant {phrase}',
  'rule.fromThreshold': 'le seuil est atteint',
  'rule.fromDeposit': 'l’État dépose son propre instrument',
  'rule.fromNotification': 'la notification de retrait est reçue',
  'rule.minimum': {
    one: '{count} instrument {instruments} déposé',
    other: '{count} instruments {instruments} déposés',
  },
  'rule.weights': 'les parties ayant déposé leur instrument représentent au moins {share} % de {total}',
  'rule.totalOf': 'un total de {total}',
  'rule.allWeights': 'l’ensemble des pondérations indiquées',
  'rule.group': 'au moins {count} des États suivants ont déposé leur instrument : {parties}',
  'rule.required': {
    one: '{parties} a déposé son instrument',
    other: '{parties} ont chacun déposé leur instrument',
  },
  'rule.counting': '(sont comptés les instruments {instruments})',
  'rule.threshold': 'Seuil : {conditions}.',
  'rule.thresholdAll': 'Seuil : {conditions}, toutes ces conditions étant remplies le même jour.',
  'rule.enters': 'Entrée en vigueur : {delay}.',
  'rule.entersNotBefore': 'Entrée en vigueur : {delay}, mais pas avant le {date}.',
  'rule.later': 'Pour un État qui dépose son instrument ultérieurement : {delay}.',
};
