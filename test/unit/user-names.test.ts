import { describe, expect, it } from 'vitest';
import {
  isCreatableUserName,
  isIpAddress,
  normalizeUserName,
  parseBotPasswordLogin,
  userNameToDbKey,
} from '../../src/core/domain/user-names.ts';

describe('isIpAddress', () => {
  it('accepts IPv4 dotted quads', () => {
    expect(isIpAddress('127.0.0.1')).toBe(true);
    expect(isIpAddress('255.255.255.255')).toBe(true);
  });

  it('rejects out-of-range or short IPv4', () => {
    expect(isIpAddress('256.1.1.1')).toBe(false);
    expect(isIpAddress('1.2.3')).toBe(false);
    expect(isIpAddress('1.2.3.4.5')).toBe(false);
  });

  it('accepts full and compressed IPv6', () => {
    expect(isIpAddress('2001:db8:0:0:0:0:2:1')).toBe(true);
    expect(isIpAddress('2001:DB8::2:1')).toBe(true);
    expect(isIpAddress('::1')).toBe(true);
    expect(isIpAddress('::')).toBe(true);
    expect(isIpAddress('fe80::')).toBe(true);
  });

  it('rejects malformed IPv6', () => {
    expect(isIpAddress('1::2::3')).toBe(false);
    expect(isIpAddress('1:2:3:4:5:6:7')).toBe(false);
    expect(isIpAddress('1:2:3:4:5:6:7::8')).toBe(false);
    expect(isIpAddress('12345::')).toBe(false);
    expect(isIpAddress('g::1')).toBe(false);
  });

  it('rejects names', () => {
    expect(isIpAddress('Example')).toBe(false);
  });
});

describe('normalizeUserName', () => {
  it('uppercases the first letter', () => {
    expect(normalizeUserName('example')).toBe('Example');
    expect(normalizeUserName('élodie')).toBe('Élodie');
  });

  it('turns underscores into spaces and folds runs of space', () => {
    expect(normalizeUserName('Foo_bar__baz')).toBe('Foo bar baz');
    expect(normalizeUserName('Foo \u00A0 bar')).toBe('Foo bar');
  });

  it('trims surrounding space and underscores', () => {
    expect(normalizeUserName('  _Foo_ ')).toBe('Foo');
  });

  it('keeps a first letter whose uppercase is longer', () => {
    expect(normalizeUserName('ßtraße')).toBe('ßtraße');
  });

  it('rejects empty names', () => {
    expect(normalizeUserName('')).toBeNull();
    expect(normalizeUserName(' _ ')).toBeNull();
  });

  it('rejects characters titles forbid', () => {
    for (const c of ['#', '<', '>', '[', ']', '|', '{', '}', '\n', '\u007F']) {
      expect(normalizeUserName(`Foo${c}bar`), JSON.stringify(c)).toBeNull();
    }
  });

  it('rejects slashes', () => {
    expect(normalizeUserName('Foo/bar')).toBeNull();
  });

  it('rejects percent escapes, entities, tildes and dot names', () => {
    expect(normalizeUserName('Foo%41')).toBeNull();
    expect(normalizeUserName('Foo&amp;')).toBeNull();
    expect(normalizeUserName('Foo~~~')).toBeNull();
    expect(normalizeUserName('..')).toBeNull();
  });

  it('rejects troublemaker characters', () => {
    expect(normalizeUserName('Foo\u200Bbar')).toBeNull();
    expect(normalizeUserName('Foo\uE000')).toBeNull();
  });

  it('rejects IP addresses and old masked IPs', () => {
    expect(normalizeUserName('192.168.0.1')).toBeNull();
    expect(normalizeUserName('2001:db8::1')).toBeNull();
    expect(normalizeUserName('1.2.3.xxx')).toBeNull();
  });

  it('rejects names over 255 bytes', () => {
    expect(normalizeUserName('A'.repeat(255))).toBe('A'.repeat(255));
    expect(normalizeUserName('A'.repeat(256))).toBeNull();
    expect(normalizeUserName('é'.repeat(128))).toBeNull();
  });

  it('keeps legacy characters that only new accounts may not use', () => {
    expect(normalizeUserName('Foo@bar')).toBe('Foo@bar');
    expect(normalizeUserName('Foo:bar')).toBe('Foo:bar');
  });
});

describe('isCreatableUserName', () => {
  it('accepts an ordinary canonical name', () => {
    expect(isCreatableUserName('Example user')).toBe(true);
  });

  it('rejects non-canonical forms', () => {
    expect(isCreatableUserName('example')).toBe(false);
    expect(isCreatableUserName('Example_user')).toBe(false);
  });

  it('rejects @ : > = in new names', () => {
    for (const c of ['@', ':', '>', '=']) expect(isCreatableUserName(`Foo${c}bar`), c).toBe(false);
  });

  it('rejects names over 235 bytes', () => {
    expect(isCreatableUserName('A'.repeat(235))).toBe(true);
    expect(isCreatableUserName('A'.repeat(236))).toBe(false);
  });

  it('rejects reserved names', () => {
    expect(isCreatableUserName('Maintenance script')).toBe(false);
  });
});

describe('userNameToDbKey', () => {
  it('replaces spaces with underscores', () => {
    expect(userNameToDbKey('Foo bar')).toBe('Foo_bar');
  });
});

describe('parseBotPasswordLogin', () => {
  const secret = '0123456789abcdefghijklmnopqrstuv';

  it('splits Name@AppId with a bot password', () => {
    expect(parseBotPasswordLogin('Foo@MyBot', secret)).toEqual({
      userName: 'Foo',
      appId: 'MyBot',
      password: secret,
    });
  });

  it('accepts the AppId@password form', () => {
    expect(parseBotPasswordLogin('Foo', `MyBot@${secret}`)).toEqual({
      userName: 'Foo',
      appId: 'MyBot',
      password: secret,
    });
  });

  it('treats a short or differently formed password as a normal login', () => {
    expect(parseBotPasswordLogin('Foo@MyBot', 'hunter22')).toBeNull();
    expect(parseBotPasswordLogin('Foo@MyBot', 'X'.repeat(32))).toBeNull();
    expect(parseBotPasswordLogin('Foo', secret)).toBeNull();
  });
});
