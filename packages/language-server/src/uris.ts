import { fileURLToPath } from 'node:url';

/**
 * The file a document URI stands for: `file:` URIs, and `vscode-notebook-cell:` URIs (a cell
 * of a notebook: the notebook's path, the cell in the fragment). Undefined for other schemes
 * (`untitled:`, a diff view's `git:`): those are scanned without a file.
 */
export function fileOfUri(uri: string): { path: string; isNotebookCell: boolean } | undefined {
  const colon = uri.indexOf(':');
  const scheme = colon === -1 ? '' : uri.slice(0, colon).toLowerCase();
  if (scheme !== 'file' && scheme !== 'vscode-notebook-cell') return undefined;
  const hash = uri.indexOf('#');
  const withoutFragment = hash === -1 ? uri : uri.slice(0, hash);
  try {
    return { path: fileURLToPath(`file${withoutFragment.slice(colon)}`), isNotebookCell: scheme === 'vscode-notebook-cell' };
  } catch {
    return undefined;
  }
}
