/** Records and ports, declared once and imported everywhere. */
export * from './classification';
export * from './mention';
export * from './reply';
export * from './case';
export * from './outbox';
export * from './channel-state';
export * from './channel';
export * from './page';
export * from './store';
export * from './summary-week';
export * from './queue-changes';
