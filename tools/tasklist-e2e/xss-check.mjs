// Opens a review whose input and draft carry XSS payloads everywhere a person sees them: the task
// in the Tasklist (as a reviewer), the instance's variables in Cockpit (as an administrator), the
// request's story page and the dashboard, and our API's pages. Every payload calls alert(); a dialog means a payload ran.
// Usage: node xss-check.mjs <base-url> <task-id> <process-instance-id> <request-id> <marker>
// Prints one JSON line: the dialogs seen, the pages visited, whether the payloads were shown as text.
import { launch, login } from './browser.mjs';

const [base, taskId, processInstanceId, requestId, marker] = process.argv.slice(2);
const browser = await launch();
const result = { dialogs: [], visited: [] };

async function newPage(credentials) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1200 }, httpCredentials: credentials });
  const page = await context.newPage();
  page.on('dialog', async dialog => {
    result.dialogs.push(`${page.url()}: ${dialog.type()} ${dialog.message()}`);
    await dialog.dismiss();
  });
  return page;
}

try {
  // Control: a payload that does run must show up as a dialog, or this check proves nothing.
  const control = await newPage();
  await control.setContent('<img src=x onerror="alert(\'control\')">');
  await control.waitForTimeout(500);
  result.controlDetected = result.dialogs.some(d => d.endsWith('alert control'));
  result.dialogs = result.dialogs.filter(d => !d.endsWith('alert control'));

  const tasklist = await newPage();
  await login(tasklist, base, 'tasklist', 'reviewer');
  await tasklist.goto(`${base}/camunda/app/tasklist/default/#/?task=${taskId}`);
  await tasklist.getByText('Claim', { exact: true }).click();
  await tasklist.locator('textarea').nth(1).waitFor();
  await tasklist.waitForTimeout(2000);
  const shown = await tasklist.locator('input, textarea').evaluateAll(fields => fields.map(f => f.value));
  result.payloadsShownAsText = shown.filter(v => v.includes(marker)).length;
  result.visited.push('tasklist task form');

  const cockpit = await newPage();
  await login(cockpit, base, 'cockpit', 'demo');
  await cockpit.goto(`${base}/camunda/app/cockpit/default/#/process-instance/${processInstanceId}/runtime?tab=variables-tab`);
  await cockpit.getByText('generatedDraft').first().waitFor({ timeout: 30000 });
  await cockpit.waitForTimeout(2000);
  result.cockpitShowsPayload = (await cockpit.content()).includes(marker);
  result.visited.push('cockpit instance variables');

  // Our own pages: the request's story as its requester, the dashboard as an administrator.
  const story = await newPage();
  await login(story, base, 'welcome', 'requester');
  await story.goto(`${base}/dashboard/reviews/${requestId}`);
  await story.waitForFunction(() => document.body.dataset.loaded, null, { timeout: 30000 });
  await story.waitForTimeout(2000);
  result.storyShowsPayloadAsText = [await story.locator('#input').textContent(),
    await story.locator('#drafts').textContent()].every(text => text.includes(marker) && text.includes('<script>'));
  result.visited.push('request story page');
  const dashboard = await newPage();
  await login(dashboard, base, 'welcome', 'demo');
  await dashboard.goto(`${base}/dashboard/`);
  await dashboard.waitForFunction(() => document.body.dataset.refreshes, null, { timeout: 30000 });
  await dashboard.waitForTimeout(1000);
  result.visited.push('operations dashboard');

  const api = await newPage({ username: 'requester', password: 'requester' });
  for (const path of [`/api/reviews/${requestId}`, `/api/reviews/${requestId}/audit`]) {
    await api.goto(`${base}${path}`);
    await api.waitForTimeout(1000);
    result.visited.push(path);
  }
} catch (e) {
  result.error = String(e);
  if (process.env.SCREENSHOT_ON_ERROR) {
    for (const context of browser.contexts()) {
      await context.pages()[0]?.screenshot({ path: `${process.env.SCREENSHOT_ON_ERROR}-${result.visited.length}.png` });
    }
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
