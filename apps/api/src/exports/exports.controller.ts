import { Body, Controller, Get, HttpCode, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiConflictResponse, ApiGoneResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Page, ExportView } from '@ctms/domain';
import { AuditAs } from '../platform/audit/denial-audit';
import { IdParam } from '../platform/http/params';
import { Ctx, RequirePermission } from '../platform/auth/decorators';
import { NoBodyPipe } from '../platform/http/pagination';
import type { RequestContext } from '../platform/http/request-context';
import { CreateExportDto, DeclineExportDto, ListExportsQueryDto } from './export.dto';
import { ExportsService } from './exports.service';

/**
 * Exports as jobs: ask with a reason (POST), wait (GET, the status), download once (GET …/download).
 * An export with identity, and every case file, waits for a second person's approval (or decline).
 * Lists hold codes, counts and the reasons (the requester's and the approvers' only), never case data.
 */
@ApiTags('exports')
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Post()
  @AuditAs('EXPORT_REQUESTED', 'export')
  @RequirePermission('export:create')
  @ApiOperation({
    summary: 'Ask for an export: the case list (CSV, XLSX) over the cases you may open, or one case file (PDF)',
  })
  @ApiNotFoundResponse({ description: 'CASE_FILE_PDF of a case you may not open' })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateExportDto): Promise<ExportView> {
    return this.exports.create(ctx, dto);
  }

  @Get()
  @RequirePermission('export:create')
  @ApiOperation({ summary: 'Your exports, newest first' })
  list(@Ctx() ctx: RequestContext, @Query() q: ListExportsQueryDto): Promise<Page<ExportView>> {
    return this.exports.listOwn(ctx, q);
  }

  @Get('approvals')
  @RequirePermission('export:approve')
  @ApiOperation({
    summary: "Exports of your agency waiting for a second person's approval (identity, case files), with their reasons",
  })
  approvals(@Ctx() ctx: RequestContext, @Query() q: ListExportsQueryDto): Promise<Page<ExportView>> {
    return this.exports.listAwaitingApproval(ctx, q);
  }

  @Get(':id')
  @AuditAs('REQUEST_DENIED', 'export')
  @RequirePermission('export:create')
  @ApiOperation({ summary: 'One of your exports (its status)' })
  get(@Ctx() ctx: RequestContext, @IdParam() id: string): Promise<ExportView> {
    return this.exports.getOwn(ctx, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @AuditAs('EXPORT_APPROVED', 'export')
  @RequirePermission('export:approve')
  @ApiOperation({ summary: 'Approve an export waiting for a second person (never your own)' })
  @ApiConflictResponse({ description: 'SECOND_PERSON_REQUIRED or ACTION_NOT_ALLOWED_IN_STATE' })
  approve(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body(NoBodyPipe) _body: unknown): Promise<ExportView> {
    return this.exports.approve(ctx, id);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @AuditAs('EXPORT_DECLINED', 'export')
  @RequirePermission('export:approve')
  @ApiOperation({ summary: 'Decline an export waiting for a second person (never your own), with a reason' })
  @ApiConflictResponse({ description: 'SECOND_PERSON_REQUIRED or ACTION_NOT_ALLOWED_IN_STATE' })
  decline(@Ctx() ctx: RequestContext, @IdParam() id: string, @Body() dto: DeclineExportDto): Promise<ExportView> {
    return this.exports.decline(ctx, id, dto.reason);
  }

  @Get(':id/download')
  @AuditAs('EXPORT_DOWNLOADED', 'export')
  @RequirePermission('export:create')
  @ApiOperation({ summary: 'Download the file, once, within its time; the file is deleted as it is sent' })
  @ApiGoneResponse({ description: 'downloaded already or expired' })
  async download(
    @Ctx() ctx: RequestContext,
    @IdParam() id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const d = await this.exports.download(ctx, id);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(d.stream, {
      type: d.mediaType,
      disposition: `attachment; filename="${d.downloadName}"`,
      length: d.size,
    });
  }
}
