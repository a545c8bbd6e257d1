import { render } from 'preact';
import { App } from './app';
import { applyLanguage } from './i18n';
import './styles.css';

applyLanguage();
render(<App />, document.getElementById('app')!);
