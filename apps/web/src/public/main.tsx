import { render } from 'preact';
import { applyLanguage, language } from '../i18n';
import { isLanguage } from '../i18n/messages';
import '../styles.css';
import { PublicPage } from './public-page';

// The public page follows ?lang= (then the browser's language, as the catalogue does by itself).
const asked = new URLSearchParams(location.search).get('lang');
if (isLanguage(asked)) language.value = asked;
applyLanguage();
const root = document.getElementById('app')!;
root.replaceChildren(); // the static "Loading…" of public.html
render(<PublicPage />, root);
