// What every browser check here shares: Debian's headless Chromium and a Camunda webapp login.
import { chromium } from 'playwright-core';

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// Logs in to a Camunda webapp. On a busy machine the login form can be filled before AngularJS has
// bound it, which submits nothing; so the form is filled once the page is idle, and a login that
// did not go through is tried again.
export async function login(page, base, app, user) {
  await page.goto(`${base}/camunda/app/${app}/`);
  const name = page.locator('input[type="text"]').first();
  const password = page.locator('input[type="password"]').first();
  for (let attempt = 1; attempt <= 3; attempt++) {
    await password.waitFor({ state: 'visible', timeout: 30000 });
    await page.waitForLoadState('networkidle');
    await name.fill(user);
    await password.fill(user);
    await page.click('button[type="submit"]');
    try {
      // Only a finished login hides the form; navigating before that lands on the login page again.
      // (Hidden, not gone: the welcome page keeps a change-password field of its own.)
      await password.waitFor({ state: 'hidden', timeout: 20000 });
      await page.waitForLoadState('networkidle');
      return;
    } catch (e) {
      console.error(`login of ${user} to ${app}, attempt ${attempt}: the form is still there`);
    }
  }
  const notice = await page.locator('.notifications').allTextContents();
  throw new Error(`login of ${user} to ${app} failed 3 times; the page says: ${notice.join(' | ')}`);
}

// Works one task in the Tasklist as `user`: logs in, opens and claims the task, and hands the page to
// `work`, which fills `result`. Prints `result` as one JSON line, with the error if one was thrown
// (and a screenshot at SCREENSHOT_ON_ERROR, if set).
export async function workTask(base, user, taskId, work) {
  const browser = await launch();
  const result = {};
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1200 } });
    await login(page, base, 'tasklist', user);
    await page.goto(`${base}/camunda/app/tasklist/default/#/?task=${taskId}`);
    await page.getByText('Claim', { exact: true }).click();
    await work(page, result);
  } catch (e) {
    result.error = String(e);
    if (process.env.SCREENSHOT_ON_ERROR) {
      await browser.contexts()[0]?.pages()[0]?.screenshot({ path: process.env.SCREENSHOT_ON_ERROR, fullPage: true });
    }
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(result));
}
