/**
 * How far a dump import got, by its source (file path, size and modification time), so that an
 * interrupted import resumes where it stopped.
 */
export interface ImportState {
  sourceKey: string;
  wiki: string;
  pagesDone: number;
  revisionsDone: number;
  startedAt: number;
  finishedAt: number | null;
  /** Where the import continues in its source, as the source words it; '' for dumps (pagesDone says). */
  cursor?: string;
}

export interface ImportStateRepository {
  get(sourceKey: string): Promise<ImportState | undefined>;
  save(state: ImportState): Promise<void>;
}
