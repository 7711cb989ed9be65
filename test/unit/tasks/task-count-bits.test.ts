import { describe, expect, it } from 'vitest';
import { TASK_TYPE_IDS } from '../../../src/tasks/domain/task-types.ts';
import { TASK_TYPE_BITS } from '../../../src/tasks/store/tasks-schema.ts';

describe('the task type bits of task_count', () => {
  it('give every task type a bit of its own, within the 31 bits of an integer column', () => {
    for (const id of TASK_TYPE_IDS) expect(TASK_TYPE_BITS, id).toContain(id);
    expect(new Set(TASK_TYPE_BITS).size).toBe(TASK_TYPE_BITS.length);
    expect(TASK_TYPE_BITS.length).toBeLessThanOrEqual(31);
  });
});
