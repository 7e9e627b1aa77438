import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { AgencyCapability, AgencyType } from '@ctms/domain';

@Entity({ name: 'agency' })
export class AgencyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('UQ_agency_code', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ name: 'name_lo', type: 'varchar', length: 200 })
  nameLo: string;

  @Column({ name: 'name_en', type: 'varchar', length: 200 })
  nameEn: string;

  @Column({ type: 'varchar', length: 40 })
  type: AgencyType;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  capabilities: AgencyCapability[];

  @Column({ name: 'service_types', type: 'text', array: true, default: () => "'{}'" })
  serviceTypes: string[];

  /** province codes covered */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  provinces: string[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
