import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

export class RematchRequestDto {
  @ApiPropertyOptional({
    default: false,
    description: '重新检索候选（查询搜索引擎）。默认只按当前评分规则重新计算各场景上次检索到的候选，调整权重后用默认即可；修改检索方式或排查遗漏时选 true',
  })
  @IsOptional()
  @IsBoolean()
  retrieve?: boolean;
}

export class RematchProgressDto {
  @ApiProperty({ example: 120 }) done: number;
  @ApiProperty({ example: 300 }) total: number;
}

export class RematchJobDto {
  @ApiProperty({ example: 'rematch-all__1767225600000' }) jobId: string;
  @ApiProperty({ example: 'active', description: 'waiting / active / completed / failed / delayed / unknown' }) state: string;
  @ApiProperty({ description: '是否重新检索候选' }) retrieve: boolean;
  @ApiPropertyOptional({ type: RematchProgressDto, nullable: true }) progress: RematchProgressDto | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: '完成后：场景数、耗时（毫秒）、失败数' })
  result: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: String }) failedReason: string | null;
}
