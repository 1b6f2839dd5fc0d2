// Opens the operations dashboard as an operator and a request's story as its requester, each after
// the webapps' login, waits for the data to be drawn, and reads it back: the sum each chart drew,
// the diagram's markers, the diff's removed and added words. Saves a screenshot of each page.
// Usage: node dashboard-check.mjs <base-url> <request-id> <screenshot-dir>
// Prints one JSON line.
import { launch, login } from './browser.mjs';

const [base, requestId, screenshots] = process.argv.slice(2);
const browser = await launch();
const result = {};

async function page() {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1300 } });
  return context.newPage();
}

try {
  const operator = await page();
  await login(operator, base, 'welcome', 'operator');
  result.welcomeLinksDashboard = await operator.locator('a[href="/dashboard/"]').count() > 0;
  await operator.goto(`${base}/dashboard/`);
  // Two refreshes: the first draw, and one the page did by itself 10 s later.
  await operator.waitForFunction(() => Number(document.body.dataset.refreshes || 0) >= 2, null, { timeout: 40000 });
  result.refreshes = await operator.evaluate(() => Number(document.body.dataset.refreshes));
  result.charts = await operator.evaluate(() => Object.fromEntries(Object.entries(window.countersignCharts).map(
    ([id, chart]) => [id, chart.data.datasets.reduce((sum, d) => sum + d.data.reduce((a, v) => a + Number(v || 0), 0), 0)])));
  await operator.screenshot({ path: `${screenshots}/dashboard.png`, fullPage: true });

  const requester = await page();
  await login(requester, base, 'welcome', 'requester');
  await requester.goto(`${base}/dashboard/reviews/${requestId}`);
  await requester.waitForFunction(() => document.body.dataset.loaded, null, { timeout: 30000 });
  result.storyLoaded = await requester.evaluate(() => document.body.dataset.loaded);
  result.storyMarkers = await requester.locator('.djs-element.cs-done, .djs-element.cs-active').count();
  result.storyRepeatBadges = await requester.locator('.cs-count').count();
  result.storyDiffSpans = await requester.locator('.diff-removed, .diff-added').count();
  result.storyVerified = await requester.locator('#verify').textContent();
  await requester.screenshot({ path: `${screenshots}/story.png`, fullPage: true });

  const reviewer = await page();
  await login(reviewer, base, 'welcome', 'reviewer');
  result.reviewerDashboardStatus = (await reviewer.goto(`${base}/dashboard/`)).status();
} catch (e) {
  result.error = String(e);
  for (const context of browser.contexts()) {
    await context.pages()[0]?.screenshot({ path: `${screenshots}/error-${browser.contexts().indexOf(context)}.png` });
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
