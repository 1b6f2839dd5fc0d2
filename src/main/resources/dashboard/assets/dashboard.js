// The operations dashboard: draws /api/dashboard/figures with Chart.js and redraws every 10 s.
// window.countersignCharts exposes the charts, so a test can read back what was drawn.
const REFRESH_MS = 10000;
const COLOURS = ['#1565c0', '#2e7d32', '#ef6c00', '#c62828', '#6a1b9a', '#00838f', '#9e9d24', '#5d4037'];
const DECISION_COLOURS = { approve: '#2e7d32', edit: '#ef6c00', reject: '#c62828', auto: '#1565c0' };
const charts = {};
window.countersignCharts = charts;

function colour(i) { return COLOURS[i % COLOURS.length]; }
function unique(values) { return [...new Set(values)]; }

// Creates the chart the first time and updates it in place afterwards, so a refresh does not flicker.
function draw(id, type, labels, datasets, options = {}) {
  const existing = charts[id];
  if (existing) {
    existing.data.labels = labels;
    existing.data.datasets = datasets;
    existing.update('none');
    return;
  }
  charts[id] = new Chart(document.getElementById(id), {
    type,
    data: { labels, datasets },
    options: Object.assign({ animation: false, responsive: true, plugins: { legend: { position: 'bottom' } } }, options),
  });
}

const stacked = { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } };

function queue(rows) {
  const buckets = [['underOneHour', '< 1 h'], ['oneToEightHours', '1–8 h'], ['eightToTwentyFourHours', '8–24 h'],
    ['olderThanADay', '> 24 h']];
  const datasets = buckets.map(([key, label], i) => ({ label, data: rows.map(r => r[key]), backgroundColor: colour(i), stack: 'age' }));
  datasets.push({ label: 'overdue', data: rows.map(r => r.overdue), backgroundColor: '#c62828', stack: 'overdue' });
  draw('chart-queue', 'bar', rows.map(r => r.group), datasets, stacked);
}

function throughput(rows) {
  const hours = unique(rows.map(r => r.hour)).sort();
  const decisions = unique(rows.map(r => r.decision)).sort();
  draw('chart-throughput', 'bar', hours, decisions.map(decision => ({
    label: decision,
    backgroundColor: DECISION_COLOURS[decision] || '#777',
    data: hours.map(h => rows.filter(r => r.hour === h && r.decision === decision).reduce((s, r) => s + r.count, 0)),
  })), stacked);
  const useCases = unique(rows.map(r => r.useCase)).sort();
  const total = u => rows.filter(r => r.useCase === u).reduce((s, r) => s + r.count, 0);
  draw('chart-rates', 'bar', useCases, ['approve', 'edit', 'reject', 'auto'].map(decision => ({
    label: decision,
    backgroundColor: DECISION_COLOURS[decision],
    data: useCases.map(u => {
      const n = rows.filter(r => r.useCase === u && r.decision === decision).reduce((s, r) => s + r.count, 0);
      return total(u) ? Math.round(1000 * n / total(u)) / 10 : 0;
    }),
  })), { scales: { x: { stacked: true }, y: { stacked: true, max: 100, title: { display: true, text: '%' } } } });
}

function timeToDecision(rows) {
  draw('chart-time', 'bar', rows.map(r => r.riskTier), [
    { label: 'p50 (minutes)', data: rows.map(r => r.p50Minutes), backgroundColor: colour(0) },
    { label: 'p90 (minutes)', data: rows.map(r => r.p90Minutes), backgroundColor: colour(2) },
  ]);
}

function escalations(rows) {
  const tasks = unique(rows.map(r => r.task)).sort();
  const decisions = unique(rows.map(r => r.decision)).sort();
  draw('chart-escalations', 'bar', tasks.map(t => t.replace('UserTask_', '')), decisions.map(decision => ({
    label: decision,
    backgroundColor: DECISION_COLOURS[decision] || '#777',
    data: tasks.map(t => rows.filter(r => r.task === t && r.decision === decision).reduce((s, r) => s + r.count, 0)),
  })), stacked);
}

function incidents(figures) {
  document.getElementById('incidents-open').textContent = `${figures.open} open`;
  const list = document.getElementById('incidents');
  list.replaceChildren(...figures.latest.map(i => {
    const item = cs.el('li', `${i.activityId}: ${i.message || i.type} `);
    item.append(cs.link(i.cockpitLink, 'open in Cockpit'));
    return item;
  }));
}

function llm(stages, tokens, currency) {
  const topics = unique(stages.map(s => s.topic)).sort();
  const outcomes = unique(stages.map(s => s.outcome)).sort();
  draw('chart-llm-calls', 'bar', topics, outcomes.map((outcome, i) => ({
    label: outcome,
    backgroundColor: outcome === 'success' ? '#2e7d32' : colour(i + 2),
    data: topics.map(t => stages.filter(s => s.topic === t && s.outcome === outcome).reduce((sum, s) => sum + s.calls, 0)),
  })), stacked);
  const succeeded = topics.map(t => stages.find(s => s.topic === t && s.outcome === 'success') || { p50Millis: 0, p95Millis: 0 });
  draw('chart-llm-latency', 'bar', topics, [
    { label: 'p50 (ms)', data: succeeded.map(s => Math.round(s.p50Millis)), backgroundColor: colour(0) },
    { label: 'p95 (ms)', data: succeeded.map(s => Math.round(s.p95Millis)), backgroundColor: colour(2) },
  ]);
  const useCases = unique(tokens.map(t => t.useCase)).sort();
  const sum = (u, key) => tokens.filter(t => t.useCase === u).reduce((s, t) => s + t[key], 0);
  draw('chart-tokens', 'bar', useCases, [
    { label: 'prompt tokens', data: useCases.map(u => sum(u, 'promptTokens')), backgroundColor: colour(0) },
    { label: 'completion tokens', data: useCases.map(u => sum(u, 'completionTokens')), backgroundColor: colour(1) },
  ], stacked);
  const priced = tokens.filter(t => t.cost !== null);
  const models = unique(priced.map(t => t.model)).sort();
  draw('chart-cost', 'bar', models, [{
    label: `estimated cost (${currency})`,
    backgroundColor: colour(4),
    data: models.map(m => priced.filter(t => t.model === m).reduce((s, t) => s + Number(t.cost), 0)),
  }]);
  const unpriced = unique(tokens.filter(t => t.cost === null).map(t => t.model));
  document.getElementById('cost-note').textContent = unpriced.length
    ? `No price configured for: ${unpriced.join(', ')} (countersign.dashboard.prices).` : '';
}

function automation(figures) {
  const recent = figures.recent;
  document.getElementById('kill-switch').textContent = figures.halted
    ? 'Kill switch ON: every draft goes to a person' : 'Kill switch off';
  const audits = Object.entries(recent.auditsByDecision);
  draw('chart-automation', 'doughnut', ['auto-approved', 'decided by people', ...audits.map(([d]) => `audit: ${d}`)], [{
    data: [recent.autoApproved, recent.decidedByPeople, ...audits.map(([, n]) => n)],
    backgroundColor: ['#1565c0', '#9e9e9e', ...audits.map(([d]) => DECISION_COLOURS[d] || '#777')],
  }], { aspectRatio: 2 });
}

function learning(figures) {
  const useCases = Object.keys(figures.memorySize).sort();
  draw('chart-memory', 'bar', useCases, [{
    label: 'memory size (recallable decided requests)', data: useCases.map(u => figures.memorySize[u]), backgroundColor: colour(5),
  }]);
  document.getElementById('champions').replaceChildren(...figures.champions.map(c =>
    cs.el('li', `${c.useCase}: prompt ${c.promptVersion || 'default'}, model ${c.model || 'configured model'}`)));
  document.getElementById('retrainings').replaceChildren(...figures.retrainings.map(r =>
    cs.el('li', `${r.createdAt.slice(0, 16)} ${r.useCase}: ${r.candidate} (${r.backend}) ${r.status}${r.error ? ' – ' + r.error : ''}`)));
}

async function refresh() {
  const status = document.getElementById('status');
  try {
    const figures = await cs.json('/api/dashboard/figures');
    queue(figures.queue);
    throughput(figures.decisionsPerHour);
    timeToDecision(figures.timeToDecision);
    escalations(figures.escalationsAndCompliance);
    incidents(figures.incidents);
    llm(figures.llm, figures.tokens, figures.currency);
    automation(figures.automation);
    learning(figures.learning);
    status.textContent = `Updated ${new Date(figures.at).toLocaleTimeString()}; window ${figures.window}; refreshes every 10 s`;
    document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes || 0) + 1);
  } catch (e) {
    status.textContent = `Could not refresh: ${e.message}; trying again in 10 s`;
  }
}

refresh();
setInterval(refresh, REFRESH_MS);
