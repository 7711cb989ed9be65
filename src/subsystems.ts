import { reviewSubsystem } from './review/review-subsystem.ts';

/**
 * Every subsystem this build serves, in the order they start. Adding one is its folder plus one
 * line here (docs/architecture.md, "How to add a subsystem").
 */
export const subsystems = [reviewSubsystem] as const;
