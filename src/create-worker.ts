import { OutboxDispatcher } from './core/events/outbox-dispatcher.ts';
import { JobRunner } from './core/jobs/job-runner.ts';
import { registerReviewJobs } from './review/review-jobs.ts';
import type { AppServices } from './app-services.ts';

export interface Worker {
  dispatcher: OutboxDispatcher;
  runner: JobRunner;
}

/**
 * The background half of the service: the outbox dispatcher that turns events into jobs, and the
 * job runner. Subsystems plug in here — each registers its event subscriptions and job handlers.
 */
export function createWorker(
  services: AppServices,
  subsystems: WorkerSubsystem[] = defaultSubsystems,
): Worker {
  const { store, clock, logger, config, jobs } = services;
  const dispatcher = new OutboxDispatcher({ store, clock, queue: jobs, logger });
  const runner = new JobRunner({
    queue: jobs,
    store,
    clock,
    logger,
    dispatcher,
    batchSize: config.jobs.batchSize,
    pollIntervalMs: config.jobs.pollIntervalMs,
    leaseSeconds: config.jobs.leaseSeconds,
  });
  for (const subsystem of subsystems) subsystem(services, dispatcher);
  return { dispatcher, runner };
}

/** Registers a subsystem's subscriptions (on the dispatcher) and handlers (on services.jobs). */
export type WorkerSubsystem = (services: AppServices, dispatcher: OutboxDispatcher) => void;

const defaultSubsystems: WorkerSubsystem[] = [registerReviewJobs];
