import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

/** Parses a path id; a malformed one is a coded 400, not a lookup that can only fail. */
export function uuidParam(name = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      new DomainError('invalid', 'invalid_id', `The ${name} in the address is not a valid identifier.`, {
        fields: [{ field: name, message: `${name} must be a UUID` }],
      }),
  });
}
