import { ActionForbidden, DuplicateResource } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Organization, RefreshToken, User, recordAudit } from '@app/database';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { compare, hash, hashSync } from 'bcryptjs';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { AuthenticatedUser } from './current-user';
import { RegisterDto, TokenResponseDto, UserResponseDto } from './dto/auth.dto';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
/** Compared against when the account does not exist, so both failures take the same time. */
const DUMMY_HASH = hashSync('placeholder-password-never-matches', 10);
const INVALID_LOGIN = '邮箱或密码错误';

export function toUserResponse(user: User, organization?: Organization | null): UserResponseDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    organizationId: user.organizationId,
    organizationName: organization?.name ?? user.organization?.name ?? null,
    jurisdictionRegionCode: user.jurisdictionRegionCode,
  };
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(dto: RegisterDto): Promise<TokenResponseDto> {
    const passwordHash = await hash(dto.password, 10);
    const user = await this.dataSource.transaction(async (manager) => {
      if (await manager.exists(User, { where: { email: dto.email } })) {
        throw new DuplicateResource('该邮箱已注册，请直接登录');
      }
      if (await manager.exists(Organization, { where: { creditCode: dto.organization.creditCode } })) {
        // Joining an existing organization needs its consent; self-service registration cannot grant it.
        throw new DuplicateResource('该统一社会信用代码对应的单位已在平台注册，请联系单位已有账号或主办方开通');
      }
      const organization = await manager.save(
        manager.create(Organization, {
          name: dto.organization.name,
          type: dto.organization.type,
          creditCode: dto.organization.creditCode,
          regionCode: dto.organization.regionCode,
          roles: [dto.role],
        }),
      );
      const created = await manager.save(
        manager.create(User, {
          organizationId: organization.id,
          email: dto.email,
          displayName: dto.displayName,
          phone: dto.phone ?? null,
          passwordHash,
          role: dto.role,
        }),
      );
      await recordAudit(manager, { userId: created.id, role: created.role }, {
        action: 'user.registered',
        entityType: 'user',
        entityId: created.id,
        regionCode: organization.regionCode,
        after: { email: created.email, role: created.role, organizationId: organization.id },
      });
      created.organization = organization;
      return created;
    });
    return this.issueTokens(user);
  }

  async login(email: string, password: string): Promise<TokenResponseDto> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .leftJoinAndSelect('u.organization', 'o')
      .where('u.email = :email', { email })
      .getOne();
    const ok = await compare(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) throw new UnauthorizedException(INVALID_LOGIN);
    return this.issueTokens(user);
  }

  /** Rotation: a refresh token works once; reusing a spent one is refused. */
  async refresh(refreshToken: string): Promise<TokenResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const stored = await manager.findOne(RefreshToken, {
        where: { tokenHash: sha256(refreshToken), revokedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!stored || stored.expiresAt.getTime() < Date.now()) throw new UnauthorizedException('刷新令牌无效或已过期，请重新登录');
      await manager.update(RefreshToken, stored.id, { revokedAt: new Date() });
      const user = await manager.findOne(User, { where: { id: stored.userId }, relations: { organization: true } });
      if (!user) throw new UnauthorizedException('账号不存在');
      return this.issueTokens(user, manager);
    });
  }

  async logout(refreshToken: string, caller: AuthenticatedUser): Promise<void> {
    const result = await this.dataSource
      .getRepository(RefreshToken)
      .update({ tokenHash: sha256(refreshToken), userId: caller.id, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (!result.affected) throw new ActionForbidden('该刷新令牌不属于当前账号或已失效');
  }

  async me(caller: AuthenticatedUser): Promise<UserResponseDto> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: caller.id }, relations: { organization: true } });
    if (!user) throw new UnauthorizedException('账号不存在');
    return toUserResponse(user);
  }

  private async issueTokens(user: User, manager = this.dataSource.manager): Promise<TokenResponseDto> {
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, email: user.email, role: user.role, org: user.organizationId, jur: user.jurisdictionRegionCode, typ: 'access' },
      { expiresIn: this.config.JWT_ACCESS_TTL_SECONDS },
    );
    const refreshToken = randomBytes(32).toString('base64url');
    await manager.insert(RefreshToken, {
      userId: user.id,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.config.JWT_REFRESH_TTL_SECONDS * 1000),
    });
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.config.JWT_ACCESS_TTL_SECONDS, user: toUserResponse(user) };
  }
}
