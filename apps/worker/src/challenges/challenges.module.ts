import { Module } from '@nestjs/common';
import { ChallengeJobsService } from './challenge-jobs.service';
import { ChallengesProcessor } from './challenges.processor';

@Module({ providers: [ChallengesProcessor, ChallengeJobsService] })
export class ChallengeTimersModule {}
