import {
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { DATA_CATEGORIES, type Page, ATTACHMENT_KINDS, AttachmentView } from '@ctms/domain';
import { ID_OF_PREFIX } from '../platform/access/id-of';
import { AuditAs } from '../platform/audit/denial-audit';
import { IdParam } from '../platform/http/params';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import { PageQueryDto } from '../platform/http/pagination';
import type { RequestContext } from '../platform/http/request-context';
import { UploadAttachmentDto } from './attachment.dto';
import { AttachmentsService, type UploadedFile as UploadedFilePart } from './attachments.service';

@ApiTags('attachments')
@Controller({ path: 'cases', version: '1' })
export class CaseAttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @AuditAs('ATTACHMENT_UPLOADED', 'case')
  @RequirePermission('attachment:upload')
  @Post(':id/attachments')
  @HttpCode(201)
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary:
      'Attach a file (PDF, JPEG or PNG, type read from the content) to a case: lead agency, or the receiving agency of an active referral naming it',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind', 'category'],
      properties: {
        file: { type: 'string', format: 'binary' },
        kind: { type: 'string', enum: [...ATTACHMENT_KINDS] },
        category: { type: 'string', enum: [...DATA_CATEGORIES] },
        referralId: {
          type: 'string',
          format: 'uuid',
          description: `${ID_OF_PREFIX}referral: a referral of this case the file belongs to`,
        },
        handoffId: {
          type: 'string',
          format: 'uuid',
          description: `${ID_OF_PREFIX}handoff: a prosecution handoff of this case the file belongs to`,
        },
      },
    },
  })
  @ApiBadRequestResponse({ description: 'a field is missing or wrong, or the file is empty' })
  @ApiNotFoundResponse()
  @ApiPayloadTooLargeResponse({ description: 'the file is larger than ATTACHMENT_MAX_BYTES' })
  @ApiUnsupportedMediaTypeResponse({
    description:
      'UNSUPPORTED_MEDIA_TYPE: the content is not PDF, JPEG or PNG, does not parse, or does not match the extension of its name',
  })
  upload(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Body() dto: UploadAttachmentDto,
    @UploadedFile() file: UploadedFilePart | undefined,
  ): Promise<AttachmentView> {
    return this.attachments.upload(ctx, id, dto, file);
  }

  @AuditAs('ATTACHMENTS_LISTED', 'case')
  @RequirePermission('attachment:read')
  @Get(':id/attachments')
  @ApiOperation({ summary: "The case's attachments whose category the caller's relation shows, newest first (keyset)" })
  @ApiNotFoundResponse()
  list(@Ctx() ctx: RequestContext, @IdParam() id: string, @Query() q: PageQueryDto): Promise<Page<AttachmentView>> {
    return this.attachments.list(ctx, id, q);
  }
}

@ApiTags('attachments')
@Controller({ path: 'attachments', version: '1' })
export class AttachmentContentController {
  constructor(private readonly attachments: AttachmentsService) {}

  @AuditAs('ATTACHMENT_DOWNLOADED', 'attachment')
  @RequirePermission('attachment:read')
  @Get(':id/content')
  @ApiOperation({ summary: 'Download the file: always as an attachment named attachment-<id>.<ext>, never inline' })
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  @ApiNotFoundResponse()
  async content(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.attachments.content(ctx, id);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    return new StreamableFile(file.stream, {
      type: file.mediaType,
      disposition: `attachment; filename="${file.downloadName}"`,
      length: file.bytes,
    });
  }
}
