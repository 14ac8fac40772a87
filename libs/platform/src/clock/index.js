export * from './clock.js';
//# sourceMappingURL=index.js.map