import { ALL_DOMAIN_NAMES, DOMAINS, REGIONS, findRegion } from '@app/taxonomy';
import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/current-user';
import { DomainResponseDto, RegionResponseDto } from './reference.dto';

/** Reference data every form needs: GB/T 2260 regions and the future-industry domains. */
@ApiTags('reference')
@Public()
@Controller()
export class ReferenceController {
  @Get('regions')
  @ApiOperation({ summary: '行政区划列表（GB/T 2260）；可按上级代码筛选' })
  @ApiQuery({ name: 'parent', required: false, example: '330200' })
  @ApiOkResponse({ type: [RegionResponseDto] })
  listRegions(@Query('parent') parent?: string): RegionResponseDto[] {
    return REGIONS.filter((r) => (parent ? r.parentCode === parent : true)).map((r) => ({ ...r }));
  }

  @Get('regions/:code')
  @ApiOperation({ summary: '查询单个行政区划' })
  @ApiOkResponse({ type: RegionResponseDto })
  getRegion(@Param('code') code: string): RegionResponseDto {
    const region = findRegion(code);
    if (!region) throw new NotFoundException(`行政区划代码 ${code} 不存在`);
    return { ...region };
  }

  @Get('domains')
  @ApiOperation({ summary: '未来产业领域（浙江“10+X”、交叉领域与宁波九大方向及其对应关系）' })
  @ApiOkResponse({ type: [DomainResponseDto] })
  listDomains(): DomainResponseDto[] {
    return DOMAINS.filter((d) => ALL_DOMAIN_NAMES.includes(d.name)).map((d) => ({
      code: d.code,
      name: d.name,
      system: d.system,
      mapsTo: [...d.mapsTo],
      aliases: [...d.aliases],
    }));
  }
}
