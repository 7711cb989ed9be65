import { ref } from 'vue';
import { errorMessage } from './error-message.ts';

/**
 * The state of a form's submission: `busy` while it runs (its buttons are disabled), `error` the
 * readable message of its failure in the interface language (errorMessage). `run(action)` runs
 * the action unless one is running, clearing the previous error first.
 */
export function useSubmission() {
  const busy = ref(false);
  const error = ref('');
  async function run(action: () => Promise<void>): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    error.value = '';
    try {
      await action();
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  }
  return { busy, error, run };
}
