import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Language, MeView } from '@ctms/domain';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import type { RequestContext } from '../platform/http/request-context';
import { toMeView } from '../users/user.mapper';
import { UserRepository, type UserWithAgencyRow } from '../users/user.repository';

@Injectable()
export class MeService {
  constructor(
    private readonly ds: DataSource,
    private readonly users: UserRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(ctx: RequestContext): Promise<MeView> {
    return toMeView(await this.load(ctx), this.config.mfaRequired);
  }

  /** A preference, not an authorisation change: not audited, and no version check needed. */
  async setLanguage(ctx: RequestContext, language: Language): Promise<MeView> {
    const u = await this.load(ctx);
    await this.users.setLanguage(this.ds, u.id, language);
    return this.get(ctx);
  }

  private async load(ctx: RequestContext): Promise<UserWithAgencyRow> {
    if (!ctx.actor) throw new UnauthorizedException();
    const u = await this.users.byId(this.ds, ctx.actor.userId);
    if (!u) throw new UnauthorizedException();
    return u;
  }
}
