import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Idempotent, Roles, type Actor } from '@medjourney/platform';
import { SlaExplanationDto } from '@medjourney/sla';
import {
  ApplicationPageDto, ApplicationViewDto, AssignDto, CreateApplicationDto, DecisionDto, HistoryEntryDto, ListApplicationsQuery, ReasonDto, RequestSupplementDto, UpdateApplicationDto,
} from '../dto/visa-application.dto.js';
import { ApplicationWorkflowService } from '../services/application-workflow.service.js';
import { ApplicationDraftsService } from '../services/application-drafts.service.js';
import { ApplicationQueriesService } from '../services/application-queries.service.js';

const READERS = ['hospital_coordinator', 'patient', 'officer', 'supervisor', 'admin'] as const;

@ApiTags('visa applications')
@ApiBearerAuth()
@Controller('visa-applications')
export class VisaApplicationsController {
  constructor(
    private readonly drafts: ApplicationDraftsService,
    private readonly queries: ApplicationQueriesService,
    private readonly workflow: ApplicationWorkflowService,
  ) {}

  @Post()
  @Roles('hospital_coordinator', 'patient')
  @Idempotent()
  @ApiOperation({ summary: 'Draft an application (roles: hospital_coordinator — their hospital sponsors; patient — names sponsorHospitalId)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ApplicationViewDto })
  @ApiProblems(400, 401, 403, 409, 422)
  create(@Body() body: CreateApplicationDto, @CurrentActor() actor: Actor) {
    return this.drafts.create(actor, body);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Applications in the caller\'s scope, newest first (coordinators: their hospital\'s; patients: their own; officers: assigned to them or unassigned; supervisors, admins: all)' })
  @ApiOkResponse({ type: ApplicationPageDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: ListApplicationsQuery, @CurrentActor() actor: Actor) {
    return this.queries.list(actor, query);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One application; passport numbers in full for officers, supervisors and the sponsor\'s coordinators (the read is audited)' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiProblems(401, 403, 404)
  get(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.queries.get(actor, id);
  }

  @Patch(':id')
  @Roles('hospital_coordinator', 'patient')
  @ApiOperation({ summary: 'Edit a draft (the sponsor\'s coordinator, the patient)' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  update(@Param('id') id: string, @Body() body: UpdateApplicationDto, @CurrentActor() actor: Actor) {
    return this.drafts.update(actor, id, body);
  }

  @Get(':id/sla')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The processing clock explained: its running and paused stretches with what moved it, and each stage with its instant and when it fired' })
  @ApiOkResponse({ type: SlaExplanationDto })
  @ApiProblems(401, 403, 404)
  sla(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.queries.slaExplanation(actor, id);
  }

  @Get(':id/history')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Every transition of the application' })
  @ApiOkResponse({ type: [HistoryEntryDto] })
  @ApiProblems(401, 403, 404)
  history(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.queries.history(actor, id);
  }

  @Post(':id/request-sponsorship')
  @Roles('patient')
  @HttpCode(200)
  @ApiOperation({ summary: 'The patient asks the chosen hospital to sponsor their draft' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiProblems(401, 403, 404, 409)
  requestSponsorship(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.workflow.requestSponsorship(actor, id);
  }

  @Post(':id/decline-sponsorship')
  @Roles('hospital_coordinator')
  @HttpCode(200)
  @ApiOperation({ summary: 'The sponsor declines; back to draft, the patient is notified' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiProblems(400, 401, 403, 404, 409)
  declineSponsorship(@Param('id') id: string, @Body() body: ReasonDto, @CurrentActor() actor: Actor) {
    return this.workflow.declineSponsorship(actor, id, body.reason);
  }

  @Post(':id/accept-sponsorship')
  @Roles('patient')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The patient accepts a hospital\'s application filed for their existing account: it is linked to them, the hospital may submit it and, once submitted, treats them (409 INVALID_TRANSITION when nothing waits for their acceptance)',
  })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiProblems(401, 403, 404, 409)
  acceptSponsorship(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.workflow.acceptSponsorship(actor, id);
  }

  @Post(':id/submit')
  @Roles('hospital_coordinator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit: fixes the track, checks every rule, the documents and the quota (409 AWAITING_PATIENT_CONSENT while the patient has not accepted the sponsorship)' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiProblems(401, 403, 404, 409, 422)
  submit(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.workflow.submit(actor, id);
  }

  @Post(':id/start-review')
  @Roles('officer', 'supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start the review (the assigned officer — an unassigned application is taken up — or a supervisor)' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiProblems(401, 403, 404, 409)
  startReview(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.workflow.startReview(actor, id);
  }

  @Post(':id/request-supplement')
  @Roles('officer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask for more documents (the assigned officer); pauses the clock' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiProblems(400, 401, 403, 404, 409)
  requestSupplement(@Param('id') id: string, @Body() body: RequestSupplementDto, @CurrentActor() actor: Actor) {
    return this.workflow.requestSupplement(actor, id, body);
  }

  @Post(':id/resubmit')
  @Roles('hospital_coordinator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resubmit after a supplement request, every requested item uploaded since' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiProblems(401, 403, 404, 409, 422)
  resubmit(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.workflow.resubmit(actor, id);
  }

  @Post(':id/decision')
  @Roles('officer', 'supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decide for each person (the assigned officer or a supervisor); visas for the approved' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  decide(@Param('id') id: string, @Body() body: DecisionDto, @CurrentActor() actor: Actor) {
    return this.workflow.decide(actor, id, body);
  }

  @Post(':id/withdraw')
  @Roles('hospital_coordinator', 'patient')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw (the sponsor\'s coordinator or the patient) from any state but approved, rejected, withdrawn' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiProblems(400, 401, 403, 404, 409)
  withdraw(@Param('id') id: string, @Body() body: ReasonDto, @CurrentActor() actor: Actor) {
    return this.workflow.withdraw(actor, id, body.reason);
  }

  @Post(':id/assign')
  @Roles('supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign to an active officer (supervisor)' })
  @ApiOkResponse({ type: ApplicationViewDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  assign(@Param('id') id: string, @Body() body: AssignDto, @CurrentActor() actor: Actor) {
    return this.workflow.assign(actor, id, body.officerId);
  }
}
