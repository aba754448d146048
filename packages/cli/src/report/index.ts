import type { Format } from '../args';
import type { ScanResult } from '../scan';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatJsonl } from './jsonl';
import { formatSarif } from './sarif';
import { formatText } from './text';

export interface ReportOptions {
  color: boolean;
  /** `--quiet` (text): the findings only. */
  quiet?: boolean;
}

/** A reporter has one job: findings in, text out. */
export function formatReport(format: Format, result: ScanResult, options: ReportOptions): string {
  switch (format) {
    case 'json':
      return formatJson(result);
    case 'jsonl':
      return formatJsonl(result);
    case 'text':
      return formatText(result, options);
    case 'github':
      return formatGithub(result);
    case 'sarif':
      return formatSarif(result);
  }
}

export { formatGithub, formatJson, formatSarif, formatText };
