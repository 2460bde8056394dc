import { photoTypeOf } from '../../../../src-shared/profile/photo';

/** The longest side of the kept photo: sharp on a profile page, about 60 KB as JPEG. */
export const PHOTO_SIDE = 512;
/** Larger files are refused before they are decoded; a phone photo is well under this. */
export const MAX_CHOSEN_PHOTO_BYTES = 20 * 1024 * 1024;

export class PhotoProblem extends Error {}

/**
 * Checks a chosen file by its first bytes (PNG, JPEG or WebP), then draws it no larger than 512 pixels a
 * side on a canvas and returns it as a JPEG data: URL. The resizing happens here because the main process
 * has no image library; it checks the bytes again when it keeps the result.
 */
export async function resizePhoto(file: File): Promise<string> {
  if (file.size > MAX_CHOSEN_PHOTO_BYTES)
    throw new PhotoProblem(`That file is ${Math.round(file.size / 1024 / 1024)} MB; choose one under 20 MB.`);
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  if (!photoTypeOf(head)) throw new PhotoProblem('That file is not a PNG, JPEG or WebP image.');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new PhotoProblem('That image could not be read; it may be damaged.');
  }
  const scale = Math.min(1, PHOTO_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new PhotoProblem('This window cannot draw images, so the photo cannot be resized.');
  // JPEG has no transparency: a white background instead of black.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return canvas.toDataURL('image/jpeg', 0.86);
}
