import { dictionary } from '@zxcvbn-ts/language-common';
import { fail } from '../../errors.ts';

/**
 * MediaWiki's default `$wgPasswordPolicy` (MainConfigSchema, 1.35+), the checks that refuse a
 * password when it is set (account creation, password change). A user's policy is the `default`
 * group's merged with each of their groups' by taking the larger value, as UserPasswordPolicy does.
 * Lengths are counted in UTF-8 bytes, as PasswordPolicyChecks does with `strlen`.
 *
 * Not carried over: `MinimumPasswordLengthToLogin` (1 for the privileged groups: every non-empty
 * password may log in anyway) and the `suggestChangeOnLogin` prompts (there is no login form to
 * show one on).
 */
export interface PasswordPolicy {
  /** MinimalPasswordLength: `passwordtooshort`. */
  minimalLength: number;
  /** MaximalPasswordLength: `passwordtoolong` (bounds the cost of hashing what a client sends). */
  maximalLength: number;
  /** PasswordCannotBeSubstringInUsername: `password-substring-username-match`. */
  cannotBeSubstringInUsername: boolean;
  /** PasswordCannotMatchDefaults: `password-login-forbidden`. */
  cannotMatchDefaults: boolean;
  /** PasswordNotInCommonList: `passwordincommonlist`. */
  notInCommonList: boolean;
}

export const DEFAULT_PASSWORD_POLICY: Readonly<PasswordPolicy> = Object.freeze({
  minimalLength: 8,
  maximalLength: 4096,
  cannotBeSubstringInUsername: true,
  cannotMatchDefaults: true,
  notInCommonList: true,
});

/** The groups MediaWiki's default policy holds to a longer minimum (MinimalPasswordLength 10). */
const GROUP_POLICIES: Readonly<Record<string, Partial<PasswordPolicy>>> = {
  bureaucrat: { minimalLength: 10 },
  sysop: { minimalLength: 10 },
  'interface-admin': { minimalLength: 10 },
  bot: { minimalLength: 10 },
};

/**
 * PasswordCannotMatchDefaults: user name → password pairs MediaWiki once shipped as defaults
 * (r75589, r75605), and passwords forbidden for every account: MediaWiki's API example password and
 * `wikiqueue-demo`, the password every demo account of this service shared before the demo's
 * password became random.
 */
const DEFAULT_LOGINS: Readonly<Record<string, string>> = {
  Useruser: 'Passpass',
  Useruser1: 'Passpass1',
  Apitestsysop: 'testpass',
  Apitestuser: 'testpass',
};
const DEFAULT_PASSWORDS: readonly string[] = ['ExamplePassword', 'wikiqueue-demo'];

/** The policy for an account in `groups` (explicit groups; the default policy applies to all). */
export function passwordPolicyFor(groups: readonly string[]): PasswordPolicy {
  const policy = { ...DEFAULT_PASSWORD_POLICY };
  for (const group of groups) {
    const extra = GROUP_POLICIES[group];
    if (extra?.minimalLength !== undefined)
      policy.minimalLength = Math.max(policy.minimalLength, extra.minimalLength);
  }
  return policy;
}

/**
 * Throws the first check `password` fails for the account `userName` (canonical form) in
 * `groups`, in MediaWiki's order: length, user name, defaults, common list.
 */
export function checkPasswordPolicy(
  userName: string,
  password: string,
  groups: readonly string[] = [],
): void {
  const policy = passwordPolicyFor(groups);
  const bytes = new TextEncoder().encode(password).length;
  if (bytes < policy.minimalLength) throw fail('passwordtooshort', policy.minimalLength);
  if (bytes > policy.maximalLength) throw fail('passwordtoolong', policy.maximalLength);
  if (policy.cannotBeSubstringInUsername && userName.toLowerCase().includes(password.toLowerCase()))
    throw fail('password-substring-username-match');
  if (
    policy.cannotMatchDefaults &&
    (DEFAULT_LOGINS[userName] === password || DEFAULT_PASSWORDS.includes(password))
  )
    throw fail('password-login-forbidden');
  if (policy.notInCommonList && isCommonPassword(password)) throw fail('passwordincommonlist');
}

let commonPasswords: Set<string> | undefined;

/**
 * Whether `password` is among the ~49,000 most common passwords of the `@zxcvbn-ts/language-common`
 * frequency list (MediaWiki checks the 100,000 most common of SecLists through the
 * wikimedia/common-passwords library). Compared as given, like MediaWiki; the list is loaded on
 * first use.
 */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common']);
  return commonPasswords.has(password);
}
