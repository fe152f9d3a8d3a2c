import { LIST_BATCH_KINDS, ListBatchKind } from '@app/database';
import { CAPABILITY_KINDS, IsCreditCode, IsDomainName, IsRegionCode, IsTrl, SCENARIO_STAGES, SCENARIO_TIERS } from '@app/taxonomy';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';

export const IMPORT_TARGET_STATUSES = ['submitted', 'draft'] as const;
export type ImportTargetStatus = (typeof IMPORT_TARGET_STATUSES)[number];

/** class-validator's IsIn message is English and lists Chinese values, which the translator leaves alone. */
export const oneOf = (values: readonly string[]) => `取值不在允许范围内，应为：${values.join('、')}`;

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

export class ImportItemsQueryDto {
  @ApiProperty({ enum: LIST_BATCH_KINDS, description: 'scenario：导入场景需求；capability：导入能力供给' })
  @IsIn(LIST_BATCH_KINDS)
  kind: ListBatchKind;

  @ApiPropertyOptional({ default: false, description: '为 true 时跳过有错误的行、导入其余行；默认任何一行有错则全部不导入' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  partial?: boolean;

  @ApiPropertyOptional({ enum: IMPORT_TARGET_STATUSES, default: 'submitted', description: '导入后的状态：submitted（已提交，进入审核/核验）或 draft（草稿，由所属单位补充后提交）' })
  @IsOptional()
  @IsIn(IMPORT_TARGET_STATUSES)
  as?: ImportTargetStatus;
}

@ValidatorConstraint({ name: 'rangeOrder' })
class RangeOrder implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const [minField] = args.constraints as [string];
    const min = (args.object as Record<string, unknown>)[minField];
    return typeof value !== 'number' || typeof min !== 'number' || min <= value;
  }

  defaultMessage(): string {
    return '上限不能小于下限';
  }
}

/** Rules shared by both row kinds; mirror the create DTOs (database CHECKs back them). */
abstract class ImportRowBase {
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  title: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  description: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsDomainName({ each: true })
  domains: string[];

  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  tags: string[];

  @IsCreditCode()
  creditCode: string;
}

export class ScenarioImportRowDto extends ImportRowBase {
  @IsRegionCode()
  regionCode: string;

  @IsOptional()
  @IsIn(SCENARIO_TIERS, { message: oneOf(SCENARIO_TIERS) })
  tier?: string;

  @IsOptional()
  @IsIn(SCENARIO_STAGES, { message: oneOf(SCENARIO_STAGES) })
  stage?: string;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  budgetMinWan?: number;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Validate(RangeOrder, ['budgetMinWan'])
  budgetMaxWan?: number;

  @IsOptional()
  @IsTrl()
  minTrl?: number;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD，例如 2027-03-31' })
  deadline?: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  landingConditions?: string;

  @IsBoolean({ message: '应填写“是”或“否”' })
  anonymous: boolean;
}

export class CapabilityImportRowDto extends ImportRowBase {
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  @IsOptional()
  @IsIn(CAPABILITY_KINDS, { message: oneOf(CAPABILITY_KINDS) })
  kind?: string;

  @IsOptional()
  @IsTrl()
  trl?: number;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  priceMinWan?: number;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Validate(RangeOrder, ['priceMinWan'])
  priceMaxWan?: number;
}

export class ImportRowErrorDto {
  @ApiProperty({ example: 3, description: 'Excel 行号（表头为第 1 行）' }) row: number;
  @ApiProperty({ example: '所属领域', description: '列名' }) column: string;
  @ApiProperty({ example: '“量子通信网”不是已收录的未来产业领域名称' }) message: string;
}

export class ImportResultDto {
  @ApiProperty({ enum: LIST_BATCH_KINDS }) kind: ListBatchKind;
  @ApiProperty({ description: '数据行数' }) total: number;
  @ApiProperty({ description: '已导入行数' }) imported: number;
  @ApiProperty({ description: '有错误的行数' }) failed: number;
  @ApiProperty({ description: '是否写入了数据' }) written: boolean;
  @ApiProperty({ enum: IMPORT_TARGET_STATUSES }) status: ImportTargetStatus;
  @ApiProperty({ type: [String], description: '新建条目的编号，按行顺序' }) createdIds: string[];
  @ApiProperty({ type: [ImportRowErrorDto] }) errors: ImportRowErrorDto[];
}
