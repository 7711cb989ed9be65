import '@wikimedia/codex/dist/codex.style-bidi.css';
import '@wikimedia/codex-design-tokens/theme-wikimedia-ui.css';
import './shell/base.css';
import { createApp } from 'vue';
import App from './App.vue';
import { initialLanguage, msg, setLanguage } from './i18n/i18n.ts';
import { createAppRouter } from './router.ts';
import { storedLanguage } from './session/session.ts';
import { loadSite } from './session/site.ts';

async function start(): Promise<void> {
  const app = createApp(App);
  // Installing the router starts the first navigation, which loads the page's code while the
  // site and the messages load.
  app.use(createAppRouter());
  await Promise.all([
    setLanguage(initialLanguage(location.search, storedLanguage(), navigator.languages)),
    loadSite(),
  ]);
  app.mount('#app');
}

start().catch(() => {
  // Without the site's description (the server is down) there is nothing to show but that.
  const root = document.getElementById('app');
  if (root) root.textContent = msg('wikiqueue-error-network');
});
