// Depositary's web page: one ES module without import or export, so that the build (swc compiles every .js
// it copies to dist/) leaves it a plain browser module. It reads and writes only through the JSON API of
// the contract, with the bearer token of the session kept in sessionStorage.

const SESSION_KEY = 'depositary.session';
const INSTRUMENTS = ['ratification', 'acceptance', 'approval', 'accession'];
const STATUSES = ['invited', 'signed', 'ratified', 'member', 'withdrawn'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const TREATY_STATUS = { open: 'Open', threshold_met: 'Threshold met', in_force: 'In force' };
const STATUS_WORD = { invited: 'Invited', signed: 'Signed', ratified: 'Ratified', member: 'Member', withdrawn: 'Withdrawn' };
const STATUS_HINT = {
  invited: 'invited, not yet signed',
  signed: 'signed, no instrument deposited yet',
  ratified: 'instrument deposited, membership date not yet reached',
  member: 'a party: the treaty is in force for it',
  withdrawn: 'withdrew',
};
const ACTION_CHOICE = {
  sign: 'Sign',
  ratify: 'Ratify: deposit of an instrument of ratification',
  accept: 'Accept: deposit of an instrument of acceptance',
  approve: 'Approve: deposit of an instrument of approval',
  accede: 'Accede: deposit of an instrument of accession',
  confirm: 'Confirm the signature ad referendum',
  succeed: 'Succeed: notification of succession',
  withdraw: 'Withdraw: notification of withdrawal',
  revoke_withdrawal: 'Revoke the notified withdrawal',
  correct: 'Correct: reverse the latest act',
};
const SIGNATURE_WORD = {
  subject_to_ratification: 'subject to ratification',
  ad_referendum: 'ad referendum',
  definitive: 'definitive signature',
};
const EVENT_WORD = {
  invite: 'Invited',
  sign: 'Signed',
  ratify: 'Instrument of ratification deposited',
  accept: 'Instrument of acceptance deposited',
  approve: 'Instrument of approval deposited',
  accede: 'Instrument of accession deposited',
  confirm: 'Signature ad referendum confirmed',
  succeed: 'Notification of succession deposited',
  admit: 'Became a member',
  withdraw: 'Notified its withdrawal',
  revoke_withdrawal: 'Revoked its withdrawal',
  exit: 'Withdrawal took effect',
  correct: 'Correction: the latest act reversed',
};
const ROLE_WORD = { admin: 'Administrator', officer: 'Depositary officer', auditor: 'Auditor', focal_point: 'Focal point' };

/* ---------------------------------------------------------------- dates and numbers */

const todayUtc = () => new Date().toISOString().slice(0, 10);

function isIsoDay(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** '2018-02-19T09:30:00Z', '2018-02-19T09:30+03:00': a date-time with its offset, on a real calendar day. */
function isIsoInstant(text) {
  const match = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.exec(text);
  return Boolean(match) && isIsoDay(match[1]) && !Number.isNaN(Date.parse(text));
}

/** '2018-02-19' → '19 February 2018' */
function longDate(isoDay) {
  if (!isoDay) return '';
  const [year, month, date] = isoDay.split('-').map(Number);
  return `${date} ${MONTHS[month - 1]} ${year}`;
}

/** An instant as '2025-11-27 21:39:05 UTC'. */
function instantText(iso) {
  const text = new Date(iso).toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 19)} UTC`;
}

/** An instant as '27 November 2025, 21:39:05 UTC'. */
function instantLong(date) {
  const text = date.toISOString();
  return `${longDate(text.slice(0, 10))}, ${text.slice(11, 19)} UTC`;
}

function ordinal(n) {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const dayNumber = (isoDay) => Date.parse(`${isoDay}T00:00:00Z`) / 86_400_000;
const maxDay = (...days) => days.filter(Boolean).reduce((a, b) => (a > b ? a : b), '');
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const formatNumber = (n) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(n);

function listInWords(items, last = 'and') {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

/** Folds case and accents, for filters. */
const fold = (text) =>
  String(text ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/* ---------------------------------------------------------------- DOM */

function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  let value;
  for (const [key, item] of Object.entries(props)) {
    if (item === undefined || item === null || item === false) continue;
    if (key === 'class') element.className = item;
    else if (key === 'text') element.textContent = item;
    else if (key === 'value') value = item;
    else if (key === 'dataset') Object.assign(element.dataset, item);
    else if (key.startsWith('on') && typeof item === 'function') element.addEventListener(key.slice(2), item);
    else element.setAttribute(key, item === true ? '' : String(item));
  }
  append(element, children);
  if (value !== undefined) element.value = value;
  return element;
}

/** Replaces the children of `parent`; arrays are flattened and null, undefined and false left out. */
function fill(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
function s(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [key, item] of Object.entries(attributes)) if (item !== undefined && item !== null) element.setAttribute(key, String(item));
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A calendar day, machine-readable, as ISO ('2018-02-19') or in words ('19 February 2018'). */
function day(value, style = 'iso') {
  if (!value) return h('span', { class: 'none', 'aria-label': 'none' }, '—');
  return h('time', { datetime: value, title: style === 'iso' ? longDate(value) : value }, style === 'iso' ? value : longDate(value));
}

const $ = (selector, root = document) => root.querySelector(selector);
const main = () => document.getElementById('main');
const drawer = () => document.getElementById('drawer');

function badge(status, words = STATUS_WORD) {
  return h('span', { class: `badge badge--${status}`, title: STATUS_HINT[status] }, words[status] ?? status);
}

function flash(message, kind = 'info') {
  const area = document.getElementById('flash');
  area.replaceChildren(message ? h('p', { class: `flash__message flash__message--${kind}` }, message) : '');
}

function downloadText(text, filename, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h('a', { href: url, download: filename, class: 'visually-hidden' });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/* ---------------------------------------------------------------- session and API */

let session = readSession();
/** The last result of GET /api/audit/verify, with when it was read. */
let verified = null;

function readSession() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
    if (stored && stored.token && stored.expiresAt > Date.now()) return stored;
  } catch {
    // a damaged entry is the same as none
  }
  return null;
}

function claimsOf(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), '=')));
  } catch {
    return {};
  }
}

const role = () => session?.role ?? null;
const may = {
  record: () => role() === 'officer' || role() === 'admin',
  audit: () => role() === 'officer' || role() === 'auditor' || role() === 'admin',
  seeAllCountries: () => role() !== 'focal_point',
};

class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body ?? {};
  }
}

async function api(path, { method = 'GET', body, headers = {}, as = 'json' } = {}) {
  const init = { method, headers: { accept: as === 'json' ? 'application/json' : 'text/csv', ...headers } };
  if (session?.token) init.headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, { error: 'network', message: 'the service did not answer' });
  }
  const text = await response.text();
  let data = null;
  if (as === 'json' || !response.ok) {
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, data ?? { error: `http_${response.status}`, message: response.statusText });
    if (response.status === 401 && session && !path.startsWith('/api/auth/')) endSession('Your session has ended. Sign in again.');
    throw error;
  }
  return as === 'json' ? data : text;
}

/** A refusal or failure of the API, as a sentence. */
function inWords(error, what) {
  if (!(error instanceof ApiError)) return `${what}: ${error?.message ?? error}.`;
  const body = error.body ?? {};
  const message = body.message ? String(body.message) : '';
  switch (error.status) {
    case 0:
      return `${what}: the service did not answer. Check the connection and try again.`;
    case 400:
      if (body.error === 'invalid_date') return `${what}: the date was refused. ${capitalise(message)}.`;
      return `${what}: the request was refused as incomplete or malformed. ${capitalise(message)}.`;
    case 401:
      return `${what}: you are not signed in, or your session has ended.`;
    case 403:
      return `${what}: your role does not allow this. ${capitalise(message)}.`;
    case 404:
      return `${what}: not found. ${capitalise(message)}.`;
    case 409:
      if (body.error === 'invalid_transition') {
        const allowed = (body.allowed ?? []).map((action) => ACTION_CHOICE[action]?.split(':')[0] ?? action);
        return `${what}: a participant whose status is “${STATUS_WORD[body.status] ?? body.status}” cannot ${body.action}. ${
          allowed.length ? `Allowed now: ${listInWords(allowed, 'or')}.` : 'No act is allowed from that status.'
        }`;
      }
      return `${what}: it conflicts with the record. ${capitalise(message)}.`;
    case 412:
      return `${what}: someone else changed this record after you opened it${
        body.currentVersion !== undefined ? ` (it is now at version ${body.currentVersion})` : ''
      }. The record has been read again: check it, then record the act again if it is still needed.`;
    case 422:
      return `${what}: ${message}.`;
    case 429:
      return `${what}: too many attempts. Wait ${body.retryAfterSeconds ? plural(Math.ceil(body.retryAfterSeconds / 60), 'minute') : 'a while'} and try again.`;
    case 503:
      return `${what}: the service is unavailable for a moment (${message}). Try again shortly.`;
    default:
      return `${what}: the service answered ${error.status}${message ? `: ${message}` : ''}.`;
  }
}

const capitalise = (text) => (text ? text.charAt(0).toUpperCase() + text.slice(1).replace(/\.$/, '') : '');

let countriesCache = null;
async function countries() {
  if (!countriesCache) {
    const list = (await api('/api/countries')).items;
    countriesCache = new Map(list.map((country) => [country.code, country.name]));
  }
  return countriesCache;
}

/* ---------------------------------------------------------------- chrome: header, sign-in, sign-out */

function showChrome() {
  const signedIn = Boolean(session);
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('who').hidden = !signedIn;
  $('[data-nav="audit"]').hidden = !may.audit();
  if (signedIn) {
    const place = session.country ? ` of ${session.countryName ?? session.country}` : '';
    document.getElementById('who-name').textContent = `${session.email} · ${ROLE_WORD[session.role] ?? session.role}${place}`;
  }
  const current = parseRoute().name;
  for (const link of document.querySelectorAll('[data-nav]')) {
    const here = link.dataset.nav === (current === 'treaty' ? 'treaties' : current);
    if (here) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function endSession(message) {
  view.seq++;
  verified = null;
  session = null;
  sessionStorage.removeItem(SESSION_KEY);
  countriesCache = null;
  view.treaty = null;
  if (drawer().open) drawer().close();
  renderSignIn(message);
}

function renderSignIn(message) {
  showChrome();
  document.title = 'Sign in · Depositary';
  const error = h('p', { class: 'form-error', role: 'alert', id: 'sign-in-error' }, message ?? '');
  const email = h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'button button--primary' }, 'Sign in');
  const form = h(
    'form',
    { class: 'sign-in card', 'aria-labelledby': 'sign-in-title', novalidate: true },
    h('h1', { id: 'sign-in-title' }, 'Sign in'),
    h('p', { class: 'muted' }, 'Use the account you use for the Depositary API.'),
    h('label', { for: 'email' }, 'E-mail'),
    email,
    h('label', { for: 'password' }, 'Password'),
    password,
    error,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!email.value.trim() || !password.value) {
      error.textContent = 'Give your e-mail address and your password.';
      return;
    }
    submit.disabled = true;
    error.textContent = '';
    try {
      const token = await api('/api/auth/token', { method: 'POST', body: { email: email.value.trim(), password: password.value } });
      const claims = claimsOf(token.accessToken);
      session = {
        token: token.accessToken,
        email: email.value.trim().toLowerCase(),
        role: claims.role,
        userId: claims.sub,
        expiresAt: Date.now() + token.expiresIn * 1000,
      };
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
      flash('');
      await route();
    } catch (failure) {
      error.textContent =
        failure instanceof ApiError && failure.status === 401
          ? 'The e-mail address or the password is wrong, or the account is inactive.'
          : inWords(failure, 'Not signed in');
      submit.disabled = false;
      password.select();
    }
  });
  main().replaceChildren(form);
  email.focus();
}

/* ---------------------------------------------------------------- routing */

const view = { treaty: null, seq: 0, asOf: null };

function parseRoute() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?');
  const parts = path
    .split('/')
    .filter(Boolean)
    .map((part) => decodeURIComponent(part));
  if (parts.length === 0) return { name: 'treaties' };
  if (parts[0] === 'treaties' && parts.length === 2) return { name: 'treaty', slug: parts[1] };
  if (parts[0] === 'treaties' && parts.length === 3) return { name: 'treaty', slug: parts[1], code: parts[2].toUpperCase() };
  if (parts[0] === 'audit' && parts.length === 1) return { name: 'audit', params: new URLSearchParams(query) };
  return { name: 'missing' };
}

const treatyHref = (slug) => `#/treaties/${encodeURIComponent(slug)}`;
const countryHref = (slug, code) => `${treatyHref(slug)}/${encodeURIComponent(code)}`;

async function route() {
  if (!session) return renderSignIn();
  const seq = ++view.seq;
  const target = parseRoute();
  showChrome();
  if (target.name === 'treaty') {
    if (view.treaty?.slug !== target.slug) {
      closeDrawer();
      await renderTreaty(target.slug, seq);
    }
    if (seq !== view.seq || view.treaty?.slug !== target.slug) return;
    if (target.code) await openTimeline(target.code, seq);
    else closeDrawer();
    return;
  }
  closeDrawer();
  view.treaty = null;
  if (target.name === 'treaties') return renderTreaties(seq);
  if (target.name === 'audit') return renderAudit(target.params, seq);
  document.title = 'Not found · Depositary';
  main().replaceChildren(h('h1', {}, 'Nothing here'), h('p', {}, h('a', { href: '#/' }, 'Back to the treaties')));
}

const current = (seq) => seq === view.seq;

function loadingInto(title) {
  main().replaceChildren(h('p', { class: 'loading' }, `Loading ${title}…`));
}

function failInto(error, what) {
  main().replaceChildren(h('h1', {}, 'Could not load this page'), h('p', { class: 'form-error', role: 'alert' }, inWords(error, what)));
}

/* ---------------------------------------------------------------- progress, rule in words */

function progressBar({ current: value, required, label, unit = '' }) {
  const scale = Math.max(required ?? 0, value, 1);
  const filled = h('span', { class: 'progress__fill' });
  filled.style.width = `${(Math.min(value, scale) / scale) * 100}%`;
  const bar = h(
    'div',
    {
      class: `progress${required !== null && value >= required ? ' progress--met' : ''}`,
      role: 'progressbar',
      'aria-label': label,
      'aria-valuemin': 0,
      'aria-valuemax': scale,
      'aria-valuenow': value,
      'aria-valuetext':
        required === null ? `${formatNumber(value)}${unit}` : `${formatNumber(value)}${unit} of ${formatNumber(required)}${unit}`,
    },
    filled,
  );
  if (required !== null && required < scale) {
    const mark = h('span', { class: 'progress__mark', title: `threshold: ${formatNumber(required)}${unit}` });
    mark.style.left = `${(required / scale) * 100}%`;
    bar.append(mark);
  }
  return bar;
}

function delayWords(delay, from) {
  const d = delay ?? {};
  let phrase = d.days ? `the ${ordinal(d.days)} day after ${from}` : d.months ? `${plural(d.months, 'month')} after ${from}` : from;
  if (d.then === 'first_day_of_next_month') phrase = `the first day of the month following ${phrase}`;
  return d.months && !d.then ? phrase : `on ${phrase}`;
}

function ruleInWords(rule, names) {
  const name = (code) => names.get(code) ?? code;
  const counted = rule.countedInstruments ?? INSTRUMENTS;
  const instruments = `instruments of ${listInWords(counted, 'or')}`;
  const conditions = [];
  if (rule.minimumParties !== undefined) conditions.push(`${rule.minimumParties} ${instruments} deposited`);
  if (rule.weights)
    conditions.push(
      `the parties that have deposited weigh at least ${formatNumber(rule.weights.minimumShare)}% of ${
        rule.weights.total ? `a total of ${formatNumber(rule.weights.total)}` : 'all listed weights'
      }`,
    );
  for (const group of rule.minimumFrom ?? [])
    conditions.push(`at least ${group.count} of ${listInWords(group.parties.map(name))} deposited`);
  if (rule.requiredParties?.length)
    conditions.push(`${listInWords(rule.requiredParties.map(name))} ${rule.requiredParties.length > 1 ? 'have each' : 'has'} deposited`);
  const counting = rule.minimumParties === undefined && rule.countedInstruments ? ` (counting ${instruments})` : '';
  const together = conditions.length > 1 ? ', all on the same day' : '';
  const threshold = `Threshold: ${conditions.join('; ')}${counting}${together}.`;
  const notBefore = rule.notBefore ? `, but not before ${longDate(rule.notBefore)}` : '';
  const first = `Enters into force ${delayWords(rule.entersIntoForce, 'the day the threshold is met')}${notBefore}.`;
  const later = `For a country that deposits later: ${delayWords(rule.laterParties ?? rule.entersIntoForce, 'the day of its own deposit')}.`;
  return `${threshold} ${first} ${later}`;
}

function thresholdSummary(status, rule, names) {
  const t = status.threshold;
  const parts = [];
  if (t.required !== null && t.required !== undefined) {
    parts.push(
      h(
        'div',
        { class: 'progress-block' },
        h(
          'p',
          { class: 'progress-block__label', id: 'progress-count' },
          h('strong', {}, `${t.current} of ${t.required}`),
          ` counted instruments deposited${t.current >= t.required ? ' — threshold reached' : ` — ${t.required - t.current} more needed`}`,
        ),
        progressBar({ current: t.current, required: t.required, label: 'Counted instruments toward the threshold' }),
      ),
    );
  } else {
    parts.push(h('p', {}, h('strong', {}, String(t.current)), ' counted instruments deposited'));
  }
  if (rule.weights) {
    const share = t.share ?? 0;
    parts.push(
      h(
        'div',
        { class: 'progress-block' },
        h(
          'p',
          { class: 'progress-block__label' },
          h('strong', {}, `${formatNumber(share)}% of ${formatNumber(rule.weights.minimumShare)}%`),
          ' of the weighted share',
        ),
        progressBar({ current: share, required: rule.weights.minimumShare, label: 'Weighted share toward the threshold', unit: '%' }),
      ),
    );
  }
  if (t.missingRequired?.length)
    parts.push(
      h(
        'p',
        { class: 'missing' },
        h('strong', {}, 'Still required: '),
        listInWords(t.missingRequired.map((code) => `${names.get(code) ?? code} (${code})`)),
      ),
    );
  for (const group of t.missingFromGroups ?? [])
    if (group.have < group.count)
      parts.push(
        h(
          'p',
          { class: 'missing' },
          h('strong', {}, `${group.have} of the ${group.count} needed from a group: `),
          listInWords(group.parties.map((code) => names.get(code) ?? code)),
        ),
      );
  return parts;
}

/* ---------------------------------------------------------------- treaties list */

async function renderTreaties(seq) {
  document.title = 'Treaties · Depositary';
  loadingInto('the treaties');
  let treaties;
  try {
    treaties = (await api('/api/treaties')).items;
  } catch (error) {
    if (current(seq)) failInto(error, 'The treaties could not be read');
    return;
  }
  if (!current(seq)) return;
  const readAt = new Date();
  const rows = treaties.map((treaty) => {
    const progressCell = h('td', { 'data-label': 'Progress' }, h('span', { class: 'muted' }, '…'));
    const statusCell = h('td', { 'data-label': 'Status' }, badge(treaty.status, TREATY_STATUS));
    const forceCell = h('td', { 'data-label': 'Entry into force' }, day(treaty.entryIntoForceOn));
    return {
      treaty,
      progressCell,
      statusCell,
      row: h(
        'tr',
        { dataset: { slug: treaty.slug } },
        h('th', { scope: 'row', 'data-label': 'Treaty' }, h('a', { href: treatyHref(treaty.slug) }, treaty.title)),
        statusCell,
        progressCell,
        forceCell,
        h('td', { 'data-label': 'Opened for signature' }, day(treaty.openedForSignatureOn)),
        h('td', { 'data-label': 'Depositary' }, treaty.depositary ?? h('span', { class: 'none' }, '—')),
      ),
    };
  });
  main().replaceChildren(
    h('h1', {}, 'Treaties'),
    h('p', { class: 'as-at' }, 'Status as at ', h('time', { datetime: readAt.toISOString() }, instantLong(readAt))),
    treaties.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'data treaties' },
            h('caption', {}, `${plural(treaties.length, 'treaty', 'treaties')}: status and progress toward entry into force`),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Treaty', 'Status', 'Progress', 'Entry into force', 'Opened for signature', 'Depositary'].map((label) =>
                  h('th', { scope: 'col' }, label),
                ),
              ),
            ),
            h(
              'tbody',
              {},
              rows.map((item) => item.row),
            ),
          ),
        )
      : h('p', {}, 'No treaty has been recorded yet.'),
  );
  // Progress per treaty, a few requests at a time.
  const queue = [...rows];
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      try {
        const status = await api(`/api/treaties/${encodeURIComponent(item.treaty.slug)}/status`);
        if (!current(seq)) return;
        const required = status.threshold.required;
        item.statusCell.replaceChildren(badge(status.status, TREATY_STATUS));
        item.progressCell.replaceChildren(
          h(
            'span',
            { class: 'progress-inline' },
            progressBar({ current: status.threshold.current, required, label: `Progress of ${item.treaty.title}` }),
            h('span', {}, required === null ? `${status.threshold.current} deposited` : `${status.threshold.current} of ${required}`),
          ),
        );
      } catch (error) {
        if (current(seq)) item.progressCell.replaceChildren(h('span', { class: 'form-error' }, inWords(error, 'Not available')));
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

/* ---------------------------------------------------------------- a treaty */

/** `?asOf=` when the page reads the record as at a past day (view.asOf), else nothing. */
const asAtQuery = (joiner = '?') => (view.asOf ? `${joiner}asOf=${view.asOf}` : '');

async function loadTreaty(slug) {
  const path = `/api/treaties/${encodeURIComponent(slug)}`;
  const [treaty, status, chart, names] = await Promise.all([
    api(path),
    api(`${path}/status${asAtQuery()}`),
    api(`${path}/participants${asAtQuery()}`),
    countries(),
  ]);
  return { slug, treaty, status, participants: chart.items, names, readAt: new Date() };
}

/** The "as at" form: the chart and the status as the record stood at the end of a day. */
function asAtForm() {
  const input = h('input', {
    id: 'as-at-date',
    name: 'asOf',
    placeholder: 'YYYY-MM-DD',
    maxlength: 10,
    value: view.asOf ?? '',
    'aria-describedby': 'as-at-hint',
  });
  const form = h(
    'form',
    { class: 'as-at-form no-print', id: 'as-at-form' },
    h('label', { for: 'as-at-date' }, 'Show the record as at '),
    input,
    ' ',
    h('button', { type: 'submit', class: 'button button--small' }, 'Show'),
    ' ',
    view.asOf
      ? h(
          'button',
          {
            type: 'button',
            class: 'button button--quiet button--small',
            onclick: () => {
              view.asOf = null;
              void refreshTreaty(view.treaty);
            },
          },
          'Today',
        )
      : null,
    h('span', { class: 'hint', id: 'as-at-hint' }, ' the end of a day, YYYY-MM-DD: acts that took effect by then'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = input.value.trim();
    if (value && !isIsoDay(value)) {
      input.setAttribute('aria-invalid', 'true');
      flash(`“${value}” is not a calendar day written YYYY-MM-DD.`, 'error');
      return;
    }
    view.asOf = value || null;
    void refreshTreaty(view.treaty);
  });
  return form;
}

async function renderTreaty(slug, seq) {
  loadingInto('the treaty');
  let loaded;
  try {
    loaded = await loadTreaty(slug);
  } catch (error) {
    if (current(seq)) {
      view.treaty = null;
      failInto(error, 'The treaty could not be read');
    }
    return;
  }
  if (!current(seq)) return;
  view.treaty = { ...loaded, sort: { key: 'country', direction: 1 }, filter: { text: '', status: '' } };
  if (!may.seeAllCountries() && loaded.participants.length === 1 && session) {
    session.country = loaded.participants[0].country.code;
    session.countryName = loaded.participants[0].country.name;
    showChrome();
  }
  document.title = `${loaded.treaty.title} · Depositary`;
  const v = view.treaty;
  main().replaceChildren(
    h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, 'Treaties'), ' › ', h('span', {}, v.treaty.title)),
    h('h1', { id: 'treaty-title' }, v.treaty.title),
    h('div', { id: 'treaty-facts' }),
    h('section', { id: 'treaty-summary', class: 'summary', 'aria-labelledby': 'summary-title' }),
    h('section', { id: 'treaty-plot', class: 'plot-section', 'aria-labelledby': 'plot-title' }),
    h('section', { id: 'treaty-chart', class: 'chart-section', 'aria-labelledby': 'chart-heading' }),
  );
  renderFacts();
  renderSummary();
  renderPlot();
  renderChartSection();
}

function renderFacts() {
  const v = view.treaty;
  const facts = [
    ['Depositary', v.treaty.depositary ?? h('span', { class: 'none' }, 'not named')],
    ['Opened for signature', day(v.treaty.openedForSignatureOn, 'long')],
    ['Entry-into-force rule', h('span', { id: 'rule-words' }, ruleInWords(v.treaty.entryIntoForce, v.names))],
    [
      'Status as at',
      h(
        'span',
        {},
        view.asOf
          ? h('time', { id: 'as-at', datetime: view.asOf }, `the end of ${longDate(view.asOf)}`)
          : h('time', { id: 'as-at', datetime: v.readAt.toISOString() }, instantLong(v.readAt)),
        v.status.evaluatedAt ? h('span', { class: 'muted' }, ` (rule last evaluated ${instantText(v.status.evaluatedAt)})`) : '',
        ' ',
        h(
          'button',
          { type: 'button', class: 'button button--quiet button--small no-print', onclick: () => void refreshTreaty(view.treaty) },
          'Refresh',
        ),
      ),
    ],
  ];
  document.getElementById('treaty-facts').replaceChildren(
    h(
      'dl',
      { class: 'facts' },
      facts.map(([term, detail]) => h('div', {}, h('dt', {}, term), h('dd', {}, detail))),
    ),
    asAtForm(),
  );
}

/** After an act, the treaty and (if still open) the country's drawer as the worker left them. */
async function rereadAfterAct(v, code, version, notice) {
  await refreshTreaty(v, true);
  const target = parseRoute();
  const row = v.participants.find((p) => p.country.code === code);
  if (view.treaty === v && drawer().open && target.code === code && row && row.version !== version)
    await openTimeline(code, view.seq, notice, false);
}

/** Reads the treaty, its status and chart again; `quietly` for the automatic re-read after an act. */
async function refreshTreaty(v = view.treaty, quietly = false) {
  if (!v || view.treaty !== v) return;
  try {
    const loaded = await loadTreaty(v.slug);
    if (view.treaty !== v) return;
    Object.assign(v, loaded);
    renderFacts();
    renderSummary();
    renderPlot();
    renderChartRows();
    if (!quietly) flash(`Read again at ${instantText(loaded.readAt.toISOString())}.`);
  } catch (error) {
    if (!quietly) flash(inWords(error, 'Could not read the treaty again'), 'error');
  }
}

function renderSummary() {
  const v = view.treaty;
  const status = v.status;
  let headline;
  if (status.status === 'in_force' && status.entryIntoForceOn)
    headline = h('p', { class: 'headline' }, 'In force since ', day(status.entryIntoForceOn, 'long'));
  else if (status.entryIntoForceOn)
    headline = h(
      'p',
      { class: 'headline' },
      'Enters into force on ',
      day(status.entryIntoForceOn, 'long'),
      status.threshold.metOn ? h('span', { class: 'muted' }, ' (threshold met on ', day(status.threshold.metOn, 'long'), ')') : '',
    );
  else headline = h('p', { class: 'headline' }, 'Not yet in force');
  const chip = (name) => [h('span', { class: 'count-chip__n' }, String(status.counts[name] ?? 0)), ' ', STATUS_WORD[name]];
  const counts = STATUSES.map((name) =>
    h(
      'li',
      {},
      !may.seeAllCountries()
        ? h('span', { class: 'count-chip count-chip--static', title: STATUS_HINT[name] }, chip(name))
        : h(
            'button',
            {
              type: 'button',
              class: 'count-chip',
              title: `Show only: ${STATUS_WORD[name]} (${STATUS_HINT[name]})`,
              onclick: () => {
                v.filter.status = name;
                renderChartSection();
                document.getElementById('chart-heading')?.scrollIntoView({ behavior: 'smooth' });
              },
            },
            chip(name),
          ),
    ),
  );
  document
    .getElementById('treaty-summary')
    .replaceChildren(
      h('h2', { id: 'summary-title', class: 'visually-hidden' }, 'Status'),
      h(
        'div',
        { class: 'summary__status card' },
        h('p', { class: 'summary__badge' }, badge(status.status, TREATY_STATUS)),
        headline,
        h('p', { class: 'explanation', id: 'explanation' }, status.explanation),
      ),
      h(
        'div',
        { class: 'summary__progress card' },
        h('h3', {}, 'Toward the threshold'),
        thresholdSummary(status, v.treaty.entryIntoForce, v.names),
      ),
      h('div', { class: 'summary__counts card' }, h('h3', {}, 'Participants by status'), h('ul', { class: 'count-chips' }, counts)),
    );
}

/* ---------------------------------------------------------------- the plot */

/** Counted deposits (or the weighted share) after each change, from the chart's rows. */
function depositSeries(participants, rule) {
  const counted = new Set(rule.countedInstruments ?? INSTRUMENTS);
  const weights = rule.weights;
  const total = weights ? (weights.total ?? Object.values(weights.values).reduce((a, b) => a + b, 0)) : 1;
  const measure = rule.minimumParties === undefined && weights ? 'share' : 'count';
  const changes = [];
  for (const p of participants) {
    if (!p.instrument || !p.depositedOn || !counted.has(p.instrument)) continue;
    const amount = measure === 'share' ? ((weights.values[p.country.code] ?? 0) / total) * 100 : 1;
    changes.push({ date: p.depositedOn, amount, participant: p, kind: 'deposit' });
    if (p.withdrawnOn) changes.push({ date: p.withdrawnOn, amount: -amount, participant: p, kind: 'withdrawal' });
  }
  changes.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : b.amount - a.amount));
  let value = 0;
  let n = 0;
  const points = changes.map((change) => {
    value += change.amount;
    if (change.kind === 'deposit') n++;
    return { ...change, value, n };
  });
  const threshold = measure === 'share' ? (weights?.minimumShare ?? null) : (rule.minimumParties ?? null);
  return { measure, points, threshold };
}

function niceStep(max, ticks) {
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw || 1));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw) ?? raw;
  return Math.max(step, 1);
}

function renderPlot() {
  const v = view.treaty;
  const section = document.getElementById('treaty-plot');
  const heading = h('h2', { id: 'plot-title' }, 'Counted deposits over time');
  // The plot is drawn from every country's deposits: a focal point sees its own country's row only.
  section.hidden = !may.seeAllCountries();
  if (section.hidden) return;
  const { measure, points, threshold } = depositSeries(v.participants, v.treaty.entryIntoForce);
  const start = v.treaty.openedForSignatureOn;
  const end = maxDay(todayUtc(), v.status.entryIntoForceOn, ...points.map((point) => point.date));
  const W = 960;
  const H = 300;
  const m = { left: 48, right: 24, top: 28, bottom: 40 };
  const maxValue = Math.max(threshold ?? 0, ...points.map((point) => point.value), 1);
  const yStep = measure === 'share' ? niceStep(maxValue * 1.1, 5) : niceStep(Math.ceil(maxValue * 1.15), 6);
  const yMax = Math.ceil((maxValue * 1.1) / yStep) * yStep;
  const x0 = dayNumber(start);
  const x1 = Math.max(dayNumber(end), x0 + 1);
  const x = (date) => m.left + ((dayNumber(date) - x0) / (x1 - x0)) * (W - m.left - m.right);
  const y = (value) => H - m.bottom - (value / yMax) * (H - m.top - m.bottom);
  const unit = measure === 'share' ? '%' : '';

  let path = `M${x(start).toFixed(1)},${y(0).toFixed(1)}`;
  let previous = 0;
  for (const point of points) {
    path += ` H${x(point.date).toFixed(1)} V${y(point.value).toFixed(1)}`;
    previous = point.value;
  }
  path += ` H${x(end).toFixed(1)}`;
  const area = `${path} V${y(0).toFixed(1)} Z`;

  const yTicks = [];
  for (let value = 0; value <= yMax + 1e-9; value += yStep) yTicks.push(value);
  const startYear = Number(start.slice(0, 4));
  const endYear = Number(end.slice(0, 4));
  const yearStep = Math.max(1, Math.ceil((endYear - startYear + 1) / 12));
  const xTicks = [];
  for (let year = startYear + 1; year <= endYear; year += yearStep) xTicks.push(`${year}-01-01`);

  const markers = [];
  if (v.status.threshold.metOn)
    markers.push({ date: v.status.threshold.metOn, label: `Threshold met ${v.status.threshold.metOn}`, kind: 'met' });
  if (v.status.entryIntoForceOn && v.status.entryIntoForceOn !== v.status.threshold.metOn)
    markers.push({ date: v.status.entryIntoForceOn, label: `In force ${v.status.entryIntoForceOn}`, kind: 'force' });
  else if (v.status.entryIntoForceOn && markers[0]) markers[0].label += ': in force that day';

  const metText = v.status.threshold.metOn ? ` The threshold was met on ${longDate(v.status.threshold.metOn)}.` : '';
  const description = `A step line of ${measure === 'share' ? 'the weighted share of the parties that have deposited' : 'the number of counted instruments deposited'} from ${longDate(start)} to ${longDate(end)}, reaching ${formatNumber(previous)}${unit}${threshold !== null ? `, against a threshold of ${formatNumber(threshold)}${unit}` : ''}.${metText}`;

  const svg = s(
    'svg',
    {
      class: 'plot',
      viewBox: `0 0 ${W} ${H}`,
      role: 'img',
      'aria-labelledby': 'plot-svg-title plot-svg-desc',
      preserveAspectRatio: 'xMidYMid meet',
    },
    s('title', { id: 'plot-svg-title' }, `${measure === 'share' ? 'Weighted share' : 'Counted deposits'} of ${v.treaty.title} over time`),
    s('desc', { id: 'plot-svg-desc' }, description),
    s(
      'g',
      { class: 'plot__grid' },
      yTicks.map((value) => s('line', { x1: m.left, x2: W - m.right, y1: y(value), y2: y(value) })),
    ),
    s(
      'g',
      { class: 'plot__axis plot__axis--y' },
      yTicks.map((value) => s('text', { x: m.left - 8, y: y(value) + 4, 'text-anchor': 'end' }, `${formatNumber(value)}${unit}`)),
    ),
    s(
      'g',
      { class: 'plot__axis plot__axis--x' },
      s('line', { x1: m.left, x2: W - m.right, y1: y(0), y2: y(0) }),
      xTicks.map((tick) =>
        s(
          'g',
          {},
          s('line', { x1: x(tick), x2: x(tick), y1: y(0), y2: y(0) + 5 }),
          s('text', { x: x(tick), y: y(0) + 20, 'text-anchor': 'middle' }, tick.slice(0, 4)),
        ),
      ),
    ),
    s('path', { class: 'plot__area', d: area }),
    s('path', { class: 'plot__line', d: path }),
    threshold !== null
      ? s(
          'g',
          { class: 'plot__threshold' },
          s('line', { x1: m.left, x2: W - m.right, y1: y(threshold), y2: y(threshold) }),
          s('text', { x: W - m.right - 4, y: y(threshold) - 6, 'text-anchor': 'end' }, `Threshold: ${formatNumber(threshold)}${unit}`),
        )
      : null,
    markers.map((marker, index) =>
      s(
        'g',
        { class: `plot__marker plot__marker--${marker.kind}` },
        s('line', { x1: x(marker.date), x2: x(marker.date), y1: m.top - 8 + index * 14, y2: y(0) }),
        s(
          'text',
          {
            x: x(marker.date) + (x(marker.date) > W * 0.7 ? -6 : 6),
            y: m.top - 2 + index * 14,
            'text-anchor': x(marker.date) > W * 0.7 ? 'end' : 'start',
          },
          marker.label,
        ),
      ),
    ),
    s(
      'g',
      { class: 'plot__points' },
      points.map((point) =>
        s(
          'circle',
          { cx: x(point.date), cy: y(point.value), r: 4, class: point.kind === 'withdrawal' ? 'plot__point--out' : '' },
          s(
            'title',
            {},
            `${point.date}: ${point.participant.country.name} — ${point.kind === 'withdrawal' ? 'withdrew' : `${ordinal(point.n)} ${point.participant.instrument}`} (${formatNumber(point.value)}${unit})`,
          ),
        ),
      ),
    ),
  );
  section.replaceChildren(heading, h('figure', { class: 'plot-figure' }, svg, h('figcaption', { class: 'muted' }, description)));
}

/* ---------------------------------------------------------------- the chart */

const SORTERS = {
  country: (p) => fold(p.country.name),
  status: (p) => STATUSES.indexOf(p.status),
  signedOn: (p) => p.signedOn,
  instrument: (p) => p.instrument,
  depositedOn: (p) => p.depositedOn,
  memberSince: (p) => p.memberSince,
  withdrawnOn: (p) => p.withdrawnOn,
};

const SORT_WORDS = {
  country: ['A to Z', 'Z to A'],
  status: ['invited first', 'withdrawn first'],
  instrument: ['A to Z', 'Z to A'],
};

function chartColumns() {
  const v = view.treaty;
  const columns = [
    { key: 'country', label: 'Country' },
    { key: 'status', label: 'Status' },
    { key: 'signedOn', label: 'Signature' },
    { key: 'instrument', label: 'Instrument' },
    { key: 'depositedOn', label: 'Date of deposit' },
    { key: 'memberSince', label: 'Member since' },
  ];
  if (v.participants.some((p) => p.withdrawnOn)) columns.push({ key: 'withdrawnOn', label: 'Withdrawn' });
  return columns;
}

function visibleParticipants() {
  const v = view.treaty;
  const text = fold(v.filter.text.trim());
  const rows = v.participants.filter(
    (p) =>
      (!v.filter.status || p.status === v.filter.status) &&
      (!text || fold(p.country.name).includes(text) || fold(p.country.code) === text || fold(p.country.code).startsWith(text)),
  );
  const key = SORTERS[v.sort.key] ?? SORTERS.country;
  return rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === kb || (ka == null && kb == null)) return fold(a.country.name) < fold(b.country.name) ? -1 : 1;
    if (ka == null || ka === '') return 1;
    if (kb == null || kb === '') return -1;
    return (ka < kb ? -1 : 1) * v.sort.direction;
  });
}

/** Where a country stands and what the treaty needs from it next, for its focal point. */
function nextStepWords(p, status) {
  const name = p.country.name;
  switch (p.status) {
    case 'invited':
      return `${name} was invited on ${longDate(p.invitedOn)} and has not signed. Next step: signature, or accession by depositing an instrument of accession.`;
    case 'signed':
      return `${name} signed on ${longDate(p.signedOn)}. Next step: depositing an instrument of ratification, acceptance or approval.`;
    case 'ratified':
      return `${name} deposited its instrument of ${p.instrument} on ${longDate(p.depositedOn)}. ${
        status.entryIntoForceOn
          ? `It becomes a party on its membership date under the entry-into-force rule (the treaty ${status.status === 'in_force' ? 'entered' : 'enters'} into force on ${longDate(status.entryIntoForceOn)}).`
          : 'It counts toward the threshold; it becomes a party when the treaty enters into force.'
      }`;
    case 'member':
      return `${name} has been a party since ${longDate(p.memberSince)} (instrument of ${p.instrument} deposited on ${longDate(p.depositedOn)}). Nothing more is needed.`;
    case 'withdrawn':
      return `${name} withdrew on ${longDate(p.withdrawnOn)}.`;
    default:
      return `${name}: ${p.status}.`;
  }
}

function renderChartSection() {
  const v = view.treaty;
  const section = document.getElementById('treaty-chart');
  const scoped = !may.seeAllCountries();
  const filterText = h('input', {
    id: 'chart-filter',
    type: 'search',
    placeholder: 'Country name or code',
    value: v.filter.text,
    autocomplete: 'off',
    oninput: (event) => {
      v.filter.text = event.target.value;
      renderChartRows();
    },
  });
  const filterStatus = h(
    'select',
    {
      id: 'chart-status',
      value: v.filter.status,
      onchange: (event) => {
        v.filter.status = event.target.value;
        renderChartRows();
      },
    },
    h('option', { value: '' }, 'Any status'),
    STATUSES.map((name) => h('option', { value: name }, STATUS_WORD[name])),
  );
  const sortSelect = h(
    'select',
    {
      id: 'chart-sort',
      value: `${v.sort.key}:${v.sort.direction}`,
      onchange: (event) => {
        const [key, direction] = event.target.value.split(':');
        v.sort = { key, direction: Number(direction) };
        renderChartRows();
      },
    },
    chartColumns().flatMap((column) => {
      const [up, down] = SORT_WORDS[column.key] ?? ['earliest first', 'latest first'];
      return [
        h('option', { value: `${column.key}:1` }, `${column.label}, ${up}`),
        h('option', { value: `${column.key}:-1` }, `${column.label}, ${down}`),
      ];
    }),
  );
  const toolbar = h(
    'div',
    { class: 'toolbar no-print', role: 'group', 'aria-label': 'Filter, sort and export the chart' },
    scoped
      ? null
      : [
          h('label', { class: 'field' }, h('span', {}, 'Filter'), filterText),
          h('label', { class: 'field' }, h('span', {}, 'Status'), filterStatus),
          h('label', { class: 'field' }, h('span', {}, 'Sort'), sortSelect),
        ],
    h('span', { class: 'toolbar__spacer' }),
    h('button', { type: 'button', class: 'button', onclick: () => window.print() }, 'Print'),
    h('button', { type: 'button', class: 'button', id: 'download-chart', onclick: () => void downloadChart() }, 'Download CSV'),
  );
  fill(
    section,
    h('h2', { id: 'chart-heading' }, scoped ? 'Your country' : 'Chart of signatures and ratifications'),
    toolbar,
    scoped ? v.participants.map((p) => h('p', { class: 'next-step card', id: 'next-step' }, nextStepWords(p, v.status))) : null,
    h('p', { id: 'chart-count', class: 'muted', 'aria-live': 'polite' }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data chart', id: 'chart' })),
    h(
      'p',
      { class: 'legend muted' },
      'Ratified: an instrument of ratification, acceptance, approval or accession is deposited and the membership date has not come yet. Dates are the days the acts took effect.',
    ),
  );
  renderChartRows();
}

function renderChartRows() {
  const v = view.treaty;
  const table = document.getElementById('chart');
  if (!table) return;
  const columns = chartColumns();
  const rows = visibleParticipants();
  const heads = columns.map((column) => {
    const active = v.sort.key === column.key;
    return h(
      'th',
      { scope: 'col', 'aria-sort': active ? (v.sort.direction === 1 ? 'ascending' : 'descending') : 'none' },
      h(
        'button',
        {
          type: 'button',
          class: 'sort',
          dataset: { sort: column.key },
          onclick: () => {
            v.sort = { key: column.key, direction: active ? -v.sort.direction : 1 };
            const select = document.getElementById('chart-sort');
            if (select) select.value = `${v.sort.key}:${v.sort.direction}`;
            renderChartRows();
            table.querySelector(`[data-sort="${column.key}"]`)?.focus();
          },
        },
        column.label,
        h('span', { class: 'sort__arrow', 'aria-hidden': 'true' }, active ? (v.sort.direction === 1 ? ' ▲' : ' ▼') : ' ↕'),
      ),
    );
  });
  const body = rows.map((p) => {
    const cells = {
      country: h(
        'th',
        { scope: 'row', 'data-label': 'Country' },
        h('a', { href: countryHref(v.slug, p.country.code), class: 'country-link' }, p.country.name),
        ' ',
        h('span', { class: 'code' }, p.country.code),
      ),
      status: h(
        'td',
        { 'data-label': 'Status' },
        badge(p.status),
        p.withdrawal && p.status !== 'withdrawn'
          ? h(
              'span',
              { class: 'pending-withdrawal' },
              ` withdrawal notified ${p.withdrawal.notifiedOn}, effective ${p.withdrawal.effectiveOn}`,
            )
          : null,
      ),
      signedOn: h(
        'td',
        { 'data-label': 'Signature', class: p.signedOn ? null : 'is-empty' },
        day(p.signedOn),
        p.signature && p.signature.kind !== 'subject_to_ratification'
          ? h(
              'span',
              { class: 'signature-kind' },
              ` ${SIGNATURE_WORD[p.signature.kind]}${
                p.signature.kind === 'ad_referendum'
                  ? p.signature.confirmedOn
                    ? `, confirmed ${p.signature.confirmedOn}`
                    : ', not confirmed'
                  : ''
              }`,
            )
          : null,
      ),
      instrument: h(
        'td',
        { 'data-label': 'Instrument', class: p.instrument ? null : 'is-empty' },
        p.instrument ? p.instrument.replace('_', ' ') : h('span', { class: 'none' }, '—'),
        p.instrument === 'succession' && p.effectiveFrom
          ? ` (bound from ${p.effectiveFrom}${p.predecessor ? `, succeeding ${p.predecessor}` : ''})`
          : null,
      ),
      depositedOn: h('td', { 'data-label': 'Date of deposit', class: p.depositedOn ? null : 'is-empty' }, day(p.depositedOn)),
      memberSince: h('td', { 'data-label': 'Member since', class: p.memberSince ? null : 'is-empty' }, day(p.memberSince)),
      withdrawnOn: h('td', { 'data-label': 'Withdrawn', class: p.withdrawnOn ? null : 'is-empty' }, day(p.withdrawnOn)),
    };
    const actions = h(
      'td',
      { class: 'row-actions no-print', 'data-label': 'Open' },
      h('a', { href: countryHref(v.slug, p.country.code), class: 'button button--small' }, 'Timeline'),
      may.record() && p.allowedActions.length
        ? h(
            'button',
            {
              type: 'button',
              class: 'button button--small button--primary',
              dataset: { record: p.country.code },
              'aria-label': `Record an act for ${p.country.name}`,
              onclick: () => {
                view.focusRecord = true;
                const href = countryHref(v.slug, p.country.code);
                if (location.hash === href) void openTimeline(p.country.code, view.seq);
                else location.hash = href;
              },
            },
            'Record act',
          )
        : null,
    );
    return h(
      'tr',
      { dataset: { country: p.country.code, status: p.status, version: p.version } },
      columns.map((column) => cells[column.key]),
      actions,
    );
  });
  table.replaceChildren(
    h(
      'caption',
      {},
      may.seeAllCountries()
        ? `${v.treaty.title}: signatures, instruments deposited and membership, one row per country`
        : `${v.treaty.title}: your country's participation`,
    ),
    h('thead', {}, h('tr', {}, heads, h('th', { scope: 'col', class: 'no-print' }, h('span', { class: 'visually-hidden' }, 'Open')))),
    h(
      'tbody',
      {},
      body.length ? body : h('tr', {}, h('td', { colspan: columns.length + 1, class: 'empty' }, 'No country matches the filter.')),
    ),
  );
  const count = document.getElementById('chart-count');
  if (count)
    count.textContent = may.seeAllCountries()
      ? `Showing ${rows.length} of ${plural(v.participants.length, 'country', 'countries')}.`
      : `You see your own country's row only; the counts above are the whole treaty's.`;
}

async function downloadChart() {
  const v = view.treaty;
  try {
    const csv = await api(`/api/treaties/${encodeURIComponent(v.slug)}/participants?format=csv${asAtQuery('&')}`, { as: 'csv' });
    downloadText(csv, `${v.slug}-chart.csv`, 'text/csv;charset=utf-8');
  } catch (error) {
    flash(inWords(error, 'The chart could not be downloaded'), 'error');
  }
}

function replaceParticipant(participant) {
  const v = view.treaty;
  if (!v) return;
  const { events: _events, ...row } = participant;
  const index = v.participants.findIndex((p) => p.country.code === row.country.code);
  if (index >= 0) v.participants[index] = row;
  renderChartRows();
}

/* ---------------------------------------------------------------- a country's timeline and the record form */

function closeDrawer() {
  if (drawer().open) drawer().close();
}

drawer().addEventListener('close', () => {
  const target = parseRoute();
  if (target.name === 'treaty' && target.code) location.hash = treatyHref(target.slug);
});

/** Opens (or re-reads) a country's drawer; `message` is shown above the form; `refocus` moves the focus into it. */
async function openTimeline(code, seq, message, refocus = true) {
  const v = view.treaty;
  if (!v) return;
  const dialog = drawer();
  if (!dialog.open) {
    dialog.replaceChildren(h('p', { class: 'loading' }, 'Loading the timeline…'));
    dialog.showModal();
  }
  let participant;
  try {
    participant = await api(`/api/treaties/${encodeURIComponent(v.slug)}/participants/${encodeURIComponent(code)}`);
  } catch (error) {
    if (!current(seq)) return;
    dialog.replaceChildren(
      drawerHeader(code, null),
      h('p', { class: 'form-error', role: 'alert' }, inWords(error, `The record of ${code} could not be read`)),
    );
    return;
  }
  if (!current(seq) || view.treaty !== v) return;
  replaceParticipant(participant);
  renderDrawer(participant, message, refocus);
}

function drawerHeader(code, participant) {
  return h(
    'header',
    { class: 'drawer__header' },
    h(
      'div',
      {},
      h('h2', { id: 'drawer-title' }, participant ? participant.country.name : code),
      participant
        ? h(
            'p',
            { class: 'muted' },
            `${participant.country.code} · ${view.treaty.treaty.title} · `,
            badge(participant.status),
            ` · version ${participant.version}`,
          )
        : null,
    ),
    h('button', { type: 'button', class: 'button button--quiet drawer__close', onclick: () => closeDrawer() }, 'Close'),
  );
}

function renderDrawer(participant, message, refocus = true) {
  const v = view.treaty;
  const dialog = drawer();
  const chain = h('div', { class: 'chain', id: 'chain' }, h('p', { class: 'muted' }, 'Checking the chain…'));
  const parts = [drawerHeader(participant.country.code, participant)];
  if (message) parts.push(message);
  if (may.record()) parts.push(recordForm(participant));
  parts.push(
    h('section', { class: 'drawer__section', 'aria-labelledby': 'chain-title' }, h('h3', { id: 'chain-title' }, 'Integrity'), chain),
    h(
      'section',
      { class: 'drawer__section', 'aria-labelledby': 'timeline-title' },
      h('h3', { id: 'timeline-title' }, 'Timeline'),
      h(
        'p',
        { class: 'muted' },
        `${plural(participant.events.length, 'event')}, oldest first. Effective dates are the days the acts took effect.`,
      ),
      h(
        'ol',
        { class: 'timeline', id: 'timeline' },
        participant.events.map((event) => timelineItem(event)),
      ),
      may.audit()
        ? h(
            'p',
            {},
            h(
              'a',
              { href: `#/audit?treaty=${encodeURIComponent(v.slug)}&country=${encodeURIComponent(participant.country.code)}` },
              'Open these events in the audit trail',
            ),
          )
        : null,
    ),
  );
  dialog.replaceChildren(...parts);
  void checkChain(participant, chain);
  if (!refocus) return;
  if (view.focusRecord) {
    view.focusRecord = false;
    dialog.querySelector('#record-action')?.focus();
  } else if (message) {
    message.setAttribute('tabindex', '-1');
    message.focus();
  } else dialog.querySelector('.drawer__close')?.focus();
}

function actorWords(actor) {
  if (actor === 'system' || !actor) return 'the service (system)';
  return `${actor.email} (${ROLE_WORD[actor.role] ?? actor.role})`;
}

function timelineItem(event) {
  const details = [
    ['Effective date', h('span', {}, day(event.date), h('span', { class: 'muted' }, ` (${longDate(event.date)})`))],
    ['Recorded', h('time', { datetime: event.recordedAt }, instantText(event.recordedAt))],
    ['By', actorWords(event.actor)],
  ];
  if (event.reference) details.push(['Reference', event.reference]);
  if (event.note) details.push(['Note', event.note]);
  if (event.reason) details.push(['Reason', event.reason]);
  details.push(['Event', h('span', { class: 'hash' }, `#${event.id} · seq ${event.seq} · ${event.hash.slice(0, 12)}…`)]);
  return h(
    'li',
    { class: `timeline__item timeline__item--${event.action}`, dataset: { seq: event.seq, action: event.action } },
    h(
      'p',
      { class: 'timeline__title' },
      h('strong', {}, EVENT_WORD[event.action] ?? event.action),
      ' ',
      event.from ? h('span', { class: 'muted' }, `${STATUS_WORD[event.from] ?? event.from} → ${STATUS_WORD[event.to] ?? event.to}`) : null,
      h('span', { class: 'chain-link', dataset: { seq: event.seq } }),
    ),
    h(
      'dl',
      { class: 'timeline__details' },
      details.map(([term, detail]) => h('div', {}, h('dt', {}, term), h('dd', {}, detail))),
    ),
  );
}

/** The canonical JSON the service hashes: object keys sorted at every depth (libs/domain/src/audit-chain.ts). */
function canonicalJson(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

async function sha256Hex(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The service's verification of every chain, re-used for a minute: it re-hashes the whole trail, which is
 * worth doing once per look rather than once per drawer. Recording an act forgets it.
 */
async function chainVerification() {
  if (!verified || Date.now() - verified.time > 60_000) {
    const result = await api('/api/audit/verify');
    verified = { result, time: Date.now(), at: instantText(new Date().toISOString()) };
  }
  return verified;
}

/** Re-hashes this country's chain in the browser, and shows the service's verification of every chain. */
async function checkChain(participant, box) {
  const marks = [];
  if (globalThis.crypto?.subtle) {
    let previous = '0'.repeat(64);
    let broken = null;
    for (const [index, event] of participant.events.entries()) {
      const fields = {
        treaty: event.treaty,
        country: event.country,
        seq: event.seq,
        action: event.action,
        from: event.from,
        to: event.to,
        date: event.date,
        recordedAt: event.recordedAt,
        actor: event.actor,
        reference: event.reference,
        note: event.note,
        reason: event.reason,
        details: event.details ?? undefined,
      };
      const expected = await sha256Hex(previous + canonicalJson(fields));
      const ok = event.seq === index + 1 && event.prevHash === previous && event.hash === expected;
      const link = box.ownerDocument.querySelector(`.chain-link[data-seq="${event.seq}"]`);
      if (link) {
        link.className = `chain-link chain-link--${ok ? 'ok' : 'broken'}`;
        link.textContent = ok ? ' ✓ hash matches' : ' ✗ hash does not match';
      }
      if (!ok && !broken) broken = event;
      previous = event.hash;
    }
    marks.push(
      broken
        ? h(
            'p',
            { class: 'chain-mark chain-mark--broken', role: 'alert' },
            `✗ Chain broken at event ${broken.seq}: its hash does not follow from its content and the previous event.`,
          )
        : h(
            'p',
            { class: 'chain-mark chain-mark--ok', id: 'chain-local' },
            `✓ Chain verified in this browser: ${plural(participant.events.length, 'event')} of ${participant.country.name} re-hashed, each linked to the one before.`,
          ),
    );
  } else {
    marks.push(h('p', { class: 'muted' }, 'This browser cannot re-hash the chain here (it needs HTTPS or localhost).'));
  }
  if (may.audit()) {
    try {
      const { result, at } = await chainVerification();
      const here =
        result.firstBroken &&
        result.firstBroken.treaty === participant.events[0]?.treaty &&
        result.firstBroken.country === participant.country.code;
      marks.push(
        result.ok
          ? h(
              'p',
              { class: 'chain-mark chain-mark--ok', id: 'chain-verified' },
              `✓ Chain verified by the audit verification at ${at}: ${formatNumber(result.checked)} events of every chain re-hashed, none altered or missing.`,
            )
          : h(
              'p',
              { class: 'chain-mark chain-mark--broken', role: 'alert', id: 'chain-verified' },
              `✗ The audit verification found a break${here ? ' in this country’s chain' : ''}: ${result.firstBroken.treaty}/${result.firstBroken.country} event ${result.firstBroken.seq}, ${result.firstBroken.reason}.`,
            ),
      );
    } catch (error) {
      marks.push(h('p', { class: 'form-error' }, inWords(error, 'The audit verification could not run')));
    }
  }
  box.replaceChildren(...marks);
}

function latestActDate(participant, action) {
  return maxDay(
    participant.invitedOn,
    participant.signedOn,
    participant.signature?.confirmedOn,
    participant.depositedOn,
    participant.memberSince,
    participant.withdrawal?.notifiedOn,
    // A revocation may be dated before the exit it undoes.
    action === 'revoke_withdrawal' ? null : participant.withdrawnOn,
  );
}

/** The date of an act, checked as the service would: a real day, not in the future, not before the treaty or the previous act. */
function checkDate(date, participant, action) {
  const today = todayUtc();
  const opened = view.treaty.treaty.openedForSignatureOn;
  const previous = latestActDate(participant, action);
  if (!date) return 'Give the day the act took effect, as YYYY-MM-DD.';
  if (!isIsoDay(date)) return `“${date}” is not a calendar day written YYYY-MM-DD (for example ${today}).`;
  if (date > today) return `${longDate(date)} is in the future: today is ${longDate(today)} (UTC).`;
  if (date < opened) return `${longDate(date)} is before the treaty was opened for signature on ${longDate(opened)}.`;
  if (previous && date < previous) return `${longDate(date)} is before this country's previous act, on ${longDate(previous)}.`;
  return null;
}

function recordForm(participant) {
  const allowed = participant.allowedActions ?? [];
  const section = h(
    'section',
    { class: 'drawer__section record', 'aria-labelledby': 'record-title' },
    h('h3', { id: 'record-title' }, 'Record an act'),
  );
  if (!allowed.length) {
    section.append(h('p', { class: 'muted' }, `No act can be recorded from the status “${STATUS_WORD[participant.status]}”.`));
    return section;
  }
  const today = todayUtc();
  const earliest = maxDay(view.treaty.treaty.openedForSignatureOn, latestActDate(participant));
  const action = h(
    'select',
    { id: 'record-action', name: 'action', required: true },
    allowed.map((name) => h('option', { value: name }, ACTION_CHOICE[name] ?? name)),
  );
  const dateWords = h('span', { class: 'date-words', id: 'record-date-words', 'aria-live': 'polite' });
  const date = h('input', {
    id: 'record-date',
    name: 'date',
    type: 'text',
    inputmode: 'numeric',
    placeholder: 'YYYY-MM-DD',
    maxlength: 10,
    autocomplete: 'off',
    'aria-describedby': 'record-date-hint record-date-words',
    oninput: () => {
      dateWords.textContent = isIsoDay(date.value) ? longDate(date.value) : '';
      date.removeAttribute('aria-invalid');
    },
  });
  const dateField = h(
    'div',
    { class: 'field-block' },
    h('label', { for: 'record-date' }, 'Date the act took effect'),
    h(
      'div',
      { class: 'date-row' },
      date,
      h(
        'button',
        {
          type: 'button',
          class: 'button button--small',
          onclick: () => {
            date.value = today;
            date.dispatchEvent(new Event('input'));
          },
        },
        'Today',
      ),
      dateWords,
    ),
    h('p', { class: 'hint', id: 'record-date-hint' }, `From ${earliest} (${longDate(earliest)}) to ${today} (today, UTC).`),
  );
  const signature = h(
    'select',
    { id: 'record-signature', name: 'signature' },
    Object.entries(SIGNATURE_WORD).map(([value, words]) => h('option', { value }, words)),
  );
  const signatureField = h('div', { class: 'field-block' }, h('label', { for: 'record-signature' }, 'Kind of signature'), signature);
  const effectiveFrom = h('input', { id: 'record-effective-from', name: 'effectiveFrom', placeholder: 'YYYY-MM-DD', maxlength: 10 });
  const predecessor = h('input', { id: 'record-predecessor', name: 'predecessor', maxlength: 200, autocomplete: 'off' });
  const successionFields = h(
    'div',
    { class: 'field-block' },
    h('label', { for: 'record-effective-from' }, 'Date of succession, from which the state is bound (optional: the date above)'),
    effectiveFrom,
    h('label', { for: 'record-predecessor' }, 'Predecessor state (optional)'),
    predecessor,
  );
  const effectiveOn = h('input', { id: 'record-effective-on', name: 'effectiveOn', placeholder: 'YYYY-MM-DD', maxlength: 10 });
  const withdrawalField = h(
    'div',
    { class: 'field-block' },
    h('label', { for: 'record-effective-on' }, 'Day the withdrawal takes effect (optional: the treaty’s delay after notification)'),
    effectiveOn,
  );
  const reference = h('input', { id: 'record-reference', name: 'reference', maxlength: 500, autocomplete: 'off' });
  const note = h('textarea', { id: 'record-note', name: 'note', maxlength: 4000, rows: 2 });
  const reason = h('textarea', { id: 'record-reason', name: 'reason', maxlength: 4000, rows: 2 });
  const reasonField = h(
    'div',
    { class: 'field-block' },
    h('label', { for: 'record-reason' }, 'Reason for the correction (required)'),
    reason,
  );
  const error = h('p', { class: 'form-error', role: 'alert', id: 'record-error' });
  const submit = h('button', { type: 'submit', class: 'button button--primary', id: 'record-submit' }, 'Record');
  const syncFields = () => {
    const correcting = action.value === 'correct';
    dateField.hidden = correcting;
    reasonField.hidden = !correcting;
    signatureField.hidden = action.value !== 'sign';
    successionFields.hidden = action.value !== 'succeed';
    withdrawalField.hidden = action.value !== 'withdraw';
  };
  action.addEventListener('change', syncFields);
  const form = h(
    'form',
    { class: 'record-form', novalidate: true },
    h(
      'p',
      { class: 'hint' },
      `Status now: ${STATUS_WORD[participant.status]}. Only the acts the status allows are offered. The record is sent with its version (${participant.version}), so a change made meanwhile by someone else is refused rather than overwritten.`,
    ),
    h('div', { class: 'field-block' }, h('label', { for: 'record-action' }, 'Act'), action),
    dateField,
    signatureField,
    successionFields,
    withdrawalField,
    reasonField,
    h('div', { class: 'field-block' }, h('label', { for: 'record-reference' }, 'Reference (optional)'), reference),
    h('div', { class: 'field-block' }, h('label', { for: 'record-note' }, 'Note (optional)'), note),
    error,
    h('div', { class: 'form-actions' }, submit),
  );
  syncFields();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const correcting = action.value === 'correct';
    const body = { action: action.value };
    if (correcting) {
      if (!reason.value.trim()) {
        error.textContent = 'A correction needs a reason: say why the latest act is reversed.';
        reason.focus();
        return;
      }
      body.reason = reason.value.trim();
    } else {
      const problem = checkDate(date.value.trim(), participant, action.value);
      if (problem) {
        error.textContent = `Not sent: ${problem}`;
        date.setAttribute('aria-invalid', 'true');
        date.focus();
        return;
      }
      body.date = date.value.trim();
    }
    if (action.value === 'sign') body.signature = signature.value;
    if (action.value === 'succeed' && effectiveFrom.value.trim()) body.effectiveFrom = effectiveFrom.value.trim();
    if (action.value === 'succeed' && predecessor.value.trim()) body.predecessor = predecessor.value.trim();
    if (action.value === 'withdraw' && effectiveOn.value.trim()) body.effectiveOn = effectiveOn.value.trim();
    if (reference.value.trim()) body.reference = reference.value.trim();
    if (note.value.trim()) body.note = note.value.trim();
    submit.disabled = true;
    submit.textContent = 'Recording…';
    const v = view.treaty;
    const code = participant.country.code;
    try {
      const result = await api(`/api/treaties/${encodeURIComponent(v.slug)}/participants/${encodeURIComponent(code)}/actions`, {
        method: 'POST',
        body,
        headers: { 'if-match': `"${participant.version}"`, 'idempotency-key': idempotencyKey() },
      });
      const words = `Recorded: ${EVENT_WORD[result.event.action] ?? result.event.action} for ${result.participant.country.name}${
        result.event.date && !correcting ? `, effective ${result.event.date}` : ''
      }. The status is now “${STATUS_WORD[result.participant.status]}”.`;
      verified = null;
      flash(words, 'success');
      const notice = h('p', { class: 'notice notice--success', role: 'status', id: 'record-result' }, words);
      await openTimeline(code, view.seq, notice);
      void refreshStatus();
      // A deposit, withdrawal or correction is followed by the worker's recompute (and perhaps an admission): read again shortly.
      if (result.event.action !== 'sign') setTimeout(() => void rereadAfterAct(v, code, result.participant.version, notice), 2500);
    } catch (failure) {
      const words = inWords(failure, 'Not recorded');
      if (failure instanceof ApiError && failure.status === 401) return;
      if (failure instanceof ApiError && (failure.status === 412 || failure.status === 409)) {
        await openTimeline(code, view.seq, h('p', { class: 'notice notice--error', role: 'alert', id: 'record-result' }, words));
        void refreshStatus();
        return;
      }
      error.textContent = words;
      submit.disabled = false;
      submit.textContent = 'Record';
    }
  });
  section.append(form);
  return section;
}

function idempotencyKey() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function refreshStatus() {
  const v = view.treaty;
  if (!v) return;
  try {
    const status = await api(`/api/treaties/${encodeURIComponent(v.slug)}/status${asAtQuery()}`);
    if (view.treaty !== v) return;
    v.status = status;
    v.readAt = new Date();
    renderFacts();
    renderSummary();
    renderPlot();
  } catch (error) {
    flash(inWords(error, 'The status could not be read again'), 'error');
  }
}

/* ---------------------------------------------------------------- the audit trail */

const AUDIT_FILTERS = ['treaty', 'country', 'actor', 'from', 'to'];

async function renderAudit(params, seq) {
  document.title = 'Audit trail · Depositary';
  if (!may.audit()) {
    main().replaceChildren(
      h('h1', {}, 'Audit trail'),
      h(
        'p',
        { role: 'alert', class: 'form-error' },
        'Your role does not include the audit trail: it is for depositary officers and auditors.',
      ),
    );
    return;
  }
  loadingInto('the audit trail');
  let treaties;
  let names;
  try {
    [treaties, names] = await Promise.all([api('/api/treaties').then((list) => list.items), countries()]);
  } catch (error) {
    if (current(seq)) failInto(error, 'The audit trail could not be opened');
    return;
  }
  if (!current(seq)) return;
  const filter = Object.fromEntries(AUDIT_FILTERS.map((key) => [key, params.get(key) ?? '']));

  const treatySelect = h(
    'select',
    { id: 'audit-treaty', name: 'treaty', value: filter.treaty },
    h('option', { value: '' }, 'All treaties'),
    treaties.map((treaty) => h('option', { value: treaty.slug }, treaty.title)),
  );
  const countryList = h(
    'datalist',
    { id: 'audit-countries' },
    [...names].map(([code, name]) => h('option', { value: code }, name)),
  );
  const countryInput = h('input', {
    id: 'audit-country',
    name: 'country',
    list: 'audit-countries',
    value: filter.country,
    placeholder: 'Code, like KAZ',
    autocomplete: 'off',
    maxlength: 60,
  });
  const actorInput = h('input', {
    id: 'audit-actor',
    name: 'actor',
    value: filter.actor,
    placeholder: 'E-mail, user id or system',
    autocomplete: 'off',
  });
  const fromInput = h('input', {
    id: 'audit-from',
    name: 'from',
    value: filter.from,
    placeholder: 'YYYY-MM-DD',
    inputmode: 'numeric',
    maxlength: 30,
  });
  const toInput = h('input', {
    id: 'audit-to',
    name: 'to',
    value: filter.to,
    placeholder: 'YYYY-MM-DD',
    inputmode: 'numeric',
    maxlength: 30,
  });
  const formError = h('p', { class: 'form-error', role: 'alert', id: 'audit-error' });

  const readFilter = () => {
    let country = countryInput.value.trim();
    if (country && !/^[A-Za-z]{3}$/.test(country)) {
      const match = [...names].find(([, name]) => fold(name) === fold(country));
      if (match) country = match[0];
    }
    return {
      treaty: treatySelect.value,
      country: country.toUpperCase(),
      actor: actorInput.value.trim(),
      from: fromInput.value.trim(),
      to: toInput.value.trim(),
    };
  };
  const problems = (value) => {
    const found = [];
    if (value.country && !/^[A-Z]{3}$/.test(value.country)) found.push(`“${value.country}” is not a country code or name`);
    for (const key of ['from', 'to'])
      if (value[key] && !isIsoDay(value[key]) && !isIsoInstant(value[key]))
        found.push(`“${value[key]}” is not a date (YYYY-MM-DD) or an ISO date-time`);
    if (value.from && value.to && isIsoDay(value.from) && isIsoDay(value.to) && value.from > value.to)
      found.push('“Recorded from” is after “Recorded to”');
    return found;
  };
  const query = (value, extra = {}) => {
    const search = new URLSearchParams();
    for (const key of AUDIT_FILTERS) if (value[key]) search.set(key, value[key]);
    for (const [key, item] of Object.entries(extra)) search.set(key, item);
    return search.toString();
  };

  const form = h(
    'form',
    { class: 'filters card no-print', id: 'audit-filters', 'aria-label': 'Filter the audit events', novalidate: true },
    h('label', { class: 'field' }, h('span', {}, 'Treaty'), treatySelect),
    h('label', { class: 'field' }, h('span', {}, 'Country'), countryInput, countryList),
    h('label', { class: 'field' }, h('span', {}, 'Actor'), actorInput),
    h('label', { class: 'field' }, h('span', {}, 'Recorded from'), fromInput),
    h('label', { class: 'field' }, h('span', {}, 'Recorded to'), toInput),
    h(
      'div',
      { class: 'filters__actions' },
      h('button', { type: 'submit', class: 'button button--primary' }, 'Show events'),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          id: 'audit-csv',
          onclick: async () => {
            const value = readFilter();
            const found = problems(value);
            if (found.length) return void (formError.textContent = `${listInWords(found)}.`);
            try {
              const csv = await api(`/api/audit/events?${query(value, { format: 'csv' })}`, { as: 'csv' });
              downloadText(csv, 'audit-events.csv', 'text/csv;charset=utf-8');
            } catch (error) {
              formError.textContent = inWords(error, 'The CSV could not be exported');
            }
          },
        },
        'Download CSV',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button button--quiet',
          onclick: () => {
            if (location.hash === '#/audit') void route();
            else location.hash = '#/audit';
          },
        },
        'Clear',
      ),
    ),
    formError,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = readFilter();
    const found = problems(value);
    if (found.length) {
      formError.textContent = `${listInWords(found)}.`;
      return;
    }
    const next = `#/audit${query(value) ? `?${query(value)}` : ''}`;
    if (location.hash === next) void route();
    else location.hash = next;
  });

  const verification = h('div', { class: 'verification card', id: 'verification', 'aria-live': 'polite' });
  const runVerification = async () => {
    verification.replaceChildren(h('p', { class: 'muted' }, 'Re-hashing every chain…'));
    try {
      const result = await api('/api/audit/verify');
      const at = instantText(new Date().toISOString());
      verification.replaceChildren(
        result.ok
          ? h(
              'p',
              { class: 'chain-mark chain-mark--ok', id: 'verify-result' },
              `✓ Chain verified at ${at}: ${formatNumber(result.checked)} events re-hashed; every chain is intact and matches its participant's record.`,
            )
          : h(
              'p',
              { class: 'chain-mark chain-mark--broken', role: 'alert', id: 'verify-result' },
              `✗ Broken chain found at ${at} after checking ${formatNumber(result.checked)} events: ${result.firstBroken.treaty}, ${result.firstBroken.country}, event ${result.firstBroken.seq}${result.firstBroken.eventId ? ` (#${result.firstBroken.eventId})` : ''} — ${result.firstBroken.reason}.`,
            ),
        h('button', { type: 'button', class: 'button button--small no-print', onclick: () => void runVerification() }, 'Verify again'),
      );
    } catch (error) {
      verification.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, inWords(error, 'The verification could not run')));
    }
  };

  const tbody = h('tbody', {});
  const status = h('p', { class: 'muted', id: 'audit-count', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'button', hidden: true, id: 'audit-more' }, 'Load more events');
  const table = h(
    'table',
    { class: 'data audit', id: 'audit-table' },
    h('caption', {}, 'Audit events in the order they were recorded'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        [
          '#',
          'Recorded (UTC)',
          'Treaty',
          'Country',
          'Act',
          'From → to',
          'Effective date',
          'Actor',
          'Reference',
          'Note or reason',
          'Hash',
        ].map((label) => h('th', { scope: 'col' }, label)),
      ),
    ),
    tbody,
  );
  const active = AUDIT_FILTERS.filter((key) => filter[key]).map((key) => `${key} ${filter[key]}`);
  main().replaceChildren(
    h('h1', {}, 'Audit trail'),
    h(
      'p',
      { class: 'muted' },
      'Every act, correction and system step, as recorded: nothing is edited or deleted. Each event is chained by hash to the one before it for the same country.',
    ),
    h('section', { 'aria-labelledby': 'verify-title' }, h('h2', { id: 'verify-title' }, 'Verification'), verification),
    h(
      'section',
      { 'aria-labelledby': 'events-title' },
      h('h2', { id: 'events-title' }, 'Events'),
      form,
      h('p', { class: 'muted' }, active.length ? `Filtered by ${active.join(', ')}.` : 'All events.'),
      status,
      h('div', { class: 'table-wrap' }, table),
      more,
    ),
  );
  void runVerification();

  let shown = 0;
  const load = async (cursor) => {
    more.disabled = true;
    try {
      const page = await api(`/api/audit/events?${query(filter, cursor ? { cursor, limit: '100' } : { limit: '100' })}`);
      if (!current(seq)) return;
      append(
        tbody,
        page.items.map((event) => auditRow(event, treaties, names)),
      );
      shown += page.items.length;
      status.textContent = shown
        ? `Showing ${plural(shown, 'event')}${page.nextCursor ? '; more are available' : ''}.`
        : 'No event matches these filters.';
      more.hidden = !page.nextCursor;
      more.disabled = false;
      more.onclick = () => void load(page.nextCursor);
    } catch (error) {
      if (current(seq)) formError.textContent = inWords(error, 'The events could not be read');
    }
  };
  await load(null);
}

function auditRow(event, treaties, names) {
  const treaty = treaties.find((candidate) => candidate.slug === event.treaty);
  const text = [event.note, event.reason ? `Reason: ${event.reason}` : null].filter(Boolean).join(' · ');
  return h(
    'tr',
    { dataset: { id: event.id } },
    h('td', { 'data-label': '#' }, String(event.id)),
    h(
      'td',
      { 'data-label': 'Recorded', class: 'nowrap' },
      h('time', { datetime: event.recordedAt }, instantText(event.recordedAt).replace(' UTC', '')),
    ),
    h(
      'td',
      { 'data-label': 'Treaty', class: 'nowrap' },
      treaty ? h('a', { href: treatyHref(event.treaty), title: treaty.title }, event.treaty) : event.treaty,
    ),
    h(
      'td',
      { 'data-label': 'Country' },
      h('a', { href: countryHref(event.treaty, event.country), title: names.get(event.country) ?? event.country }, event.country),
    ),
    h('td', { 'data-label': 'Act', title: EVENT_WORD[event.action] }, event.action),
    h('td', { 'data-label': 'From → to', class: 'nowrap' }, event.from ? `${event.from} → ${event.to}` : `→ ${event.to}`),
    h('td', { 'data-label': 'Effective date' }, day(event.date)),
    h(
      'td',
      { 'data-label': 'Actor', title: event.actor === 'system' ? 'the service' : ROLE_WORD[event.actor.role] },
      event.actor === 'system' ? 'system' : event.actor.email,
    ),
    h('td', { 'data-label': 'Reference' }, event.reference ?? ''),
    h('td', { 'data-label': 'Note or reason' }, text),
    h('td', { 'data-label': 'Hash', class: 'hash', title: `hash ${event.hash}\nprevious ${event.prevHash}` }, `${event.hash.slice(0, 8)}…`),
  );
}

/* ---------------------------------------------------------------- start */

document.getElementById('sign-out').addEventListener('click', () => {
  endSession('You are signed out.');
  history.replaceState(null, '', '#/');
});
window.addEventListener('hashchange', () => {
  flash('');
  void route();
});
void route();
