import { APP_CONFIG, AppConfig } from '@app/config';
import { Notification, User } from '@app/database';
import { JobPayloads, NotificationJob, QueueName } from '@app/queue';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { createTransport, Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';

/** Sends the e-mail copy of a notification when SMTP is configured; idempotent on email_status. */
@Processor(QueueName.Notifications, { concurrency: 2 })
export class EmailDeliveryProcessor extends WorkerHost {
  private readonly logger = new Logger(EmailDeliveryProcessor.name);
  private transport?: Transporter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name !== NotificationJob.Deliver) throw new Error(`Unknown notification job ${job.name}`);
    const { notificationId } = job.data as JobPayloads[NotificationJob.Deliver];
    const notification = await this.dataSource.getRepository(Notification).findOneBy({ id: notificationId });
    if (!notification || notification.emailStatus === 'sent') return { skipped: true };
    if (!this.config.SMTP_URL) {
      await this.dataSource.getRepository(Notification).update(notificationId, { emailStatus: 'not_configured' });
      return { skipped: true };
    }
    const user = await this.dataSource.getRepository(User).findOneBy({ id: notification.userId });
    if (!user) return { skipped: true };
    this.transport ??= createTransport(this.config.SMTP_URL);
    try {
      await this.transport.sendMail({
        from: this.config.MAIL_FROM,
        to: user.email,
        subject: `【场景对接平台】${notification.title}`,
        text: `${notification.body}\n\n${notification.link ?? ''}`,
      });
      await this.dataSource.getRepository(Notification).update(notificationId, { emailStatus: 'sent' });
      return { sent: true };
    } catch (error) {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (final) await this.dataSource.getRepository(Notification).update(notificationId, { emailStatus: 'failed' });
      this.logger.warn({ notificationId, err: error instanceof Error ? error.message : error }, 'E-mail delivery failed');
      throw error;
    }
  }
}
