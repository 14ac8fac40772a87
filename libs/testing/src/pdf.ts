import { decode as decodeJpeg } from 'jpeg-js';
import jsqr from 'jsqr';

// jsqr is CommonJS whose function is also its own `default`; tsc (nodenext) types the default
// import as the module, jest's interop gives the function: `.default` is the function for both.
const jsQR = jsqr.default;

/** The bytes of the PDF's one DCTDecode (JPEG) image stream, as pdfkit wrote them. */
export function jpegStream(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1'); // one character per byte, so indexes are byte offsets
  const filter = text.indexOf('/Filter /DCTDecode');
  if (filter < 0 || text.indexOf('/Filter /DCTDecode', filter + 1) >= 0) throw new Error('expected exactly one JPEG image in the PDF');
  const dictionary = text.slice(text.lastIndexOf(' obj', filter), text.indexOf('>>', filter));
  const length = Number(/\/Length (\d+)/.exec(dictionary)?.[1]);
  const start = text.indexOf('stream\n', filter) + 'stream\n'.length;
  if (text.slice(start + length, start + length + '\nendstream'.length) !== '\nendstream') throw new Error('JPEG stream length does not match');
  return pdf.subarray(start, start + length);
}

/** Decodes the QR code a PDF carries as its JPEG image; null when it holds none readable. */
export function qrOfPdf(pdf: Buffer): string | null {
  const image = decodeJpeg(jpegStream(pdf), { useTArray: true, formatAsRGBA: true });
  return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)?.data ?? null;
}
