import type { publicPage as english } from '../en/public';
import type { Translation } from '../messages';

export const publicPage: Translation<typeof english> = {
  'public.couldNotRead': 'Le traité n’a pas pu être lu',
  'public.openData': 'Données ouvertes :',
  'public.feed': 'flux Atom des notifications dépositaires',
  'public.inForceOn': 'en vigueur depuis le',
  'public.depositary': 'Dépositaire',
  'public.opened': 'Ouvert à la signature le',
  'public.asAt': 'Situation au',
  'public.today': 'aujourd’hui',
  'public.asAtLabel': 'Situation à une date antérieure',
  'public.show': 'Afficher',
  'public.badDate': 'Indiquez une date au format AAAA-MM-JJ.',
  'public.chartCaption': { one: '{count} État : actes et dates', other: '{count} États : actes et dates' },
  'public.column.country': 'État',
  'public.column.status': 'Situation',
  'public.column.signed': 'Signature',
  'public.column.deposited': 'Dépôt de l’instrument',
  'public.column.member': 'Partie depuis le',
  'public.column.statements': 'Réserves et déclarations',
};
