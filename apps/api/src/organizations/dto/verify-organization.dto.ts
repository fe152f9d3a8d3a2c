import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class VerifyOrganizationDto {
  @ApiPropertyOptional({ example: '已核对营业执照与高新技术企业证书原件' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}
