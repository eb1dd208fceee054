export * from './organisations.js';
export * from './results.js';
export * from './listings.js';
export * from './audit.js';
export * from './lifecycle.js';
export * from './auctions.js';
export * from './notifications.js';
export * from './pool.js';
