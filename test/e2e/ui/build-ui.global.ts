import { BUILT_UI_DIR } from '../../../src/config.ts';
import { buildUi } from '../../../src/cli/ui-build.ts';

/**
 * Vitest global setup: the web interface's browser tests load the built app, so build it once
 * before any test file runs (nothing happens when the build is current).
 */
export default async function setup(): Promise<void> {
  await buildUi(BUILT_UI_DIR, { ifStale: true });
}
