import { StateMachine } from '@app/common';
import { ListBatchKind, ListBatchStatus, UserRole } from '@app/database';

export type BatchAction = 'startNotice' | 'publish' | 'cancel';

export const BATCH_STATUS_LABELS: Record<ListBatchStatus, string> = {
  draft: '草稿',
  notice: '公示中',
  published: '已发布',
  cancelled: '已取消',
};

export const BATCH_KIND_LABELS: Record<ListBatchKind, string> = {
  scenario: '场景机会清单',
  capability: '能力供给清单',
};

/** 清单 lifecycle: draft → (notice →) published; a draft or a batch on notice may be cancelled. */
export const BATCH_LIFECYCLE = new StateMachine<ListBatchStatus, BatchAction, UserRole>(
  '清单',
  {
    startNotice: { from: ['draft'], to: 'notice', roles: ['organizer'], label: '进入公示' },
    publish: { from: ['draft', 'notice'], to: 'published', roles: ['organizer'], label: '正式发布' },
    cancel: { from: ['draft', 'notice'], to: 'cancelled', roles: ['organizer'], label: '取消' },
  },
  BATCH_STATUS_LABELS,
);

/** Statuses anyone may read; drafts and cancelled batches stay with the organizers. */
export const PUBLIC_BATCH_STATUSES: readonly ListBatchStatus[] = ['notice', 'published'];

/** Item statuses a batch may take in, per kind (approved/verified ones get published with the batch). */
export const ELIGIBLE_ITEM_STATUSES: Record<ListBatchKind, readonly string[]> = {
  scenario: ['approved', 'published'],
  capability: ['verified', 'published'],
};
