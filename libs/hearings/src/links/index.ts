export * from './hearing-links.service';
export * from './hearing-link-views';
export * from './link-origin';
export * from './link-history';
