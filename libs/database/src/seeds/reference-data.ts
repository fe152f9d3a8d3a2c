import { DOMAINS, REGIONS } from '@app/taxonomy';
import { EntityManager } from 'typeorm';

const LEVEL_ORDER = { province: 0, city: 1, district: 2 } as const;

/** Regions and domains follow the shipped taxonomy on every start (upsert), so a taxonomy fix reaches old installs. */
export async function upsertReferenceData(manager: EntityManager): Promise<void> {
  const regions = [...REGIONS].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.code.localeCompare(b.code));
  for (let i = 0; i < regions.length; i += 500) {
    const chunk = regions.slice(i, i + 500);
    const values: unknown[] = [];
    const rows = chunk.map((r, j) => {
      values.push(r.code, r.name, r.level, r.parentCode);
      return `($${j * 4 + 1}, $${j * 4 + 2}, $${j * 4 + 3}, $${j * 4 + 4})`;
    });
    await manager.query(
      `INSERT INTO regions (code, name, level, parent_code) VALUES ${rows.join(', ')}
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code`,
      values,
    );
  }
  for (const d of DOMAINS) {
    await manager.query(
      `INSERT INTO domains (code, name, system, maps_to, aliases) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, system = EXCLUDED.system, maps_to = EXCLUDED.maps_to, aliases = EXCLUDED.aliases`,
      [d.code, d.name, d.system, [...d.mapsTo], [...d.aliases]],
    );
  }
}
