import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A future-industry domain (Zhejiang "10+X", cross-cutting, or a Ningbo direction mapped onto them). */
@Entity({ name: 'domains' })
export class Domain {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text', unique: true })
  name: string;

  @Column({ type: 'text' })
  system: string;

  @Column({ name: 'maps_to', type: 'text', array: true, default: () => "'{}'" })
  mapsTo: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases: string[];
}
