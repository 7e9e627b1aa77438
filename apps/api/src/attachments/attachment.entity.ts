import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from '../cases/case.entity';

/**
 * A file kept outside the database (storage directory from configuration). The row holds what is
 * needed to serve it safely: the type detected from its content, its size and digest, the data
 * category it belongs to (which decides who may download it) and the encrypted original name.
 */
@Entity({ name: 'attachment' })
@Index('IDX_attachment_case', ['caseId', 'createdAt'])
export class AttachmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_attachment_case' })
  private caseRef?: CaseEntity;

  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId: string | null;

  @Column({ name: 'handoff_id', type: 'uuid', nullable: true })
  handoffId: string | null;

  /** EVIDENCE, CONSENT_FORM, OTHER */
  @Column({ type: 'varchar', length: 20 })
  kind: string;

  /** the DATA_CATEGORIES value that decides who may read it */
  @Column({ type: 'varchar', length: 24 })
  category: string;

  @Column({ name: 'file_name_enc', type: 'text' })
  fileNameEnc: string;

  /** detected from the content (magic bytes), never from the name */
  @Column({ name: 'media_type', type: 'varchar', length: 100 })
  mediaType: string;

  @Column({ name: 'size_bytes', type: 'bigint' })
  sizeBytes: string;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  /**
   * the file's own data key, wrapped by the keyring (FieldCipher, bound to this row; decision 0013);
   * NULL only for a plaintext file from before encryption, which `keys:rotate` encrypts
   */
  @Column({ name: 'data_key_enc', type: 'text', nullable: true })
  dataKeyEnc: string | null;

  /** path under the storage directory; never derived from user input */
  @Column({ name: 'storage_key', type: 'varchar', length: 200 })
  storageKey: string;

  @Column({ name: 'uploaded_by_id', type: 'uuid' })
  uploadedById: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
