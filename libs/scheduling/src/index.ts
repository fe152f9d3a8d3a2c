export * from './schedule.types';
export { MEETING_PRIORITY_WEIGHTS, SUGGESTED_SCORE_WEIGHT, meetingPriority } from './meeting-priority.policy';
export { ScheduleInputError } from './schedule-input.error';
export { DEFAULT_MIP_TIME_LIMIT_MS, scheduleMeetings } from './meeting.scheduler';
export { validateSchedule, type ScheduleRule, type ScheduleViolation } from './schedule.validator';
export { MeetingSchedulerService } from './meeting-scheduler.service';
export { SchedulingModule } from './scheduling.module';
