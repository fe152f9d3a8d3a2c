import { Module } from '@nestjs/common';

/** Event rules shared by the API (requests, board edits) and the worker (scheduler, reminders). */
@Module({})
export class EventsDomainModule {}
