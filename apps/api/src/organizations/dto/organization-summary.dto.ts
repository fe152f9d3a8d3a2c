import { Organization } from '@app/database';
import { regionDisplayName } from '@app/taxonomy';
import { ApiProperty } from '@nestjs/swagger';

/** The supplier facts shown beside every capability and response (精准画像摘要). Never contacts. */
export class OrganizationSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '甬江智能装备有限公司' }) name: string;
  @ApiProperty({ example: '民营企业' }) type: string;
  @ApiProperty({ example: '330212' }) regionCode: string;
  @ApiProperty({ example: '宁波市鄞州区' }) regionName: string;
  @ApiProperty({ type: [String], example: ['高新技术企业'], description: '今日仍在有效期内的资质' }) qualifications: string[];
  @ApiProperty({ example: 3, description: '已落地案例数' }) casesCount: number;
  @ApiProperty({ description: '是否已由主办方核验' }) verified: boolean;
}

/** Calendar date in China, where certificate validity dates are meant (YYYY-MM-DD). */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Qualification names still valid on the day; an expired 高新技术企业 certificate no longer counts. */
export function validQualificationsOn(org: Pick<Organization, 'qualifications'>, day = chinaToday()): string[] {
  return [...new Set(org.qualifications.filter((q) => !q.validTo || q.validTo >= day).map((q) => q.name))];
}

export function toOrganizationSummary(org: Organization, today = chinaToday()): OrganizationSummaryDto {
  return {
    id: org.id,
    name: org.name,
    type: org.type,
    regionCode: org.regionCode,
    regionName: regionDisplayName(org.regionCode),
    qualifications: validQualificationsOn(org, today),
    casesCount: org.cases?.length ?? 0,
    verified: org.verifiedAt !== null,
  };
}
