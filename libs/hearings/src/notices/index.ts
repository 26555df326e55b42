export * from './hearing-notices';
export * from './hearing-notice.publisher';
