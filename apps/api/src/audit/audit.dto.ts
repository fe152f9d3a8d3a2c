import { PageQueryDto } from '@app/common';
import { AuditEntry } from '@app/database';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class ListAuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'scenario', description: '对象类型' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{1,40}$/, { message: '对象类型格式不正确' })
  entityType?: string;

  @ApiPropertyOptional({ description: '对象 id' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @ApiPropertyOptional({ example: 'scenario.approve', description: '操作（精确匹配；以 . 结尾按前缀匹配，如 scenario.）' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_.]{1,60}$/, { message: '操作名称格式不正确' })
  action?: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: '起始时间（含）' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31T23:59:59Z', description: '截止时间（不含）' })
  @IsOptional()
  @IsISO8601()
  to?: string;
}

export class AuditEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'scenario.approve' }) action: string;
  @ApiProperty({ example: 'scenario' }) entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ nullable: true, type: String }) regionCode: string | null;
  @ApiProperty({ nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorName: string | null;
  @ApiProperty({ nullable: true, type: String }) actorRole: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) before: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) after: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export function toAuditEntryResponse(e: AuditEntry, actorName: string | null): AuditEntryDto {
  return {
    id: String(e.id),
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    regionCode: e.regionCode,
    actorUserId: e.actorUserId,
    actorName,
    actorRole: e.actorRole,
    before: e.before,
    after: e.after,
    comment: e.comment,
    createdAt: e.createdAt.toISOString(),
  };
}
