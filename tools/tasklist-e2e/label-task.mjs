// Labels one item in the Camunda Tasklist as an annotator or adjudicator would, in Debian's headless Chromium.
// Usage: node label-task.mjs <base-url> <user> <task-id> <label[,label...]> <reason>
// Prints one JSON line: the options and fields the form showed, and whether the task completed.
import { workTask } from './browser.mjs';

const [base, user, taskId, chosen, reason] = process.argv.slice(2);
await workTask(base, user, taskId, async (page, result) => {
  const options = page.locator('.fjs-form input[type="radio"], .fjs-form input[type="checkbox"]');
  await options.first().waitFor();
  // form-js renders each option as an input inside its label.
  result.optionsShown = (await page.locator('.fjs-form label:has(input[type="radio"]), .fjs-form label:has(input[type="checkbox"])')
    .allTextContents()).map(text => text.trim());
  result.fieldsShown = await page.locator('.fjs-form input[type="text"], .fjs-form textarea')
    .evaluateAll(fields => fields.map(f => f.value));
  result.labelsShown = await page.locator('.fjs-form label').allTextContents();

  for (const label of chosen.split(',')) {
    await page.getByLabel(label, { exact: true }).check();
  }
  await page.locator('.fjs-form textarea').last().fill(reason);
  await page.waitForTimeout(500);
  await page.getByRole('button', { name: 'Complete' }).click();
  await options.first().waitFor({ state: 'detached' });
  result.completed = true;
});
