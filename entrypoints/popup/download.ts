/**
 * Saves text as a file through the browser's download flow: Blob → object URL → `<a download>`.
 * No `downloads` permission needed, and nothing leaves the machine.
 */
export function downloadText(text: string, filename: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; the delay covers browsers that read the URL asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves bytes (e.g. a ZIP) the same way. */
export function downloadBytes(bytes: Uint8Array, filename: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mimeType }));
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
