import { Module } from '@nestjs/common';
import { EventRemindersService } from './event-reminders.service';
import { EventsProcessor } from './events.processor';
import { ScheduleRunnerService } from './schedule-runner.service';

@Module({ providers: [EventsProcessor, ScheduleRunnerService, EventRemindersService] })
export class EventsWorkerModule {}
