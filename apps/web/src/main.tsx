import { render } from 'preact';
import { App } from './app';
import { applyLanguage } from './i18n';
import './styles.css';

applyLanguage();
const root = document.getElementById('app')!;
root.replaceChildren(); // the static "Loading…" of index.html
render(<App />, root);
