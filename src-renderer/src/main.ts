import { mount } from 'svelte';
import './styles/app.css';
import App from './App.svelte';
import { takeAccessTokenFromHash } from './lib/access-token';
import { pendingInvitation } from './lib/invitation.svelte';

// Keep the browser host's secret for this tab and take it out of the address bar before anything renders.
const { rest } = takeAccessTokenFromHash(window.location.hash, window.sessionStorage);
if (rest !== window.location.hash) {
  window.history.replaceState(
    null,
    '',
    `${window.location.pathname}${window.location.search}${rest || '#/learn'}`,
  );
}

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks the #app element');
mount(App, { target });
pendingInvitation.watch();
