import { Module } from '@nestjs/common';
import { ChallengeApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { ChallengeExportService } from './challenge-export.service';
import { ChallengeJobScheduler } from './challenge-job.scheduler';
import { ChallengeWorkspaceController } from './challenge-workspace.controller';
import { ChallengesController } from './challenges.controller';
import { ChallengesService } from './challenges.service';
import { ChallengeAcceptanceController, ChallengeMilestonesController, ChallengeObjectionsController } from './follow-up.controller';
import { FollowUpService } from './follow-up.service';
import { ChallengeReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';

/** 揭榜挂帅: calls, applications, recommendation, review, public notice, award, milestones, acceptance. */
@Module({
  controllers: [
    ChallengesController,
    ChallengeWorkspaceController,
    ChallengeApplicationsController,
    ChallengeReviewsController,
    ChallengeObjectionsController,
    ChallengeMilestonesController,
    ChallengeAcceptanceController,
  ],
  providers: [ChallengesService, ApplicationsService, ReviewsService, FollowUpService, ChallengeExportService, ChallengeJobScheduler],
})
export class ChallengesModule {}
