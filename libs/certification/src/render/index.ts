export * from './certification-facts';
export * from './qr-code';
export * from './render-certified-copy';
