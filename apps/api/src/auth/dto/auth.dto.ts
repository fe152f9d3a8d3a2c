import { IsCreditCode, IsRegionCode, ORGANIZATION_TYPES, OrganizationType } from '@app/taxonomy';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';

const trimLower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class RegisterOrganizationDto {
  @ApiProperty({ example: '甬江智能装备有限公司' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: ORGANIZATION_TYPES, example: '民营企业' })
  @IsIn(ORGANIZATION_TYPES)
  type: OrganizationType;

  @ApiProperty({ example: '91330212MA2XXXXXXX', description: '统一社会信用代码（18 位，含 GB 32100-2015 校验位）' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsCreditCode()
  creditCode: string;

  @ApiProperty({ example: '330212', description: 'GB/T 2260 行政区划代码' })
  @IsRegionCode()
  regionCode: string;
}

export class RegisterDto {
  @ApiProperty({ example: 'zhang.san@example.cn' })
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(200)
  email: string;

  @ApiProperty({ example: 'Sx@2026pass', description: '至少 8 位，须包含字母和数字' })
  @IsString()
  @MinLength(8)
  @MaxLength(72)
  @Matches(/(?=.*[A-Za-z])(?=.*\d)/, { message: '密码须同时包含字母和数字' })
  password: string;

  @ApiProperty({ example: '张三' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  displayName: string;

  @ApiPropertyOptional({ example: '13800000000' })
  @IsOptional()
  @Matches(/^1\d{10}$/, { message: '手机号格式不正确' })
  phone?: string;

  @ApiProperty({ enum: ['owner', 'supplier'], description: '自助注册只能是场景业主方或能力供给方；主办方、专家由管理员开通' })
  @IsIn(['owner', 'supplier'])
  role: 'owner' | 'supplier';

  @ApiProperty({ type: RegisterOrganizationDto })
  @ValidateNested()
  @Type(() => RegisterOrganizationDto)
  organization: RegisterOrganizationDto;
}

export class LoginDto {
  @ApiProperty({ example: 'organizer.nb@demo.scenario-exchange.cn' })
  @Transform(trimLower)
  @IsEmail()
  email: string;

  @ApiProperty({ example: 'Demo@2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  refreshToken: string;
}

export class UserResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['owner', 'supplier', 'organizer', 'expert', 'admin'] }) role: string;
  @ApiProperty() organizationId: string;
  @ApiProperty({ nullable: true, type: String }) organizationName: string | null;
  @ApiProperty({ nullable: true, type: String }) jurisdictionRegionCode: string | null;
}

export class TokenResponseDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ example: 900, description: '访问令牌有效期（秒）' }) expiresIn: number;
  @ApiProperty({ type: UserResponseDto }) user: UserResponseDto;
}
