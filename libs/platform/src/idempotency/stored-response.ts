/** The first answer to an idempotent request, replayed as-is by the problem filter. */
export class StoredResponse extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super('replayed idempotent response');
    this.name = 'StoredResponse';
  }
}
