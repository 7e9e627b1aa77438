import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per failed login, keyed on the submitted username (lower-case) whether or not the
 * account exists, so throttling tells nothing about which accounts exist.
 */
@Entity({ name: 'login_failure' })
@Index('IDX_login_failure_username_at', ['username', 'at'])
export class LoginFailureEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 128 })
  username: string;

  @Column({ type: 'timestamptz' })
  at: Date;
}
