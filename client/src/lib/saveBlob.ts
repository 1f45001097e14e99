/** Hands a file the page fetched (a PDF answered to a POST) to the browser's download, under its name. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the bytes once click() returned; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
