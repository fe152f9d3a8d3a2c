import { PageQueryDto } from '@app/common';
import { AttachmentMeta, Capability, Organization, Scenario, SCENARIO_RESPONSE_STATUSES, ScenarioResponse, ScenarioResponseStatus } from '@app/database';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { AttachmentDto } from '../../attachments/attachment.dto';
import { OrganizationSummaryDto, toOrganizationSummary } from '../../organizations/dto/organization-summary.dto';
import { RESPONSE_STATUS_LABELS, ResponseAction } from '../response.lifecycle';

export class CreateResponseDto {
  @ApiProperty({ example: '采用40台重载AGV与集群调度系统，分两期在梅山港区试点，第一期完成10台车联调。', maxLength: 5000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  approach: string;

  @ApiPropertyOptional({ example: 280, description: '报价（万元）；不填表示面议' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1e10)
  priceWan?: number | null;

  @ApiPropertyOptional({ example: '签约后3个月完成一期部署，6个月完成验收', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  schedule?: string;

  @ApiPropertyOptional({ type: [String], description: '关联本单位已发布的能力供给' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  capabilityIds?: string[];

  @ApiPropertyOptional({ type: [AttachmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];
}

/** Omitted fields stay; `priceWan: null` switches to 面议. */
export class UpdateResponseDto extends PartialType(CreateResponseDto) {}

export class ResponseDecisionDto {
  @ApiPropertyOptional({ example: '方案贴合现场条件，请准备路演材料' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}

export class ListResponsesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SCENARIO_RESPONSE_STATUSES })
  @IsOptional()
  @IsIn(SCENARIO_RESPONSE_STATUSES)
  status?: ScenarioResponseStatus;
}

export class LinkedCapabilityDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) kind: string | null;
  @ApiProperty({ nullable: true, type: Number }) trl: number | null;
  @ApiProperty() status: string;
}

export class ResponseScenarioDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() status: string;
}

export class ResponseViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: ResponseScenarioDto }) scenario: ResponseScenarioDto;
  @ApiProperty({ type: OrganizationSummaryDto, description: '响应的供给方画像摘要' }) organization: OrganizationSummaryDto;
  @ApiProperty() approach: string;
  @ApiProperty({ nullable: true, type: Number, description: '报价（万元）' }) priceWan: number | null;
  @ApiProperty({ description: '报价面议' }) priceNegotiable: boolean;
  @ApiProperty() schedule: string;
  @ApiProperty({ type: [LinkedCapabilityDto] }) capabilities: LinkedCapabilityDto[];
  @ApiProperty({ type: [AttachmentDto] }) attachments: AttachmentMeta[];
  @ApiProperty({ enum: SCENARIO_RESPONSE_STATUSES }) status: ScenarioResponseStatus;
  @ApiProperty({ example: '已提交' }) statusLabel: string;
  @ApiProperty() version: number;
  @ApiProperty({ nullable: true, type: String }) decisionComment: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) shortlistedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) withdrawnAt: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: '当前账号此刻能否修改' }) editable: boolean;
  @ApiProperty({ type: [String], example: ['withdraw'], description: '当前账号此刻可执行的操作' }) allowedActions: ResponseAction[];
}

export class ResponsePageDto {
  @ApiProperty({ type: [ResponseViewDto] }) items: ResponseViewDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export function toResponseView(
  response: ScenarioResponse,
  scenario: Pick<Scenario, 'id' | 'title' | 'status'>,
  supplier: Organization,
  capabilities: Capability[],
  caller: { editable: boolean; allowedActions: ResponseAction[] },
): ResponseViewDto {
  return {
    id: response.id,
    scenario: { id: scenario.id, title: scenario.title, status: scenario.status },
    organization: toOrganizationSummary(supplier),
    approach: response.approach,
    priceWan: response.priceWan,
    priceNegotiable: response.priceWan === null,
    schedule: response.schedule,
    capabilities: capabilities.map((c) => ({ id: c.id, title: c.title, kind: c.kind, trl: c.trl, status: c.status })),
    attachments: response.attachments,
    status: response.status,
    statusLabel: RESPONSE_STATUS_LABELS[response.status],
    version: response.version,
    decisionComment: response.decisionComment,
    submittedAt: response.submittedAt.toISOString(),
    shortlistedAt: response.shortlistedAt?.toISOString() ?? null,
    decidedAt: response.decidedAt?.toISOString() ?? null,
    withdrawnAt: response.withdrawnAt?.toISOString() ?? null,
    updatedAt: response.updatedAt.toISOString(),
    editable: caller.editable,
    allowedActions: caller.allowedActions,
  };
}
