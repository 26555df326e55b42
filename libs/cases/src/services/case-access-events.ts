import { Injectable } from '@nestjs/common';
import { NarrowingEvents } from '@ejustice/platform';

/** After the commit: a case was made confidential or sealed, so fewer may see or attend it (see NarrowingEvents). */
@Injectable()
export class CaseAccessEvents extends NarrowingEvents {
  constructor() {
    super('Case');
  }
}
