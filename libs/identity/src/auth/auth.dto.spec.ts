import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AcceptInviteDto, PasswordResetConfirmDto } from './auth.dto.js';
import { MIN_PASSWORD_LENGTH } from './passwords.js';

/** The fields a body fails on, sorted. */
const failing = (dto: new () => object, body: object) => validateSync(plainToInstance(dto, body)).map((e) => e.property).sort();

const TOKEN = 'a-mailed-token-of-43-characters-in-base64url';
const PASSWORD = 'x'.repeat(MIN_PASSWORD_LENGTH);

describe('a password chosen from a mailed link: invitation and reset take the same body', () => {
  it.each([
    ['a good body', { token: TOKEN, password: PASSWORD }, []],
    ['a password one short', { token: TOKEN, password: PASSWORD.slice(1) }, ['password']],
    ['a token too short', { token: 'short', password: PASSWORD }, ['token']],
    ['a token too long', { token: 't'.repeat(201), password: PASSWORD }, ['token']],
    ['numbers for strings', { token: 1234567890, password: 12345678901234 }, ['password', 'token']],
    ['nothing', {}, ['password', 'token']],
  ])('%s', (_, body, fields) => {
    expect(failing(AcceptInviteDto, body)).toEqual(fields);
    expect(failing(PasswordResetConfirmDto, body)).toEqual(fields);
  });
});
