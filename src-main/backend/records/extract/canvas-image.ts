/** Raw RGBA pixels to a PNG that tesseract can read, through @napi-rs/canvas. */
import { createCanvas } from '@napi-rs/canvas';

export function rgbaToPng(rgba: Uint8Array, width: number, height: number): Buffer {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(width, height);
  img.data.set(rgba.subarray(0, width * height * 4));
  ctx.putImageData(img, 0, 0);
  return canvas.toBuffer('image/png');
}
