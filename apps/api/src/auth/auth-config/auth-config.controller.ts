import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { API_CONFIG, ApiConfig } from '../../config/api.config';
import { Public } from '../auth.decorators';

class OidcClientSettings {
  @ApiProperty({ example: 'https://id.example.gov.cn/oidc' }) issuer!: string;
  @ApiProperty({ example: 'talentflow-web' }) clientId!: string;
  @ApiProperty({ example: 'openid profile' }) scope!: string;
  @ApiPropertyOptional({ description: 'resource indicator (RFC 8707) the access token is issued for' }) resource?: string;
}

class AuthConfigResponse {
  @ApiProperty({ enum: ['dev', 'jwt'] }) mode!: 'dev' | 'jwt';
  @ApiPropertyOptional({ type: OidcClientSettings, description: 'present when sign-in goes through an OpenID provider (统一身份认证)' })
  oidc?: OidcClientSettings;
}

/** What the web application needs to offer the right sign-in: the dev form, or 统一身份认证登录 (OIDC). */
@ApiTags('auth')
@Controller('auth')
export class AuthConfigController {
  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  @Public()
  @Get('config')
  @ApiOperation({ summary: 'How to sign in: dev tokens, or OpenID Connect (authorization code + PKCE) with these client settings' })
  @ApiOkResponse({ type: AuthConfigResponse })
  describe(): AuthConfigResponse {
    return { mode: this.config.authMode, ...(this.config.authMode === 'jwt' && this.config.oidc ? { oidc: this.config.oidc } : {}) };
  }
}
