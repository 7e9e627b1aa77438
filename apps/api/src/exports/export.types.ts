import type { ExportKind } from '@ctms/domain';

/* The codes and ExportView live in @ctms/domain (decision 0020); these are the API's file details. */
export const EXPORT_FILE_EXT: Record<ExportKind, string> = {
  CASE_LIST_CSV: 'csv',
  CASE_LIST_XLSX: 'xlsx',
  CASE_FILE_PDF: 'pdf',
};

export const EXPORT_MEDIA_TYPE: Record<ExportKind, string> = {
  CASE_LIST_CSV: 'text/csv; charset=utf-8',
  CASE_LIST_XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  CASE_FILE_PDF: 'application/pdf',
};

/** The outbox kind whose handler (in the worker) generates an export; its payload is { exportId }. */
export const EXPORT_OUTBOX_KIND = 'export.generate';
