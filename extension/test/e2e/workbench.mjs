// Driving VS Code's workbench (as code-server serves it) from Playwright: the command palette, quick picks, Quick Open,
// and reading what the Output panel and editors show. Monaco renders spaces as U+00A0: text is normalised here.

const quickInput = '.quick-input-widget';
const quickInputBox = `${quickInput} .quick-input-box input`;

export function normalise(text) {
  return text.replace(/\u00a0/g, ' ');
}

export async function until(what, predicate, timeoutMs = 30_000, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await predicate();
    if (last) return last;
    await new Promise(r => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * Opens the command palette (F1) and types `text`. The palette closes when a view reveals itself and takes focus
 * at that moment (the Output panel after a command, say): then it is closed and opened again, until the deadline.
 */
async function openQuickInput(page, text, timeoutMs = 30_000) {
  const input = page.locator(quickInputBox);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(text, { timeout: 5_000 });
      return input;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.keyboard.press('Escape').catch(() => undefined);
      await page.waitForTimeout(500);
    }
  }
}

/** A visible row of the open quick input with this text in its label. */
function quickRow(page, text) {
  return page.locator(`${quickInput} .monaco-list-row`).filter({ hasText: text }).first();
}

/**
 * Runs a command from the palette by its title ("Lambda: Invoke Local Function"). Commands an extension registers
 * appear a moment after the workbench: retry until the palette lists it. `beforeRun` may look at the open palette
 * (e.g. to take a screenshot).
 */
export async function runCommand(page, title, { beforeRun, query, timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await openQuickInput(page, `>${query ?? title}`);
    const row = quickRow(page, title);
    if (await row.isVisible({ timeout: 2_000 }).catch(() => false)) {
      if (beforeRun) await beforeRun();
      await row.click();
      return;
    }
    await page.keyboard.press('Escape');
    if (Date.now() > deadline) throw new Error(`the command palette never offered "${title}"`);
    await page.waitForTimeout(1_000);
  }
}

/** Waits for a quick pick with this title, filters it and accepts the row whose label has `rowText`. */
export async function pick(page, title, filter, rowText = filter, { beforeAccept } = {}) {
  await page.locator(`${quickInput} .quick-input-title`).filter({ hasText: title }).waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator(quickInputBox).fill(filter);
  const row = quickRow(page, rowText);
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  const text = normalise(await row.innerText());
  if (beforeAccept) await beforeAccept();
  await row.click();
  return text;
}

/** Opens a file by its absolute path through Quick Open. */
export async function openFile(page, absolutePath) {
  await openQuickInput(page, absolutePath);
  const name = absolutePath.split('/').pop();
  const row = quickRow(page, name);
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active').filter({ hasText: name }).waitFor({ state: 'visible', timeout: 15_000 });
}

/** The lines an editor shows (top to bottom), from the rendered view lines inside `container`. */
export async function visibleLines(page, container) {
  const lines = await page.locator(`${container} .view-lines`).first().evaluate(element =>
    [...element.querySelectorAll('.view-line')]
      .map(line => ({ top: parseFloat(line.style.top) || 0, text: line.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map(line => line.text),
  );
  return lines.map(normalise);
}

/** The text of the Output panel's editor. */
export function outputLines(page) {
  return visibleLines(page, '.part.panel .output-view');
}

/** The text of the active editor. */
export function editorLines(page) {
  return visibleLines(page, '.part.editor .editor-group-container.active .editor-instance');
}

/** Closes every notification toast (they would cover the panel in a screenshot). */
export async function clearNotifications(page) {
  await runCommand(page, 'Notifications: Clear All Notifications', { query: 'Clear All Notifications' }).catch(() => undefined);
}

/** Drags the sash between the side bar and the editor to make the side bar wider. */
export async function widenSideBar(page, pixels) {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const x = box.x + box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(x - 1, y);
  await page.mouse.down();
  await page.mouse.move(x + pixels, y, { steps: 8 });
  await page.mouse.up();
}
