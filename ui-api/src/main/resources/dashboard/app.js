// The preptrack dashboard: one page over the public HTTP API, nothing fetched from another origin.
// Everything a person wrote is put on the page as text (textContent), never as markup.
'use strict';
(() => {
  const TOKEN_KEY = 'preptrack.token';
  const REFRESH_MS = 30000;
  const state = {
    token: null, candidate: 'me', rules: null, readiness: null, themes: null, feedback: null, stories: null,
    cell: null, story: null, openThemes: new Set(), trendChart: null,
  };
  const $ = (id) => document.getElementById(id);

  // ---------- small helpers ----------
  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value == null || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'text') el.textContent = value;
      else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? '' : value);
    }
    for (const kid of kids.flat()) {
      if (kid == null || kid === false) continue;
      el.append(kid instanceof Node ? kid : String(kid));
    }
    return el;
  }
  const day = (iso) => iso ? new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }) : '';
  const seconds = (s) => s >= 90 ? `${Math.round(s / 6) / 10} min` : `${Math.round(s)} s`;
  const level = (name) => String(name).replace(/-/g, ' ');
  const COMPONENT_NAMES = { openFeedback: 'open feedback' };
  const runs = (n) => `${n} run${n === 1 ? '' : 's'}`;
  const band = (score) => score == null ? 'band-none' : `band-${Math.min(9, Math.floor(score / 10))}`;
  const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2));

  function rubricOf(id) { return state.rules.rubrics.find((r) => r.id === id); }
  function sectionTitle(rubricId, sectionId) {
    const section = rubricOf(rubricId)?.sections.find((s) => s.id === sectionId);
    return section ? section.title : sectionId;
  }
  function feedbackItem(id) { return state.feedback?.items.find((item) => item.feedbackId === id); }

  function setStatus(text, down) {
    const el = $('status');
    el.textContent = text;
    el.classList.toggle('down', !!down);
  }

  // ---------- the API ----------
  class ApiError extends Error {
    constructor(status, problem) {
      super(problem?.detail || `HTTP ${status}`);
      this.status = status;
      this.problem = problem || {};
    }
  }

  /** A call of the API; options.body is sent as JSON, options.text as it is with options.contentType. */
  async function api(path, options = {}) {
    const headers = { Authorization: `Bearer ${state.token}`, ...(options.headers || {}) };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.text !== undefined) headers['Content-Type'] = options.contentType;
    const response = await fetch(`/api/v1${path}`, {
      method: options.method || 'GET', headers,
      body: options.text !== undefined ? options.text : options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    // The rules route answers the document as published; its version rides in a header.
    if (options.meta) Object.assign(options.meta, { version: response.headers.get('Preptrack-Rules-Version'), text });
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch (notJson) {
      body = { detail: `HTTP ${response.status}: ${text.slice(0, 200)}` };
    }
    if (response.status === 401) { askForToken('That token is not valid for this preptrack.'); throw new ApiError(401, body); }
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }
  const candidatePath = (rest) => `/candidates/${encodeURIComponent(state.candidate)}${rest}`;

  /** A refused write as one sentence naming what to change. */
  function explain(error) {
    if (!(error instanceof ApiError)) return `preptrack could not be reached (${error.message}); nothing was saved.`;
    const fields = (error.problem.errors || []).map((e) => `${e.field}: ${e.message}`);
    return fields.length ? fields.join('; ') : error.message;
  }

  // ---------- token and candidate, from the fragment (never sent to a server) ----------
  function readFragment() {
    const params = new URLSearchParams(location.hash.slice(1));
    if (!params.has('token') && !params.has('candidate')) return false;
    if (params.get('token')) sessionStorage.setItem(TOKEN_KEY, params.get('token'));
    // A link without a candidate opens on the default one, as the printed link promises.
    switchCandidate(params.get('candidate') || 'me');
    return true;
  }

  /** Another candidate: nothing chosen, opened or half-edited for the last one carries over. */
  function switchCandidate(candidate) {
    state.candidate = candidate;
    state.cell = null; state.story = null; state.edit = null; state.diff = null; state.openThemes.clear();
    $('candidate-input').value = candidate;
    // The token leaves the address bar at once: not in history, bookmarks or a screenshot.
    history.replaceState(null, '', location.pathname + (candidate !== 'me' ? `#candidate=${encodeURIComponent(candidate)}` : ''));
  }

  function askForToken(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    state.token = null;
    $('app').hidden = true;
    $('token-gate').hidden = false;
    $('token-error').textContent = message || '';
    $('token-input').focus();
  }

  // ---------- loading ----------
  let refreshing = null;
  async function refresh(after) {
    const query = after ? `?after=${encodeURIComponent(after)}` : '';
    const started = performance.now();
    try {
      const [readiness, themes, feedback, stories, versions] = await Promise.all([
        api(candidatePath(`/readiness${query}`)), api(candidatePath(`/themes${query}`)),
        api(candidatePath(`/feedback${query}`)), api(candidatePath(`/stories${query}`)), api('/rules/versions'),
      ]);
      // Reads switched to another rules version since the page loaded its rules: take the new ones.
      if (readiness.rulesVersion !== state.rules.version) await loadRules();
      Object.assign(state, { readiness, themes, feedback, stories, versions });
      renderAll();
      // The comparison with a dry run or the kept version comes after what the person came for.
      loadRulesDiff().then(renderRules);
      setStatus(`up to date ${new Date().toLocaleTimeString()} · ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      if (error.status !== 401) setStatus(`not updated: ${explain(error)}`, true);
    }
  }
  function refreshSoon(after) {
    refreshing = (refreshing || Promise.resolve()).then(() => refresh(after));
    return refreshing;
  }

  /** The active rules: the document (as published) and its version, which the header names, not the document. */
  async function loadRules() {
    const meta = {};
    const rules = await api('/rules', { meta });
    rules.version = Number(meta.version) || rules.version;
    state.rules = rules;
    state.rulesText = meta.text;
    $('rules-version').textContent = `rules v${rules.version}`;
  }

  async function start() {
    state.token = sessionStorage.getItem(TOKEN_KEY);
    if (!state.token) { askForToken(); return; }
    try {
      await loadRules();
    } catch (error) {
      if (error.status !== 401) setStatus(`preptrack is not answering: ${explain(error)}`, true);
      return;
    }
    $('token-gate').hidden = true;
    $('app').hidden = false;
    $('candidate-input').value = state.candidate;
    setupForms();
    await refresh();
    // When the page first shows where the person stands, for anyone measuring (the browser's dev tools).
    performance.mark('preptrack:standing-shown');
    drawTrend();
  }

  function renderAll() {
    renderHeatmap();
    renderThemes();
    renderStories();
    renderRules();
    fillStoryChoices();
  }

  // ---------- where you stand: the heat map ----------
  /** A mean overrun as a cell shows it: "+12 s over", "8 s under", "on time". */
  function overrun(over) {
    return over > 0 ? `+${seconds(over)} over` : over < 0 ? `${seconds(-over)} under` : 'on time';
  }

  function renderHeatmap() {
    const map = $('heatmap');
    const practised = state.readiness.rubrics.some((r) => r.sections.some((s) => s.attempts > 0));
    $('empty-hint').hidden = practised || state.stories.stories.length > 0;
    const focused = document.activeElement?.classList.contains('cell') ? document.activeElement.dataset : null;
    map.replaceChildren();
    for (const rubric of state.rules.rubrics) {
      const answer = state.readiness.rubrics.find((r) => r.rubric === rubric.id);
      const cells = rubric.sections.map((section) => {
        const s = answer?.sections.find((x) => x.section === section.id);
        const selected = state.cell && state.cell.rubric === rubric.id && state.cell.section === section.id;
        return h('button', {
          type: 'button', class: `cell ${band(s && s.attempts ? s.score : null)}`, 'aria-pressed': selected ? 'true' : 'false',
          'data-rubric': rubric.id, 'data-section': section.id,
          'aria-label': `${section.title}: ${s && s.attempts ? `${s.score}, ${level(s.level)}` : 'not practised'}`,
          onclick: () => selectCell(rubric.id, section.id),
        }, h('span', { class: 'name', text: section.title }),
        h('span', { class: 'score', text: s && s.attempts ? String(s.score) : '–' }),
        h('span', { class: 'meta', text: s && s.attempts ? `${level(s.level)} · ${runs(s.attempts)}`
          : s && s.overBudgetSeconds != null ? 'not reached: time ran out' : 'not practised' }),
        s && s.attempts && s.overBudgetSeconds != null ? h('span', {
          class: `meta timing ${s.overBudgetSeconds > 0 ? 'over' : 'within'}`, text: overrun(s.overBudgetSeconds) }) : null);
      });
      map.append(h('div', { class: 'rubric-row', 'data-rubric': rubric.id },
        h('div', { class: 'rubric-head' }, h('strong', { text: rubric.title }),
          h('span', { class: 'muted', text: answer ? `${answer.score} · ${level(answer.level)}` : 'nothing yet' })),
        h('div', { class: 'cells' }, cells)));
    }
    if (focused) map.querySelector(`.cell[data-rubric="${focused.rubric}"][data-section="${focused.section}"]`)?.focus();
    if (state.cell) renderSectionDetail();
  }

  function selectCell(rubric, section) {
    state.cell = { rubric, section };
    renderHeatmap();
    $('section-detail').focus();
  }

  function renderSectionDetail() {
    const { rubric, section } = state.cell;
    const answer = state.readiness.rubrics.find((r) => r.rubric === rubric);
    const s = answer?.sections.find((x) => x.section === section);
    const budget = rubricOf(rubric)?.sections.find((x) => x.id === section)?.budgetSeconds;
    const detail = $('section-detail');
    detail.hidden = false;
    detail.replaceChildren(h('h3', { text: `${sectionTitle(rubric, section)} — ${rubricOf(rubric)?.title || rubric}` }));
    if (!s || !s.attempts) {
      detail.append(h('p', { class: 'muted', text: 'Not practised yet. Log a session below to start.' }));
      // A section only ever run out of time before has its timing to tell.
      if (s && s.overBudgetSeconds != null) {
        detail.append(h('ul', { class: 'reasons' }, s.reasons.map((reason) => h('li', { text: reason }))));
      }
      return;
    }
    detail.append(h('p', {}, h('strong', { text: `${s.score} · ${level(s.level)}` }),
      ` — ${runs(s.attempts)}, last ${day(s.lastPracticedAt)}`, budget ? `, budget ${seconds(budget)}` : ''));
    if (s.overBudgetSeconds != null) {
      const over = s.overBudgetSeconds;
      detail.append(h('p', { class: 'timing-note', text: over > 0
        ? `Recent runs go ${seconds(over)} over the budget on average.`
        : over < 0 ? `Recent runs finish ${seconds(-over)} inside the budget on average.`
          : 'Recent runs finish on the budget on average.' }));
    }
    const grid = h('div', { class: 'components' });
    for (const [name, value] of Object.entries(s.components)) {
      const meter = h('div', { class: 'meter' }, h('span'));
      meter.firstChild.style.width = `${Math.round(value * 100)}%`;
      grid.append(h('span', { text: COMPONENT_NAMES[name] || name }), meter, h('span', { text: `${Math.round(value * 100)}%` }));
    }
    detail.append(grid, h('ul', { class: 'reasons' }, s.reasons.map((reason) => h('li', { text: reason }))));
    if (s.openFeedback.length) {
      detail.append(h('h3', { text: 'Open feedback on this section' }), h('ul', { class: 'evidence' },
        s.openFeedback.map((id) => evidenceItem(feedbackItem(id) || { feedbackId: id, text: id }))));
    }
  }

  // ---------- over time: the line chart ----------
  function fillTrendChoices() {
    const rubricSelect = $('trend-rubric');
    rubricSelect.replaceChildren(...state.rules.rubrics.map((r) => h('option', { value: r.id, text: r.title })));
    fillTrendSections();
  }
  function fillTrendSections() {
    const rubric = rubricOf($('trend-rubric').value);
    $('trend-section').replaceChildren(h('option', { value: '', text: 'whole rubric' }),
      ...rubric.sections.map((s) => h('option', { value: s.id, text: s.title })));
  }

  async function drawTrend() {
    const rubric = $('trend-rubric').value;
    const section = $('trend-section').value;
    const range = $('trend-range').value;
    const daysBack = Number(range.slice(1, -1));
    const from = new Date(Date.now() - daysBack * 86400000).toISOString().slice(0, 10);
    const step = daysBack > 120 ? 'P7D' : 'P1D';
    const params = new URLSearchParams({ rubric, from, step });
    if (section) params.set('section', section);
    let series;
    try {
      series = await api(candidatePath(`/readiness/history?${params}`));
    } catch (error) {
      $('trend-summary').textContent = `Cannot draw: ${explain(error)}`;
      return;
    }
    const xs = series.points.map((p) => Date.parse(p.at) / 1000);
    const ys = series.points.map((p) => p.score);
    const el = $('trend-chart');
    const width = Math.max(280, el.clientWidth);
    const options = {
      width, height: 240,
      scales: { y: { range: [0, 100] } },
      axes: [{}, { values: (u, ticks) => ticks.map((t) => String(t)) }],
      series: [{ label: 'day', value: (u, v) => v == null ? '–' : day(new Date(v * 1000).toISOString()) },
        { label: section ? sectionTitle(rubric, section) : rubricOf(rubric).title, stroke: '#2f5bd3', width: 2,
          value: (u, v) => v == null ? '–' : String(v), points: { show: series.points.length < 60 } }],
      legend: { show: true },
    };
    if (state.trendChart) state.trendChart.destroy();
    el.replaceChildren();
    if (window.uPlot) state.trendChart = new window.uPlot(options, [xs, ys], el);
    const first = ys.find((y) => y > 0);
    const last = ys[ys.length - 1];
    const since = first == null ? null : series.points[ys.indexOf(first)];
    $('trend-summary').textContent = first == null ? 'No practice in this period.'
      : since === series.points[series.points.length - 1] ? `${last} now; first practised in this period today.`
        : `${last} now; ${last - first >= 0 ? 'up' : 'down'} ${Math.abs(last - first)} since ${day(since.at)}.`;
  }

  // ---------- feedback themes ----------
  function renderThemes() {
    const items = state.feedback.items;
    const weaknesses = state.themes.themes.filter((t) => t.theme !== 'praise');
    const list = $('theme-list');
    list.replaceChildren();
    if (!weaknesses.length) list.append(h('li', { class: 'muted empty', text: 'No criticism recorded yet.' }));
    for (const theme of weaknesses) {
      const open = state.openThemes.has(theme.theme);
      const toggle = h('button', {
        type: 'button', class: 'small secondary evidence-toggle', 'aria-expanded': open ? 'true' : 'false',
        onclick: () => { open ? state.openThemes.delete(theme.theme) : state.openThemes.add(theme.theme); renderThemes(); },
      }, open ? 'hide evidence' : 'evidence');
      const li = h('li', { class: 'theme', 'data-theme': theme.theme },
        h('div', { class: 'theme-head' }, h('strong', { text: theme.title }),
          h('span', { class: 'count', text: `×${theme.count}` }),
          h('span', { class: 'muted', text: `${theme.sources} ${theme.sources === 1 ? 'person' : 'people'}` }),
          h('span', { class: `pill ${theme.status}`, title: (theme.stories || [])
            .map((story) => `${story.storyId || 'no story'}: ${story.status} — ${story.why}`).join('\n'),
          text: theme.status === 'open' ? `${theme.open} open` : theme.open ? `${theme.status} · ${theme.open} open` : theme.status }),
          h('span', { class: 'muted', text: `${theme.trend} · last ${day(theme.lastSeen)}` }), toggle));
      if (open) {
        const evidence = items.filter((item) => item.themes.includes(theme.theme))
          .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
        const where = [(theme.sections || []).map((s) => `${s.name} ×${s.count}`).join(', '),
          (theme.givers || []).map((g) => `${g.name} ×${g.count}`).join(', ')];
        li.append(h('p', { class: 'muted concentrates' }, where[0] ? `sections: ${where[0]} · ` : '', `from: ${where[1]}`),
          h('ul', { class: 'plain story-status' }, (theme.stories || []).map((story) => h('li', {},
            h('span', { class: `pill ${story.status}`, text: story.status }), ' ',
            h('strong', { text: story.storyId || 'no story' }), ` — ${story.why}`))),
          h('ul', { class: 'evidence' }, evidence.map(evidenceItem)));
      }
      list.append(li);
    }
    // Praise only: an item that praises and asks for a change counts for the change.
    const strengths = items.filter((item) => item.status === 'no-change-asked');
    $('strength-list').replaceChildren(...(strengths.length ? strengths.slice(-8).reverse().map((item) =>
      h('li', {}, `“${item.text}” `, h('span', { class: 'muted', text: `— ${item.source.name}, ${day(item.occurredAt)}` })))
      : [h('li', { class: 'muted', text: 'No praise recorded yet.' })]));
    const unsorted = state.themes.unsorted || [];
    const byId = new Map(items.map((item) => [item.feedbackId, item]));
    $('unsorted-list').replaceChildren(...(unsorted.length ? unsorted.map((u) => {
      const li = evidenceItem(byId.get(u.feedbackId) || { feedbackId: u.feedbackId, text: u.text, themes: [] });
      if (u.suggestions.length) li.append(' ', h('span', { class: 'muted', text: `maybe ${u.suggestions.map(themeTitle).join(' or ')}` }));
      return li;
    }) : [h('li', { class: 'muted', text: 'Every item has a theme.' })]));
    const emerging = state.themes.emerging || [];
    // A refresh must not pull a name from under someone typing it.
    if (!$('emerging').contains(document.activeElement)) $('emerging').replaceChildren(...(emerging.length ? [h('h3', { text: 'Emerging' }),
      h('p', { class: 'muted', text: 'Unsorted items alike enough to be one theme. Name one and it becomes a theme of yours.' }),
      h('ul', { class: 'plain emerging-list' }, emerging.map(emergingCluster))] : []));
  }

  /** One cluster of unsorted items: its words, its latest items, and a form to name it as a theme of the candidate's own. */
  function emergingCluster(cluster) {
    const title = h('input', { type: 'text', name: 'title', maxlength: '80', required: true,
      value: cluster.label === 'other' ? '' : cluster.label.split(' / ')[0], 'aria-label': `name for “${cluster.label}”` });
    const form = h('form', { class: 'name-theme', onsubmit: async (event) => {
      event.preventDefault();
      const save = form.querySelector('button[type=submit]');
      save.disabled = true;
      try {
        const result = await api(candidatePath('/themes'), { method: 'POST',
          body: { title: title.value.trim(), feedbackIds: cluster.feedbackIds }, headers: { 'Idempotency-Key': newKey() } });
        setStatus(`Saved: “${title.value.trim()}” is a theme of yours now, with ${cluster.feedbackIds.length} items; later items worded like them follow.`);
        await refreshSoon(result.position);
      } catch (error) { setStatus(explain(error), true); save.disabled = false; }
    } }, title, h('button', { type: 'submit', class: 'small' }, 'name this theme'));
    return h('li', {}, h('strong', { text: cluster.label }), ` ×${cluster.count}`,
      h('ul', { class: 'evidence' }, (cluster.examples || []).map((example) => h('li', { text: `“${example.text}”` }))), form);
  }

  function themeTitle(id) {
    return state.rules.themes.definitions.find((theme) => theme.id === id)?.title
      || state.themes?.themes?.find((theme) => theme.theme === id)?.title || id;
  }

  function evidenceItem(item) {
    const where = item.storyId ? `${item.storyId}${item.section ? ` · ${sectionTitle(item.rubric, item.section)}` : ''}` : '';
    const li = h('li', { 'data-feedback': item.feedbackId },
      h('span', { text: `“${item.text}”` }), ' ',
      h('span', { class: 'who', text: [item.source ? `${item.source.name} (${item.source.role})` : '', day(item.occurredAt), where]
        .filter(Boolean).join(' · ') }), ' ',
      item.status ? h('span', { class: `pill ${item.status}`, text: item.status }) : null);
    if (item.source) {
      const triage = (decision, label) => h('button', { type: 'button', class: 'small secondary',
        onclick: async (event) => {
          event.target.disabled = true;
          try {
            const result = await api(candidatePath(`/feedback/${encodeURIComponent(item.feedbackId)}/triage`),
              { method: 'POST', body: { decision }, headers: { 'Idempotency-Key': newKey() } });
            await refreshSoon(result.position);
          } catch (error) { setStatus(explain(error), true); event.target.disabled = false; }
        } }, label);
      const correcting = state.correcting === item.feedbackId;
      li.append(h('span', { class: 'actions' }, item.status === 'open'
        ? [triage('addressed', 'mark addressed'), triage('wont-fix', "won't fix")]
        : item.status === 'no-change-asked' ? [] : [triage('reopened', 'reopen')],
        h('button', { type: 'button', class: 'small secondary', 'aria-expanded': correcting ? 'true' : 'false',
          'data-correct': item.feedbackId,
          onclick: () => { state.correcting = correcting ? null : item.feedbackId; renderThemes(); } }, 'themes…')));
      if (item.correction) {
        li.append(' ', h('span', { class: 'muted', text: `themes set by ${item.correction.by}${item.correction.note ? `: “${item.correction.note}”` : ''}` }));
      } else if (item.learnedFrom) {
        li.append(' ', h('span', { class: 'muted', text: 'themes as for a similar item you corrected' }));
      }
      if (correcting) li.append(correctionForm(item));
    }
    return li;
  }

  /** Which themes an item really carries: every theme of the rules, the item's own ticked, and a note. */
  function correctionForm(item) {
    const boxes = state.rules.themes.definitions.map((theme) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'theme', value: theme.id, checked: item.themes.includes(theme.id) }), ` ${theme.title}`));
    const note = h('input', { type: 'text', name: 'note', maxlength: '2000', placeholder: 'why (optional)', 'aria-label': 'why' });
    const form = h('form', { class: 'correction', 'data-feedback': item.feedbackId,
      onsubmit: async (event) => {
        event.preventDefault();
        const themes = [...form.querySelectorAll('input[name=theme]:checked')].map((box) => box.value);
        const save = form.querySelector('button[type=submit]');
        save.disabled = true;
        try {
          const result = await api(candidatePath(`/feedback/${encodeURIComponent(item.feedbackId)}/themes`),
            { method: 'POST', body: note.value.trim() ? { themes, note: note.value.trim() } : { themes },
              headers: { 'Idempotency-Key': newKey() } });
          state.correcting = null;
          setStatus(themes.length ? `Saved: it is about ${themes.join(', ')}. Later items worded like it follow.`
            : 'Saved: no theme fits it; it stays unsorted.');
          await refreshSoon(result.position);
        } catch (error) { setStatus(explain(error), true); save.disabled = false; }
      } },
      h('fieldset', {}, h('legend', { text: 'What is this feedback really about?' }), boxes), note,
      h('button', { type: 'submit', class: 'small' }, 'save themes'));
    return form;
  }

  // ---------- stories: versions, diffs, edits ----------
  function renderStories() {
    const stories = state.stories.stories;
    const list = $('story-list');
    list.replaceChildren(...(stories.length ? stories.map((story) => {
      const score = state.readiness.stories?.find((s) => s.storyId === story.storyId);
      return h('li', {}, h('button', { type: 'button', class: 'story', 'data-story': story.storyId,
        'aria-current': state.story === story.storyId ? 'true' : 'false', onclick: () => selectStory(story.storyId) },
      story.title, h('span', { class: 'sub', text: `${rubricOf(story.rubric)?.title || story.rubric} · v${story.version}`
        + `${score ? ` · ${score.score}` : ''}${story.retired ? ' · retired' : ''}` })));
    }) : [h('li', { class: 'muted', text: 'No stories yet.' })]));
    if (!state.story) return;
    // A refresh must not pull the text box from under someone typing: redraw only when the story changed.
    const story = stories.find((s) => s.storyId === state.story);
    const key = story ? `${story.storyId}:${story.version}:${state.feedback.items.length}` : '';
    if (key !== state.storyKey || !$('story-detail').contains(document.activeElement)) renderStoryDetail();
  }

  function selectStory(id) {
    state.story = id;
    state.diff = null;
    state.edit = null;
    renderStories();
  }

  function textAt(story, version) {
    const text = {};
    for (const v of story.versions) {
      if (v.version > version) break;
      Object.assign(text, v.text || {});
    }
    return text;
  }

  function meanScore(version) {
    const scores = version.attempts.flatMap((a) => a.feedbackScores.map((f) => f.score)
      .concat(a.selfScore != null ? [a.selfScore] : []));
    return scores.length ? { mean: scores.reduce((x, y) => x + y, 0) / scores.length, n: scores.length } : null;
  }

  function renderStoryDetail() {
    const story = state.stories.stories.find((s) => s.storyId === state.story);
    const detail = $('story-detail');
    state.storyKey = story ? `${story.storyId}:${story.version}:${state.feedback.items.length}` : '';
    if (!story) { detail.replaceChildren(h('p', { class: 'muted', text: 'Choose a story.' })); return; }
    const rubric = rubricOf(story.rubric);
    const order = (rubric ? rubric.sections.map((s) => s.id) : []);
    const versions = h('ol', { class: 'versions' }, story.versions.map((v, i) => {
      const before = i > 0 ? meanScore(story.versions[i - 1]) : null;
      const after = meanScore(v);
      const scores = before && after ? `scores ${before.mean.toFixed(1)} → ${after.mean.toFixed(1)} (${before.n} → ${after.n})`
        : after ? `scores ${after.mean.toFixed(1)} from ${after.n}` : 'no scores yet';
      return h('li', { 'data-version': v.version },
        h('strong', { text: `v${v.version}` }), ` ${day(v.occurredAt)} · `,
        v.version === 1 ? 'written' : `changed ${v.changedSections.map((s) => sectionTitle(story.rubric, s)).join(', ')}`,
        ` · ${v.attempts.length} attempts · ${scores}`, v.note ? h('div', { class: 'muted', text: v.note }) : null,
        v.feedbackAddressed.length ? h('ul', { class: 'evidence' }, v.feedbackAddressed.map((id) =>
          evidenceItem(feedbackItem(id) || { feedbackId: id, text: id }))) : null);
    }));

    const last = story.version;
    state.diff = state.diff || { a: Math.max(1, last - 1), b: last };
    const choose = (key) => h('select', { 'aria-label': key === 'a' ? 'from version' : 'to version',
      id: `diff-${key}`, onchange: (e) => { state.diff[key] = Number(e.target.value); renderStoryDetail(); } },
    story.versions.map((v) => h('option', { value: v.version, selected: v.version === state.diff[key], text: `v${v.version}` })));
    const a = textAt(story, state.diff.a);
    const b = textAt(story, state.diff.b);
    const sections = [...new Set([...order, ...Object.keys(a), ...Object.keys(b)])].filter((s) => s in a || s in b);
    const diff = h('div', { class: 'diff' }, sections.map((s) => h('div', { 'data-section': s },
      h('div', { class: 'section-name', text: `${sectionTitle(story.rubric, s)}${(a[s] || '') === (b[s] || '') ? '' : ' (changed)'}` }),
      h('div', { class: 'text' }, wordDiff(a[s] || '', b[s] || '')))));

    // replaceChildren, unlike h(), would write a null as the text "null".
    detail.replaceChildren(...[
      h('h3', { text: `${story.title} — v${story.version}${story.retired ? ' (retired)' : ''}` }),
      h('p', { class: 'muted', text: `${rubric?.title || story.rubric}${story.tags.length ? ` · ${story.tags.join(', ')}` : ''}` }),
      story.prompt ? h('p', { class: 'prompt', text: `“${story.prompt}”` }) : null,
      (story.notes || []).length ? h('details', {}, h('summary', { text: `Your private notes (${story.notes.length})` }),
        story.notes.map((note) => h('p', { class: 'private', text: note }))) : null,
      h('h3', { text: 'Versions' }), versions,
      h('div', { class: 'diff-controls' }, 'compare', choose('a'), 'with', choose('b')), diff,
      story.retired ? null : editForm(story, order)].filter((kid) => kid != null));
  }

  function editForm(story, order) {
    const edit = state.edit && state.edit.storyId === story.storyId ? state.edit
      : (state.edit = { storyId: story.storyId, expected: story.version, section: order[0], text: story.sections[order[0]] || '',
        addresses: new Set(), key: newKey(), conflict: null });
    const openOnStory = state.feedback.items.filter((item) => item.storyId === story.storyId && item.status === 'open');
    const sectionSelect = h('select', { id: 'edit-section', onchange: (e) => {
      edit.section = e.target.value; edit.text = story.sections[edit.section] || ''; renderStoryDetail();
    } }, order.map((s) => h('option', { value: s, selected: s === edit.section, text: sectionTitle(story.rubric, s) })));
    const text = h('textarea', { id: 'edit-text', rows: 5, oninput: (e) => { edit.text = e.target.value; } });
    text.value = edit.text;
    const form = h('form', { id: 'edit-form', class: 'form', onsubmit: (e) => { e.preventDefault(); saveEdit(story, edit); } },
      h('h3', { text: `Edit (against v${edit.expected})` }),
      h('label', {}, 'section', sectionSelect), h('label', { class: 'wide' }, 'text', text),
      openOnStory.length ? h('fieldset', {}, h('legend', { text: 'this edit addresses' }), openOnStory.map((item) =>
        h('label', { class: 'check' }, h('input', { type: 'checkbox', value: item.feedbackId, checked: edit.addresses.has(item.feedbackId),
          onchange: (e) => { e.target.checked ? edit.addresses.add(item.feedbackId) : edit.addresses.delete(item.feedbackId); } }),
        ` “${item.text}”`))) : null,
      edit.conflict ? h('div', { class: 'conflict', id: 'edit-conflict', role: 'alert' }, edit.conflict,
        h('div', {}, h('button', { type: 'button', class: 'secondary', onclick: () => {
          edit.expected = state.stories.stories.find((s) => s.storyId === story.storyId).version;
          edit.conflict = null; edit.key = newKey(); renderStoryDetail();
        } }, 'Edit the latest version, keeping my text'))) : null,
      h('button', { type: 'submit' }, 'Save a new version'),
      h('p', { id: 'edit-message', class: 'message', role: 'status' }));
    return form;
  }

  async function saveEdit(story, edit) {
    const message = $('edit-message');
    const body = { sections: { [edit.section]: edit.text } };
    if (edit.addresses.size) body.addressesFeedback = [...edit.addresses];
    try {
      const result = await api(candidatePath(`/stories/${encodeURIComponent(story.storyId)}`), {
        method: 'PUT', body, headers: { 'If-Match': `"${edit.expected}"`, 'Idempotency-Key': edit.key } });
      state.edit = null;
      state.diff = null;
      await refreshSoon(result.position);
      setStatus(`saved ${story.title} v${result.version}`);
    } catch (error) {
      if (error.status === 409 && error.problem.reason === 'STALE_VERSION') {
        await refreshSoon();
        edit.conflict = `This story changed while you were editing: you started from v${edit.expected}, it is now `
          + `v${error.problem.currentVersion}. Nothing was saved, and your text is still below. Look at the latest `
          + 'version above (compare it with yours), then save again on top of it.';
        renderStoryDetail();
        $('edit-conflict')?.focus();
      } else {
        message.className = 'message bad';
        message.textContent = `Not saved: ${explain(error)}`;
      }
    }
  }

  /** A word-level diff (longest common subsequence) of two texts, as text nodes, <del> and <ins>. */
  function wordDiff(before, after) {
    if (before === after) return [before || '—'];
    const x = before.split(/(\s+)/);
    const y = after.split(/(\s+)/);
    if (x.length * y.length > 4000000) return [h('del', { text: before }), h('ins', { text: after })];
    const n = x.length, m = y.length;
    const lcs = new Uint32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * (m + 1) + j] = x[i] === y[j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
      }
    }
    const out = [];
    const push = (kind, word) => {
      const last = out[out.length - 1];
      if (last && last.kind === kind) last.text += word; else out.push({ kind, text: word });
    };
    let i = 0, j = 0;
    while (i < n && j < m) {
      if (x[i] === y[j]) { push('same', x[i]); i++; j++; }
      else if (lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) { push('del', x[i]); i++; }
      else { push('ins', y[j]); j++; }
    }
    while (i < n) push('del', x[i++]);
    while (j < m) push('ins', y[j++]);
    return out.map((part) => part.kind === 'same' ? part.text : h(part.kind, { text: part.text }));
  }

  // ---------- forms: log a session, record feedback ----------
  let logKey = newKey();
  let feedbackKey = newKey();
  const timer = { section: null, started: 0, base: 0, handle: 0 };

  function fillStoryChoices() {
    const stories = state.stories.stories.filter((s) => !s.retired);
    for (const id of ['log-story', 'fb-story']) {
      const select = $(id);
      const current = select.value;
      select.replaceChildren(h('option', { value: '', text: '— none —' }),
        ...stories.map((s) => h('option', { value: s.storyId, text: s.title, 'data-rubric': s.rubric })));
      if ([...select.options].some((o) => o.value === current)) select.value = current;
    }
    fillFeedbackSections();
  }

  function renderLogSections() {
    stopTimer();
    const rubric = rubricOf($('log-rubric').value);
    $('log-sections').replaceChildren(...rubric.sections.map((section) => {
      const input = h('input', { class: 'seconds', type: 'number', min: 0, max: 36000, step: 1, inputmode: 'numeric',
        placeholder: 'sec', 'aria-label': `${section.title} seconds`,
        oninput: () => markOver(row, section) });
      const row = h('div', { class: 'log-section', 'data-section': section.id },
        h('span', {}, section.title, h('span', { class: 'budget', text: ` budget ${seconds(section.budgetSeconds)}` })),
        input,
        h('button', { type: 'button', class: 'secondary timer', 'aria-pressed': 'false',
          onclick: () => toggleTimer(section, row) }, '▶ time'),
        h('select', { class: 'self', 'aria-label': `${section.title} self-score` },
          h('option', { value: '', text: 'score' }), [1, 2, 3, 4, 5].map((n) => h('option', { value: n, text: String(n) }))),
        h('span', { class: 'budget over-note' }));
      return row;
    }));
  }

  function markOver(row, section) {
    const value = Number(row.querySelector('input.seconds').value);
    const note = row.querySelector('.over-note');
    const over = value - section.budgetSeconds;
    note.textContent = value ? (over > 0 ? `${seconds(over)} over` : `${seconds(-over)} under`) : '';
    note.classList.toggle('over', over > 0);
  }

  function toggleTimer(section, row) {
    const running = timer.section === section.id;
    stopTimer();
    if (running) return;
    const input = row.querySelector('input.seconds');
    const button = row.querySelector('.timer');
    timer.section = section.id;
    timer.base = Number(input.value) || 0;
    timer.started = performance.now();
    button.classList.add('running');
    button.setAttribute('aria-pressed', 'true');
    button.textContent = '■ stop';
    timer.handle = setInterval(() => {
      input.value = String(Math.round(timer.base + (performance.now() - timer.started) / 1000));
      markOver(row, section);
    }, 250);
  }
  function stopTimer() {
    if (!timer.section) return;
    clearInterval(timer.handle);
    const button = document.querySelector(`.log-section[data-section="${timer.section}"] .timer`);
    if (button) { button.classList.remove('running'); button.setAttribute('aria-pressed', 'false'); button.textContent = '▶ time'; }
    timer.section = null;
  }

  async function submitLog(event) {
    event.preventDefault();
    stopTimer();
    const message = $('log-message');
    const sections = [...document.querySelectorAll('.log-section')].filter((row) => row.querySelector('input.seconds').value !== '')
      .map((row) => {
        const entry = { section: row.dataset.section, seconds: Number(row.querySelector('input.seconds').value) };
        const self = row.querySelector('select.self').value;
        if (self) entry.selfScore = Number(self);
        return entry;
      });
    if (!sections.length) {
      message.className = 'message bad';
      message.textContent = 'Time at least one section (type the seconds or use its timer).';
      return;
    }
    const body = { rubric: $('log-rubric').value, mode: $('log-mode').value, sections };
    if ($('log-story').value) body.storyId = $('log-story').value;
    if ($('log-self').value) body.selfScore = Number($('log-self').value);
    try {
      const result = await api(candidatePath('/attempts'), { method: 'POST', body, headers: { 'Idempotency-Key': logKey } });
      logKey = newKey();
      message.className = 'message ok';
      message.textContent = `Logged ${sections.length} section${sections.length > 1 ? 's' : ''} (attempt ${result.id}).`;
      renderLogSections();
      await refreshSoon(result.position);
      drawTrend();
    } catch (error) {
      message.className = 'message bad';
      message.textContent = `Not logged: ${explain(error)}`;
    }
  }

  function fillFeedbackSections() {
    const option = $('fb-story').selectedOptions[0];
    const rubric = option && option.dataset.rubric ? rubricOf(option.dataset.rubric) : null;
    const current = $('fb-section').value;
    $('fb-section').replaceChildren(h('option', { value: '', text: rubric ? '— whole story —' : '— pick a story first —' }),
      ...(rubric ? rubric.sections.map((s) => h('option', { value: s.id, text: s.title })) : []));
    if ([...$('fb-section').options].some((o) => o.value === current)) $('fb-section').value = current;
  }

  async function submitFeedback(event) {
    event.preventDefault();
    const message = $('fb-message');
    const body = { text: $('fb-text').value, source: { name: $('fb-name').value, role: $('fb-role').value } };
    const option = $('fb-story').selectedOptions[0];
    if (option && option.value) { body.storyId = option.value; body.rubric = option.dataset.rubric; }
    if ($('fb-section').value) body.section = $('fb-section').value;
    if ($('fb-score').value) body.score = Number($('fb-score').value);
    try {
      const result = await api(candidatePath('/feedback'), { method: 'POST', body, headers: { 'Idempotency-Key': feedbackKey } });
      feedbackKey = newKey();
      $('fb-text').value = '';
      message.className = 'message ok';
      message.textContent = `Recorded (${result.id}).`;
      await refreshSoon(result.position);
    } catch (error) {
      message.className = 'message bad';
      message.textContent = `Not recorded: ${explain(error)}`;
    }
  }

  // ---------- importing notes ----------
  async function importNotes(dryRun) {
    const report = $('import-report');
    const files = [...$('import-files').files];
    const pasted = $('import-text').value;
    const inputs = await Promise.all(files.map(async (file) => ({ name: file.name, text: await file.text() })));
    if (pasted.trim()) inputs.push({ name: null, text: pasted });
    if (!inputs.length) {
      report.replaceChildren(h('p', { class: 'message bad', text: 'Choose Markdown files or paste notes first.' }));
      return;
    }
    report.replaceChildren(h('p', { class: 'muted', text: dryRun ? 'Reading…' : 'Importing…' }));
    const parts = [];
    let position = 0;
    let failed = false;
    for (const input of inputs) {
      const params = new URLSearchParams();
      if (input.name) params.set('name', input.name);
      if (dryRun) params.set('dryRun', 'true');
      try {
        const body = await api(candidatePath(`/imports?${params}`),
          { method: 'POST', text: input.text, contentType: 'text/markdown; charset=utf-8' });
        position = Math.max(position, Number(body.position || 0));
        parts.push(importSummary(input.name || 'pasted notes', body));
      } catch (error) {
        failed = true;
        if (error.status === 401) return;
        parts.push(h('div', { class: 'file' }, h('strong', { text: input.name || 'pasted notes' }),
          h('p', { class: 'message bad', text: `Not imported: ${explain(error)}` })));
      }
    }
    report.replaceChildren(...parts);
    if (!dryRun && position) {
      // Keep the inputs when a file failed, to try again (importing again adds nothing twice).
      if (!failed) {
        $('import-text').value = '';
        $('import-files').value = '';
      }
      await refreshSoon(String(position));
      drawTrend();
    }
  }

  function importSummary(name, report) {
    const counts = {};
    report.feedback.forEach((item) => { counts[item.status] = (counts[item.status] || 0) + 1; });
    return h('div', { class: 'file' },
      h('strong', { text: `${name}${report.dryRun ? ' — preview, nothing written' : ''}` }),
      h('ul', {}, report.stories.map((story) => h('li', {},
        h('span', { class: `pill ${story.status}`, text: story.status }), ' ',
        `${story.title} (${rubricOf(story.rubric)?.title || story.rubric}: ${story.sections.map((s) => sectionTitle(story.rubric, s)).join(', ') || 'no sections'})`,
        story.detail && story.status !== 'unchanged' ? h('div', { class: 'muted', text: story.detail }) : null))),
      report.feedback.length ? h('p', { text: `Feedback: ${Object.entries(counts).map(([status, n]) => `${n} ${status}`).join(', ')}`
        + ` — ${[...new Set(report.feedback.map((item) => item.source.name))].join(', ')}` }) : null,
      report.privateNotes.length ? h('p', { class: 'muted', text: `${report.privateNotes.length} private note(s) kept with the story, never read as feedback.` }) : null,
      report.skipped.length ? h('details', {}, h('summary', { text: `${report.skipped.length} line(s) not imported` }),
        h('ul', { class: 'skipped' }, report.skipped.map((line) => h('li', { text: `line ${line.line}: “${line.text}” — ${line.reason}` })))) : null);
  }

  // ---------- rules ----------
  /** The newest version besides the active one whose projections run: what a diff compares with. */
  function otherVersion() {
    const live = ['dry-run', 'caught-up', 'rebuilding', 'kept'];
    const others = (state.versions?.versions || []).filter((v) => v.version !== state.versions.active && live.includes(v.state));
    return others.length ? others[others.length - 1] : null;
  }

  async function loadRulesDiff() {
    const other = otherVersion();
    state.rulesDiff = null;
    if (!other || other.state === 'rebuilding') return;
    try {
      const [readiness, themes] = await Promise.all([
        api(candidatePath(`/readiness/diff?to=${other.version}`)), api(candidatePath(`/themes/diff?to=${other.version}`))]);
      state.rulesDiff = { version: other.version, readiness, themes };
    } catch (error) {
      state.rulesDiff = { version: other.version, error: explain(error) };
    }
  }

  function renderRules() {
    const rules = state.rules;
    const versions = state.versions?.versions || [];
    const active = versions.find((v) => v.version === rules.version);
    const rebuilding = versions.find((v) => v.state === 'rebuilding');
    $('rules-body').replaceChildren(...[
      h('p', {}, `Active: version ${rules.version}`, active?.publishedAt ? `, published ${day(active.publishedAt)}` : ' (as shipped)',
        '. Readiness levels: ', Object.entries(rules.readiness.levels).map(([name, from]) => `${name} from ${from}`).join(', '), '.'),
      ...rules.rubrics.map((rubric) => h('details', {}, h('summary', { text: `${rubric.title} (${rubric.sections.length} sections)` }),
        h('table', { class: 'rules-table' }, h('tr', {}, h('th', { text: 'section' }), h('th', { text: 'budget' }),
          h('th', { text: 'also written as' })),
        rubric.sections.map((s) => h('tr', {}, h('td', { text: s.title }), h('td', { text: seconds(s.budgetSeconds) }),
          h('td', { text: (s.aliases || []).join(', ') })))))),
      rebuilding ? replayProgress(rebuilding) : null,
      renderDiff(),
      versions.length > 1 ? versionsTable(versions) : null,
      rulesEditor()].filter(Boolean));
    if (rebuilding) watchReplay(rebuilding);
  }

  /** A rebuild under way: a bar that never shows 100 % before it has caught up, its rate and the time left. */
  function replayProgress(version) {
    const replay = state.replay && state.replay.version === version.version ? state.replay : null;
    const processed = replay ? replay.processed : 0;
    const total = replay ? replay.total : 0;
    const left = replay?.eta ? Math.max(0, Math.round((new Date(replay.eta) - Date.now()) / 1000)) : null;
    return h('div', { class: 'replay', id: 'replay-progress', role: 'status' },
      h('p', {}, h('strong', { text: `Rebuilding your history under version ${version.version}` }),
        version.dryRun ? ' (a dry run: it will not switch by itself)' : ' — reads switch to it once it has caught up'),
      h('progress', { max: Math.max(1, total), value: processed, 'aria-label': 'rebuild progress' }),
      h('p', { class: 'muted', text: replay ? `${processed.toLocaleString()} of ${total.toLocaleString()} records`
        + (replay.ratePerSecond != null ? ` · ${replay.ratePerSecond.toLocaleString()} records/s` : '')
        + (left != null ? ` · about ${seconds(left)} left` : '') : 'starting…' }));
  }

  let replayTimer = null;
  function watchReplay(version) {
    if (replayTimer) return;
    replayTimer = setTimeout(async () => {
      replayTimer = null;
      if (document.hidden) { watchReplay(version); return; }
      try {
        state.replay = await api(`/replays/${version.replayId}`);
      } catch (error) {
        watchReplay(version); // a moment's trouble: look again
        return;
      }
      if (['caught-up', 'switched', 'failed', 'cancelled'].includes(state.replay.state)) {
        state.replay = null;
        await refreshSoon();
      } else {
        // Only the bar: the editor below may be in use.
        $('replay-progress')?.replaceWith(replayProgress(version));
        watchReplay(version);
      }
    }, 1000);
  }

  /** What the other running version (a dry run, the kept one) does to this candidate's readiness and themes. */
  function renderDiff() {
    const diff = state.rulesDiff;
    if (!diff) return null;
    if (diff.error) return h('p', { class: 'muted', text: `Cannot compare with version ${diff.version}: ${diff.error}` });
    const rows = [];
    for (const rubric of diff.readiness.rubrics) {
      for (const section of rubric.sections) {
        if (section.score.change === 0) continue;
        rows.push(h('tr', {}, h('td', { text: rubricOf(rubric.rubric)?.title || rubric.rubric }),
          h('td', { text: sectionTitle(rubric.rubric, section.section) + (section.formerly ? ` (was ${section.formerly})` : '') }),
          h('td', { text: section.score.from ?? '–' }), h('td', { text: section.score.to ?? '–' }),
          h('td', { class: section.score.change > 0 ? 'up' : section.score.change < 0 ? 'down' : '',
            text: section.score.change == null ? '' : (section.score.change > 0 ? '+' : '') + section.score.change })));
      }
    }
    const themes = [...diff.themes.themes, ...diff.themes.strengths].filter((t) => t.change !== 'same');
    return h('div', { class: 'rules-diff' },
      h('h3', { text: `What version ${diff.version} changes for ${state.candidate} (against version ${diff.readiness.from})` }),
      rows.length ? h('table', { class: 'rules-table' }, h('tr', {}, h('th', { text: 'rubric' }), h('th', { text: 'section' }),
        h('th', { text: `v${diff.readiness.from}` }), h('th', { text: `v${diff.readiness.to}` }), h('th', { text: 'change' })), rows)
        : h('p', { class: 'muted', text: 'No readiness score changes.' }),
      themes.length ? h('ul', {}, themes.map((t) => h('li', { text: `${t.title || t.theme}: ${t.change}`
        + (t.change === 'changed' ? ` (${t.fromCount} → ${t.toCount}${t.fromStatus !== t.toStatus ? `, ${t.fromStatus} → ${t.toStatus}` : ''})` : '') })))
        : h('p', { class: 'muted', text: 'No theme changes.' }));
  }

  function versionsTable(versions) {
    const act = (version, path, label) => h('button', { type: 'button', class: 'small secondary', onclick: async (event) => {
      event.target.disabled = true;
      try {
        await api(`/rules/${version.version}/${path}`, { method: 'POST' });
        sayRules(`Done: ${label} version ${version.version}.`);
      } catch (error) {
        sayRules(explain(error));
      }
      await refreshSoon();
    } }, `${label} v${version.version}`);
    return h('table', { class: 'rules-table' }, h('caption', { text: 'Versions' }),
      h('tr', {}, h('th', { text: 'version' }), h('th', { text: 'state' }), h('th', { text: 'published' }), h('th', { text: '' })),
      [...versions].reverse().map((v) => h('tr', {}, h('td', { text: v.version }),
        h('td', { text: v.state + (v.dryRun && v.state !== 'dry-run' ? ' (published as a dry run)' : '')
          + (v.why && v.why !== v.state ? ` — ${v.why}` : '') }),
        h('td', { text: v.publishedAt ? day(v.publishedAt) : 'shipped' }),
        h('td', {}, ['dry-run', 'caught-up'].includes(v.state) ? act(v, 'activate', 'switch to')
          : v.state === 'kept' ? act(v, 'activate', 'roll back to') : null,
          !['active', 'retired', 'failed'].includes(v.state) ? act(v, 'retire', v.state === 'kept' ? 'retire'
            : v.state === 'rebuilding' || v.state === 'queued' ? 'cancel' : 'discard') : null))));
  }

  /**
   * The active document, to edit and publish again: preview it as a dry run first, or publish it at once.
   * Made once and kept across the page's refreshes, so someone typing keeps their place.
   */
  let editor = null;
  function rulesEditor() {
    if (editor) {
      if (state.rulesDraft == null && document.activeElement !== editor.text) editor.text.value = state.rulesText ?? '';
      return editor.element;
    }
    const text = h('textarea', { id: 'rules-text', rows: 16, spellcheck: 'false', 'aria-label': 'rules document (JSON)',
      oninput: (event) => { state.rulesDraft = event.target.value; } });
    text.value = state.rulesText ?? '';
    const publish = (dryRun) => async () => {
      sayRules('checking…');
      // One key per document and kind: clicking again after an unanswered try cannot publish it twice.
      const attempt = `${dryRun}:${text.value}`;
      if (state.rulesKey?.attempt !== attempt) state.rulesKey = { attempt, key: newKey() };
      try {
        const answer = await api(`/rules${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', text: text.value,
          contentType: 'application/json', headers: { 'Idempotency-Key': state.rulesKey.key } });
        state.rulesDraft = null;
        state.rulesKey = null;
        sayRules(`Published as version ${answer.version}${dryRun
          ? ': a dry run, rebuilding your history now; what it changes shows here once it has caught up.'
          : ': rebuilding your history now; reads switch to it once it has caught up.'}`);
      } catch (error) {
        sayRules(`Not published: ${explain(error)}`);
      }
      await refreshSoon();
    };
    const element = h('details', { class: 'rules-editor' }, h('summary', { text: 'Change the rules' }),
      h('p', { class: 'muted', text: 'The active document, exactly as published (docs/rules-format.md). Edit it, preview what it does to '
        + 'your history with a dry run, then switch to it — or publish it at once. Nothing changes if it is invalid.' }),
      text,
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: publish(true) }, 'Preview as a dry run'),
        h('button', { type: 'button', class: 'secondary', onclick: publish(false) }, 'Publish')),
      h('p', { id: 'rules-message', role: 'status', text: state.rulesMessage }));
    editor = { element, text };
    return element;
  }

  function sayRules(text) {
    state.rulesMessage = text;
    if ($('rules-message')) $('rules-message').textContent = text;
  }

  // ---------- wiring ----------
  let formsReady = false;
  function setupForms() {
    if (formsReady) return;
    formsReady = true;
    $('log-rubric').replaceChildren(...state.rules.rubrics.map((r) => h('option', { value: r.id, text: r.title })));
    $('log-rubric').addEventListener('change', renderLogSections);
    $('log-story').addEventListener('change', () => {
      const option = $('log-story').selectedOptions[0];
      if (option && option.dataset.rubric) { $('log-rubric').value = option.dataset.rubric; renderLogSections(); }
    });
    $('log-form').addEventListener('submit', submitLog);
    $('fb-story').addEventListener('change', fillFeedbackSections);
    $('feedback-form').addEventListener('submit', submitFeedback);
    $('import-form').addEventListener('submit', (event) => { event.preventDefault(); importNotes(false); });
    $('import-preview').addEventListener('click', () => importNotes(true));
    renderLogSections();
    fillTrendChoices();
    $('trend-rubric').addEventListener('change', () => { fillTrendSections(); drawTrend(); });
    $('trend-section').addEventListener('change', drawTrend);
    $('trend-range').addEventListener('change', drawTrend);
    window.addEventListener('resize', () => {
      if (state.trendChart) state.trendChart.setSize({ width: Math.max(280, $('trend-chart').clientWidth), height: 240 });
    });
  }

  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('token-input').value.trim());
    $('token-input').value = '';
    start();
  });
  $('candidate-form').addEventListener('submit', (event) => event.preventDefault());
  $('candidate-input').addEventListener('change', () => {
    switchCandidate($('candidate-input').value.trim() || 'me');
    refresh().then(drawTrend);
  });
  window.addEventListener('hashchange', () => { if (readFragment()) start(); });
  // Writes made elsewhere (the CLI, another tab) show up when the tab is looked at, and twice a minute while it is.
  document.addEventListener('visibilitychange', () => { if (!document.hidden && state.rules) refreshSoon(); });
  setInterval(() => { if (!document.hidden && state.rules && state.token) refreshSoon(); }, REFRESH_MS);

  readFragment();
  start();
})();
