// The local chat page: picks a person, sends what they type or press to the bot, and shows the
// bot's cards (already rendered as HTML by the server) in the direct chat or the team channel.
'use strict';

const POLL_MS = 2000;
const state = { personId: null, people: [], cursor: 0, polling: false, chats: 0 };
const el = (id) => document.getElementById(id);
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const clockFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

async function api(path, body) {
  const init = body === undefined
    ? { headers: { Accept: 'application/json' } }
    : { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(path, init);
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title || detail;
    } catch { /* not JSON: keep the status line */ }
    const error = new Error(detail);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

function showStatus(text, isError = false) {
  const status = el('status');
  status.textContent = text;
  status.classList.toggle('is-error', isError);
  status.classList.toggle('is-visible', text !== '');
  clearTimeout(showStatus.timer);
  if (text) showStatus.timer = setTimeout(() => showStatus(''), isError ? 8000 : 3000);
}

// ---- people -------------------------------------------------------------------------------

async function loadPeople() {
  const { people } = await api('/local/people');
  state.people = people;
  const picker = el('person-picker');
  for (const person of people) {
    const label = document.createElement('label');
    label.className = 'person';
    label.dataset.personId = person.id; // tests click the visible label; the radio is the value
    const radio = document.createElement('input');
    radio.type = 'radio';
    radio.name = 'person';
    radio.value = person.id;
    radio.addEventListener('change', () => selectPerson(person.id));
    const avatar = document.createElement('span');
    avatar.className = 'avatar';
    avatar.setAttribute('aria-hidden', 'true');
    avatar.textContent = initials(person.name);
    const text = document.createElement('span');
    text.className = 'person-text';
    const name = document.createElement('span');
    name.className = 'person-name';
    name.textContent = person.name;
    const role = document.createElement('span');
    role.className = `role role-${person.role.toLowerCase()}`;
    role.textContent = person.roleTitle;
    text.append(name, role);
    label.append(radio, avatar, text);
    picker.append(label);
  }
  const saved = localStorage.getItem('scorecardbot.person');
  const first = people.find((p) => p.id === saved) || people.find((p) => p.role === 'Owner') || people[0];
  if (first) {
    picker.querySelector(`input[value="${CSS.escape(first.id)}"]`).checked = true;
    await selectPerson(first.id);
  }
}

function initials(name) {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((part) => part[0].toUpperCase()).join('');
}

async function selectPerson(personId) {
  state.personId = personId;
  state.chats += 1; // a poll sent for the person before is old news now
  localStorage.setItem('scorecardbot.person', personId);
  const person = state.people.find((p) => p.id === personId);
  el('direct-who').textContent = person ? `as ${person.name} · ${person.roleTitle}` : '';
  el('direct-log').replaceChildren();
  el('channel-log').replaceChildren();
  const [channel, inbox] = await Promise.all([
    api('/local/channel'),
    api(`/local/inbox?personId=${encodeURIComponent(personId)}`),
  ]);
  state.cursor = Math.min(channel.cursor, inbox.cursor);
  [...channel.items, ...inbox.items].forEach(show);
}

// ---- cards --------------------------------------------------------------------------------

function render(item) {
  let card;
  if (item.html) {
    const template = document.createElement('template');
    template.innerHTML = item.html.trim();
    card = template.content.firstElementChild;
    card.classList.add('from-bot');
  } else {
    card = document.createElement('article');
    card.className = 'said';
    card.dataset.messageId = item.id;
    const text = document.createElement('p');
    text.textContent = item.text;
    card.append(text);
  }
  const meta = document.createElement('header');
  meta.className = 'card-meta';
  const who = document.createElement('span');
  who.className = 'card-author';
  who.textContent = item.author || 'ScorecardBot';
  const when = document.createElement('time');
  when.dateTime = item.at;
  when.textContent = timeFormat.format(new Date(item.at));
  meta.append(who, when);
  if (item.onlyYou) {
    const only = document.createElement('span');
    only.className = 'only-you';
    only.textContent = 'Only visible to you';
    meta.append(only);
  }
  card.prepend(meta);
  return card;
}

// Adds a card to its pane, or swaps it in place when the page already shows one with its id.
// `taken` is what a press sent from that card ({ messageId, values }), when the bot answered it.
function show(item, taken) {
  const card = render(item);
  const id = item.replaces || item.id;
  const existing = document.querySelector(`[data-message-id="${CSS.escape(id)}"]`);
  if (existing) {
    // What the person typed stays, whatever replaces the card: a preview that raced with their
    // typing, or the same card with an error. Only what the bot took (the card came back without
    // an error) is not put back, unless it was changed after the press: a recorded decision must
    // not stay in its box to be recorded twice.
    const accepted = taken && taken.messageId === id && !card.querySelector('[aria-invalid="true"]') ? taken.values : {};
    existing.querySelectorAll('[name]').forEach((field) => {
      const twin = card.querySelector(`[name="${CSS.escape(field.name)}"]`);
      if (Object.hasOwn(accepted, field.name) && accepted[field.name] === field.value) return;
      if (twin && twin.value !== field.value) twin.value = field.value;
    });
    existing.replaceWith(card);
    return card;
  }
  if (item.threadOf && showInThread(item, card)) {
    return card;
  }
  const log = el(item.target === 'channel' ? 'channel-log' : 'direct-log');
  log.append(card);
  log.scrollTop = log.scrollHeight;
  return card;
}

// A reply goes into its parent's thread, shown folded right under the parent (as Slack and Teams do).
function showInThread(item, card) {
  const parent = document.querySelector(`[data-message-id="${CSS.escape(item.threadOf)}"]`);
  if (!parent) {
    return false;
  }
  let thread = parent.nextElementSibling;
  if (!thread || thread.dataset.threadOf !== item.threadOf) {
    thread = document.createElement('details');
    thread.className = 'thread';
    thread.dataset.threadOf = item.threadOf;
    thread.append(document.createElement('summary'));
    parent.after(thread);
  }
  thread.append(card);
  const replies = thread.children.length - 1;
  thread.querySelector('summary').textContent = replies === 1 ? '1 reply in thread' : `${replies} replies in thread`;
  return true;
}

function apply(response, taken) {
  state.cursor = Math.max(state.cursor, response.cursor);
  return response.items.map((item) => show(item, taken));
}

// ---- sending ------------------------------------------------------------------------------

async function send(form, input, conversation) {
  const text = input.value.trim();
  if (!text || !state.personId) return;
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    apply(await api('/local/messages', { personId: state.personId, conversation, text }));
    input.value = '';
  } catch (error) {
    showStatus(`The bot could not answer: ${error.message}`, true);
  } finally {
    button.disabled = false;
    input.focus();
  }
}

async function act(button, preview = false) {
  const card = button.closest('article[data-message-id]');
  const inputs = {};
  if (button.dataset.submitsInputs === 'true') {
    card.querySelectorAll('[name]').forEach((field) => { inputs[field.name] = field.value; });
  }
  let data = {};
  try { data = JSON.parse(button.dataset.actionData || '{}'); } catch { /* keep empty */ }
  button.disabled = true;
  card.setAttribute('aria-busy', 'true');
  try {
    const response = await api('/local/actions', {
      personId: state.personId,
      actionId: button.dataset.actionId,
      data,
      inputs,
      sourceMessageId: card.dataset.messageId,
      conversation: card.closest('#channel-log') ? 'channel' : 'direct',
    });
    // A preview that comes back after the card was replaced (by polling) is old news.
    if (preview && !card.isConnected) return;
    // The field the person is in now, to return to it in the previewed card.
    const focusName = preview && card.contains(document.activeElement) ? document.activeElement.name : null;
    // The inputs this button is about (data-inputs), or all it sent: the bot took them unless the card comes back with an error.
    const own = button.dataset.inputs ? button.dataset.inputs.split(' ') : Object.keys(inputs);
    const taken = preview ? undefined : { messageId: card.dataset.messageId, values: Object.fromEntries(own.filter((name) => Object.hasOwn(inputs, name)).map((name) => [name, inputs[name]])) };
    const cards = apply(response, taken);
    // After a replaced card comes back with an error, put the cursor where the fix is needed;
    // after a preview, back where the person was typing.
    const invalid = cards.map((c) => c.querySelector('[aria-invalid="true"]')).find(Boolean);
    const resume = focusName && cards.map((c) => c.querySelector(`[name="${CSS.escape(focusName)}"]`)).find(Boolean);
    if (invalid) invalid.focus();
    else if (resume) resume.focus();
  } catch (error) {
    showStatus(`The action failed: ${error.message}`, true);
  } finally {
    button.disabled = false;
    card.removeAttribute('aria-busy');
  }
}

// The actions of one card run one after another: a preview sent as a field loses focus and the
// Submit pressed at the same moment must reach the bot in that order, or the preview would come
// back after the submit's answer and put the old card back.
const cardQueues = new Map();

function enqueue(messageId, work) {
  const next = (cardQueues.get(messageId) || Promise.resolve()).then(work, work);
  cardQueues.set(messageId, next);
  next.finally(() => { if (cardQueues.get(messageId) === next) cardQueues.delete(messageId); });
  return next;
}

// The same data, whatever the order of its keys.
function sameData(a, b) {
  const sorted = (json) => {
    try { return JSON.stringify(Object.entries(JSON.parse(json || '{}')).sort()); } catch { return json; }
  };
  return sorted(a) === sorted(b);
}

// The card's button with this id (and data, when the card has several) as the page shows it now:
// the card may have been replaced meanwhile, by a preview of itself.
function currentButton(messageId, actionId, actionData) {
  const card = document.querySelector(`article[data-message-id="${CSS.escape(messageId)}"]`);
  const candidates = card ? [...card.querySelectorAll('button[data-action-id]')].filter((b) => b.dataset.actionId === actionId) : [];
  return candidates.length <= 1 || actionData === undefined
    ? candidates[0]
    : candidates.find((b) => sameData(b.dataset.actionData, actionData));
}

document.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action-id]');
  const card = button ? button.closest('article[data-message-id]') : null;
  if (!card) return;
  const { actionId, actionData } = button.dataset;
  enqueue(card.dataset.messageId, () => {
    const now = button.isConnected ? button : currentButton(card.dataset.messageId, actionId, actionData);
    return now ? act(now) : undefined;
  });
});

// A field marked data-on-change presses the card's button with that action id when its value
// changes (the live preview, as Slack modals do it); the person stays in the field they moved to.
document.addEventListener('change', (event) => {
  const field = event.target;
  const actionId = field.dataset ? field.dataset.onChange : undefined;
  const card = actionId ? field.closest('article[data-message-id]') : null;
  if (!card) return;
  const messageId = card.dataset.messageId;
  // Queued now, before a click that caused the change (Submit) is queued behind it.
  enqueue(messageId, () => {
    const button = currentButton(messageId, actionId);
    return button ? act(button, true) : undefined;
  });
});

// Enter in a card's field presses the card's submitting button, as in Teams and Slack.
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' || event.target.tagName === 'TEXTAREA') return;
  const card = event.target.closest('article.card');
  if (!card || !event.target.name) return;
  const submit = card.querySelector('button[data-submits-inputs="true"]');
  if (submit) {
    event.preventDefault();
    submit.click();
  }
});

// ---- updates and clock --------------------------------------------------------------------

async function poll() {
  if (state.polling || document.hidden) return;
  state.polling = true;
  const chats = state.chats;
  try {
    const person = state.personId ? `&personId=${encodeURIComponent(state.personId)}` : '';
    const response = await api(`/local/updates?since=${state.cursor}${person}`);
    // Someone else was picked meanwhile: this answer has the other person's chat, and its cursor
    // would skip what was sent to the new one since their chat was loaded.
    if (chats !== state.chats) return;
    // A cursor that went back means the bot restarted with an empty feed: start over.
    if (response.cursor < state.cursor && state.personId) {
      await selectPerson(state.personId);
    } else {
      apply(response);
    }
  } catch { /* the next poll tries again */ } finally {
    state.polling = false;
  }
}

function showClock(reading) {
  const now = el('clock-now');
  now.dateTime = reading.now;
  now.textContent = clockFormat.format(new Date(reading.now));
  el('clock-description').textContent = reading.description;
}

async function loadClock() {
  try {
    showClock(await api('/local/clock'));
    el('clock').hidden = false;
  } catch { /* no clock control outside development */ }
}

async function jump(button) {
  const buttons = el('clock').querySelectorAll('button');
  buttons.forEach((b) => { b.disabled = true; });
  try {
    const reading = await api('/local/clock/jump', { to: button.dataset.jump });
    showClock(reading);
    showStatus(`Clock moved: ${reading.description}`);
    await poll();
  } catch (error) {
    showStatus(`The clock could not move: ${error.message}`, true);
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

document.addEventListener('DOMContentLoaded', async () => {
  el('direct-form').addEventListener('submit', (event) => { event.preventDefault(); send(event.target, el('direct-input'), 'direct'); });
  el('channel-form').addEventListener('submit', (event) => { event.preventDefault(); send(event.target, el('channel-input'), 'channel'); });
  el('clock').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-jump]');
    if (button) jump(button);
  });
  try {
    await Promise.all([loadPeople(), loadClock()]);
  } catch (error) {
    showStatus(`The local chat could not load: ${error.message}`, true);
  }
  setInterval(poll, POLL_MS);
});
