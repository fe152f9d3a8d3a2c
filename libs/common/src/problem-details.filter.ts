import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { IllegalTransition } from './domain-errors';
import { PROBLEM_BASE, PROBLEM_TITLES, ProblemDetailsDto } from './problem-details';
import { RequestValidationFailed } from './validation.exception';

interface PgError {
  code?: string;
  detail?: string;
  constraint?: string;
}

/** Maps everything thrown in a request to one RFC 9457 body; bad input never becomes a 500. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request & { id?: string }>();
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl ?? request.url;
    // Errors raised before the logging middleware (e.g. by the body parser) still get an id to quote.
    if (request.id === undefined) {
      request.id = randomUUID();
      if (!response.headersSent) response.setHeader('X-Request-Id', request.id);
    }
    problem.requestId = String(request.id);
    if (problem.status >= 500) {
      // A deliberate 503 (a dependency is down) is expected operations news; anything else is a bug.
      if (exception instanceof HttpException) this.logger.warn(`${problem.status} ${problem.detail} (request ${problem.requestId})`);
      else this.logger.error({ err: exception, requestId: problem.requestId }, 'Unhandled error');
    }
    if (response.headersSent) return;
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  toProblem(exception: unknown): ProblemDetailsDto {
    if (exception instanceof RequestValidationFailed) {
      return { ...base(400, 'validation-failed', '请求参数校验失败'), detail: exception.message, errors: exception.fieldErrors };
    }
    if (exception instanceof IllegalTransition) {
      return { ...base(409, 'illegal-transition', '当前状态不允许此操作'), detail: textOf(exception), allowed: [...exception.allowed] };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const cause = (exception as { cause?: { type?: string } }).cause;
      if (status === 400 && (cause?.type === 'entity.parse.failed' || exception.constructor.name === 'PayloadParseError' || /JSON/.test(textOf(exception)))) {
        return malformedJson();
      }
      return { ...base(status), detail: textOf(exception), ...extensionsOf(exception) };
    }
    if (exception instanceof QueryFailedError) {
      return fromDatabaseError(exception.driverError as PgError);
    }
    const bodyParserError = exception as { type?: string; status?: number; message?: string };
    if (bodyParserError?.type === 'entity.parse.failed') return malformedJson();
    if (typeof bodyParserError?.status === 'number' && bodyParserError.status >= 400 && bodyParserError.status < 500) {
      return { ...base(bodyParserError.status), detail: bodyParserError.message ?? '' };
    }
    return { ...base(500), detail: '服务器处理请求时出错，请稍后重试；如持续出现请联系管理员' };
  }
}

function malformedJson(): ProblemDetailsDto {
  return { ...base(400, 'malformed-json', '请求体不是合法的 JSON'), detail: 'JSON 解析失败，请检查请求体格式' };
}

/** Health checks answer 503 with per-dependency details; those stay as problem-detail extensions. */
function extensionsOf(exception: HttpException): Record<string, unknown> {
  const body = exception.getResponse();
  if (typeof body !== 'object' || body === null || !('details' in body)) return {};
  const { info, error, details } = body as Record<string, unknown>;
  return { info, error, details };
}

function base(status: number, slug?: string, title?: string): ProblemDetailsDto {
  const known = PROBLEM_TITLES[status] ?? { slug: `http-${status}`, title: HttpStatus[status] ?? '错误' };
  return { type: PROBLEM_BASE + (slug ?? known.slug), title: title ?? known.title, status, detail: '' };
}

function textOf(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('；');
  if (typeof message === 'string') return translateNestDefault(message, exception.getStatus());
  return exception.message;
}

/** Nest's own defaults (e.g. unknown route) are English; users read Chinese. */
function translateNestDefault(message: string, status: number): string {
  const route = /^Cannot (\w+) (.+)$/.exec(message);
  if (route) return `接口不存在：${route[1]} ${route[2]}`;
  if (message === 'Unauthorized') return '请先登录';
  if (message === 'Forbidden resource' || message === 'Forbidden') return '当前账号无权执行此操作';
  if (/ThrottlerException|Too Many Requests/i.test(message)) return '请求过于频繁，请稍后再试';
  if (message === 'Validation failed (uuid is expected)') return '编号格式不正确（应为 UUID）';
  if (status === 400 && /^Validation failed/.test(message)) return '参数格式不正确';
  return message;
}

function fromDatabaseError(error: PgError): ProblemDetailsDto {
  switch (error.code) {
    case '23505':
      return { ...base(409, 'duplicate', '记录已存在'), detail: '与已有记录重复' + (error.constraint ? `（${error.constraint}）` : '') };
    case '23503':
      return { ...base(409, 'reference-conflict', '关联记录不存在或仍被引用'), detail: '引用的记录不存在，或该记录仍被其他数据引用' };
    case '23514':
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
    case '23502':
      return { ...base(400, 'invalid-value', '数据不符合约束'), detail: '提交的数据不符合要求' + (error.constraint ? `（${error.constraint}）` : '') };
    case '40001':
    case '40P01':
      return { ...base(409, 'concurrent-update', '并发冲突'), detail: '数据正被同时修改，请重试' };
    default:
      return { ...base(500), detail: '服务器处理请求时出错，请稍后重试；如持续出现请联系管理员' };
  }
}
