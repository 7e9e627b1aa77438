import type { ExportKind } from '@ctms/domain';

/* The codes and ExportView live in @ctms/domain (decision 0020); re-exported here as a merge bridge. */
export { EXPORT_KINDS, EXPORT_STATUSES, type ExportKind, type ExportStatus, type ExportView } from '@ctms/domain';

export const EXPORT_FILE_EXT: Record<ExportKind, string> = { CASE_LIST_CSV: 'csv', CASE_LIST_XLSX: 'xlsx', CASE_FILE_PDF: 'pdf' };

export const EXPORT_MEDIA_TYPE: Record<ExportKind, string> = {
  CASE_LIST_CSV: 'text/csv; charset=utf-8',
  CASE_LIST_XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  CASE_FILE_PDF: 'application/pdf',
};

/** The outbox kind whose handler (in the worker) generates an export; its payload is { exportId }. */
export const EXPORT_OUTBOX_KIND = 'export.generate';
