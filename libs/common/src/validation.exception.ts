import { BadRequestException, ValidationError } from '@nestjs/common';
import { FieldError, flattenValidationErrors } from './validation-messages';

export class RequestValidationFailed extends BadRequestException {
  constructor(readonly fieldErrors: FieldError[]) {
    super(`有 ${fieldErrors.length} 个字段不符合要求`);
  }

  static fromValidationErrors(errors: ValidationError[]): RequestValidationFailed {
    return new RequestValidationFailed(flattenValidationErrors(errors));
  }
}
