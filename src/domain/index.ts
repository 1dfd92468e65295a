/** Records and ports, declared once and imported everywhere. */
export * from './classification';
export * from './mention';
export * from './reply';
export * from './case';
export * from './audit';
export * from './channel-state';
export * from './channel';
export * from './page';
export * from './store';
export * from './summary-week';
export * from './reply-store';
export * from './case-store';
export * from './correction-store';
export * from './queue-changes';
