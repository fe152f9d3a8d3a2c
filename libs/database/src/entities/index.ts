import { AuditEntry } from './audit-entry.entity';
import { Capability } from './capability.entity';
import { Match, MatchFeedback } from './match.entity';
import { Domain } from './domain.entity';
import { Notification } from './notification.entity';
import { Organization } from './organization.entity';
import { OutboxEvent } from './outbox-event.entity';
import { RefreshToken } from './refresh-token.entity';
import { Region } from './region.entity';
import { Scenario } from './scenario.entity';
import { SeedRun } from './seed-run.entity';
import { User } from './user.entity';
import { ScenarioVersion } from './scenario-version.entity';
import { ScenarioComment } from './scenario-comment.entity';
import { ScenarioConfidentialityAcceptance } from './scenario-confidentiality-acceptance.entity';
import { ScenarioDetailView } from './scenario-detail-view.entity';
import { ScenarioDuplicate } from './scenario-duplicate.entity';
import { ScenarioRefinement } from './scenario-refinement.entity';
import { ListBatch } from './list-batch.entity';
import { ListBatchItem } from './list-batch-item.entity';
import { ScenarioResponse } from './scenario-response.entity';
import { ScenarioResponseCapability } from './scenario-response-capability.entity';
import { EventRegistration } from './event-registration.entity';
import { EventScheduleRun } from './event-schedule-run.entity';
import { ExchangeEvent } from './event.entity';
import { Meeting } from './meeting.entity';
import { MeetingOutcome } from './meeting-outcome.entity';
import { MeetingRequestRecord } from './meeting-request.entity';
import { RoadshowPitch } from './roadshow-pitch.entity';
import { RoadshowScore } from './roadshow-score.entity';
import { Challenge } from './challenge.entity';
import { ChallengeApplication, ChallengeApplicationMember, ChallengeRecommendation } from './challenge-application.entity';
import { ChallengeAcceptanceReview, ChallengeExpertConflict, ChallengeResult, ChallengeReviewAssignment } from './challenge-review.entity';
import { ChallengeMilestone, ChallengeObjection } from './challenge-follow-up.entity';
import { ExpertProfile } from './expert-profile.entity';

export * from './audit-entry.entity';
export * from './capability.entity';
export * from './match.entity';
export * from './column-transformers';
export * from './domain.entity';
export * from './notification.entity';
export * from './organization.entity';
export * from './outbox-event.entity';
export * from './refresh-token.entity';
export * from './region.entity';
export * from './scenario.entity';
export * from './seed-run.entity';
export * from './user.entity';
export * from './scenario-version.entity';
export * from './scenario-comment.entity';
export * from './scenario-confidentiality-acceptance.entity';
export * from './scenario-detail-view.entity';
export * from './scenario-duplicate.entity';
export * from './scenario-refinement.entity';
export * from './list-batch.entity';
export * from './list-batch-item.entity';
export * from './scenario-response.entity';
export * from './scenario-response-capability.entity';
export * from './event-registration.entity';
export * from './event-schedule-run.entity';
export * from './event.entity';
export * from './meeting.entity';
export * from './meeting-outcome.entity';
export * from './meeting-request.entity';
export * from './roadshow-pitch.entity';
export * from './roadshow-score.entity';
export * from './challenge.entity';
export * from './challenge-application.entity';
export * from './challenge-review.entity';
export * from './challenge-follow-up.entity';
export * from './expert-profile.entity';

/** Every entity; listed explicitly so the same array works from ts sources and from dist. */
export const ALL_ENTITIES = [
  AuditEntry,
  Capability,
  Domain,
  Notification,
  Organization,
  OutboxEvent,
  RefreshToken,
  Region,
  Scenario,
  SeedRun,
  User,
  // Feature entities: add one line each.
  ScenarioVersion, ScenarioComment, ScenarioConfidentialityAcceptance, ScenarioDetailView, ScenarioDuplicate, ScenarioRefinement,
  ListBatch, ListBatchItem,
  Match, MatchFeedback,
  ScenarioResponse, ScenarioResponseCapability,
  ExchangeEvent, EventRegistration, MeetingRequestRecord, EventScheduleRun, Meeting, MeetingOutcome, RoadshowPitch, RoadshowScore,
  Challenge, ChallengeApplication, ChallengeApplicationMember, ChallengeRecommendation, ExpertProfile, ChallengeExpertConflict, ChallengeReviewAssignment, ChallengeResult, ChallengeAcceptanceReview, ChallengeObjection, ChallengeMilestone,
];
