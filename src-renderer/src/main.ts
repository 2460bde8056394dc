import { mount } from 'svelte';
import './styles/app.css';
import App from './App.svelte';
import { takeAccessTokenFromHash } from './lib/access-token';
import { access } from './lib/access.svelte';
import { firstRun } from './lib/first-run.svelte';
import { preferences } from './lib/preferences.svelte';
import { router } from './lib/router.svelte';
import { pendingInvitation } from './lib/invitation.svelte';

// Keep the browser host's secret for this tab and take it out of the address bar before anything renders.
const { rest } = takeAccessTokenFromHash(window.location.hash, window.sessionStorage);
if (rest === '') {
  // Opened fresh (a new launch's address, or the desktop window): reopen where the person was.
  preferences.reopen = (lastScreen) => {
    if (window.location.hash !== '#/learn' || lastScreen === '#/learn') return;
    window.history.replaceState(
      null,
      '',
      `${window.location.pathname}${window.location.search}${lastScreen}`,
    );
    router.refresh();
  };
}
if (rest !== window.location.hash) {
  window.history.replaceState(
    null,
    '',
    `${window.location.pathname}${window.location.search}${rest || '#/learn'}`,
  );
}

// The host restarted and the person pasted its new address into this tab: reconnect where they were.
window.addEventListener('hashchange', (event) => {
  const route = access.adoptAddress(window.location.hash, new URL(event.oldURL).hash, window.sessionStorage);
  if (route === null) return;
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${route}`);
  router.refresh();
  void preferences.load();
  void firstRun.load();
});

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks the #app element');
mount(App, { target });
pendingInvitation.watch();
