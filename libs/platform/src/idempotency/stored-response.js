export class StoredResponse extends Error {
    status;
    body;
    constructor(status, body) {
        super('replayed idempotent response');
        this.status = status;
        this.body = body;
        this.name = 'StoredResponse';
    }
}
//# sourceMappingURL=stored-response.js.map