import { Injectable } from '@nestjs/common';
import { scheduleMeetings } from './meeting.scheduler';
import type { ScheduleInput, ScheduleOptions, ScheduleResult } from './schedule.types';

/** Injectable face of the pure scheduler, for callers that prefer DI over a bare import. */
@Injectable()
export class MeetingSchedulerService {
  schedule(input: ScheduleInput, options?: ScheduleOptions): Promise<ScheduleResult> {
    return scheduleMeetings(input, options);
  }
}
