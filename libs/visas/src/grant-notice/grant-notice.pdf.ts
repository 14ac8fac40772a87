import { encode as encodeJpeg } from 'jpeg-js';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';
import { toBuffer as qrPng } from 'qrcode';

/** What a visa grant notice shows (spec/visas.md, visa grant notices); dates are YYYY-MM-DD. */
export interface GrantNotice {
  visaNumber: string;
  holderName: string;
  nationality: string;
  passportNumber: string;
  dateOfBirth: string;
  category: 'C-3-3' | 'G-1-10';
  entries: 'single' | 'double' | 'multiple';
  /** The instant of issue (ISO 8601); shown as its Korean date. */
  issuedAt: string;
  enterBy: string;
  maxStayDays: number;
  sponsorName: string;
  verificationUrl: string;
}

const CATEGORIES: Record<GrantNotice['category'], string> = {
  'C-3-3': 'C-3-3 (medical tourism, short term)',
  'G-1-10': 'G-1-10 (medical treatment, long term)',
};
const ENTRIES: Record<GrantNotice['entries'], string> = { single: 'Single entry', double: 'Double entry', multiple: 'Multiple entries' };

const MARGIN = 56;
const QR_SIZE = 150;
const VALUE_WIDTH = 200;

/** Renders the one-page A4 grant notice, which is the visa itself: Korea issues no visa stickers. */
export async function renderGrantNotice(n: GrantNotice): Promise<Buffer> {
  const issuedAt = new Date(n.issuedAt);
  const qr = await qrJpeg(n.verificationUrl);
  // A fixed CreationDate also fixes the file ID that pdfkit derives from it, so the same notice gives the same file.
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `Visa Grant Notice ${n.visaNumber}`, CreationDate: issuedAt } });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(11).text('REPUBLIC OF KOREA', { align: 'center' });
  doc.fontSize(20).text('Visa Grant Notice', { align: 'center' });
  doc.font('Helvetica').fontSize(11).text('Medical visa', { align: 'center' }).moveDown(2);

  const lines: [string, string][] = [
    ['Visa number', n.visaNumber],
    ['Name', n.holderName],
    ['Nationality', n.nationality],
    ['Passport number', n.passportNumber],
    ['Date of birth', n.dateOfBirth],
    ['Visa type', CATEGORIES[n.category]],
    ['Entries', ENTRIES[n.entries]],
    ['Date of issue', issuedAt.toLocaleDateString('en-CA', { timeZone: 'Asia/Seoul' })],
    ['Enter Korea by', n.enterBy],
    ['Length of stay', `up to ${n.maxStayDays} days`],
    ['Sponsor', n.sponsorName],
  ];
  const top = doc.y;
  let y = top;
  for (const [label, value] of lines) {
    doc.font('Helvetica-Bold').fontSize(11).text(label, MARGIN, y, { lineBreak: false });
    doc.font('Helvetica').text(value, MARGIN + 120, y, { width: VALUE_WIDTH });
    y = doc.y + 8; // a long value (the sponsor's name) may wrap
  }

  const qrX = doc.page.width - MARGIN - QR_SIZE;
  doc.image(qr, qrX, top, { width: QR_SIZE, height: QR_SIZE });
  doc.fontSize(8).text('Scan to verify this visa', qrX, top + QR_SIZE + 4, { width: QR_SIZE, align: 'center' });

  doc
    .fontSize(10)
    .text(
      'Korea issues no visa sticker: this notice is the visa. Carry it with the passport named above. ' +
        `Airlines and border officers verify it by its QR code or at ${n.verificationUrl}`,
      MARGIN,
      Math.max(y, doc.y) + 24,
      { width: doc.page.width - 2 * MARGIN },
    );

  doc.end();
  return done;
}

/**
 * The QR code as a JPEG: pdfkit stores a JPEG as it is (DCTDecode), so the image in the file is
 * the one encoded here. 8 pixels per module and the standard 4-module quiet zone keep it readable.
 */
async function qrJpeg(text: string): Promise<Buffer> {
  const png = PNG.sync.read(await qrPng(text, { type: 'png', errorCorrectionLevel: 'M', scale: 8, margin: 4 }));
  return encodeJpeg({ data: png.data, width: png.width, height: png.height }, 95).data;
}
