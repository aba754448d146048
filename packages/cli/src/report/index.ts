import type { Format } from '../args';
import type { ScanResult } from '../scan';
import { formatJson } from './json';
import { formatText } from './text';

export interface ReportOptions {
  color: boolean;
}

/** A reporter has one job: findings in, text out. */
export function formatReport(format: Format, result: ScanResult, options: ReportOptions): string {
  switch (format) {
    case 'json':
      return formatJson(result);
    case 'text':
      return formatText(result, options);
    case 'sarif':
    case 'github':
      return formatJson(result); // replaced in issue #2's reporters
  }
}

export { formatJson, formatText };
