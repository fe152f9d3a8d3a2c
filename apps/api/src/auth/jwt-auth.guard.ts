import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { UserRole } from '@app/database';
import { AuthenticatedUser, IS_PUBLIC, REQUIRED_ROLES } from './current-user';

interface AccessClaims {
  sub: string;
  email: string;
  role: UserRole;
  org: string;
  jur: string | null;
  typ: 'access';
}

/** Global: every route needs a valid access token unless marked @Public(); @Roles narrows further. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthenticatedUser }>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;

    if (token) {
      try {
        const claims = await this.jwt.verifyAsync<AccessClaims>(token);
        if (claims.typ !== 'access') throw new Error('not an access token');
        request.user = { id: claims.sub, email: claims.email, role: claims.role, organizationId: claims.org, jurisdictionRegionCode: claims.jur };
      } catch {
        if (!isPublic) throw new UnauthorizedException('登录已过期或令牌无效，请重新登录');
      }
    }
    if (isPublic) return true;
    if (!request.user) throw new UnauthorizedException('请先登录');
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && request.user.role !== 'admin' && !roles.includes(request.user.role)) {
      throw new ForbiddenException('当前账号角色无权执行此操作');
    }
    return true;
  }
}
