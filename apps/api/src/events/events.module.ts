import { Module } from '@nestjs/common';
import { EventExportsService } from './event-exports.service';
import { EventRegistrationsController } from './event-registrations.controller';
import { EventRegistrationsService } from './event-registrations.service';
import { EventScheduleController } from './event-schedule.controller';
import { EventScheduleService } from './event-schedule.service';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { MeetingRequestsController } from './meeting-requests.controller';
import { MeetingRequestsService } from './meeting-requests.service';
import { MyEventRegistrationsController } from './my-event-registrations.controller';
import { RoadshowController } from './roadshow.controller';
import { RoadshowService } from './roadshow.service';

/** 场景对接会, 场景路演, 场景体验: registrations, meeting requests, the schedule, agendas, exports, scores. */
@Module({
  controllers: [EventsController, EventRegistrationsController, MyEventRegistrationsController, MeetingRequestsController, EventScheduleController, RoadshowController],
  providers: [EventsService, EventRegistrationsService, MeetingRequestsService, EventScheduleService, EventExportsService, RoadshowService],
})
export class EventsModule {}
