export * from './organisations.js';
export * from './results.js';
export * from './listings.js';
export * from './audit.js';
export * from './pool.js';
