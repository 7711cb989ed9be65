import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr when it is a terminal; otherwise a line every ~10 % so that logs of
 * non-interactive runs (CI, cron) still show progress without control characters.
 */
export function startProgress(label: string, total: number, unit = 'items'): Progress {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {eta_formatted} left`,
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return {
      update(done, newTotal) {
        if (newTotal !== undefined) bar.setTotal(newTotal);
        bar.update(done);
      },
      stop() {
        bar.stop();
      },
    };
  }
  let lastDecile = -1;
  let currentTotal = total;
  return {
    update(done, newTotal) {
      if (newTotal !== undefined) currentTotal = newTotal;
      const decile = currentTotal > 0 ? Math.floor((done / currentTotal) * 10) : 10;
      if (decile !== lastDecile) {
        lastDecile = decile;
        process.stderr.write(`${label}: ${done}/${currentTotal} ${unit}\n`);
      }
    },
    stop() {},
  };
}
