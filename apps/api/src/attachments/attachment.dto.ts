import { AttachmentMeta } from '@app/database';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength, Min } from 'class-validator';

/** Attachment metadata only: files live in object storage, the platform keeps name, size, type and link. */
export class AttachmentDto implements AttachmentMeta {
  @ApiProperty({ example: '技术方案.pdf' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 1048576, description: '字节数' })
  @IsOptional()
  @IsInt()
  @Min(0)
  size?: number | null;

  @ApiPropertyOptional({ example: 'application/pdf' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  mimeType?: string | null;

  @ApiPropertyOptional({ example: 'https://files.example.cn/a/技术方案.pdf' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(1000)
  url?: string | null;
}

export function toAttachments(items: AttachmentDto[] | undefined): AttachmentMeta[] {
  return (items ?? []).map((a) => ({ name: a.name, size: a.size ?? null, mimeType: a.mimeType ?? null, url: a.url ?? null }));
}
