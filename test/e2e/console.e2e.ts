import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fitsWidth, openBrowser, shootBoth } from './browser.js';
import { startTestProduct } from './product.js';

const PASSWORD = 'correct horse battery staple';

type Browser = Awaited<ReturnType<typeof openBrowser>>;

/** Waits until the task page shows `status` (it polls the API every few seconds). */
async function waitForStatus(page: Page, status: string, timeout = 60_000): Promise<void> {
  await page.getByTestId('task-status').getByText(status, { exact: true }).waitFor({ timeout });
}

describe('the console in a browser', () => {
  let product: Awaited<ReturnType<typeof startTestProduct>>;
  let admin: Browser;
  let base: string;

  beforeAll(async () => {
    product = await startTestProduct();
    base = product.stack.url;
    admin = await openBrowser();
  });
  afterAll(async () => {
    await admin?.close();
    await product?.dispose();
  });

  it('creates the first admin with the init token, shows the demo project and drives a task to DEPLOYED', async () => {
    const { page, context } = admin;
    await page.goto(`${base}/`);
    await page.waitForURL('**/setup');
    await shootBoth(page, '01-setup');
    await page.getByLabel('Init token').fill(product.stack.console.initAdmin.token);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();
    await page.getByRole('link', { name: 'Demo' }).waitFor();

    const cookie = (await context.cookies(base)).find((c) => c.name === '__Host-autoflow_session');
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    await shootBoth(page, '02-projects');

    await page.getByRole('link', { name: 'Demo' }).click();
    await page.waitForURL('**/p/demo');
    await page.getByRole('button', { name: 'Create task' }).click();
    await page.getByLabel('Title').fill('Add a health endpoint');
    await page.getByLabel('Description').fill('GET /healthz answers 200.');
    await page.getByLabel('Repository').selectOption('acme/api');
    await page.getByRole('button', { name: 'Create in Asana' }).click();
    await page.waitForURL('**/p/demo/t/**', { timeout: 30_000 });
    await waitForStatus(page, 'Deployed');

    await expect(
      page
        .getByText(/CI green on [0-9a-f]{7}: deployed/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await shootBoth(page, '03-task-deployed');
    await page.getByRole('link', { name: '← All tasks' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Add a health endpoint' });
    await row.getByText('Deployed', { exact: true }).waitFor({ timeout: 15_000 });
    await shootBoth(page, '04-dashboard');
  });

  it('charts the deployed task on the analytics page, each chart with its data table, on a phone too', async () => {
    const { page } = admin;
    await page.goto(`${base}/p/demo`);
    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.waitForURL('**/p/demo/analytics');
    const funnel = page.getByRole('region', { name: 'Funnel' });
    await funnel.getByRole('img').waitFor();
    await funnel.getByText('Show the data as a table').click();
    await expect(funnel.getByRole('row', { name: /Deployed\s+1/ }).count()).resolves.toBe(1);
    const lead = page.getByRole('region', { name: /Lead time/ });
    await lead.getByRole('img').waitFor();
    await expect(
      page
        .getByRole('region', { name: 'Failure reasons' })
        .getByText('No failure in this range.')
        .isVisible(),
    ).resolves.toBe(true);
    await page.setViewportSize({ width: 390, height: 844 });
    // Chart.js redraws on its resize observer, a frame or two after the viewport changes.
    await expect.poll(() => fitsWidth(page), { timeout: 5_000 }).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
    await shootBoth(page, '04b-analytics');
  });

  it('hides every settings action from a viewer, who joined through an invite link', async () => {
    const { page } = admin;
    await page.goto(`${base}/p/demo/members`);
    await page.getByLabel('Role', { exact: true }).selectOption('viewer');
    await page.getByRole('button', { name: 'Create invite link' }).click();
    const link = (await page.getByTestId('invite-link').textContent()) ?? '';
    expect(link).toMatch(/\/invite#[A-Za-z0-9_-]{43}$/);

    const viewer = await openBrowser({ width: 390, height: 844 });
    try {
      const v = viewer.page;
      await v.goto(link);
      await v.getByRole('heading', { name: 'Join Demo' }).waitFor();
      await v.getByLabel('Username').fill('vera-viewer');
      await v.getByLabel('Password').fill(PASSWORD);
      await v.getByRole('button', { name: 'Create account' }).click();
      await v.waitForURL('**/p/demo');
      await v.getByRole('heading', { name: 'Tasks' }).waitFor();
      expect(await v.getByRole('button', { name: 'Create task' }).count()).toBe(0);
      expect(await fitsWidth(v)).toBe(true);

      await v.goto(`${base}/p/demo/settings`);
      await v.getByRole('heading', { name: 'General' }).waitFor();
      await v.getByText('Only project admins can change settings.').waitFor();
      expect(await v.getByRole('button', { name: 'Save' }).count()).toBe(0);
      expect(await v.getByRole('button', { name: /Switch (on|off)/ }).count()).toBe(0);
      expect(await v.getByRole('button', { name: /Load fields|Sync repos/ }).count()).toBe(0);
      expect(await v.getByLabel('Project name').isDisabled()).toBe(true);
      expect(await fitsWidth(v)).toBe(true);
      await shootBoth(v, '05-settings-viewer');
    } finally {
      await viewer.close();
    }
  });

  it('approves a held action from the inbox', async () => {
    const { page } = admin;
    const demo = product.demo!;
    // Through the sandbox control API, same origin: the agent does nothing, so the issue stays open.
    const created = await page.request.post(`${base}/sandbox/asana/tasks`, {
      data: {
        projectGid: demo.asanaProjectGid,
        name: 'Retire the old endpoint',
        autoTask: true,
        repo: 'acme/web',
        status: 'On track',
        script: { agent: 'none' },
      },
    });
    const gid = String(((await created.json()) as { gid: string }).gid);
    let taskId = '';
    for (let i = 0; i < 60 && !taskId; i++) {
      const found = await page.request.get(`${base}/api/projects/demo/tasks/by-asana/${gid}`);
      if (found.ok()) taskId = ((await found.json()) as { taskId: string }).taskId;
      else await page.waitForTimeout(500);
    }
    await page.goto(`${base}/p/demo/t/${taskId}`);
    await waitForStatus(page, 'Issue created');

    // Cancelled in Asana: closing the issue needs one approval (policies/default.cedar).
    await page.request.patch(`${base}/sandbox/asana/tasks/${gid}`, { data: { status: 'Cancelled' } });
    await page.goto(`${base}/p/demo/approvals`);
    const card = page.getByTestId('approval').filter({ hasText: 'github.close_issue' });
    await card.waitFor({ timeout: 30_000 });
    await shootBoth(page, '06-approvals');
    await card.getByLabel('Reason (optional)').fill('Cancelled in Asana');
    await card.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Nothing waits for approval.').waitFor({ timeout: 30_000 });

    await page.goto(`${base}/p/demo/t/${taskId}`);
    await page
      .getByText(/closed as not planned/)
      .first()
      .waitFor({ timeout: 30_000 });
    await waitForStatus(page, 'Cancelled');
  });

  it('sets up and validates webhooks, and stops every effect with the global kill switch after confirming', async () => {
    const { page } = admin;
    await page.goto(`${base}/p/demo/webhooks`);
    await page.getByRole('button', { name: 'Validate GitHub webhooks' }).click();
    const github = page.getByTestId('github-hook-results');
    await github.getByText('acme/web').waitFor();
    expect(await github.getByText('OK', { exact: true }).count()).toBe(2);
    await page.getByRole('button', { name: 'Set up Asana webhooks' }).click();
    await page.getByTestId('asana-hook-results').getByText('Already set up').waitFor();
    await page.getByRole('list', { name: 'Asana webhooks set up' }).waitFor();
    await shootBoth(page, '07-webhooks');

    await page.goto(`${base}/`);
    const status = page.getByTestId('global-kill-switch');
    await status.getByText(/^Off/).waitFor();
    await page.getByRole('button', { name: 'Stop all effects everywhere' }).click();
    // Nothing happens before the confirmation.
    expect(await status.textContent()).toMatch(/^Off/);
    await page.getByRole('button', { name: 'Yes, stop everything' }).click();
    await status.getByText(/^On/).waitFor();
    await page.getByText('Kill switch ON').first().waitFor();
    await shootBoth(page, '08-global-kill-switch');
    await page.getByRole('button', { name: 'Switch off globally' }).click();
    await page.getByRole('button', { name: 'Yes, switch off' }).click();
    await status.getByText(/^Off/).waitFor();
  });

  it('warns on the projects, settings and webhooks pages when a token stopped working, on a phone too', async () => {
    const sandbox = product.sandbox!;
    sandbox.control.setTokenRevoked('github', true);
    sandbox.control.deleteAsanaWebhooks({ resource: product.demo!.asanaProjectGid });
    await product.stack.reconcileNow();
    const phone = await openBrowser({ width: 390, height: 844 });
    try {
      // The admin's session cookie, so the phone sees what the admin sees.
      await phone.page.context().addCookies(await admin.page.context().cookies());
      const p = phone.page;
      await p.goto(`${base}/`);
      const notice = p.getByRole('status', { name: 'Integration problems' });
      await notice.getByText('GitHub token stopped working: GitHub refuses it.').waitFor();
      await notice.getByText(/Asana webhook disabled by Asana \(re-created/).waitFor();
      expect(await fitsWidth(p)).toBe(true);
      await shootBoth(p, '09-integration-problems');

      await p.goto(`${base}/p/demo/settings`);
      await p.getByRole('heading', { name: 'General' }).waitFor();
      await p.getByText('GitHub token stopped working: GitHub refuses it.').waitFor();
      await p.getByText('Replace a token that stopped working under Secrets below.').waitFor();
      expect(await fitsWidth(p)).toBe(true);

      await p.goto(`${base}/p/demo/webhooks`);
      await p.getByRole('heading', { name: 'GitHub' }).waitFor();
      await p.getByText(/Asana webhook disabled by Asana \(re-created/).waitFor();
      expect(await fitsWidth(p)).toBe(true);
    } finally {
      await phone.close();
      sandbox.control.setTokenRevoked('github', false);
    }
  });
});
