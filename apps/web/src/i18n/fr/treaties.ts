import type { treaties as english } from '../en/treaties';
import type { Translation } from '../messages';

export const treaties: Translation<typeof english> = {
  'treaties.title': 'Traités',
  'treaties.loading': 'des traités',
  'treaties.couldNotRead': 'Les traités n’ont pas pu être lus',
  'treaties.notAvailable': 'Indisponible',
  'treaties.asAt': 'Situation au',
  'treaties.new': 'Nouveau traité',
  'treaties.import': 'Importer l’historique d’un traité',
  'treaties.caption': {
    one: '{count} traité : situation et progression vers l’entrée en vigueur',
    other: '{count} traités : situation et progression vers l’entrée en vigueur',
  },
  'treaties.column.treaty': 'Traité',
  'treaties.column.status': 'Situation',
  'treaties.column.progress': 'Progression',
  'treaties.column.entryIntoForce': 'Entrée en vigueur',
  'treaties.column.opened': 'Ouvert à la signature le',
  'treaties.column.depositary': 'Dépositaire',
  'treaties.none': 'Aucun traité n’a encore été enregistré.',
  'treaties.progressOf': 'Progression : {title}',
  'treaties.deposited': { one: '{count} instrument déposé', other: '{count} instruments déposés' },
  'treaties.ofRequired': '{current} sur {required}',
};
