import { Injectable } from '@nestjs/common';
import { NarrowingEvents } from '@ejustice/platform';

/** After the commit: an account was disabled or lost a role (see NarrowingEvents). */
@Injectable()
export class AccountAccessEvents extends NarrowingEvents {
  constructor() {
    super('Account');
  }
}
