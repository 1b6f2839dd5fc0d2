// Reviews one task in the Camunda Tasklist as a person would, in Debian's headless Chromium.
// Usage: node review-task.mjs <base-url> <user> <task-id> <edited-text>
// Prints one JSON line: what the form did when asked to reject without a reason, and after the edit.
import { workTask } from './browser.mjs';

const [base, user, taskId, editedText] = process.argv.slice(2);
await workTask(base, user, taskId, async (page, result) => {
  const draft = page.getByLabel(/^Draft \(edit it/);
  await draft.waitFor();
  result.draftShown = await draft.inputValue();
  result.fieldsShown = await page.locator('input, textarea').evaluateAll(fields => fields.map(f => f.value));

  await page.getByText('Reject and redraft').click();
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.locator('.fjs-form-field-error').first().waitFor();
  result.errorsOnRejectWithoutReason = await page.locator('.fjs-form-field-error').allTextContents();
  // A fresh form: after a refused submit the Tasklist keeps Complete disabled for a while.
  await page.reload();
  await draft.waitFor();

  await page.getByText('Approve with my edits').click();
  await draft.fill(editedText);
  await page.getByLabel(/^Reason/).fill('Gave the concrete steps');
  await page.waitForTimeout(500);
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByText('Approve with my edits').waitFor({ state: 'detached' });
  result.completed = true;
});
