import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitsWidth, openBrowser, shootBoth } from './browser.js';
import { startTestProduct } from './product.js';

describe('the API page in a browser', () => {
  let product: Awaited<ReturnType<typeof startTestProduct>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let base: string;

  beforeAll(async () => {
    product = await startTestProduct();
    base = product.stack.url;
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await product?.dispose();
  });

  it('creates a token shown once, which works until it is revoked, and lists a curl example per operation', async () => {
    const { page } = browser;
    await page.goto(`${base}/setup`);
    await page.getByLabel('Init token').fill(product.stack.console.initAdmin.token);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();
    await page.getByRole('link', { name: 'Demo' }).click();
    await page.getByRole('link', { name: 'API', exact: true }).click();
    await page.waitForURL('**/p/demo/api');

    await page.getByLabel('Name').fill('ci job');
    await page.getByLabel('Role').selectOption('editor');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByTestId('new-token-secret').textContent()) ?? '';
    await page.getByTestId('api-token').filter({ hasText: 'ci job' }).waitFor();
    const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, object>;
    };
    const operations = Object.values(doc.paths).flatMap((p) => Object.keys(p)).length;
    await expect(page.getByTestId('api-operation').count()).resolves.toBe(operations);
    await shootBoth(page, '20-api-tokens');
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(fitsWidth(page)).resolves.toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });

    const use = () => fetch(`${base}/api/v1/project`, { headers: { authorization: `Bearer ${secret}` } });
    expect(secret).toMatch(/^afp_/);
    expect((await use()).status).toBe(200);

    await page.getByRole('button', { name: 'Revoke ci job' }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByTestId('api-token').filter({ hasText: 'revoked' }).waitFor();
    expect((await use()).status).toBe(401);
  });
});
