import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

// A tab opened before a deploy asks for pages by the old build's hashes, which are gone: loading
// the page again brings the new build (Vite's advice). Once per tab, so a chunk that is really
// missing shows its error instead of reloading for ever.
const RELOADED = 'medjourney.reloadedForNewBuild';
window.addEventListener('vite:preloadError', () => {
  if (sessionStorage.getItem(RELOADED)) return;
  sessionStorage.setItem(RELOADED, '1');
  window.location.reload();
});

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
