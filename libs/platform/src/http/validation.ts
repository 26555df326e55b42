import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

/** Flattens class-validator's tree into one entry per offending field path. */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ field, message: message.replace(/^property /, '') });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/**
 * Rules at the edge: unknown fields are refused (not silently dropped), types are converted
 * from the wire, and every offending field is listed in the problem details.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      return new DomainError(
        'invalid',
        'validation_failed',
        `The request has ${fields.length} invalid field${fields.length === 1 ? '' : 's'}.`,
        {
          fields,
        },
      );
    },
  });
}
