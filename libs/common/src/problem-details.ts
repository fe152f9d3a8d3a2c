import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'title' })
  field: string;

  @ApiProperty({ example: ['标题不能为空'] })
  messages: string[];
}

/** RFC 9457 problem details: the one error body every route answers with. */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'https://scenario-exchange.dev/problems/validation-failed' })
  type: string;

  @ApiProperty({ example: '请求参数校验失败' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: '有 1 个字段不符合要求' })
  detail: string;

  @ApiPropertyOptional({ example: '/api/v1/scenarios' })
  instance?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({ description: '非法状态转换时，当前状态允许的操作', example: ['submit', 'withdraw'] })
  allowed?: string[];

  @ApiPropertyOptional({ example: 'b7f0c1a2-…' })
  requestId?: string;
}

export const PROBLEM_BASE = 'https://scenario-exchange.dev/problems/';

export const PROBLEM_TITLES: Record<number, { slug: string; title: string }> = {
  400: { slug: 'bad-request', title: '请求有误' },
  401: { slug: 'unauthorized', title: '未登录或登录已过期' },
  403: { slug: 'forbidden', title: '无权执行此操作' },
  404: { slug: 'not-found', title: '资源不存在' },
  405: { slug: 'method-not-allowed', title: '不支持的请求方法' },
  409: { slug: 'conflict', title: '与当前状态冲突' },
  413: { slug: 'payload-too-large', title: '请求内容过大' },
  415: { slug: 'unsupported-media-type', title: '不支持的内容类型' },
  422: { slug: 'unprocessable', title: '无法处理的内容' },
  429: { slug: 'too-many-requests', title: '请求过于频繁，请稍后再试' },
  500: { slug: 'internal-error', title: '服务器内部错误' },
  503: { slug: 'service-unavailable', title: '服务暂不可用' },
};
