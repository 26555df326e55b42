import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'ejustice:isPublic';

/** Marks a route as reachable without an access token (authentication is on by default). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
