import { ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';

/** 404 that reads the same whether the record is missing or belongs to someone else (no existence leak). */
export class ResourceNotFound extends NotFoundException {
  constructor(what: string, id?: string) {
    super(id ? `${what}不存在或无权访问（${id}）` : `${what}不存在或无权访问`);
  }
}

export class ActionForbidden extends ForbiddenException {
  constructor(detail = '当前账号无权执行此操作') {
    super(detail);
  }
}

/** 409 for an illegal state transition; the body names what the current state allows. */
export class IllegalTransition extends ConflictException {
  constructor(
    readonly entity: string,
    readonly from: string,
    readonly action: string,
    readonly allowed: readonly string[],
  ) {
    super({
      message: `${entity}当前状态为「${from}」，不能执行「${action}」。允许的操作：${allowed.length ? allowed.join('、') : '无'}`,
      allowed,
    });
  }
}

export class DuplicateResource extends ConflictException {
  constructor(detail: string) {
    super(detail);
  }
}
