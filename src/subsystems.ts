import { pageQueueSubsystem } from './pagequeue/pagequeue-subsystem.ts';
import { reviewSubsystem } from './review/review-subsystem.ts';
import { suggestionsSubsystem } from './suggestions/suggestions-subsystem.ts';
import { tasksSubsystem } from './tasks/tasks-subsystem.ts';

/**
 * Every subsystem this build serves, in the order they start. Adding one is its folder plus one
 * line here (docs/architecture.md, "How to add a subsystem").
 */
export const subsystems = [
  reviewSubsystem,
  suggestionsSubsystem,
  tasksSubsystem,
  pageQueueSubsystem,
] as const;
