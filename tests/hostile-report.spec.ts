// The index.html of a real run against a hostile target, in a real Chromium
// from file:// with the network blocked: the target's markup (error titles, a
// header, a failed scenario's body) must be shown as text and never run, load
// or become an element.
import { test, expect } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { watchOffline } from './fixtures/offline-page';
import {
  FAILED_SCENARIO,
  HOSTILE_HEADER,
  HOSTILE_PAYLOAD,
  runAgainstHostileProxy,
  type HostileRun,
} from './fixtures/hostile-proxy';

test.describe('a run against a hostile target', () => {
  let run: HostileRun;

  // One CLI run for the file: the report is what is under test, not the run.
  test.beforeAll(async ({}, testInfo) => {
    run = await runAgainstHostileProxy(testInfo.outputPath('run'));
    expect(run.code, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBe(1);
  });

  test('hostile target text in the HTML report is shown literally and never runs', async ({
    page,
    context,
  }, testInfo) => {
    const url = pathToFileURL(join(run.out, 'index.html')).href;
    const watch = await watchOffline(context, page);
    // Read once every image has loaded or failed and its handlers had a turn: an onerror payload would have run by then.
    const pwned = async () => {
      await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete));
      return page.evaluate(() => new Promise((r) => setTimeout(() => r((window as any).__pwned), 50)));
    };

    await page.goto(url);
    await expect(page.getByTestId('class-2xx')).toBeVisible();
    expect(await pwned()).toBeUndefined();

    // Reach the failed scenario through the filters, as a reader would.
    await page.getByTestId('filter-status').selectOption('failed');
    await expect(page.getByTestId('shown-count')).toHaveText('1');
    const failed = page.getByTestId(`scenario-${FAILED_SCENARIO}`);
    await failed.locator('summary').click();
    await expect(failed).toHaveAttribute('open', '');

    // The payload is text in the failures table and in the transcript's response body
    // (soft: a renderer that parses it should also be caught by the checks below).
    const script = '<script>window.__pwned=1</script>';
    await expect.soft(failed.locator('table.checks').getByText(script, { exact: false }).first()).toBeVisible();
    const body = failed.locator('section.ex pre.bodytext').last();
    await expect(body).toBeVisible();
    const text = (await body.textContent()) ?? '';
    for (const part of [script, '<img src=x onerror=window.__pwned=1 alt=', '</script><!--\u2028'])
      expect.soft(text).toContain(part);
    await expect.soft(failed.locator('section.ex pre.hdrs').last()).toContainText(`x-hostile: ${HOSTILE_HEADER}`);
    expect(await pwned()).toBeUndefined();
    await failed.scrollIntoViewIfNeeded();
    const shot = testInfo.outputPath('failed-scenario.png');
    await page.screenshot({ path: shot, fullPage: true });
    await testInfo.attach('failed-scenario', { path: shot, contentType: 'image/png' });

    // Every other scenario's transcript carries hostile error titles and headers: open every rendered one
    // (the list renders a window of rows at a time).
    await page.getByTestId('filter-status').selectOption('');
    const rows = page.locator('details.scn');
    expect(await rows.count()).toBeGreaterThanOrEqual(100);
    // Scrolling renders more rows as it goes; the first hundred are the ones opened and checked.
    const first = (await rows.all()).slice(0, 100);
    for (const d of first) if ((await d.getAttribute('open')) === null) await d.locator('summary').click();
    for (const d of first) await expect(d).toHaveAttribute('open', '');
    expect.soft(await page.locator('pre.hdrs', { hasText: HOSTILE_HEADER }).count()).toBeGreaterThan(30);

    expect(await pwned()).toBeUndefined();
    await expect.soft(page.locator('img[src="x"], svg[onload], [onerror], [onload]')).toHaveCount(0);
    // Only the page's own scripts: the JSON data and the client (which never mentions __pwned).
    expect
      .soft(
        await page.evaluate(
          () =>
            Array.from(document.scripts).filter((s) => s.type !== 'application/json' && s.text.includes('__pwned'))
              .length,
        ),
      )
      .toBe(0);
    expect.soft(await watch.cspViolations()).toEqual([]);
    expect.soft(watch.problems).toEqual([]);
    expect(watch.requests).toEqual([url]);
  });
});

// The control: the same payload written into a page unescaped does run in this
// browser, so the checks above would see it if the report ever let it through.
test('control: the payload, unescaped, is caught by the same checks', async ({ page, context }, testInfo) => {
  const control = testInfo.outputPath('control.html');
  writeFileSync(control, `<!doctype html><title>control</title><p>${HOSTILE_PAYLOAD}</p>${HOSTILE_HEADER}`);
  const watch = await watchOffline(context, page);
  await page.goto(pathToFileURL(control).href);
  await expect.poll(() => page.evaluate(() => (window as any).__pwned)).toBe(1);
  expect(await page.locator('img[src="x"], svg[onload]').count()).toBeGreaterThan(0);
  expect(watch.requests.some((r) => r.endsWith('/x'))).toBe(true);
});
