import { AsyncLocalStorage } from 'node:async_hooks';
const storage = new AsyncLocalStorage();
export const RequestContext = {
    run(data, fn) {
        return storage.run(data, fn);
    },
    current() {
        return storage.getStore();
    },
    setActor(actor) {
        const store = storage.getStore();
        if (store)
            store.actor = actor;
    },
};
//# sourceMappingURL=request-context.js.map