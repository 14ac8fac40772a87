import { describe, expect, it } from '@jest/globals';
import { qrOfPdf } from '@medjourney/testing';
import { PDFParse } from 'pdf-parse';
// pdf.js (inside pdf-parse) loads its worker with a native import(), which jest's CommonJS cannot
// run; loaded here first, the worker registers itself on globalThis.pdfjsWorker, where pdf.js
// looks before importing. pdf-parse pins this exact pdfjs-dist version.
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { renderGrantNotice, type GrantNotice } from './grant-notice.pdf.js';

const NOTICE: GrantNotice = {
  visaNumber: 'G12349865M',
  holderName: 'NURLANOVA AIGERIM',
  nationality: 'KAZ',
  passportNumber: 'N12345678',
  dateOfBirth: '1985-03-14',
  category: 'C-3-3',
  entries: 'double',
  issuedAt: '2026-03-02T16:30:00.000Z',
  enterBy: '2026-09-03',
  maxStayDays: 60,
  sponsorName: 'Seoul National University Hospital International Healthcare Center',
  verificationUrl: 'https://visa.example.kr/api/v1/visas/verify?number=G12349865M&passportNumber=N12345678',
};

describe('renderGrantNotice', () => {
  it('renders a one-page PDF with the holder, the visa and a QR code of the verification URL', async () => {
    const pdf = await renderGrantNotice(NOTICE);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    try {
      const result = await parser.getText();
      expect(result.total).toBe(1);
      expect(result.text).toContain(NOTICE.holderName);
      expect(result.text).toContain(NOTICE.visaNumber);
      expect(result.text).toContain(NOTICE.passportNumber);
      expect(result.text).toContain('2026-03-03'); // issued on 3 March in Korea
    } finally {
      await parser.destroy();
    }

    expect(qrOfPdf(pdf)).toBe(NOTICE.verificationUrl);
  });

  it('gives the same file for the same notice', async () => {
    expect((await renderGrantNotice(NOTICE)).equals(await renderGrantNotice(NOTICE))).toBe(true);
  });
});
