import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_CONFIG, ApiConfig } from '../../config/api.config';
import { ProblemException } from '../../problem/problem';
import { Public } from '../auth.decorators';
import { TokenService } from '../token.service';
import { DevTokenRequest } from './dev-token.request.dto';

@ApiTags('auth')
@Controller('auth')
export class DevTokenController {
  constructor(
    private readonly tokens: TokenService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Public()
  @Post('dev-token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue a signed token with the given claims (AUTH_MODE=dev only; 404 otherwise)' })
  async issue(@Body() body: DevTokenRequest): Promise<{ accessToken: string }> {
    if (this.config.authMode !== 'dev') throw ProblemException.notFound('route');
    return { accessToken: await this.tokens.sign({ ...body, queues: body.queues ?? [], towns: body.towns ?? [] }) };
  }
}
