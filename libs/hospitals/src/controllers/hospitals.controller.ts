import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Idempotent, Public, Roles, type Actor } from '@medjourney/platform';
import { CreateHospitalDto, DirectoryQuery, HospitalDto, HospitalPageDto, UpdateHospitalDto } from '../dto/hospital.dto.js';
import { HospitalsService } from '../services/hospitals.service.js';

@ApiTags('hospitals')
@Controller('hospitals')
export class HospitalsController {
  constructor(private readonly hospitals: HospitalsService) {}

  @Post()
  @Roles('admin', 'ministry_reviewer')
  @Idempotent()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Register a hospital (roles: admin, ministry_reviewer)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: HospitalDto })
  @ApiProblems(400, 401, 403, 409)
  create(@Body() body: CreateHospitalDto): Promise<HospitalDto> {
    return this.hospitals.create(body);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'The public directory (no login): filters, designation status and the K-Healthcare mark' })
  @ApiOkResponse({ type: HospitalPageDto })
  @ApiProblems(400)
  directory(@Query() query: DirectoryQuery): Promise<HospitalPageDto> {
    return this.hospitals.directory(query);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One hospital of the directory (no login)' })
  @ApiOkResponse({ type: HospitalDto })
  @ApiProblems(404)
  get(@Param('id') id: string): Promise<HospitalDto> {
    return this.hospitals.get(id);
  }

  @Patch(':id')
  @Roles('admin', 'ministry_reviewer', 'hospital_coordinator')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Edit a hospital (roles: admin, ministry_reviewer — every field; hospital_coordinator — their own hospital\'s profile, not licence, type, bed count, registration or certifications)',
  })
  @ApiOkResponse({ type: HospitalDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@Param('id') id: string, @Body() body: UpdateHospitalDto, @CurrentActor() actor: Actor): Promise<HospitalDto> {
    return this.hospitals.update(actor, id, body);
  }

  @Post(':id/k-healthcare-mark')
  @Roles('ministry_reviewer')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Award the K-Healthcare mark (role: ministry_reviewer); awarding it again changes nothing' })
  @ApiCreatedResponse({ type: HospitalDto })
  @ApiProblems(401, 403, 404)
  award(@Param('id') id: string): Promise<HospitalDto> {
    return this.hospitals.setMark(id, true);
  }

  @Delete(':id/k-healthcare-mark')
  @Roles('ministry_reviewer')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Withdraw the K-Healthcare mark (role: ministry_reviewer)' })
  @ApiOkResponse({ type: HospitalDto })
  @ApiProblems(401, 403, 404)
  withdraw(@Param('id') id: string): Promise<HospitalDto> {
    return this.hospitals.setMark(id, false);
  }
}
