export * from '../contract/summons-contract';
export * from './summons-decisions';
export * from './summons-queries';
export * from './record-summons-delivery.use-case';
