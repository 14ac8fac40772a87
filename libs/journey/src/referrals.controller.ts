import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Idempotent, PageQuery, Roles, type Actor } from '@medjourney/platform';
import { CreateReferralBody, ReferralDto, ReferralPageDto } from './dto/journey.dto.js';
import { ReferralsService } from './services/referrals.service.js';

/** Referrals of a patient to another hospital (spec/journey.md, treating hospitals). */
@ApiTags('journey')
@ApiBearerAuth()
@Controller('patients')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post(':id/referrals')
  @Roles('hospital_coordinator')
  @Idempotent()
  @ApiOperation({
    summary: 'Refer the patient to another registered hospital, which treats them from then on (coordinators of a sponsoring hospital; any other hospital: 404). 422 REFERRAL_TARGET_NOT_REGISTERED, 409 ALREADY_TREATING',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ReferralDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  refer(@Param('id') id: string, @Body() body: CreateReferralBody, @CurrentActor() actor: Actor) {
    return this.referrals.refer(actor, id, body);
  }

  @Get(':id/referrals')
  @Roles('patient', 'hospital_coordinator', 'admin')
  @ApiOperation({ summary: 'The patient\'s referrals, oldest first (the patient; coordinators of a treating hospital; admins)' })
  @ApiOkResponse({ type: ReferralPageDto })
  @ApiProblems(400, 401, 403, 404)
  list(@Param('id') id: string, @Query() query: PageQuery, @CurrentActor() actor: Actor) {
    return this.referrals.list(actor, id, query);
  }
}
