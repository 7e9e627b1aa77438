import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'province' })
export class ProvinceEntity {
  @PrimaryColumn({ type: 'varchar', length: 2 })
  code: string;

  @Column({ type: 'varchar', length: 8 })
  iso: string;

  @Column({ name: 'name_lo', type: 'varchar', length: 120 })
  nameLo: string;

  @Column({ name: 'name_en', type: 'varchar', length: 120 })
  nameEn: string;

  /** Lao-script variants and other Latin spellings */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  variants: string[];
}

@Entity({ name: 'service_type' })
export class ServiceTypeEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code: string;

  @Column({ name: 'name_lo', type: 'varchar', length: 200 })
  nameLo: string;

  @Column({ name: 'name_en', type: 'varchar', length: 200 })
  nameEn: string;
}

@Entity({ name: 'ilo_indicator' })
export class IloIndicatorEntity {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  code: string;

  @Column({ type: 'varchar', length: 60 })
  dimension: string;

  @Column({ name: 'label_en', type: 'text' })
  labelEn: string;

  @Column({ name: 'label_lo', type: 'text', nullable: true })
  labelLo: string | null;

  /** strength per profile, e.g. {"ADULT_LABOUR":"STRONG"} */
  @Column({ type: 'jsonb' })
  strength: Record<string, string>;
}
