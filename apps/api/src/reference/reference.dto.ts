import { ApiProperty } from '@nestjs/swagger';

export class RegionResponseDto {
  @ApiProperty({ example: '330212' }) code: string;
  @ApiProperty({ example: '鄞州区' }) name: string;
  @ApiProperty({ enum: ['province', 'city', 'district'] }) level: 'province' | 'city' | 'district';
  @ApiProperty({ example: '330200', nullable: true, type: String }) parentCode: string | null;
}

export class DomainResponseDto {
  @ApiProperty({ example: 'embodied-ai' }) code: string;
  @ApiProperty({ example: '具身智能' }) name: string;
  @ApiProperty({ example: 'zhejiang' }) system: string;
  @ApiProperty({ example: [] }) mapsTo: string[];
  @ApiProperty({ example: ['智能机器人'] }) aliases: string[];
}
