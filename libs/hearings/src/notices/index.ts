export * from './hearing-notices';
export * from './hearing-notice.publisher';
export * from './account-access-notices';
