import { User } from '@app/database';
import { EntityManager, In } from 'typeorm';
import { regionChain } from './scenario-access';

/** Organizers whose jurisdiction contains the region (district, city and province organizers alike). */
export async function organizersOverseeing(manager: EntityManager, regionCode: string | null): Promise<string[]> {
  const chain = regionChain(regionCode);
  if (chain.length === 0) return [];
  const rows = await manager.find(User, { select: { id: true }, where: { role: 'organizer', jurisdictionRegionCode: In(chain) } });
  return rows.map((u) => u.id);
}
