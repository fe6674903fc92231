// The overview: the status chart and the searchable history (GET /stats/jobs, GET /history).
import { get, LANGUAGES, STATUSES } from './api.js';
import { drawChart } from './chart.js';
import { $, el, showError, statusBadge, utc } from './dom.js';

const BUCKETS = { minute: 60, hour: 48, day: 30 };
let nextCursor = null;
let pagedFurther = false;

export function setUpOverview() {
  const form = $('#history-form');
  form.status.append(...STATUSES.map((s) => el('option', { value: s }, s)));
  form.language.append(...LANGUAGES.map((l) => el('option', { value: l }, l)));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    loadHistory(false);
  });
  $('#more').addEventListener('click', () => loadHistory(true));
  $('#bucket').addEventListener('change', () => loadChart());
}

/** Everything on the overview; called on entry and every few seconds while it is shown. */
export async function refreshOverview() {
  await loadChart();
  if (!pagedFurther) {
    await loadHistory(false);
  }
}

async function loadChart() {
  const bucket = $('#bucket').value;
  const stats = await get(`/stats/jobs?bucket=${bucket}&buckets=${BUCKETS[bucket]}`);
  drawChart($('#chart'), $('#legend'), stats);
}

async function loadHistory(more) {
  const form = $('#history-form');
  const query = new URLSearchParams();
  for (const name of ['status', 'language', 'batch_id', 'limit']) {
    if (form[name].value) {
      query.set(name, form[name].value);
    }
  }
  for (const name of ['from', 'to']) {
    if (form[name].value) {
      // datetime-local has no zone: the page reads and writes UTC throughout.
      query.set(name, (form[name].value.length === 16 ? form[name].value + ':00' : form[name].value)
        + 'Z');
    }
  }
  if (more && nextCursor) {
    query.set('cursor', nextCursor);
  }
  try {
    const page = await get('/history?' + query);
    showError($('#history-error'), null);
    const rows = page.items.map(row);
    if (more) {
      $('#history').append(...rows);
    } else {
      $('#history').replaceChildren(...rows);
    }
    pagedFurther = more;
    nextCursor = page.next_cursor;
    $('#more').hidden = !nextCursor;
    $('#history-note').textContent = $('#history').children.length + ' shown'
      + (nextCursor ? ', more below' : '');
  } catch (error) {
    showError($('#history-error'), error);
  }
}

function row(job) {
  return el('tr', { 'data-job': job.id },
    el('td', {}, utc(job.created_at)),
    el('td', {}, el('a', { href: '#/jobs/' + job.id, class: 'job-link' }, job.id)),
    el('td', {}, statusBadge(job.status)),
    el('td', {}, job.language || ''),
    el('td', {}, (job.model || '') + (job.offline ? ' (offline)' : '')),
    el('td', { class: 'num' }, job.total_tokens ?? ''),
    el('td', {}, job.source),
    el('td', {}, job.batch_id || ''),
    el('td', {}, job.failure_reason || ''));
}
