import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Roles, type Actor } from '@medjourney/platform';
import { MatchDto, MatchRequestDto } from '../dto/match.dto.js';
import { MatchingService } from '../services/matching.service.js';

@ApiTags('care assignments')
@ApiBearerAuth()
@Controller('matches')
export class MatchesController {
  constructor(private readonly matching: MatchingService) {}

  @Post()
  @HttpCode(200)
  @Roles('hospital_coordinator', 'patient')
  @ApiOperation({
    summary: 'The best available providers for a request, at most 10, with score breakdowns and the count each hard filter excluded (roles: hospital_coordinator — for their patients; patient — for themselves)',
    description: 'Without `language`, the patient\'s preferred language (their profile\'s first): the calling patient\'s own, or that of `patientId`. A `patientId` outside the caller\'s scope is 404; no language from either is 422 `LANGUAGE_REQUIRED`.',
  })
  @ApiOkResponse({ type: MatchDto })
  @ApiProblems(400, 401, 403, 404, 422)
  match(@Body() body: MatchRequestDto, @CurrentActor() actor: Actor): Promise<MatchDto> {
    return this.matching.match(actor, body);
  }
}
