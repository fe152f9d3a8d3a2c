import { UserRole } from '@app/database';
import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

/** What every request knows about its caller, taken from the verified access token. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  role: UserRole;
  organizationId: string;
  jurisdictionRegionCode: string | null;
}

export const IS_PUBLIC = 'sx:isPublic';
export const REQUIRED_ROLES = 'sx:roles';

/** Open to anyone; a valid token, when sent, still identifies the caller. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route (admins always may). */
export const Roles = (...roles: UserRole[]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedUser | undefined => {
  return ctx.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
});
