import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An export request and its file. The row holds ids, codes and counts only: the filters are coded
 * values, the file sits under EXPORTS_DIR with a name the server chose, and the job that makes it
 * carries only this row's id.
 */
@Entity({ name: 'export_job' })
@Check('CHK_export_job_approver', `"approved_by_id" IS NULL OR "approved_by_id" <> "requested_by_id"`)
@Index('IDX_export_job_requester', ['requestedById', 'createdAt', 'id'])
@Index('IDX_export_job_agency_status', ['agencyId', 'status', 'id'])
export class ExportJobEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** CASE_LIST_CSV, CASE_LIST_XLSX, CASE_FILE_PDF */
  @Column({ type: 'varchar', length: 20 })
  kind: string;

  /** AWAITING_APPROVAL, QUEUED, RUNNING, READY, DOWNLOADED, EXPIRED, FAILED */
  @Column({ type: 'varchar', length: 20 })
  status: string;

  @Column({ name: 'requested_by_id', type: 'uuid' })
  requestedById: string;

  /** the requester's agency when asked: approvers come from it */
  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId: string;

  /** coded filters only: { status?, province? } */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  filters: Record<string, string>;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ name: 'include_identity', type: 'boolean', default: false })
  includeIdentity: boolean;

  @Column({ name: 'approved_by_id', type: 'uuid', nullable: true })
  approvedById: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  /** the file's name under EXPORTS_DIR (the export id and an extension) */
  @Column({ name: 'file_key', type: 'varchar', length: 64, nullable: true })
  fileKey: string | null;

  /** the file's own data key, wrapped by the keyring (FieldCipher, bound to this row; decision 0013) */
  @Column({ name: 'data_key_enc', type: 'text', nullable: true })
  dataKeyEnc: string | null;

  /** the plaintext's size (the file on disk is its encrypted envelope) */
  @Column({ name: 'size_bytes', type: 'bigint', nullable: true })
  sizeBytes: string | null;

  @Column({ name: 'row_count', type: 'integer', nullable: true })
  rowCount: number | null;

  /** a code, never a message with data in it */
  @Column({ name: 'error_code', type: 'varchar', length: 40, nullable: true })
  errorCode: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** the download must happen before this */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'downloaded_at', type: 'timestamptz', nullable: true })
  downloadedAt: Date | null;
}
