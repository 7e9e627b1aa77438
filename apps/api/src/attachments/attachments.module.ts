import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { WorkflowModule } from '../platform/workflow/workflow.module';
import { AttachmentStorage } from './attachment-storage';
import { AttachmentRepository } from './attachment.repository';
import { AttachmentContentController, CaseAttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';

/**
 * Uploads are parsed by multer into memory (one file, at most ATTACHMENT_MAX_BYTES: larger is a 413
 * before anything is stored), checked and cleaned, then written to the attachment directory.
 */
@Module({
  imports: [
    WorkflowModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // no storage engine: multer keeps the file in memory (bounded by fileSize)
        defParamCharset: 'utf8',
        limits: {
          fileSize: config.attachmentMaxBytes,
          files: 1,
          fields: 10,
          fieldSize: 1024,
          parts: 12,
          fieldNameSize: 50,
        },
      }),
    }),
  ],
  controllers: [CaseAttachmentsController, AttachmentContentController],
  providers: [AttachmentsService, AttachmentStorage, AttachmentRepository],
})
export class AttachmentsModule {}
