/**
 * A phone photo made small enough to send (≤ 200 KB, the server's limit): drawn on a canvas at most
 * 1280 px on its long side and encoded as JPEG, the quality lowered until it fits.
 */
const MAX_SIDE = 1280;
const MAX_BYTES = 200 * 1024;

export async function shrinkPhoto(file: File): Promise<{ mime: 'image/jpeg'; data: string }> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  for (let quality = 0.8; ; quality -= 0.15) {
    const url = canvas.toDataURL('image/jpeg', Math.max(quality, 0.2));
    const data = url.slice(url.indexOf(',') + 1);
    if ((data.length * 3) / 4 <= MAX_BYTES || quality <= 0.2) return { mime: 'image/jpeg', data };
  }
}
