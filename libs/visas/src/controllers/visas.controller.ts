import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentActor, Public, Roles, type Actor } from '@medjourney/platform';
import type { Request, Response } from 'express';
import { ReasonDto } from '../dto/visa-application.dto.js';
import { VerificationDto, VerifyVisaQuery, VisaDto } from '../dto/visa.dto.js';
import { VisasService } from '../services/visas.service.js';

const READERS = ['hospital_coordinator', 'patient', 'officer', 'supervisor', 'admin'] as const;

@ApiTags('visas')
@Controller()
export class VisasController {
  constructor(private readonly visas: VisasService) {}

  @Get('visas/verify')
  @Public()
  @ApiOperation({ summary: 'Verify a visa by its number and the holder\'s passport number (no login; rate-limited)' })
  @ApiOkResponse({ type: VerificationDto })
  @ApiProblems(400, 429)
  verify(@Query() query: VerifyVisaQuery, @Req() req: Request) {
    return this.visas.verify(query.number, query.passportNumber, req.ip ?? 'unknown');
  }

  @Get('visa-applications/:id/persons/:personId/visa')
  @ApiBearerAuth()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The visa of an approved person' })
  @ApiOkResponse({ type: VisaDto })
  @ApiProblems(401, 403, 404)
  get(@Param('id') id: string, @Param('personId') personId: string, @CurrentActor() actor: Actor) {
    return this.visas.get(actor, id, personId);
  }

  @Get('visa-applications/:id/persons/:personId/visa.pdf')
  @ApiBearerAuth()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The one-page visa grant notice, with a QR code of the verification URL' })
  @ApiOkResponse({ description: 'PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(401, 403, 404)
  async pdf(@Param('id') id: string, @Param('personId') personId: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const { filename, content } = await this.visas.pdf(actor, id, personId);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="${filename}"`);
    return new StreamableFile(content);
  }

  @Post('visa-applications/:id/persons/:personId/visa/cancel')
  @ApiBearerAuth()
  @Roles('supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel an issued visa (supervisor)' })
  @ApiOkResponse({ type: VisaDto })
  @ApiProblems(400, 401, 403, 404, 409)
  cancel(@Param('id') id: string, @Param('personId') personId: string, @Body() body: ReasonDto, @CurrentActor() actor: Actor) {
    return this.visas.cancel(actor, id, personId, body.reason);
  }
}
