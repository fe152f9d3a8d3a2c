import { Module } from '@nestjs/common';
import { EmailDeliveryProcessor } from './email-delivery.processor';

@Module({ providers: [EmailDeliveryProcessor] })
export class NotificationDeliveryModule {}
