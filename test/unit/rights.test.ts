import { describe, expect, it } from 'vitest';
import {
  ASSIGNABLE_GROUPS,
  experienceLevel,
  implicitGroups,
  isAutoconfirmed,
  rightsForGrants,
  rightsForGroups,
} from '../../src/core/domain/rights.ts';

const DAY = 86400;
const NOW = 1_700_000_000;

describe('rightsForGroups', () => {
  it('gives visitors read, edit and createaccount but not move', () => {
    const rights = rightsForGroups(['*']);
    expect(rights.has('read')).toBe(true);
    expect(rights.has('edit')).toBe(true);
    expect(rights.has('createaccount')).toBe(true);
    expect(rights.has('move')).toBe(false);
  });

  it('gives registered users move and upload', () => {
    const rights = rightsForGroups(['*', 'user']);
    expect(rights.has('move')).toBe(true);
    expect(rights.has('upload')).toBe(true);
    expect(rights.has('patrol')).toBe(false);
  });

  it('gives sysops patrol, autopatrol, delete and block but not userrights', () => {
    const rights = rightsForGroups(['*', 'user', 'sysop']);
    for (const r of ['patrol', 'autopatrol', 'delete', 'block', 'protect', 'rollback'])
      expect(rights.has(r)).toBe(true);
    expect(rights.has('userrights')).toBe(false);
  });

  it('gives bureaucrats userrights', () => {
    expect(rightsForGroups(['bureaucrat']).has('userrights')).toBe(true);
  });

  it('gives bots bot, apihighlimits and autopatrol', () => {
    const rights = rightsForGroups(['bot']);
    expect([...rights]).toEqual(
      expect.arrayContaining(['bot', 'apihighlimits', 'autopatrol', 'autoconfirmed']),
    );
  });

  it('gives copyviobot the pagetriage-copyvio right (review-queue-reference.md §2.5)', () => {
    expect(rightsForGroups(['copyviobot']).has('pagetriage-copyvio')).toBe(true);
    expect(rightsForGroups(['sysop']).has('pagetriage-copyvio')).toBe(false);
  });

  it('gives the community groups their single right', () => {
    expect(rightsForGroups(['patroller']).has('patrol')).toBe(true);
    expect(rightsForGroups(['autopatrolled']).has('autopatrol')).toBe(true);
    expect(rightsForGroups(['rollbacker']).has('rollback')).toBe(true);
  });

  it('ignores unknown groups', () => {
    expect(rightsForGroups(['no-such-group']).size).toBe(0);
  });
});

describe('ASSIGNABLE_GROUPS', () => {
  it('excludes the implicit groups and includes the explicit ones', () => {
    expect(ASSIGNABLE_GROUPS).not.toContain('*');
    expect(ASSIGNABLE_GROUPS).not.toContain('user');
    expect(ASSIGNABLE_GROUPS).not.toContain('autoconfirmed');
    expect(ASSIGNABLE_GROUPS).toEqual(expect.arrayContaining(['sysop', 'bot', 'bureaucrat', 'copyviobot']));
  });
});

describe('rightsForGrants', () => {
  it('always includes the basic grant', () => {
    const rights = rightsForGrants([]);
    expect(rights.has('read')).toBe(true);
    expect(rights.has('edit')).toBe(false);
  });

  it('maps highvolume to bot rights and pagetriage-copyvio', () => {
    const rights = rightsForGrants(['highvolume']);
    expect(rights.has('apihighlimits')).toBe(true);
    expect(rights.has('pagetriage-copyvio')).toBe(true);
  });

  it('maps editpage to edit but not createpage', () => {
    const rights = rightsForGrants(['editpage']);
    expect(rights.has('edit')).toBe(true);
    expect(rights.has('createpage')).toBe(false);
  });
});

describe('isAutoconfirmed', () => {
  it('needs both the edits and the age', () => {
    expect(isAutoconfirmed({ editCount: 10, registration: NOW - 4 * DAY }, NOW)).toBe(true);
    expect(isAutoconfirmed({ editCount: 9, registration: NOW - 100 * DAY }, NOW)).toBe(false);
    expect(isAutoconfirmed({ editCount: 1000, registration: NOW - 4 * DAY + 1 }, NOW)).toBe(false);
  });

  it('lets an account without a recorded registration pass the age test', () => {
    expect(isAutoconfirmed({ editCount: 10, registration: null }, NOW)).toBe(true);
  });

  it('follows per-wiki settings', () => {
    expect(isAutoconfirmed({ editCount: 0, registration: NOW }, NOW, { minEdits: 0, minAgeSeconds: 0 })).toBe(
      true,
    );
  });
});

describe('implicitGroups', () => {
  it('puts visitors in * only', () => {
    expect(implicitGroups(null, NOW)).toEqual(['*']);
  });

  it('puts new accounts in * and user', () => {
    expect(implicitGroups({ editCount: 0, registration: NOW }, NOW)).toEqual(['*', 'user']);
  });

  it('adds autoconfirmed for established accounts', () => {
    expect(implicitGroups({ editCount: 20, registration: NOW - 10 * DAY }, NOW)).toEqual([
      '*',
      'user',
      'autoconfirmed',
    ]);
  });
});

describe('experienceLevel', () => {
  it('calls visitors anonymous', () => {
    expect(experienceLevel(null, NOW)).toBe('anonymous');
  });

  it('calls accounts with few edits newcomers however old they are', () => {
    expect(experienceLevel({ editCount: 9, registration: NOW - 1000 * DAY }, NOW)).toBe('newcomer');
  });

  it('calls young accounts newcomers however many edits they have', () => {
    expect(experienceLevel({ editCount: 5000, registration: NOW - 3 * DAY }, NOW)).toBe('newcomer');
  });

  it('calls accounts past the learner thresholds learners', () => {
    expect(experienceLevel({ editCount: 10, registration: NOW - 4 * DAY }, NOW)).toBe('learner');
  });

  it('needs more than 500 edits for experienced, as core compares strictly', () => {
    expect(experienceLevel({ editCount: 500, registration: NOW - 60 * DAY }, NOW)).toBe('learner');
    expect(experienceLevel({ editCount: 501, registration: NOW - 30 * DAY }, NOW)).toBe('experienced');
  });

  it('needs 30 days for experienced', () => {
    expect(experienceLevel({ editCount: 5000, registration: NOW - 30 * DAY + 1 }, NOW)).toBe('learner');
  });

  it('treats a missing registration as old enough to be experienced', () => {
    expect(experienceLevel({ editCount: 501, registration: null }, NOW)).toBe('experienced');
    expect(experienceLevel({ editCount: 3, registration: null }, NOW)).toBe('newcomer');
  });

  it('follows custom settings', () => {
    const settings = { learnerEdits: 1, learnerAgeDays: 0, experiencedEdits: 2, experiencedAgeDays: 0 };
    expect(experienceLevel({ editCount: 3, registration: NOW }, NOW, settings)).toBe('experienced');
  });
});
