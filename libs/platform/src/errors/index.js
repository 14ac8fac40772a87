export * from './domain-error.js';
export * from './problem-details.js';
export * from './problem-details.filter.js';
export * from './validation.js';
//# sourceMappingURL=index.js.map