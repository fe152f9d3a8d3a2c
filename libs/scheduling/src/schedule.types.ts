/** A bookable time slot of a matchmaking event (场景对接会); breaks are already excluded. */
export interface ScheduleSlot {
  readonly id: string;
  /** ISO 8601 start time. */
  readonly start: string;
  /** ISO 8601 end time. */
  readonly end: string;
}

/** A physical table where one 1:1 meeting takes place per slot. */
export interface ScheduleTable {
  readonly id: string;
  readonly name: string;
}

export type ParticipantSide = 'owner' | 'supplier';

export interface ScheduleParticipant {
  readonly id: string;
  readonly side: ParticipantSide;
  /** Upper limit on meetings for this participant, locked meetings included. */
  readonly maxMeetings: number;
  /** Slots this participant can attend; `undefined` means every slot. Unknown slot ids are ignored. */
  readonly availableSlotIds?: readonly string[];
}

/** `mutual`: both sides asked; `accepted`: one side asked, the other accepted; `suggested`: proposed by matching. */
export type MeetingRequestKind = 'mutual' | 'accepted' | 'suggested';

/** A candidate 1:1 meeting between a scenario owner and a supplier. */
export interface MeetingRequest {
  readonly id: string;
  readonly ownerId: string;
  readonly supplierId: string;
  readonly kind: MeetingRequestKind;
  /** Match score in [0, 1]; only ranks `suggested` requests. */
  readonly matchScore?: number;
}

/** A meeting fixed by the organizer: it never moves. */
export interface LockedMeeting {
  readonly requestId: string;
  readonly slotId: string;
  readonly tableId: string;
}

export interface ScheduleInput {
  readonly slots: readonly ScheduleSlot[];
  readonly tables: readonly ScheduleTable[];
  readonly participants: readonly ScheduleParticipant[];
  readonly requests: readonly MeetingRequest[];
  readonly locked?: readonly LockedMeeting[];
}

export type ScheduleSolver = 'mip' | 'heuristic';

export interface ScheduleOptions {
  /**
   * `mip` (default) solves the exact model with HiGHS, warm-started from the heuristic and falling back to it;
   * `heuristic` skips HiGHS entirely.
   */
  readonly solver?: ScheduleSolver;
  /** Wall-clock cap for HiGHS. Reaching it is the only source of run-to-run variation. Default 3000. */
  readonly timeLimitMs?: number;
}

export interface ScheduledMeeting {
  readonly requestId: string;
  readonly ownerId: string;
  readonly supplierId: string;
  readonly slotId: string;
  readonly tableId: string;
  readonly locked: boolean;
  readonly priority: number;
}

export type UnplacedReason =
  | 'invalid_participant'
  | 'duplicate_pair'
  | 'locked_conflict'
  | 'owner_unavailable'
  | 'supplier_unavailable'
  | 'owner_max_reached'
  | 'supplier_max_reached'
  | 'no_common_free_slot'
  | 'no_table';

export interface UnplacedRequest {
  readonly requestId: string;
  readonly reason: UnplacedReason;
  /** Explanation for the organizer, in Chinese. */
  readonly message: string;
}

/** Locked meetings are kept even when they break a soft promise; the organizer is told. */
export type ScheduleWarningCode = 'locked_outside_availability' | 'locked_over_max';

export interface ScheduleWarning {
  readonly requestId: string;
  readonly code: ScheduleWarningCode;
  readonly message: string;
}

export type ScheduleSolveStatus = 'optimal' | 'feasible';

export interface ScheduleStats {
  readonly solver: ScheduleSolver;
  /** `optimal` when proven (total equals the bound within tolerance). */
  readonly status: ScheduleSolveStatus;
  readonly requests: number;
  /** Requests that reached the optimizer (valid, not locked, not a duplicate, with some feasible slot). */
  readonly candidates: number;
  /** (request, slot) decision variables. */
  readonly variables: number;
  readonly placed: number;
  readonly lockedPlaced: number;
  readonly unplaced: number;
  /** (upperBound - totalPriority) / upperBound, 0 when the bound is 0. */
  readonly gap: number;
  /** Set when HiGHS was requested but not used for the result, e.g. it hit the time limit without improving. */
  readonly fallbackReason?: string;
}

export interface ScheduleResult {
  /** Sorted by slot order, then table order. */
  readonly meetings: readonly ScheduledMeeting[];
  /** In input request order. */
  readonly unplaced: readonly UnplacedRequest[];
  readonly warnings: readonly ScheduleWarning[];
  /** Sum of priorities of all meetings, locked ones included. */
  readonly totalPriority: number;
  /** Proven upper bound on `totalPriority` for any schedule that keeps the accepted locked meetings. */
  readonly upperBound: number;
  readonly stats: ScheduleStats;
}
