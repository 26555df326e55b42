export * from './role';
export * from './hearing-role';
export * from './hearing-status';
export * from './hearing-type';
export * from './participant-state';
export * from './case-type';
export * from './court-language';
