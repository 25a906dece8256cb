import { isDict, isName, type PdfDict, type PdfValue } from './objects.js';

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data.slice()]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

// PNG row filters (predictor >= 10), as xref and object streams use them (mostly "Up").
function unpredict(data: Uint8Array, params: PdfDict): Uint8Array {
  const predictor = Number(params.get('Predictor') ?? 1);
  if (predictor < 10) {
    if (predictor === 1) return data;
    throw new TypeError(`unsupported predictor ${predictor}`);
  }
  const colors = Number(params.get('Colors') ?? 1);
  const bits = Number(params.get('BitsPerComponent') ?? 8);
  const columns = Number(params.get('Columns') ?? 1);
  const pixel = Math.max(1, Math.ceil((colors * bits) / 8));
  const row = Math.ceil((colors * bits * columns) / 8);
  const rows = Math.floor(data.length / (row + 1));
  const out = new Uint8Array(rows * row);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (row + 1)] ?? 0;
    const src = r * (row + 1) + 1;
    const dst = r * row;
    for (let i = 0; i < row; i++) {
      const raw = data[src + i] ?? 0;
      const left = i >= pixel ? (out[dst + i - pixel] ?? 0) : 0;
      const up = r > 0 ? (out[dst - row + i] ?? 0) : 0;
      const upLeft = r > 0 && i >= pixel ? (out[dst - row + i - pixel] ?? 0) : 0;
      const predicted =
        type === 1 ? left : type === 2 ? up : type === 3 ? (left + up) >> 1 : type === 4 ? paeth(left, up, upLeft) : 0;
      out[dst + i] = (raw + predicted) & 0xff;
    }
  }
  return out;
}

/** Decodes a stream's data through its filters. Only what cross-reference and object streams use. */
export async function decodeStream(dict: PdfDict, data: Uint8Array): Promise<Uint8Array> {
  const filter = dict.get('Filter');
  const filters = Array.isArray(filter) ? filter : filter === undefined ? [] : [filter];
  const paramsValue = dict.get('DecodeParms');
  const paramsList: PdfValue[] = Array.isArray(paramsValue) ? paramsValue : [paramsValue ?? null];
  let out = data;
  for (const [index, item] of filters.entries()) {
    if (!isName(item, 'FlateDecode')) throw new TypeError(`unsupported filter ${isName(item) ? item.name : '?'}`);
    out = await inflate(out);
    const params = paramsList[index];
    if (isDict(params)) out = unpredict(out, params);
  }
  return out;
}
