import type { DataSource, Logger, QueryRunner } from 'typeorm';

export interface StatementRecorder {
  /** Starts a fresh recording. */
  start(): void;
  /** What the recording holds so far. */
  current(): string[];
  /** Ends the recording and returns its statements, in the order they were sent. */
  stop(): string[];
}

/** Records the statements a data source sends while a recording runs, as its logger sees them. */
export function recordStatements(db: DataSource): StatementRecorder {
  let seen: string[] | null = null;
  const logger = db.logger;
  db.logger = new Proxy(logger, {
    get(target, prop, receiver) {
      if (prop !== 'logQuery') return Reflect.get(target, prop, receiver);
      return (query: string, parameters?: unknown[], runner?: QueryRunner) => {
        seen?.push(query);
        return (target as Logger).logQuery(query, parameters, runner);
      };
    },
  });
  return {
    start: () => {
      seen = [];
    },
    current: () => seen ?? [],
    stop: () => {
      const statements = seen ?? [];
      seen = null;
      return statements;
    },
  };
}
