// Routing, the key prompt, and what refreshes when.
import { forgetKey, key, KeyRefused, rememberKey } from './api.js';
import { $, showError } from './dom.js';
import { showJob, stopPolling } from './job.js';
import { refreshOverview, setUpOverview } from './overview.js';

const OVERVIEW_REFRESH_MS = 5000;
let overviewTimer = null;

function route() {
  clearTimeout(overviewTimer);
  stopPolling();
  const signedIn = Boolean(key());
  $('#login').hidden = signedIn;
  $('#forget-key').hidden = !signedIn;
  $('#key-status').textContent = signedIn ? 'key ' + key().slice(0, 8) + '…' : '';
  const match = /^#\/jobs\/([^/?#]+)$/.exec(location.hash);
  $('#overview').hidden = !signedIn || Boolean(match);
  $('#job').hidden = !signedIn || !match;
  if (!signedIn) {
    $('#key-input').focus();
    return;
  }
  if (match) {
    showJob(decodeURIComponent(match[1])).catch(failed);
  } else {
    overview();
  }
}

async function overview() {
  try {
    await refreshOverview();
  } catch (error) {
    failed(error);
    return;
  }
  overviewTimer = setTimeout(overview, OVERVIEW_REFRESH_MS);
}

function failed(error) {
  if (error instanceof KeyRefused) {
    forgetKey();
    route();
    showError($('#login-error'), error);
  } else {
    showError($('#history-error'), error);
  }
}

$('#key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  rememberKey($('#key-input').value.trim());
  $('#key-input').value = '';
  showError($('#login-error'), null);
  route();
});
$('#forget-key').addEventListener('click', () => {
  forgetKey();
  route();
});
window.addEventListener('hashchange', route);
window.addEventListener('codegen:key-refused', (event) => failed(event.detail));
setUpOverview();
route();
