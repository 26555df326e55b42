export * from './render';
export * from './seal';
