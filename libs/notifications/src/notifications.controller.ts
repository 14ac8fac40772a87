import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ROLES, ApiProblems, CurrentActor, PageQuery, Roles, type Actor } from '@medjourney/platform';
import { NotificationDto, NotificationPageDto, ReadAllDto } from './dto/notification.dto.js';
import { NotificationsService } from './services/notifications.service.js';

/** The caller's own notifications (spec/journey.md, Notifications); every role has an inbox. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: NotificationPageDto, description: 'Unread first, then newest first.' })
  @ApiProblems(400, 401)
  list(@CurrentActor() actor: Actor, @Query() page: PageQuery) {
    return this.notifications.list(actor.userId, page);
  }

  @Post('read-all')
  @HttpCode(200)
  @Roles(...ROLES)
  @ApiOkResponse({ type: ReadAllDto })
  @ApiProblems(401)
  readAll(@CurrentActor() actor: Actor) {
    return this.notifications.readAll(actor.userId);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Roles(...ROLES)
  @ApiOkResponse({ type: NotificationDto })
  @ApiProblems(401, 404)
  read(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.notifications.read(actor.userId, id);
  }
}
