import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EncryptedFileSecrets } from '#adapters/local/encrypted-file-secrets.js';

const paths = () => {
  const dir = mkdtempSync(join(tmpdir(), 'af-secrets-'));
  return { file: join(dir, 'secrets.enc.json'), keyFile: join(dir, 'secrets.key') };
};

describe('EncryptedFileSecrets', () => {
  it('keeps secrets across instances, encrypted at rest, with a key file of mode 0600', async () => {
    const p = paths();
    new EncryptedFileSecrets(p).set('proj-1', {
      tokens: { github: 'ghp_supersecret' },
      webhooks: { github: 'hook-secret' },
    });
    const reopened = new EncryptedFileSecrets(p);
    expect(await reopened.tokens.get('proj-1')).toEqual({ github: 'ghp_supersecret' });
    expect(await reopened.get('proj-1')).toEqual({ github: 'hook-secret' });
    expect(readFileSync(p.file, 'utf8')).not.toContain('supersecret');
    expect(statSync(p.keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(p.file).mode & 0o777).toBe(0o600);
  });

  it('stores the Asana webhook secret of a handshake next to the GitHub one', async () => {
    const secrets = new EncryptedFileSecrets(paths());
    secrets.set('proj-1', { webhooks: { github: 'g' } });
    await secrets.putAsana('proj-1', 'a');
    expect(await secrets.get('proj-1')).toEqual({ github: 'g', asana: 'a' });
  });

  it('refuses to open the file with another key', () => {
    const p = paths();
    new EncryptedFileSecrets(p).set('proj-1', { tokens: { asana: 't' } });
    expect(
      () =>
        new EncryptedFileSecrets({
          file: p.file,
          keyFile: join(mkdtempSync(join(tmpdir(), 'af-k-')), 'other.key'),
        }),
    ).toThrow();
  });
});
