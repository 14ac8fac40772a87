import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Idempotent, Roles, type Actor } from '@medjourney/platform';
import {
  AvailabilityDto, CareProviderDto, CareProviderPageDto, CareProviderQuery, CreateCareProviderDto, UpdateCareProviderDto,
} from '../dto/care-provider.dto.js';
import { CareProvidersService } from '../services/care-providers.service.js';

@ApiTags('care providers')
@ApiBearerAuth()
@Controller('care-providers')
export class CareProvidersController {
  constructor(private readonly providers: CareProvidersService) {}

  @Post()
  @Roles('admin', 'ministry_reviewer')
  @Idempotent()
  @ApiOperation({ summary: 'Register a caregiver or interpreter, inactive until verified (roles: admin, ministry_reviewer)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CareProviderDto })
  @ApiProblems(400, 401, 403)
  create(@Body() body: CreateCareProviderDto): Promise<CareProviderDto> {
    return this.providers.create(body);
  }

  @Post(':id/verify')
  @Roles('admin', 'ministry_reviewer')
  @ApiOperation({ summary: 'Verify a provider, who becomes active; verifying again changes nothing (roles: admin, ministry_reviewer)' })
  @ApiCreatedResponse({ type: CareProviderDto })
  @ApiProblems(401, 403, 404)
  verify(@Param('id') id: string): Promise<CareProviderDto> {
    return this.providers.verify(id);
  }

  @Get()
  @Roles('admin', 'ministry_reviewer', 'hospital_coordinator', 'care_provider')
  @ApiOperation({ summary: 'List providers by name (roles: admin, ministry_reviewer, hospital_coordinator — all; care_provider — themselves)' })
  @ApiOkResponse({ type: CareProviderPageDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: CareProviderQuery, @CurrentActor() actor: Actor): Promise<CareProviderPageDto> {
    return this.providers.list(actor, query);
  }

  @Get(':id')
  @Roles('admin', 'ministry_reviewer', 'hospital_coordinator', 'care_provider')
  @ApiOperation({ summary: 'One provider (roles: admin, ministry_reviewer, hospital_coordinator; care_provider — themselves)' })
  @ApiOkResponse({ type: CareProviderDto })
  @ApiProblems(401, 403, 404)
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<CareProviderDto> {
    return this.providers.get(actor, id);
  }

  @Patch(':id')
  @Roles('admin', 'ministry_reviewer', 'care_provider')
  @ApiOperation({ summary: 'Edit a provider (roles: admin, ministry_reviewer — every field; care_provider — their own profile, not certifications)' })
  @ApiOkResponse({ type: CareProviderDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@Param('id') id: string, @Body() body: UpdateCareProviderDto, @CurrentActor() actor: Actor): Promise<CareProviderDto> {
    return this.providers.update(actor, id, body);
  }

  @Get(':id/availability')
  @Roles('admin', 'ministry_reviewer', 'hospital_coordinator', 'care_provider')
  @ApiOperation({ summary: 'A provider\'s weekly hours and exceptions (roles: as for reading the provider)' })
  @ApiOkResponse({ type: AvailabilityDto })
  @ApiProblems(401, 403, 404)
  availability(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<AvailabilityDto> {
    return this.providers.availability(actor, id);
  }

  @Put(':id/availability')
  @Roles('admin', 'ministry_reviewer', 'care_provider')
  @ApiOperation({ summary: 'Replace a provider\'s weekly hours (local wall-clock time in their zone) and exceptions (roles: admin, ministry_reviewer; care_provider — their own)' })
  @ApiOkResponse({ type: AvailabilityDto })
  @ApiProblems(400, 401, 403, 404)
  setAvailability(@Param('id') id: string, @Body() body: AvailabilityDto, @CurrentActor() actor: Actor): Promise<AvailabilityDto> {
    return this.providers.setAvailability(actor, id, body);
  }
}
