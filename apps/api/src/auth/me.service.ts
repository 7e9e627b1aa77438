import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Language, MeView } from '@ctms/domain';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import type { RequestContext } from '../platform/http/request-context';
import { UserEntity } from '../users/user.entity';
import { toMeView } from '../users/user.mapper';

@Injectable()
export class MeService {
  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(ctx: RequestContext): Promise<MeView> {
    const u = await this.load(ctx);
    if (!u.agency) throw new UnauthorizedException();
    return toMeView(u, u.agency, this.config.mfaRequired);
  }

  /** A preference, not an authorisation change: not audited, and no version check needed. */
  async setLanguage(ctx: RequestContext, language: Language): Promise<MeView> {
    const u = await this.load(ctx);
    await this.ds.getRepository(UserEntity).update({ id: u.id }, { language });
    return this.get(ctx);
  }

  private async load(ctx: RequestContext): Promise<UserEntity> {
    if (!ctx.actor) throw new UnauthorizedException();
    const u = await this.ds.getRepository(UserEntity).findOne({ where: { id: ctx.actor.userId }, relations: { agency: true } });
    if (!u?.agency) throw new UnauthorizedException();
    return u;
  }
}
