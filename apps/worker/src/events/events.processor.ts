import { EventJob, JobPayloads, QueueName } from '@app/queue';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { EventRemindersService } from './event-reminders.service';
import { ScheduleRunnerService } from './schedule-runner.service';

/** The one processor of the events queue: scheduling runs, meeting reminders, request reminders and expiry. */
@Processor(QueueName.Events, { concurrency: 2 })
export class EventsProcessor extends WorkerHost {
  private readonly logger = new Logger(EventsProcessor.name);

  constructor(
    private readonly scheduler: ScheduleRunnerService,
    private readonly reminders: EventRemindersService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as EventJob) {
      case EventJob.ScheduleEvent: {
        const { eventId, runId } = job.data as JobPayloads[EventJob.ScheduleEvent];
        return this.scheduler.run(eventId, runId);
      }
      case EventJob.MeetingReminder: {
        const { meetingId, minutesBefore } = job.data as JobPayloads[EventJob.MeetingReminder];
        return this.reminders.remindMeeting(meetingId, minutesBefore);
      }
      case EventJob.ExpireMeetingRequest: {
        const { requestId } = job.data as JobPayloads[EventJob.ExpireMeetingRequest];
        return this.reminders.expireRequest(requestId);
      }
      case EventJob.MeetingRequestReminder: {
        const { requestId } = job.data as JobPayloads[EventJob.MeetingRequestReminder];
        return this.reminders.remindRequest(requestId);
      }
      default:
        throw new Error(`Unknown events job ${job.name}`);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job, error: Error): void {
    this.logger.warn({ jobId: job.id, name: job.name, attempts: job.attemptsMade, err: error.message }, 'Events job failed');
  }
}
