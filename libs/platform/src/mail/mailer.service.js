var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Inject, Injectable, Logger } from '@nestjs/common';
import nodemailer from 'nodemailer';
import { APP_CONFIG } from '../config/config.module.js';
let MailerService = class MailerService {
    logger = new Logger('Mailer');
    transport;
    constructor(config) {
        this.transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : undefined;
    }
    get enabled() {
        return this.transport !== undefined;
    }
    async send(mail) {
        if (!this.transport) {
            this.logger.log({ subject: mail.subject }, 'SMTP_URL is not set; e-mail not sent');
            return 'skipped';
        }
        await this.transport.sendMail({ from: 'MedJourney <no-reply@medjourney.dev>', ...mail });
        return 'sent';
    }
    onModuleDestroy() {
        this.transport?.close();
    }
};
MailerService = __decorate([
    Injectable(),
    __param(0, Inject(APP_CONFIG)),
    __metadata("design:paramtypes", [Object])
], MailerService);
export { MailerService };
//# sourceMappingURL=mailer.service.js.map