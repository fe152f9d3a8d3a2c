import { ProblemDetailsDto } from '@app/common';
import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBadRequestResponse, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AuthService } from './auth.service';
import { AuthenticatedUser, CurrentUser, Public } from './current-user';
import { LoginDto, RefreshDto, RegisterDto, TokenResponseDto, UserResponseDto } from './dto/auth.dto';

@ApiTags('auth')
@ApiTooManyRequestsResponse({ type: ProblemDetailsDto, description: '请求过于频繁' })
@UseGuards(ThrottlerGuard)
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('register')
  @ApiOperation({ summary: '注册（场景业主方或能力供给方，同时登记所属单位）' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiBadRequestResponse({ type: ProblemDetailsDto })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: '邮箱或单位已注册' })
  registerAccount(@Body() dto: RegisterDto): Promise<TokenResponseDto> {
    return this.auth.register(dto);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: '登录，返回访问令牌与刷新令牌' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiUnauthorizedResponse({ type: ProblemDetailsDto, description: '邮箱或密码错误（不区分账号是否存在）' })
  loginAccount(@Body() dto: LoginDto): Promise<TokenResponseDto> {
    return this.auth.login(dto.email, dto.password);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: '用刷新令牌换取新令牌（旧刷新令牌随即作废）' })
  @ApiOkResponse({ type: TokenResponseDto })
  refreshTokens(@Body() dto: RefreshDto): Promise<TokenResponseDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: '退出登录（作废刷新令牌）' })
  async logoutAccount(@Body() dto: RefreshDto, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.auth.logout(dto.refreshToken, user);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前登录账号' })
  @ApiOkResponse({ type: UserResponseDto })
  getCurrentUser(@CurrentUser() user: AuthenticatedUser): Promise<UserResponseDto> {
    return this.auth.me(user);
  }
}
