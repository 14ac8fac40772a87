import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Roles } from '@medjourney/platform';
import type { Response } from 'express';
import { toCsv } from './domain/csv.js';
import { emptyAggregate, rowOf } from './domain/figures.js';
import { LanguagesDto, ProgrammeFiguresDto, ProgrammeQuery } from './dto/statistics.dto.js';
import { ProgrammeFiguresService } from './services/programme-figures.service.js';

const READERS = ['ministry_reviewer', 'supervisor', 'admin'] as const;

/** The programme figures (spec/statistics.md): ministry reviewers, supervisors and admins; every other role 403. */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly figures: ProgrammeFiguresService) {}

  @Get('programme')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Programme figures for up to 36 months (Asia/Seoul), grouped; rows of fewer than 5 patients summed into "other"; CSV on Accept: text/csv' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ProgrammeFiguresDto, description: 'JSON, or with Accept: text/csv the rows as CSV (a header line of the field names first)' })
  @ApiProblems(400, 401, 403, 422)
  async programme(@Query() q: ProgrammeQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const answer = await this.figures.programme(q);
    if (!accept?.includes('text/csv')) return answer;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="programme-${answer.from}-${answer.to}-${answer.groupBy}.csv"`);
    return toCsv(answer.rows, rowOf('', emptyAggregate(), 0));
  }

  @Get('languages')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Demand by language beside supply: patients preferring it, active interpreters, interpreter requests of the last 12 months' })
  @ApiOkResponse({ type: LanguagesDto })
  @ApiProblems(401, 403)
  languages() {
    return this.figures.languages();
  }
}
