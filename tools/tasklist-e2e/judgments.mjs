// A second reviewer, then a reviewer of the redraft, in the real Tasklist (Debian's headless Chromium).
// Usage: node judgments.mjs <base-url> <second-review|redraft> <user> <task-id> <text>
//   second-review: notes what the form opens with, then rejects the approval with <text> as the reason.
//   redraft: notes what the form opens with, tries "Approve as is" on the offline placeholder (refused),
//            then approves <text> as an edit.
// Prints one JSON line; SCREENSHOT (a path) keeps a picture of the opened form.
import { workTask } from './browser.mjs';

const [base, step, user, taskId, text] = process.argv.slice(2);

// Each form field as a person sees it: its label, the text in it, and what is ticked.
function fields(page) {
  return page.locator('.fjs-form-field').evaluateAll(elements => elements.map(element => ({
    label: (element.querySelector('label')?.textContent || '').replace('*', '').trim(),
    value: element.querySelector('textarea, input:not([type=radio]):not([type=checkbox])')?.value ?? null,
    ticked: [...element.querySelectorAll('input[type=radio]:checked, input[type=checkbox]:checked')]
      .map(input => input.closest('label')?.textContent?.trim() || input.value),
  })).filter(field => field.label));
}

async function complete(page, gone) {
  await page.waitForTimeout(500);
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByText(gone).first().waitFor({ state: 'detached', timeout: 30000 });
}

await workTask(base, user, taskId, async (page, result) => {
  const opened = step === 'second-review' ? 'Their reason' : 'Earlier decisions on this request';
  await page.getByText(opened).first().waitFor();
  await page.waitForLoadState('networkidle');
  result.opened = await fields(page);
  if (process.env.SCREENSHOT) {
    await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
  }
  const reason = page.getByLabel(/^Reason/);

  if (step === 'second-review') {
    await page.getByText('Reject and redraft').click();
    result.reasonWhenShown = await reason.inputValue();
    await reason.fill(text);
    await complete(page, 'Their reason');
  } else {
    await page.getByText('Approve as is').click();
    await page.getByRole('button', { name: 'Complete' }).click();
    const refusal = page.getByText(/This draft is a placeholder: no language model wrote it/).first();
    await refusal.waitFor({ timeout: 30000 });
    result.refusal = await refusal.textContent();
    await page.reload();
    await page.getByText(opened).first().waitFor();
    await page.getByText('Approve with my edits').click();
    result.reasonWhenShown = await reason.inputValue();
    await page.getByLabel(/^Draft \(edit it/).fill(text);
    await reason.fill('Wrote the reply');
    await complete(page, 'Approve with my edits');
  }
  result.completed = true;
});
