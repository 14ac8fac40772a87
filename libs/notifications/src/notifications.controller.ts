import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES, ApiProblems, CurrentActor, NoFieldsDto, PageQuery, Roles, type Actor } from '@medjourney/platform';
import { NotificationDto, NotificationPageDto, ReadAllDto } from './dto/notification.dto.js';
import { NotificationsService } from './services/notifications.service.js';

/** The caller's own notifications (spec/journey.md, Notifications); every role has an inbox. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'The caller\'s notifications, unread first, then newest first, with the unread count (every role)' })
  @Roles(...ROLES)
  @ApiOkResponse({ type: NotificationPageDto, description: 'Unread first, then newest first.' })
  @ApiProblems(400, 401)
  list(@CurrentActor() actor: Actor, @Query() page: PageQuery) {
    return this.notifications.list(actor.userId, page);
  }

  @Post('read-all')
  @ApiOperation({ summary: 'Marks every notification of the caller read (every role)' })
  @HttpCode(200)
  @Roles(...ROLES)
  @ApiOkResponse({ type: ReadAllDto })
  @ApiProblems(400, 401)
  readAll(@CurrentActor() actor: Actor, @Body() _fields: NoFieldsDto) {
    return this.notifications.readAll(actor.userId);
  }

  @Post(':id/read')
  @ApiOperation({ summary: 'Marks one of the caller\'s notifications read; another user\'s answers 404 (every role)' })
  @HttpCode(200)
  @Roles(...ROLES)
  @ApiOkResponse({ type: NotificationDto })
  @ApiProblems(400, 401, 404)
  read(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() _fields: NoFieldsDto) {
    return this.notifications.read(actor.userId, id);
  }
}
