export * from './test-env';
export * from './api-server';
export * from './factories';
export * from './http-client';
