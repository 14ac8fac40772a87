import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../auth/auth.decorators.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { ApiProblems } from '../http/api-problems.decorator.js';
import { NoFieldsDto } from '../http/no-fields.dto.js';
import { BULL_BOARD_PATH, QUEUE_DASHBOARD_COOKIE } from './bull-board.js';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/queue-dashboard')
export class QueueDashboardController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * The caller's own token, in a cookie that only `/admin/queues` receives: HttpOnly (no script
   * reads it), SameSite=Strict (no other site's page can make the browser send it, which matters
   * because the dashboard retries and cleans jobs), Secure behind TLS and in production. It lives
   * no longer than a token; the account is checked on every dashboard request, so a deactivated
   * admin loses the dashboard at once.
   */
  @Post('session')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Let this browser open the queue dashboard at /admin/queues: sets a cookie scoped to it (role: admin)' })
  @ApiNoContentResponse({ description: 'The cookie is set.' })
  @ApiProblems(400, 401, 403)
  open(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() _fields: NoFieldsDto): void {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')![1];
    res.cookie(QUEUE_DASHBOARD_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      path: BULL_BOARD_PATH,
      secure: req.secure || this.config.nodeEnv === 'production',
      maxAge: this.config.jwtTtlSeconds * 1000,
    });
  }
}
