import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CredentialVault, secretFromFile } from '../../../src/core/accounts/credential-vault.ts';

const SECRET = 'a secret of more than thirty-two characters, as tests need';

describe('credential vault', () => {
  it('opens what it sealed, and the sealed text does not contain the plain text', () => {
    const vault = new CredentialVault(SECRET);
    const plain = '{"cookies":[{"key":"wiki_session","value":"abcdef0123456789"}]}';
    const sealed = vault.seal(plain, 'session-hash-1');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('abcdef0123456789');
    expect(vault.open(sealed, 'session-hash-1')).toBe(plain);
    // A fresh IV each time: sealing twice gives two different texts.
    expect(vault.seal(plain, 'session-hash-1')).not.toBe(sealed);
  });

  it('does not open a value under another context (copied into another session), another secret, or altered', () => {
    const vault = new CredentialVault(SECRET);
    const sealed = vault.seal('cookie', 'session-a');
    expect(vault.open(sealed, 'session-b')).toBeUndefined();
    expect(new CredentialVault(`${SECRET}!`).open(sealed, 'session-a')).toBeUndefined();
    const [v, iv, tag, body] = sealed.split('.') as [string, string, string, string];
    const flipped = body.startsWith('A') ? `B${body.slice(1)}` : `A${body.slice(1)}`;
    expect(vault.open([v, iv, tag, flipped].join('.'), 'session-a')).toBeUndefined();
    expect(vault.open('not sealed', 'session-a')).toBeUndefined();
  });

  it('refuses a secret shorter than 32 characters when first used', () => {
    const vault = new CredentialVault('short');
    expect(() => vault.seal('x', 'c')).toThrow(/at least 32 characters/);
  });

  it('makes the key file once, private to its owner, and reads it back after', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wq-vault-')), 'nested', 'secret-key');
    const first = secretFromFile(file);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(secretFromFile(file)).toBe(first);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    // A vault over the file's secret opens what another vault over it sealed (another process).
    const sealed = new CredentialVault(() => secretFromFile(file)).seal('x', 'c');
    expect(new CredentialVault(() => secretFromFile(file)).open(sealed, 'c')).toBe('x');
  });
});
