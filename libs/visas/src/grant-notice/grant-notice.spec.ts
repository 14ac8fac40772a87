import { describe, expect, it } from '@jest/globals';
import { decode as decodeJpeg } from 'jpeg-js';
import jsqr from 'jsqr';
import { PDFParse } from 'pdf-parse';
// pdf.js (inside pdf-parse) loads its worker with a native import(), which jest's CommonJS cannot
// run; loaded here first, the worker registers itself on globalThis.pdfjsWorker, where pdf.js
// looks before importing. pdf-parse pins this exact pdfjs-dist version.
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { renderGrantNotice, type GrantNotice } from './grant-notice.pdf.js';

// jsqr is CommonJS whose function is also its own `default`; tsc (nodenext) types the default
// import as the module, jest's interop gives the function: `.default` is the function for both.
const jsQR = jsqr.default;

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

/** The bytes of the PDF's one DCTDecode (JPEG) image stream, as pdfkit wrote them. */
function jpegStream(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1'); // one character per byte, so indexes are byte offsets
  const filter = text.indexOf('/Filter /DCTDecode');
  expect(filter).toBeGreaterThan(0);
  expect(text.indexOf('/Filter /DCTDecode', filter + 1)).toBe(-1);
  const dictionary = text.slice(text.lastIndexOf(' obj', filter), text.indexOf('>>', filter));
  const length = Number(/\/Length (\d+)/.exec(dictionary)?.[1]);
  const start = text.indexOf('stream\n', filter) + 'stream\n'.length;
  expect(text.slice(start + length, start + length + '\nendstream'.length)).toBe('\nendstream');
  return pdf.subarray(start, start + length);
}

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

    const image = decodeJpeg(jpegStream(pdf), { useTArray: true, formatAsRGBA: true });
    const qr = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
    expect(qr?.data).toBe(NOTICE.verificationUrl);
  });

  it('gives the same file for the same notice', async () => {
    expect((await renderGrantNotice(NOTICE)).equals(await renderGrantNotice(NOTICE))).toBe(true);
  });
});
