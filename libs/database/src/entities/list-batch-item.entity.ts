import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ListBatchKind } from './list-batch.entity';

/** Membership of a scenario or capability in a batch; only changeable while the batch is a draft. */
@Entity({ name: 'list_batch_items' })
export class ListBatchItem {
  @PrimaryColumn({ name: 'batch_id', type: 'uuid' })
  batchId: string;

  @PrimaryColumn({ name: 'item_type', type: 'text' })
  itemType: ListBatchKind;

  @PrimaryColumn({ name: 'item_id', type: 'uuid' })
  itemId: string;

  /** Order in the list, as the organizer added the items. */
  @Column({ type: 'integer', default: 0 })
  position: number;

  @Column({ name: 'added_by', type: 'uuid', nullable: true })
  addedBy: string | null;

  @Column({ name: 'added_at', type: 'timestamptz', default: () => 'now()' })
  addedAt: Date;
}
