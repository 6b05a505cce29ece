/** The benchmark's fixed frames: the demo stills, drawn once into 640x480 canvases. */
export const FRAME_W = 640;
export const FRAME_H = 480;

export async function loadFrames(urls: string[]): Promise<HTMLCanvasElement[]> {
  const out: HTMLCanvasElement[] = [];
  for (const url of urls) {
    const bitmap = await createImageBitmap(await (await fetch(url)).blob());
    const canvas = document.createElement('canvas');
    canvas.width = FRAME_W;
    canvas.height = FRAME_H;
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, FRAME_W, FRAME_H);
    bitmap.close();
    out.push(canvas);
  }
  return out;
}
