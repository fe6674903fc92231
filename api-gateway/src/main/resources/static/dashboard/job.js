// A job's page: facts, its audit trail as a timeline with the time each step took, the plugin
// stages, and the code with diagnostics and gate findings at their lines (GET /jobs/{id} and
// GET /jobs/{id}/audit). Polls every 2 s until the job reaches a terminal status.
import { get, KeyRefused, TERMINAL } from './api.js';
import { $, duration, el, showError, statusBadge, utc } from './dom.js';

const POLL_MS = 2000;
let timer = null;
let shown = null;

export function showJob(id) {
  stopPolling();
  shown = id;
  $('#job-id').textContent = id;
  for (const part of ['#job-facts', '#timeline', '#reports', '#unplaced', '#code']) {
    $(part).replaceChildren();
  }
  $('#job-status').replaceChildren();
  $('#code-note').textContent = '';
  return poll(id);
}

export function stopPolling() {
  clearTimeout(timer);
  timer = null;
  shown = null;
}

async function poll(id) {
  try {
    const [job, audit] = await Promise.all([get('/jobs/' + id), get('/jobs/' + id + '/audit')]);
    if (shown !== id) {
      return;
    }
    showError($('#job-error'), null);
    render(job, audit.events);
    const open = !TERMINAL.has(job.status);
    $('#job-polling').textContent = open ? 'updating every 2 s' : '';
    if (open) {
      timer = setTimeout(() => poll(id), POLL_MS);
    }
  } catch (error) {
    if (error instanceof KeyRefused) {
      window.dispatchEvent(new CustomEvent('codegen:key-refused', { detail: error }));
    } else if (shown === id) {
      showError($('#job-error'), error);
      $('#job-polling').textContent = '';
      // Not found stays not found; anything else (the gateway restarting) is tried again.
      if (error.status !== 404) {
        timer = setTimeout(() => poll(id), POLL_MS * 2);
      }
    }
  }
}

function render(job, events) {
  $('#job-status').replaceChildren(statusBadge(job.status));
  $('#job-facts').replaceChildren(...facts(job));
  $('#timeline').replaceChildren(...timeline(events, job));
  $('#reports').replaceChildren(...(job.reports || []).map((r) => el('tr', {},
    el('td', {}, r.plugin), el('td', {}, el('span', { class: 'verdict v-' + r.verdict }, r.verdict)),
    el('td', { class: 'num' }, duration(r.duration_ms)), el('td', {}, r.summary || ''))));
  renderCode(job);
}

function facts(job) {
  const usage = job.usage || {};
  const pairs = [
    ['language', job.language],
    ['model', job.model ? job.model + (job.offline ? ' (offline provider)' : '') : null],
    ['provider', job.provider],
    ['tokens', job.usage
      ? `${usage.input_tokens ?? '?'} in + ${usage.output_tokens ?? '?'} out = ${usage.total_tokens ?? '?'}`
      : null],
    ['max tokens', job.max_tokens],
    ['source', job.source],
    ['created', utc(job.created_at) + ' UTC'],
    ['finished', job.finished_at ? utc(job.finished_at) + ' UTC' : null],
    ['took', job.finished_at ? duration(Date.parse(job.finished_at) - Date.parse(job.created_at))
      : null],
    ['custom id', job.custom_id],
    ['batch', job.batch_id],
    ['checks', job.checks ? job.checks.status + missing(job.checks) : null],
    ['failure', job.failure ? [job.failure.reason, job.failure.rule, job.failure.message]
      .filter(Boolean).join(' · ') : null],
  ];
  return pairs.filter(([, value]) => value !== null && value !== undefined && value !== '')
    .flatMap(([name, value]) => [el('dt', {}, name), el('dd', { 'data-fact': name }, value)]);
}

function missing(checks) {
  return checks.missing && checks.missing.length
    ? ' (missing: ' + checks.missing.map((m) => m.plugin + ' ' + m.reason).join(', ') + ')' : '';
}

function timeline(events, job) {
  const start = events.length ? Date.parse(events[0].occurred_at) : 0;
  const items = events.map((event, index) => {
    const at = Date.parse(event.occurred_at);
    const step = index === 0 ? null : at - Date.parse(events[index - 1].occurred_at);
    return el('li', { class: 'event' + (event.action.endsWith('rejected') ? ' bad' : ''),
      'data-action': event.action },
    el('div', { class: 'when' }, utc(event.occurred_at).slice(11),
      el('span', { class: 'muted' }, index === 0 ? '' : ' +' + duration(at - start))),
    el('div', { class: 'what' }, el('strong', {}, event.action),
      event.status ? [' ', statusBadge(event.status)] : null,
      el('span', { class: 'muted' }, ' ' + (event.source || '')),
      step === null ? null : el('span', { class: 'took', title: 'since the previous step' },
        duration(step)),
      details(event.detail)));
  });
  if (!TERMINAL.has(job.status)) {
    items.push(el('li', { class: 'event pending' }, el('div', { class: 'when' }, 'now'),
      el('div', { class: 'what muted' }, 'waiting: ' + job.status)));
  }
  return items;
}

function details(detail) {
  if (!detail || typeof detail !== 'object' || !Object.keys(detail).length) {
    return null;
  }
  return el('div', { class: 'detail' }, Object.entries(detail).map(([name, value]) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return el('span', {}, name + '=' + (text.length > 160 ? text.slice(0, 160) + '…' : text));
  }));
}

function renderCode(job) {
  const notes = new Map();
  const unplaced = [];
  const add = (line, note) => {
    if (line > 0) {
      notes.set(line, [...(notes.get(line) || []), note]);
    } else {
      unplaced.push(note);
    }
  };
  for (const finding of job.findings || []) {
    add(finding.line, { severity: finding.severity, kind: 'finding',
      text: `${finding.gate} ${finding.rule}${finding.cwe ? ' (' + finding.cwe + ')' : ''}: `
        + `${finding.message}${finding.fix ? ' Fix: ' + finding.fix : ''}` });
  }
  for (const report of job.reports || []) {
    for (const d of report.diagnostics || []) {
      add(d.line, { severity: d.severity, kind: 'diagnostic',
        text: `${report.plugin} ${d.code || ''}: ${d.message}` });
    }
  }
  $('#unplaced').replaceChildren(...unplaced.map(note));
  if (!job.code) {
    $('#code-note').textContent = TERMINAL.has(job.status) ? 'no code' : 'no code yet';
    $('#code').replaceChildren();
    return;
  }
  $('#code-note').textContent = `${notes.size} line(s) with findings or diagnostics`;
  const rows = job.code.split('\n').flatMap((text, index) => {
    const number = index + 1;
    const here = notes.get(number) || [];
    const line = el('div', { class: 'line' + (here.length ? ' marked' : ''), 'data-line': number },
      el('span', { class: 'ln' }, number), el('span', { class: 'src' }, text || ' '));
    return [line, ...here.map((n) => el('div', { class: 'line-note' }, note(n)))];
  });
  $('#code').replaceChildren(...rows);
}

function note(n) {
  return el('div', { class: 'note sev-' + n.severity + ' ' + n.kind },
    el('span', { class: 'sev' }, n.severity), ' ', n.text);
}
