// A request's story: the process diagram with the steps it took (bpmn-js viewer), its drafts with
// word diffs, the decisions and the evidence trail, from /api/reviews/{id}/story. All text is
// put on the page as text.
const requestId = decodeURIComponent(window.location.pathname.split('/').pop());
window.countersignStory = { markers: 0, diffs: 0 };

function row(cells, header = false) {
  const tr = document.createElement('tr');
  cells.forEach(c => tr.append(cs.el(header ? 'th' : 'td', c)));
  return tr;
}

function request(review) {
  document.getElementById('request').replaceChildren(
    row(['Id', review.id]), row(['Status', review.status]), row(['Use case', review.useCase]),
    row(['Risk tier', review.riskTier]), row(['Requester', review.requester]), row(['Received', review.createdAt]));
  document.getElementById('input').textContent = review.input;
}

async function diagram(xml, steps) {
  if (!xml) return;
  const viewer = new BpmnJS({ container: '#diagram' });
  await viewer.importXML(xml);
  const canvas = viewer.get('canvas');
  const overlays = viewer.get('overlays');
  const registry = viewer.get('elementRegistry');
  canvas.zoom('fit-viewport');
  const runs = {};
  steps.forEach(s => { runs[s.activityId] = (runs[s.activityId] || 0) + 1; });
  const active = new Set(steps.filter(s => !s.endedAt && !s.canceled).map(s => s.activityId));
  Object.entries(runs).forEach(([id, count]) => {
    if (!registry.get(id)) return;
    canvas.addMarker(id, active.has(id) ? 'cs-active' : 'cs-done');
    window.countersignStory.markers++;
    if (count > 1) overlays.add(id, { position: { bottom: 4, right: 12 }, html: cs.el('span', `×${count}`, 'cs-count') });
  });
}

function drafts(list) {
  document.getElementById('drafts').replaceChildren(...list.map(d => {
    const box = cs.el('div');
    box.append(cs.el('h3', `Draft ${d.attempt} · ${d.model} · prompt ${d.promptVersion}`
      + (d.promptTokens !== null ? ` · ${d.promptTokens} + ${d.completionTokens} tokens` : '')));
    box.append(cs.el('pre', d.text, 'text'));
    if (d.screening) {
      const s = d.screening;
      box.append(cs.el('p', `Screening: personal data ${s.piiFound ? 'found' : 'none'}, policy terms ${s.policyHit ? 'found' : 'none'}, judge score ${s.judgeScore ?? 'n/a'}`));
      const findings = Array.isArray(s.findings) ? s.findings : [];
      if (findings.length) {
        const ul = cs.el('ul');
        findings.forEach(f => ul.append(cs.el('li', `${f.kind || ''}: ${f.detail || JSON.stringify(f)}`)));
        box.append(ul);
      }
    }
    return box;
  }));
}

function changes(list) {
  document.getElementById('changes').replaceChildren(...list.map(c => {
    const box = cs.el('div');
    box.append(cs.el('h3', `${c.from} → ${c.to}`));
    const text = cs.el('pre', null, 'text diff');
    c.diff.forEach(segment => text.append(cs.el('span', segment.text,
      segment.op === 'REMOVED' ? 'diff-removed' : segment.op === 'ADDED' ? 'diff-added' : 'diff-same')));
    window.countersignStory.diffs++;
    box.append(text);
    return box;
  }));
  if (!list.length) document.getElementById('changes').append(cs.el('p', 'One draft and no edit: nothing changed.', 'note'));
}

function decisions(list) {
  document.getElementById('decisions').replaceChildren(row(['Task', 'Reviewer', 'Decision', 'Reason', 'Rubric', 'Decided'], true),
    ...list.map(d => row([d.task, d.reviewer, d.decision, d.reason || '', d.rubricJson || '', d.decidedAt || ''])));
}

function trail(audit) {
  if (!audit) return;
  const verify = document.getElementById('verify');
  verify.textContent = audit.verify.valid
    ? `Verified: ${audit.verify.entries} entries, every hash and seal recomputed`
    : `NOT VALID: ${audit.verify.problems.join('; ')}`;
  verify.className = `figure ${audit.verify.valid ? 'valid' : 'invalid'}`;
  document.getElementById('trail').replaceChildren(row(['#', 'Event', 'Actor', 'When', 'Details'], true),
    ...audit.entries.map(e => row([e.seq, e.type, e.actor, e.occurredAt, JSON.stringify(e.details)])));
}

(async () => {
  const status = document.getElementById('status');
  try {
    const story = await cs.json(`/api/reviews/${encodeURIComponent(requestId)}/story`);
    request(story.review);
    drafts(story.review.drafts);
    changes(story.changes);
    decisions(story.review.decisions);
    trail(story.trail);
    await diagram(story.diagramXml, story.steps);
    status.textContent = `Request ${story.review.id}: ${story.review.status}`;
    document.body.dataset.loaded = 'true';
  } catch (e) {
    status.textContent = e.message.includes('404') ? 'No such request, or not yours to read.' : `Could not load: ${e.message}`;
    document.body.dataset.loaded = 'error';
  }
})();
